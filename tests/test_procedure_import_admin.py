"""The admin upload: preview of the dry run with per-row errors, confirm to apply, size and type limits."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from procedures.import_views import PREVIEW_LIMIT
from procedures.importing.apply import import_records
from procedures.models import ProcedurePage
from tests.signin import login_with_second_factor
from tests.test_procedure_import import SAMPLE_CODES, SAMPLES, home, real_records, snapshot  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/quan-tri/nhap-thu-tuc/"


@pytest.fixture
def admin_client(home, client):  # noqa: F811
    user = get_user_model().objects.create_superuser("quan-tri", "qt@example.invalid", "mat-khau-thu")
    login_with_second_factor(client, user)
    return client


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def token_of(response):
    match = re.search(r'name="token" value="(\w+)"', response.content.decode())
    return match.group(1) if match else None


def test_preview_then_confirm(admin_client):
    records = real_records()[:3]
    body = json.dumps(records, ensure_ascii=False).encode("utf-8")
    response = admin_client.post(URL, {"file": upload("ho-so.json", body, "application/json")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước (chạy thử)" in html and "Sẽ tạo <strong>3</strong> thủ tục" in html
    assert records[0]["name"] in html
    assert not ProcedurePage.objects.exists()  # a preview writes nothing
    token = token_of(response)
    assert token

    response = admin_client.post(URL, {"token": token})
    html = response.content.decode()
    assert "Kết quả nhập" in html and "Đã tạo <strong>3</strong> thủ tục" in html
    assert ProcedurePage.objects.count() == 3
    page = ProcedurePage.objects.get(code=records[0]["code"])
    assert page.get_latest_revision().user.username == "quan-tri"
    assert f"/quan-tri/pages/{page.pk}/edit/" in html

    # The same confirmation cannot be applied twice.
    response = admin_client.post(URL, {"token": token}, follow=True)
    assert "Phiên nhập đã hết hạn hoặc đã được áp dụng" in response.content.decode()
    assert ProcedurePage.objects.count() == 3


def test_row_errors_are_shown_and_nothing_can_be_applied(admin_client):
    import_records(real_records(*SAMPLE_CODES))
    before = snapshot()
    with open(SAMPLES / "appendix_bad_row.xlsx", "rb") as handle:
        response = admin_client.post(URL, {"file": upload("phu-luc.xlsx", handle.read())})
    html = response.content.decode()
    assert "Tệp có lỗi, chưa thể nhập" in html
    assert "Dòng 7: mã thủ tục «1.0O1022» không đúng định dạng" in html
    assert "Không có thay đổi nào được ghi" in html
    assert token_of(response) is None
    assert snapshot() == before


def test_appendix_preview_lists_status_changes(admin_client):
    import_records(real_records(*SAMPLE_CODES))
    with open(SAMPLES / "appendix_sample.csv", "rb") as handle:
        response = admin_client.post(URL, {"file": upload("phu-luc.csv", handle.read(), "text/csv")})
    html = response.content.decode()
    assert "Quyết định số 1234/QĐ-UBND</strong> ngày 15/03/2025" in html
    assert "Bị thay thế theo Quyết định số 1234/QĐ-UBND, thay bằng thủ tục 1.013978" in html
    assert "Dòng 31 (mã 2.000620.000.00.00.H14): thủ tục chưa có trong danh mục" in html
    assert PREVIEW_LIMIT >= 12


def test_upload_limits(admin_client):
    response = admin_client.post(URL, {"file": upload("phu-luc.xls", b"\xd0\xcf\x11\xe0")})
    assert "Tệp .xls (Excel 97–2003) chưa được hỗ trợ" in response.content.decode()
    response = admin_client.post(URL, {"file": upload("anh.pdf", b"%PDF-1.4")})
    assert "Chỉ nhận tệp .xlsx, .csv hoặc .json." in response.content.decode()
    big = upload("lon.json", b"[" + b" " * (10 * 1024 * 1024) + b"]")
    response = admin_client.post(URL, {"file": big})
    assert "Tệp lớn hơn 10 MB" in response.content.decode()
    assert not ProcedurePage.objects.exists()
