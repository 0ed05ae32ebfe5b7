"""Notice-board sheets: the required components, QR code and version mark; stale after an amendment."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from home.models import SiteSettings
from procedures.desk.models import Desk, PrintedSheet, stale_sheets
from procedures.factories import add_status_change, amend, make_decision, make_procedure
from procedures.models import ProcedureLevel, ProcedurePage
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_with_procedure():
    page = make_procedure(decision=make_decision("10/QĐ-UBND", date(2026, 2, 2)))
    desk = Desk.objects.create(name="Bộ phận một cửa phường Sao Đỏ")
    desk.levels.add(ProcedureLevel.objects.get(name="Cấp xã"))
    return desk, page


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "mat-khau-rat-dai-1")
    login_with_second_factor(client, user)
    return client


def test_sheet_shows_required_components_qr_and_version(client, desk_with_procedure):
    desk, page = desk_with_procedure
    from wagtail.models import Site

    settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.address = "Số 104 đường Nguyễn Trãi"
    settings_obj.email = "phananh@example.invalid"
    settings_obj.hotline_numbers = [("phone", {"label": "Đường dây nóng", "number": "0220 3882 999"})]
    settings_obj.save()
    html = client.get(f"/thu-tuc/niem-yet/{page.pk}/").content.decode()
    for heading in ("Trình tự thực hiện", "Cách thức thực hiện", "Thành phần, số lượng hồ sơ",
                    "Đối tượng thực hiện", "Cơ quan thực hiện", "Kết quả thực hiện", "Phí, lệ phí",
                    "Yêu cầu, điều kiện", "Căn cứ pháp lý", "Mẫu đơn, tờ khai", "Thời hạn giải quyết"):
        assert heading in html, heading
    assert "Giấy chứng sinh" in html and "Luật Hộ tịch" in html
    assert "<svg" in html and "Mã QR" in html
    assert page.get_full_url() in html
    assert "Số 104 đường Nguyễn Trãi" in html and "0220 3882 999" in html and "phananh@example.invalid" in html
    page.refresh_from_db()
    assert f"Phiên bản số {page.live_revision_id}" in html
    assert f"Cập nhật ngày {page.last_published_at.astimezone().strftime('%d/%m/%Y')}" in html


def test_desk_batch_has_one_sheet_per_procedure(admin_client, desk_with_procedure):
    desk, page = desk_with_procedure
    other = make_procedure(name="Đăng ký kết hôn")
    make_procedure(name="Cấp giấy phép xây dựng", level="Cấp tỉnh")  # not on a commune desk
    html = admin_client.get(f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/in/").content.decode()
    assert html.count('<article class="sheet"') == 2
    assert "Đăng ký kết hôn" in html and "Cấp giấy phép xây dựng" not in html
    only = admin_client.get(f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/in/?thu-tuc={other.pk}")
    assert only.content.decode().count('<article class="sheet"') == 1


def test_a_whole_board_is_printed_by_signed_in_staff_only(client, desk_with_procedure):
    """Hundreds of sheets are the desk staff's print job, not a free page for anyone: the old public
    address leads to the admin (sign-in, second factor, the desk's permission)."""
    desk, page = desk_with_procedure
    old = client.get(f"/thu-tuc/niem-yet/bo-phan/{desk.pk}/?thu-tuc={page.pk},x,99999999999")
    assert old.status_code == 302
    assert old["Location"] == f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/in/?thu-tuc={page.pk}"
    anonymous = client.get(old["Location"])
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/quan-tri/login/")
    stranger = get_user_model().objects.create_user("nguoi-la", password="mat-khau-rat-dai-2")
    login_with_second_factor(client, stranger)
    assert client.get(old["Location"]).status_code in (302, 403, 404)
    # The single sheet a citizen prints stays public.
    client.logout()
    assert client.get(f"/thu-tuc/niem-yet/{page.pk}/").status_code == 200


def test_sheet_printed_before_an_amendment_is_stale_after_it(desk_with_procedure):
    desk, page = desk_with_procedure
    sheet = PrintedSheet.record(desk, ProcedurePage.objects.get(pk=page.pk))
    assert sheet.stale_reason() is None
    # Republishing without a change keeps the posted sheet current.
    ProcedurePage.objects.get(pk=page.pk).save_revision().publish()
    assert stale_sheets([desk]) == []
    amend(page, make_decision("20/QĐ-UBND", date(2026, 9, 1)), fee="Lệ phí 8.000 đồng/bản")
    stale = stale_sheets([desk])
    assert [s.pk for s, _reason in stale] == [sheet.pk]
    assert stale[0][1].startswith("Nội dung thay đổi")
    # Printing it again makes the board current, and the old printing is withdrawn.
    PrintedSheet.record(desk, ProcedurePage.objects.get(pk=page.pk))
    assert stale_sheets([desk]) == []
    assert PrintedSheet.objects.filter(desk=desk, page=page).count() == 2


def test_board_records_printing_and_reports_stale_sheets(admin_client, desk_with_procedure):
    desk, page = desk_with_procedure
    response = admin_client.post(
        f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/", {"hanh_dong": "in-chon", "thu_tuc": [str(page.pk)]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/in/?thu-tuc={page.pk}"
    assert PrintedSheet.objects.posted().filter(desk=desk, page=page).count() == 1
    board = admin_client.get(f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/").content.decode()
    assert "Đúng bản hiện hành" in board and "Đã cũ" not in board
    amend(page, make_decision("30/QĐ-UBND", date(2026, 10, 1)), result="Trích lục khai sinh")
    board = admin_client.get(f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/").content.decode()
    assert "Đã cũ: Nội dung thay đổi" in board
    listing = admin_client.get("/quan-tri/kiem-tra-thu-tuc/niem-yet/").content.decode()
    assert "1 tờ cần in lại" in listing
    dashboard = admin_client.get("/quan-tri/").content.decode()
    assert "Tờ niêm yết cần in lại" in dashboard


def test_abolished_procedure_sheet_must_come_down(desk_with_procedure):
    desk, page = desk_with_procedure
    sheet = PrintedSheet.record(desk, ProcedurePage.objects.get(pk=page.pk))
    from procedures.models import StatusChange

    page = ProcedurePage.objects.get(pk=page.pk)
    page.status_changes.add(StatusChange(decision=make_decision("40/QĐ-UBND", date(2026, 11, 2)), kind="abolished"))
    page.save_revision().publish()
    assert "gỡ tờ niêm yết" in PrintedSheet.objects.get(pk=sheet.pk).stale_reason()


def test_anonymous_users_cannot_record_printing(client, desk_with_procedure):
    desk, page = desk_with_procedure
    response = client.post(f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/", {"hanh_dong": "in-tat-ca"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not PrintedSheet.objects.exists()


def test_sheet_of_an_abolished_or_replaced_procedure_says_it_is_void(client):
    decision = make_decision("20/QĐ-UBND", date(2026, 3, 2))
    valid = make_procedure(name="Đăng ký khai sinh lưu động", decision=decision)
    abolished = make_procedure(name="Đăng ký khai sinh cũ", decision=decision)
    add_status_change(abolished, "abolished", decision=decision, effective_date=date(2026, 3, 10))
    replaced = make_procedure(name="Đăng ký khai tử cũ", decision=decision)
    add_status_change(replaced, "replaced", decision=decision, effective_date=date(2026, 3, 10), replacement=valid)
    for page in (abolished, replaced):
        page = ProcedurePage.objects.get(pk=page.pk)
        page.save_revision().publish()
        sheet = client.get(f"/thu-tuc/niem-yet/{page.pk}/").content.decode()
        assert "không còn áp dụng, không niêm yết" in sheet and "từ ngày 10/03/2026" in sheet
        assert "Niêm yết công khai thủ tục hành chính" not in sheet
        assert "Dùng lệnh In của trình duyệt" not in sheet
        assert "In tờ niêm yết (A4)" not in client.get(page.url).content.decode()
    assert f"thủ tục thay thế: Đăng ký khai sinh lưu động (mã {valid.code})" in sheet  # the replaced one
    in_force = client.get(f"/thu-tuc/niem-yet/{valid.pk}/").content.decode()
    assert "Niêm yết công khai thủ tục hành chính" in in_force and "không niêm yết" not in in_force
    assert "In tờ niêm yết (A4)" in client.get(valid.url).content.decode()


def test_sheet_feedback_link_carries_the_code_the_form_reads(client, desk_with_procedure):
    _desk, page = desk_with_procedure
    sheet = client.get(f"/thu-tuc/niem-yet/{page.pk}/").content.decode()
    assert f"?thu-tuc={page.code}" in sheet and "thu_tuc=" not in sheet
    form = client.get(reverse("hotline:feedback_form"), {"thu-tuc": page.code})
    assert form.status_code == 200 and page.code in form.content.decode()  # prefilled from the link
