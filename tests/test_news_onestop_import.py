"""One-stop results from a spreadsheet: command and admin upload, per-row Vietnamese errors, all or nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site

from home.models import HomePage, WardHomePage
from news.factories import OneStopResultFactory
from news.models import OneStopResult
from tests.signin import login_with_second_factor
from tests.test_news_fixtures import tree_root

pytestmark = pytest.mark.django_db

HEADER = "Đơn vị,Tháng,Tiếp nhận,Đúng hạn,Quá hạn,Đang giải quyết,Trực tuyến"


@pytest.fixture
def units():
    root = tree_root()
    home = root.add_child(instance=HomePage(title="Cổng thông tin thành phố", slug="trang-chu-thu"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    sao_do = home.add_child(
        instance=WardHomePage(title="Phường Sao Đỏ", slug="phuong-sao-do", unit_kind="phuong", unit_name="Sao Đỏ")
    )
    le_loi = home.add_child(
        instance=WardHomePage(title="Xã Lê Lợi", slug="xa-le-loi", unit_kind="xa", unit_name="Lê Lợi")
    )
    return home, sao_do, le_loi


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_command_imports_a_csv_and_updates_on_rerun(tmp_path, units):
    home, sao_do, le_loi = units
    path = write(
        tmp_path,
        "ket-qua.csv",
        "\n".join(
            [
                HEADER,
                "Bộ phận một cửa thành phố,03/2024,1.250,1190,12,48,980",
                "Phường Sao Đỏ,03/2024,310,298,2,10,241",
                "xa le loi,2024-03,120,118,0,2,90",  # without diacritics, ISO month
            ]
        ),
    )
    out = io.StringIO()
    call_command("import_onestop_results", str(path), stdout=out)
    assert "Đã nhập 3 dòng: thêm mới 3, cập nhật 0." in out.getvalue()
    city = OneStopResult.objects.get(unit_id=home.pk, year=2024, month=3)
    assert (city.received, city.on_time, city.late, city.pending, city.online) == (1250, 1190, 12, 48, 980)
    assert OneStopResult.objects.get(unit_id=le_loi.pk).received == 120

    path.write_text(HEADER + "\nPhường Sao Đỏ,03/2024,320,300,2,18,250\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_onestop_results", str(path), stdout=out)
    assert "thêm mới 0, cập nhật 1" in out.getvalue()
    assert OneStopResult.objects.get(unit_id=sao_do.pk).received == 320
    assert OneStopResult.objects.count() == 3


def test_every_bad_row_is_reported_in_vietnamese_and_nothing_is_saved(tmp_path, units):
    home, sao_do, _le_loi = units
    OneStopResultFactory(unit=sao_do, year=2024, month=2, received=5, on_time=5, late=0, pending=0, online=1)
    path = write(
        tmp_path,
        "loi.csv",
        "\n".join(
            [
                HEADER,
                "Phường Sao Đỏ,03/2024,310,298,2,10,241",  # valid, must not be saved either
                "Phường Không Có,03/2024,10,10,0,0,0",
                "Phường Sao Đỏ,13/2024,10,10,0,0,0",
                "Phường Sao Đỏ,04/2024,mười,10,0,0,0",
                "Phường Sao Đỏ,05/2024,10,-1,0,0,0",
                "Phường Sao Đỏ,06/2024,10,9,2,0,0",
                "Phường Sao Đỏ,03/2024,310,298,2,10,241",
                "Thành phố,07/2024,10,10,0,0,",
                "Phường Sao Đỏ,02/2024,5,5,0,0,0",  # updates an existing row: fine
            ]
        ),
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_onestop_results", str(path), stdout=out, stderr=err)
    assert "Tệp có 7 lỗi; chưa lưu dòng nào." in str(excinfo.value)
    errors = err.getvalue()
    assert "Dòng 3: không tìm thấy đơn vị “Phường Không Có”." in errors
    assert "Dòng 4: tháng 13 không hợp lệ (từ 1 đến 12)." in errors
    assert "Dòng 5: “Tiếp nhận” phải là số nguyên không âm (đang là “mười”)." in errors
    assert "Dòng 6: “Đúng hạn” không được âm (đang là -1)." in errors
    assert "Dòng 7: tổng số đúng hạn, quá hạn và đang giải quyết (11) lớn hơn số hồ sơ tiếp nhận (10)." in errors
    assert "Dòng 8: trùng đơn vị và tháng với dòng 2." in errors
    assert "Dòng 9: thiếu số “Trực tuyến”." in errors
    assert "Dòng 2:" not in errors and "Dòng 10:" not in errors
    assert OneStopResult.objects.count() == 1, "all or nothing"
    assert OneStopResult.objects.get().received == 5


def test_missing_columns_and_unreadable_files_are_explained(tmp_path, units):
    path = write(tmp_path, "thieu-cot.csv", "Đơn vị,Tháng,Tiếp nhận\nPhường Sao Đỏ,03/2024,10\n")
    with pytest.raises(CommandError):
        call_command("import_onestop_results", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "thiếu cột Đúng hạn, Quá hạn, Đang giải quyết, Trực tuyến" in err.getvalue()

    path = write(tmp_path, "utf16.csv", HEADER + "\nPhường Sao Đỏ,03/2024,1,1,0,0,0\n", encoding="utf-16")
    with pytest.raises(CommandError):
        call_command("import_onestop_results", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "bảng mã UTF-8" in err.getvalue()

    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 day khong phai excel")
    with pytest.raises(CommandError):
        call_command("import_onestop_results", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "Không đọc được tệp Excel" in err.getvalue()

    path = write(tmp_path, "bang.ods", "x")
    with pytest.raises(CommandError):
        call_command("import_onestop_results", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "Chỉ nhận tệp bảng tính .xlsx hoặc .csv" in err.getvalue()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_onestop_results", str(tmp_path / "khong-co.xlsx"), stdout=io.StringIO())
    assert "Không tìm thấy tệp" in str(excinfo.value)
    assert OneStopResult.objects.count() == 0


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_admin_upload_imports_an_xlsx_with_separate_month_and_year(admin_client, units):
    home, sao_do, _le_loi = units
    url = reverse(OneStopResult.snippet_viewset.get_url_name("import"))
    assert admin_client.get(url).status_code == 200
    data = xlsx(
        [
            ["Đơn vị", "Tháng", "Năm", "Số hồ sơ tiếp nhận", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Tiếp nhận trực tuyến"],
            ["Phường Sao Đỏ", 4, 2024, 300, 290, 1, 9, 200],
            ["Thành phố", 4, 2024, 1000.0, 950, 10, 40, 700],
        ]
    )
    response = admin_client.post(url, {"file": SimpleUploadedFile("ket-qua.xlsx", data)})
    assert response.status_code == 302
    assert OneStopResult.objects.filter(year=2024, month=4).count() == 2
    assert OneStopResult.objects.get(unit_id=home.pk).received == 1000


def test_admin_upload_shows_row_errors_and_saves_nothing(admin_client, units):
    url = reverse(OneStopResult.snippet_viewset.get_url_name("import"))
    data = xlsx(
        [
            ["Đơn vị", "Tháng", "Tiếp nhận", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Trực tuyến"],
            ["Phường Sao Đỏ", "04/2024", 300, 290, 1, 9, 200],
            ["Phường Sao Đỏ", "05/2024", 10, 20, 0, 0, 0],
        ]
    )
    response = admin_client.post(url, {"file": SimpleUploadedFile("ket-qua.xlsx", data)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa lưu dòng nào" in html
    assert "Dòng 3: tổng số đúng hạn, quá hạn và đang giải quyết (20) lớn hơn số hồ sơ tiếp nhận (10)." in html
    assert OneStopResult.objects.count() == 0

    response = admin_client.post(url, {"file": SimpleUploadedFile("ket-qua.xlsx", data[:200] + b"\x00" * 10)})
    assert "Không đọc được tệp Excel" in response.content.decode()


def test_admin_dry_run_checks_without_saving_and_template_download(admin_client, units):
    url = reverse(OneStopResult.snippet_viewset.get_url_name("import"))
    data = (HEADER + "\nPhường Sao Đỏ,03/2024,10,10,0,0,5\n").encode()
    response = admin_client.post(url, {"file": SimpleUploadedFile("a.csv", data), "dry_run": "on"}, follow=True)
    assert "Tệp hợp lệ: 1 dòng" in response.content.decode()
    assert OneStopResult.objects.count() == 0

    template = admin_client.get(url + "?mau=xlsx")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == HEADER.split(",")


def test_import_view_needs_the_add_and_change_permissions(client, django_user_model, units):
    user = django_user_model.objects.create_user("bientap", password="mat-khau-dai-du-12")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_with_second_factor(client, user)
    url = reverse(OneStopResult.snippet_viewset.get_url_name("import"))
    assert client.get(url).status_code in (302, 403)


def test_admin_form_entry_is_validated_in_vietnamese(admin_client, units):
    _home, sao_do, _le_loi = units
    url = reverse(OneStopResult.snippet_viewset.get_url_name("add"))
    form = {"unit": sao_do.pk, "month": 3, "year": 2024, "received": 10, "on_time": 9, "late": 2, "pending": 0, "online": 3}
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "lớn hơn số hồ sơ tiếp nhận (10)" in response.content.decode()
    form["late"] = 1
    assert admin_client.post(url, form).status_code == 302
    response = admin_client.post(url, form)
    assert "Đã có số liệu của đơn vị này cho tháng 03/2024" in response.content.decode()
    assert OneStopResult.objects.count() == 1
