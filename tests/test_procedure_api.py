"""The read-only JSON API: list with the catalogue's filters and pagination, detail by code."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures.importing.apply import import_file, import_records
from procedures.models import OnlineServiceKind, ProcedurePage
from tests.test_procedure_import import SAMPLE_CODES, SAMPLES, home, real_records  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home):  # noqa: F811
    codes = [r["code"] for r in real_records()[:20]] + list(SAMPLE_CODES) + ["1.001699"]
    import_records(real_records(*dict.fromkeys(codes)))
    assert import_file(SAMPLES / "appendix_sample.xlsx", dry_run=False).applied
    page = ProcedurePage.objects.get(code="1.001193")
    page.online_service_url = "https://dichvucong.gov.vn/p/home/dvc-dich-vu-cong-truc-tuyen.html"
    page.online_service_kind = OnlineServiceKind.objects.get(slug="toan-trinh")
    page.save_revision().publish()
    return home


def codes_of(response):
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["results"]}


def test_list_shows_procedures_in_force_by_default(catalogue, client):
    data = client.get("/api/thu-tuc/?so-muc=100").json()
    in_force = set(ProcedurePage.objects.filter(status__in=["new", "amended"]).values_list("code", flat=True))
    assert data["count"] == len(in_force)
    assert {item["code"] for item in data["results"]} == in_force
    assert "1.012753" not in in_force and "2.000620.000.00.00.H14" not in in_force

    everything = codes_of(client.get("/api/thu-tuc/?tinh-trang=tat-ca&so-muc=100"))
    assert {"1.012753", "2.000620.000.00.00.H14"} <= everything
    assert codes_of(client.get("/api/thu-tuc/?status=abolished")) == {"2.000620.000.00.00.H14"}
    assert codes_of(client.get("/api/thu-tuc/?tinh-trang=thay-the")) == {"1.012753"}
    assert codes_of(client.get("/api/thu-tuc/?tinh-trang=sua-doi")) == {"2.000908", "2.001019"}


def test_list_item_shape(catalogue, client):
    item = client.get("/api/thu-tuc/?q=1.001193").json()["results"][0]
    page = ProcedurePage.objects.get(code="1.001193")
    assert item["name"] == page.official_name
    assert item["field"] == {"name": "Hộ tịch", "slug": "ho-tich"}
    assert item["level"] == {"name": "Cấp xã", "slug": "cap-xa"}
    assert item["status"] == "new" and item["status_label"] == "Ban hành mới"
    assert item["status_date"] == "2025-03-15"
    assert item["online_service"]["kind"] == "Toàn trình"
    assert item["url"] == "http://testserver" + page.url
    assert item["api_url"] == "http://testserver/api/thu-tuc/1.001193/"


def test_filters(catalogue, client):
    in_force = ProcedurePage.objects.filter(status__in=["new", "amended"])
    ho_tich = set(in_force.filter(field__slug="ho-tich").values_list("code", flat=True))
    assert codes_of(client.get("/api/thu-tuc/?linh-vuc=ho-tich")) == ho_tich
    assert codes_of(client.get("/api/thu-tuc/?field=ho-tich")) == ho_tich
    xa = codes_of(client.get("/api/thu-tuc/?cap=cap-xa&so-muc=100"))
    assert xa and all(
        ProcedurePage.objects.get(code=c).level.slug == "cap-xa"
        or ProcedurePage.objects.get(code=c).other_levels.filter(slug="cap-xa").exists()
        for c in xa
    )
    agency = ProcedurePage.objects.get(code="3.000333").implementing_agency
    assert "3.000333" in codes_of(client.get(f"/api/thu-tuc/?co-quan={agency.slug}"))
    # Online: a link of its own (1.001193) or a channel published as "Trực tuyến".
    online = codes_of(client.get("/api/thu-tuc/?dvc=co&so-muc=100"))
    by_channel = set(in_force.filter(has_online_channel=True).values_list("code", flat=True))
    assert "1.001193" in online and by_channel and online == by_channel | {"1.001193"}
    assert not online & codes_of(client.get("/api/thu-tuc/?online=no&so-muc=100"))
    assert codes_of(client.get("/api/thu-tuc/?dvc=toan-trinh")) == {"1.001193"}
    assert "1.001193" not in codes_of(client.get("/api/thu-tuc/?online=no&so-muc=100"))
    # Code prefix, and names typed without diacritics.
    prefixed = ProcedurePage.objects.filter(code__startswith="1.0011", status__in=["new", "amended"])
    assert codes_of(client.get("/api/thu-tuc/?q=1.0011")) == set(prefixed.values_list("code", flat=True))
    assert "1.001193" in codes_of(client.get("/api/thu-tuc/?q=1.0011"))
    assert "1.001193" in codes_of(client.get("/api/thu-tuc/?q=dang ky khai sinh"))
    assert "1.000894" in codes_of(client.get("/api/thu-tuc/?q=kết hôn"))
    assert codes_of(client.get("/api/thu-tuc/?q=khong co thu tuc nao nhu vay")) == set()
    assert codes_of(client.get("/api/thu-tuc/?linh-vuc=khong-co")) == set()
    assert codes_of(client.get("/api/thu-tuc/?q=1.001699.000.00.00.H17")) == {"1.001699"}


def test_pagination(catalogue, client):
    total = ProcedurePage.objects.filter(status__in=["new", "amended"]).count()
    first = client.get("/api/thu-tuc/?so-muc=5").json()
    assert first["count"] == total and first["pages"] == -(-total // 5)
    assert len(first["results"]) == 5 and first["previous"] is None
    assert first["next"] == "http://testserver/api/thu-tuc/?so-muc=5&trang=2"
    second = client.get(first["next"]).json()
    assert second["previous"].endswith("trang=1")
    assert not {i["code"] for i in first["results"]} & {i["code"] for i in second["results"]}
    assert client.get("/api/thu-tuc/?per_page=1000").json()["per_page"] == 100
    response = client.get("/api/thu-tuc/?trang=99")
    assert response.status_code == 404 and "không tồn tại" in response.json()["error"]
    response = client.get("/api/thu-tuc/?trang=mot")
    assert response.status_code == 400 and response.json()["error"] == "«trang» phải là một số nguyên."


def test_bad_status_is_a_clear_error(catalogue, client):
    response = client.get("/api/thu-tuc/?tinh-trang=het-han")
    assert response.status_code == 400
    assert response.json()["error"].startswith("Tình trạng «het-han» không hợp lệ")


def test_queries_do_not_grow_with_the_page_size(catalogue, client):
    client.get("/api/thu-tuc/?so-muc=1")  # the site's cached rows are read once, then warm
    with CaptureQueriesContext(connection) as small:
        client.get("/api/thu-tuc/?so-muc=2")
    with CaptureQueriesContext(connection) as large:
        client.get("/api/thu-tuc/?so-muc=30&tinh-trang=tat-ca")
    assert len(large) == len(small)


def test_detail_by_code(catalogue, client):
    data = client.get("/api/thu-tuc/1.013978/").json()
    assert data["code"] == "1.013978" and data["status"] == "new"
    assert data["replaces"] == ["1.012753"]
    assert data["history"][-1]["decision"] == "1234/QĐ-UBND"
    assert isinstance(data["steps"], list) and isinstance(data["documents"], list)

    old = client.get("/api/thu-tuc/1.012753/").json()
    assert old["status"] == "replaced" and old["replaced_by"] == "1.013978"
    assert old["status_label"] == "Bị thay thế"

    abolished = client.get("/api/thu-tuc/2.000620.000.00.00.H14/")
    assert abolished.status_code == 200 and abolished.json()["status"] == "abolished"

    by_local_code = client.get("/api/thu-tuc/1.001699.000.00.00.H17/").json()
    assert by_local_code["code"] == "1.001699"

    missing = client.get("/api/thu-tuc/9.999999/")
    assert missing.status_code == 404 and missing.json() == {"error": "Không có thủ tục mã «9.999999»."}


def test_drafts_never_leave_through_the_api(catalogue, client):
    page = ProcedurePage.objects.get(code="1.001193")
    page.fee = "Bản nháp chưa duyệt"
    page.save_revision()  # a draft, not published
    assert client.get("/api/thu-tuc/1.001193/").json()["fee"] != "Bản nháp chưa duyệt"
    page.unpublish()
    assert client.get("/api/thu-tuc/1.001193/").status_code == 404
    assert "1.001193" not in codes_of(client.get("/api/thu-tuc/?so-muc=100&tinh-trang=tat-ca"))
