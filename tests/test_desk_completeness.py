"""Completeness console: missing components per procedure, the legal publishing window, XLSX export."""

from datetime import date, datetime, timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import PageLogEntry

from core.workdays import add_working_days
from procedures.desk.completeness import decision_rows, missing_components
from procedures.factories import make_decision, make_procedure
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "mat-khau-rat-dai-1")
    login_with_second_factor(client, user)
    return client


def test_complete_procedure_has_nothing_missing():
    assert missing_components(make_procedure()) == []


def test_flags_a_procedure_missing_its_fees():
    channels = [("channel", {"method": "truc_tiep", "deadline": "05 ngày", "fee": "", "description": ""})]
    page = make_procedure(fee="", fee_note="", channels=channels)
    assert missing_components(page) == ["fee"]


def test_flags_each_missing_component():
    page = make_procedure(steps=[], channels=[], dossier=[], deadline="", subjects="", result="",
                          conditions="", fee="", legal_basis=[], competent_agency="", forms=[])
    page.implementing_agency = None
    assert set(missing_components(page)) == {
        "steps", "channels", "dossier", "deadline", "subjects", "agency", "result", "conditions", "fee",
        "legal_basis",
    }


def test_forms_are_required_only_where_the_dossier_asks_for_one():
    no_form_needed = [("case", {"case_name": "", "items": [
        {"name": "Giấy chứng sinh", "form_name": "", "form": None, "originals": 1, "copies": 0, "note": ""}]})]
    assert missing_components(make_procedure(forms=[], dossier=no_form_needed)) == []
    assert missing_components(make_procedure(forms=[])) == ["forms"]


def _publish_at(page, when):
    PageLogEntry.objects.filter(page=page, action="wagtail.publish").update(timestamp=when)


def test_publishing_window_of_five_working_days():
    # Monday 2 November 2026: the window ends on Monday 9 November.
    decision = make_decision("500/QĐ-UBND", date(2026, 11, 2))
    assert add_working_days(decision.date, 5) == date(2026, 11, 9)
    on_time = make_procedure(name="Đúng hạn", decision=decision)
    late = make_procedure(name="Chậm", decision=decision)
    make_procedure(name="Chưa đăng", decision=decision, publish=False)
    tz = timezone.get_current_timezone()
    _publish_at(on_time, datetime(2026, 11, 9, 16, 0, tzinfo=tz))
    _publish_at(late, datetime(2026, 11, 10, 8, 0, tzinfo=tz))
    [row] = decision_rows([decision])
    assert row.deadline == date(2026, 11, 9)
    assert row.procedures == 3
    assert row.on_time == 1
    assert [p.pk for p, _when in row.late] == [late.pk]
    assert [p.official_name for p in row.unpublished] == ["Chưa đăng"]
    assert not row.ok


def test_console_lists_missing_parts_and_sorts(admin_client):
    make_procedure(name="Thủ tục đầy đủ", code="1.000001")
    make_procedure(name="Thủ tục thiếu phí", code="1.000002", fee="", channels=[])
    html = admin_client.get("/quan-tri/kiem-tra-thu-tuc/?sap-xep=-thieu").content.decode()
    assert html.index("Thủ tục thiếu phí") < html.index("Thủ tục đầy đủ")
    assert "Cách thức thực hiện, Phí, lệ phí" in html
    html = admin_client.get("/quan-tri/kiem-tra-thu-tuc/?sap-xep=ma").content.decode()
    assert html.index("Thủ tục đầy đủ") < html.index("Thủ tục thiếu phí")
    only = admin_client.get("/quan-tri/kiem-tra-thu-tuc/?thieu=fee").content.decode()
    assert "Thủ tục thiếu phí" in only and "Thủ tục đầy đủ" not in only


def test_console_exports_xlsx(admin_client):
    from openpyxl import load_workbook

    make_decision("600/QĐ-UBND", date(2026, 11, 2), published_on_portal_at=timezone.now() - timedelta(days=1))
    make_procedure(name="Thủ tục thiếu phí", code="1.000002", fee="", channels=[])
    response = admin_client.get("/quan-tri/kiem-tra-thu-tuc/?xuat=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Thủ tục"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Số thành phần thiếu",
                           "Thành phần thiếu")
    assert rows[1][0] == "1.000002" and rows[1][5] == "Cách thức thực hiện; Phí, lệ phí"
    decisions = list(book["Quyết định công bố"].iter_rows(values_only=True))
    assert decisions[1][0] == "600/QĐ-UBND"


def test_console_is_for_catalogue_editors_only(client):
    user = get_user_model().objects.create_user("tin-tuc", "tt@example.invalid", "mat-khau-rat-dai-1")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_with_second_factor(client, user)
    assert client.get("/quan-tri/kiem-tra-thu-tuc/").status_code in (302, 403)
