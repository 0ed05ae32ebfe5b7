"""Legal lineage: the timeline of announcing decisions and the per-amendment diff of what changed."""

from datetime import date

import pytest

from procedures.desk.lineage import diff_pages, lineage
from procedures.factories import amend, make_decision, make_procedure
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db


def _dossier_with_more_copies():
    return [
        ("case", {"case_name": "", "items": [
            {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form_name": "Tờ khai đăng ký khai sinh",
             "form": None, "originals": 1, "copies": 0, "note": ""},
            {"name": "Giấy chứng sinh", "form_name": "", "form": None, "originals": 1, "copies": 2, "note": ""},
            {"name": "Văn bản ủy quyền (nếu có)", "form_name": "", "form": None, "originals": 1, "copies": 0,
             "note": ""},
        ]}),
    ]


@pytest.fixture
def amended_procedure():
    first = make_decision("100/QĐ-UBND", date(2026, 3, 2))
    second = make_decision("200/QĐ-UBND", date(2026, 9, 15))
    page = make_procedure(decision=first)
    page = amend(
        page, second, changed_parts="Phí, thành phần hồ sơ",
        fee="Lệ phí 8.000 đồng/bản", dossier=_dossier_with_more_copies(),
    )
    return page, first, second


def test_diff_lists_the_changed_fields_and_only_those(amended_procedure):
    page, _first, second = amended_procedure
    entries = lineage(page)
    assert [e.change.decision.number for e in entries] == ["100/QĐ-UBND", "200/QĐ-UBND"]
    amendment = entries[1]
    assert amendment.compared
    assert [c.name for c in amendment.changes] == ["fee", "dossier"]
    fee = amendment.changes[0]
    assert (fee.before, fee.after) == ("Miễn lệ phí", "Lệ phí 8.000 đồng/bản")
    assert ("ins", "Lệ phí 8.000 đồng/bản") in fee.words or any(op == "ins" for op, _ in fee.words)
    dossier_lines = amendment.changes[1].lines
    assert ("add", "thêm «Văn bản ủy quyền (nếu có)»") in dossier_lines
    assert ("change", "«Giấy chứng sinh»: bản sao 0 → 2") in dossier_lines
    assert len(dossier_lines) == 2


def test_identical_versions_have_no_diff(amended_procedure):
    page, _first, _second = amended_procedure
    same = ProcedurePage.objects.get(pk=page.pk)
    assert diff_pages(page, same) == []


def test_channel_deadline_change_is_reported_per_channel():
    decision = make_decision("300/QĐ-UBND", date(2026, 10, 1))
    page = make_procedure(decision=make_decision("301/QĐ-UBND", date(2026, 1, 5)))
    channels = [
        ("channel", {"method": "truc_tiep", "deadline": "03 ngày làm việc", "fee": "Không", "description": ""}),
        ("channel", {"method": "truc_tuyen", "deadline": "Trong ngày làm việc", "fee": "Không", "description": ""}),
    ]
    page = amend(page, decision, channels=channels)
    changes = lineage(page)[-1].changes
    assert [c.name for c in changes] == ["channels"]
    assert changes[0].lines == [
        ("change", "Trực tiếp – thời hạn: «Trong ngày làm việc» → «03 ngày làm việc»")
    ]


def test_lineage_page_shows_timeline_and_diff(client, amended_procedure):
    page, _first, _second = amended_procedure
    response = client.get(f"/thu-tuc/lich-su/{page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "100/QĐ-UBND" in html and "200/QĐ-UBND" in html
    assert "Phí, lệ phí" in html and "Lệ phí 8.000 đồng/bản" in html
    assert "Văn bản ủy quyền (nếu có)" in html
    # Fields that did not change are not listed in the amendment's diff.
    assert "Kết quả thực hiện" not in html.split("lineage-diff", 1)[1]


def test_replaced_procedure_points_to_its_replacement(client):
    decision = make_decision("400/QĐ-UBND", date(2026, 6, 1))
    new = make_procedure(name="Đăng ký khai sinh (mới)", decision=decision)
    old = make_procedure(name="Đăng ký khai sinh (cũ)", decision=make_decision("401/QĐ-UBND", date(2025, 1, 6)))
    old = ProcedurePage.objects.get(pk=old.pk)
    from procedures.models import StatusChange

    old.status_changes.add(StatusChange(decision=decision, kind="replaced", replacement=new,
                                        effective_date=decision.date))
    old.save_revision().publish()
    html = client.get(f"/thu-tuc/lich-su/{old.pk}/").content.decode()
    assert "Bị thay thế" in html
    assert new.url in html


def test_unknown_or_draft_procedure_is_404(client):
    page = make_procedure(publish=False)
    assert client.get(f"/thu-tuc/lich-su/{page.pk}/").status_code == 404
    assert client.get("/thu-tuc/lich-su/999999/").status_code == 404
