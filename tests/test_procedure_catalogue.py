"""The catalogue page (filters, counts, sort, pagination, default in-force view), short URLs by code,
the recently-changed view and its RSS feed, the home sections, and constant query counts."""

import datetime
import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import WardHomePage
from procedures.factories import (
    AgencyFactory,
    AnnouncingDecisionFactory,
    OnlineServiceKindFactory,
    ProcedureFieldFactory,
    ProcedurePageFactory,
    add_status_change,
)
from procedures.models import ProcedureLevel, ProcedurePage
from tests.test_procedure_pages import build_catalogue, build_city, level

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    return build_city()


@pytest.fixture
def catalogue(city):
    return build_catalogue(city)


TODAY = timezone.localdate()


def names(content):
    """Procedure names listed on a catalogue page, in order."""
    listing = (
        content.split('class="procedure-list"', 1)[1].split("</ol>", 1)[0]
        if "procedure-list" in content
        else ""
    )
    return [
        html.unescape(n) for n in re.findall(r'class="procedure-item__name" href="[^"]*">(.*?)</a>', listing)
    ]


def option_count(content, param, value):
    select = content.split(f'name="{param}"', 1)[1].split("</select>", 1)[0]
    match = re.search(rf'<option value="{re.escape(value)}"[^>]*>.*?\((\d+)\)</option>', select)
    return int(match.group(1)) if match else None


@pytest.fixture
def procedures(catalogue):
    """A small catalogue: two fields, two levels, two agencies, online kinds, every status."""
    civil, land = ProcedureFieldFactory(name="Hộ tịch"), ProcedureFieldFactory(name="Đất đai")
    commune, province = level("cap-xa"), level("cap-tinh")
    ward_agency, dept = AgencyFactory(name="UBND cấp xã"), AgencyFactory(name="Sở Nông nghiệp và Môi trường")
    full, partial = OnlineServiceKindFactory(name="Toàn trình"), OnlineServiceKindFactory(name="Một phần")
    url = "https://dichvucong.gov.vn/"
    made = {
        "khai_sinh": ProcedurePageFactory(parent=catalogue, code="1.001193", official_name="Đăng ký khai sinh",
                                          field=civil, level=commune, implementing_agency=ward_agency,
                                          online_service_kind=full, online_service_url=url),
        "khai_tu": ProcedurePageFactory(parent=catalogue, code="1.000656", official_name="Đăng ký khai tử",
                                        field=civil, level=commune, implementing_agency=ward_agency,
                                        online_service_kind=partial, online_service_url=url),
        "ket_hon": ProcedurePageFactory(parent=catalogue, code="1.000894", official_name="Đăng ký kết hôn",
                                        field=civil, level=commune, implementing_agency=ward_agency),
        "an_toan": ProcedurePageFactory(parent=catalogue, code="1.012790", official_name="Cấp giấy chứng nhận",
                                        field=land, level=province, implementing_agency=dept,
                                        online_service_kind=partial, online_service_url=url),
        "bai_bo": ProcedurePageFactory(parent=catalogue, code="2.000509", official_name="Bản sao trích lục cũ",
                                       field=civil, level=commune, implementing_agency=ward_agency),
        "thay_the": ProcedurePageFactory(parent=catalogue, code="1.000001", official_name="Ấn định thủ tục cũ",
                                         field=land, level=province, implementing_agency=dept),
    }  # fmt: skip
    decision = AnnouncingDecisionFactory(number="2228/QĐ-UBND", date=TODAY - datetime.timedelta(days=10))
    add_status_change(
        made["bai_bo"], "abolished", decision=decision, effective_date=TODAY - datetime.timedelta(days=5)
    )
    add_status_change(made["thay_the"], "replaced", decision=decision, replacement=made["an_toan"],
                      effective_date=TODAY - datetime.timedelta(days=5))  # fmt: skip
    add_status_change(made["khai_tu"], "amended", decision=decision, changed_parts="Lệ phí",
                      effective_date=TODAY - datetime.timedelta(days=5))  # fmt: skip
    return {k: ProcedurePage.objects.get(pk=v.pk) for k, v in made.items()}


# Default view, status filter -----------------------------------------------------------------------


def test_default_listing_shows_only_procedures_in_force(client, catalogue, procedures):
    content = client.get(catalogue.url).content.decode()
    listed = names(content)
    assert "Bản sao trích lục cũ" not in listed and "Ấn định thủ tục cũ" not in listed
    assert set(listed) == {"Đăng ký khai sinh", "Đăng ký khai tử", "Đăng ký kết hôn", "Cấp giấy chứng nhận"}
    assert "4 thủ tục đang áp dụng" in content
    # Counts per status option, under the other filters (none here).
    assert option_count(content, "tinh-trang", "hieu-luc") == 4
    assert option_count(content, "tinh-trang", "bai-bo") == 1
    assert option_count(content, "tinh-trang", "thay-the") == 1
    assert option_count(content, "tinh-trang", "sua-doi") == 1
    assert option_count(content, "tinh-trang", "tat-ca") == 6


def test_abolished_and_replaced_are_reachable_by_filter_and_by_url(client, catalogue, procedures):
    content = client.get(catalogue.url, {"tinh-trang": "bai-bo"}).content.decode()
    assert names(content) == ["Bản sao trích lục cũ"]
    assert "Đã bị bãi bỏ" in content
    content = client.get(catalogue.url, {"tinh-trang": "thay-the"}).content.decode()
    assert names(content) == ["Ấn định thủ tục cũ"]
    content = client.get(catalogue.url, {"tinh-trang": "tat-ca"}).content.decode()
    assert len(names(content)) == 6 and "6 thủ tục" in content
    assert client.get(procedures["bai_bo"].url).status_code == 200
    assert client.get("/thu-tuc/2.000509/").url == procedures["bai_bo"].url


# Facets and counts --------------------------------------------------------------------------------


def test_filters_by_field_level_agency_and_online_kind_with_counts(client, catalogue, procedures):
    content = client.get(catalogue.url).content.decode()
    assert option_count(content, "linh-vuc", "ho-tich") == 3
    assert option_count(content, "linh-vuc", "dat-dai") == 1
    assert option_count(content, "cap", "cap-xa") == 3 and option_count(content, "cap", "cap-tinh") == 1
    assert option_count(content, "dvc", "co") == 3 and option_count(content, "dvc", "khong") == 1
    assert option_count(content, "dvc", "toan-trinh") == 1 and option_count(content, "dvc", "mot-phan") == 2

    content = client.get(catalogue.url, {"linh-vuc": "ho-tich"}).content.decode()
    assert set(names(content)) == {"Đăng ký khai sinh", "Đăng ký khai tử", "Đăng ký kết hôn"}
    # A facet's own counts ignore its own choice; the others follow it.
    assert option_count(content, "linh-vuc", "dat-dai") == 1
    assert option_count(content, "cap", "cap-tinh") is None and option_count(content, "cap", "cap-xa") == 3
    assert option_count(content, "dvc", "mot-phan") == 1
    assert (
        option_count(content, "tinh-trang", "bai-bo") == 1
        and option_count(content, "tinh-trang", "thay-the") == 0
    )
    assert "Lĩnh vực: Hộ tịch" in content  # the active filter, with a link to remove it

    agency = procedures["an_toan"].implementing_agency.slug
    assert names(client.get(catalogue.url, {"co-quan": agency}).content.decode()) == ["Cấp giấy chứng nhận"]
    assert names(client.get(catalogue.url, {"cap": "cap-tinh"}).content.decode()) == ["Cấp giấy chứng nhận"]
    assert names(client.get(catalogue.url, {"dvc": "toan-trinh"}).content.decode()) == ["Đăng ký khai sinh"]
    assert names(client.get(catalogue.url, {"dvc": "khong"}).content.decode()) == ["Đăng ký kết hôn"]
    both = client.get(catalogue.url, {"linh-vuc": "ho-tich", "dvc": "mot-phan"}).content.decode()
    assert names(both) == ["Đăng ký khai tử"]
    assert "Đã bị thay thế" not in names(both)


def test_renamed_field_and_new_procedure_show_at_once(client, catalogue, procedures):
    """Facet names come from the cache and the name order is remembered: edits must show at once."""
    client.get(catalogue.url)
    field = procedures["an_toan"].field
    field.name = "Đất đai và môi trường"
    field.save()
    content = client.get(catalogue.url).content.decode()
    assert re.search(r'<option value="dat-dai"[^>]*>Đất đai và môi trường \(1\)</option>', content), content
    ProcedurePageFactory(parent=catalogue, code="1.009999", official_name="Ăn uống chung cư",
                         field=field, level=procedures["an_toan"].level)  # fmt: skip
    listed = names(client.get(catalogue.url).content.decode())
    assert listed[0] == "Ăn uống chung cư" and listed[1] == "Cấp giấy chứng nhận"  # ă before c



@pytest.mark.parametrize(
    "params",
    [
        {"linh-vuc": "khong-ton-tai"},
        {"tinh-trang": "'; DROP TABLE"},
        {"sap-xep": "<script>"},
        {"trang": "abc"},
        {"trang": "999"},
        {"cap": "x" * 500},
        {"dvc": "mức-độ-4"},
        {"phuong-xa": "../../"},
    ],
)
def test_tampered_parameters_never_fail(client, catalogue, procedures, params):
    response = client.get(catalogue.url, params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].replace("<script src", "")


def test_unknown_filter_value_is_said_and_lists_nothing(client, catalogue, procedures):
    content = client.get(catalogue.url, {"linh-vuc": "khong-ton-tai"}).content.decode()
    assert "Không có giá trị «khong-ton-tai» trong bộ lọc lĩnh vực." in content
    assert names(content) == [] and "Không có thủ tục nào phù hợp" in content
    content = client.get(catalogue.url, {"tinh-trang": "xoa"}).content.decode()
    assert "Tình trạng đã chọn không hợp lệ" in content and len(names(content)) == 4


# Sort and pagination -----------------------------------------------------------------------------


def test_sort_by_name_follows_vietnamese_alphabet_then_code_then_last_change(client, catalogue, procedures):
    ProcedurePageFactory(parent=catalogue, code="1.000100", official_name="Duyệt phương án")
    ProcedurePageFactory(parent=catalogue, code="1.000200", official_name="Ơn huệ")
    ProcedurePageFactory(parent=catalogue, code="1.000300", official_name="Ô tô")
    listed = names(client.get(catalogue.url).content.decode())
    # Vietnamese order: C < D < Đ < … < O < Ô < Ơ (not code-point order, which puts Đ after Z).
    assert listed == [
        "Cấp giấy chứng nhận", "Duyệt phương án", "Đăng ký kết hôn", "Đăng ký khai sinh", "Đăng ký khai tử",
        "Ô tô", "Ơn huệ",
    ]  # fmt: skip
    by_code = names(client.get(catalogue.url, {"sap-xep": "ma"}).content.decode())
    assert by_code[:3] == ["Duyệt phương án", "Ơn huệ", "Ô tô"]
    recent = names(client.get(catalogue.url, {"sap-xep": "cap-nhat"}).content.decode())
    assert recent[0] == "Đăng ký khai tử"  # the only in-force procedure with a dated change


def test_pagination_keeps_filters_and_clamps_bad_pages(client, catalogue):
    catalogue.per_page = 5
    catalogue.save_revision().publish()
    field = ProcedureFieldFactory(name="Chứng thực")
    for i in range(12):
        ProcedurePageFactory(
            parent=catalogue, code=f"1.1000{i:02d}", official_name=f"Chứng thực số {i:02d}", field=field
        )
    first = client.get(catalogue.url, {"linh-vuc": "chung-thuc"}).content.decode()
    assert len(names(first)) == 5 and "(trang 1/3)" in first
    assert 'href="?linh-vuc=chung-thuc&amp;trang=2" rel="next"' in first
    third = client.get(catalogue.url, {"linh-vuc": "chung-thuc", "trang": 3}).content.decode()
    assert names(third) == ["Chứng thực số 10", "Chứng thực số 11"] and 'start="11"' in third
    assert names(
        client.get(catalogue.url, {"linh-vuc": "chung-thuc", "trang": 99}).content.decode()
    ) == names(third)
    assert names(
        client.get(catalogue.url, {"linh-vuc": "chung-thuc", "trang": "x"}).content.decode()
    ) == names(first)


def test_catalogue_form_works_without_javascript(client, catalogue, procedures):
    content = client.get(catalogue.url).content.decode()
    form = content.split('<details class="filters" open', 1)[1].split("</form>", 1)[0]
    assert '<form method="get"' in form and '<button type="submit"' in form
    for param in ("linh-vuc", "cap", "co-quan", "tinh-trang", "dvc", "sap-xep"):
        assert f'name="{param}"' in form and f'<label for="loc-{param}">' in form


# Ward context -------------------------------------------------------------------------------------


def test_ward_home_links_to_its_commune_level_view_of_the_shared_catalogue(client, catalogue, procedures):
    ward = WardHomePage.objects.get(slug="phuong-sao-do")
    content = client.get(ward.url).content.decode()
    assert "Thủ tục cấp xã" in content and "do UBND phường Sao Đỏ tiếp nhận" in content
    link = f"{catalogue.url}?cap=cap-xa&amp;phuong-xa=phuong-sao-do"
    assert f'href="{link}"' in content
    assert "Hộ tịch" in content and "(3)" in content
    filtered = client.get(catalogue.url, {"cap": "cap-xa", "phuong-xa": "phuong-sao-do"}).content.decode()
    assert set(names(filtered)) == {"Đăng ký khai sinh", "Đăng ký khai tử", "Đăng ký kết hôn"}
    assert "Thủ tục do UBND phường Sao Đỏ giải quyết" in filtered
    assert "Bộ phận một cửa, trụ sở UBND phường Sao Đỏ" in filtered
    # Procedures opened from there keep the ward context, so they show the ward's desk.
    assert f'href="{procedures["khai_sinh"].url}?phuong-xa=phuong-sao-do"' in filtered
    assert ProcedurePage.objects.count() == 6  # nothing was copied for the ward


def test_city_home_shows_recent_changes_and_the_catalogue(client, catalogue, procedures):
    content = client.get("/").content.decode()
    section = content.split('id="tthc-moi-title"', 1)[1].split("</section>", 1)[0]
    assert "Thủ tục mới cập nhật" in content
    assert "Bản sao trích lục cũ" in section and "Bị bãi bỏ" in section and "2228/QĐ-UBND" in section
    assert f'href="{catalogue.url}"' in section and "Danh mục 4 thủ tục hành chính" in section


# Short URLs -----------------------------------------------------------------------------------------


def test_short_url_by_code_redirects_to_the_procedure(client, catalogue, procedures):
    page = procedures["khai_sinh"]
    response = client.get("/thu-tuc/1.001193/")
    assert response.status_code == 302 and response.url == page.url
    # Province-applied form, case-insensitive, and the checklist state is kept.
    response = client.get("/thu-tuc/1.001193.000.00.00.h29/", {"truong-hop": "2", "x": "y"})
    assert response.status_code == 302 and response.url == f"{page.url}?truong-hop=2"
    assert client.get("/thu-tuc/ma/1.001193/").url == page.url


def test_short_url_for_an_unknown_code_is_a_friendly_404(client, catalogue, procedures):
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Không tìm thấy thủ tục mã «9.999999»" in content and "/tim-kiem/?q=9.999999" in content


def test_short_urls_do_not_shadow_pages_or_the_data_routes(client, city):
    from procedures.factories import ProcedureIndexPageFactory

    # Even with the catalogue itself at /thu-tuc/, a procedure's own slug still resolves.
    catalogue = ProcedureIndexPageFactory(parent=city, slug="thu-tuc")
    page = ProcedurePageFactory(parent=catalogue, code="1.000123", slug="2-ban-sao")
    assert page.url == "/thu-tuc/2-ban-sao/"
    assert client.get(page.url).status_code == 200
    from django.urls import resolve

    assert resolve("/thu-tuc/du-lieu/").url_name != "by_code"


# Recently changed and RSS ------------------------------------------------------------------------


@pytest.fixture
def history(catalogue, procedures):
    older = AnnouncingDecisionFactory(number="100/QĐ-UBND", date=TODAY - datetime.timedelta(days=60))
    ancient = AnnouncingDecisionFactory(number="50/QĐ-UBND", date=TODAY - datetime.timedelta(days=400))
    add_status_change(procedures["ket_hon"], "amended", decision=older, changed_parts="Thời hạn")
    add_status_change(procedures["khai_sinh"], "new", decision=ancient)
    return older, ancient


def test_recently_changed_groups_by_decision_for_30_and_90_days(client, history):
    content = client.get("/thu-tuc/moi-cap-nhat/").content.decode()
    groups = re.findall(r'<h2 id="qd-\d+">(.*?)</h2>', content)
    assert len(groups) == 1 and "2228/QĐ-UBND" in groups[0]
    group = content.split(groups[0], 1)[1]
    for name in ("Bản sao trích lục cũ", "Ấn định thủ tục cũ", "Đăng ký khai tử"):
        assert name in group
    assert "Đăng ký kết hôn" not in content and "3 thay đổi" in content
    content = client.get("/thu-tuc/moi-cap-nhat/", {"ngay": 90}).content.decode()
    groups = re.findall(r'<h2 id="qd-\d+">(.*?)</h2>', content)
    assert [("2228" in g, "100/" in g) for g in groups] == [(True, False), (False, True)]
    assert "Đăng ký kết hôn" in content and "Nội dung sửa đổi, bổ sung: Thời hạn" in content
    assert "50/QĐ-UBND" not in content
    content = client.get("/thu-tuc/moi-cap-nhat/", {"ngay": "7; drop"}).content.decode()
    assert "Khoảng thời gian không hợp lệ" in content


def test_rss_feed_is_valid_xml_with_one_item_per_change(client, history):
    response = client.get("/thu-tuc/moi-cap-nhat/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title").startswith("Thủ tục hành chính mới cập nhật")
    items = channel.findall("item")
    titles = [i.findtext("title") for i in items]
    assert len(items) == 4 and "Bị bãi bỏ: Bản sao trích lục cũ" in titles
    assert "Sửa đổi, bổ sung: Đăng ký kết hôn" in titles
    assert all(i.findtext("link").startswith("http://testserver/") for i in items)
    assert len({i.findtext("guid") for i in items}) == 4
    replaced = next(i for i in items if i.findtext("title").startswith("Bị thay thế"))
    assert "Thay thế bằng: Cấp giấy chứng nhận (1.012790)" in replaced.findtext("description")
    assert all(i.findtext("pubDate") for i in items)


# Query counts --------------------------------------------------------------------------------------


def _count(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_catalogue_queries_do_not_grow_with_the_number_of_procedures(
    client, catalogue, django_assert_max_num_queries
):
    fields = [ProcedureFieldFactory(name=f"Lĩnh vực {i}") for i in range(4)]
    agencies = [AgencyFactory(name=f"Cơ quan {i}") for i in range(3)]
    kind = OnlineServiceKindFactory()
    levels = list(ProcedureLevel.objects.all())

    def add(n, start):
        for i in range(start, start + n):
            ProcedurePageFactory(
                parent=catalogue, field=fields[i % 4], level=levels[i % len(levels)],
                implementing_agency=agencies[i % 3], online_service_kind=kind if i % 2 else None,
                online_service_url="https://dichvucong.gov.vn/" if i % 2 else "",
            )  # fmt: skip

    scenarios = [{}, {"linh-vuc": fields[1].slug, "dvc": "co"}, {"sap-xep": "cap-nhat", "trang": 2},
                 {"tinh-trang": "tat-ca", "sap-xep": "ma", "phuong-xa": "phuong-sao-do"}]  # fmt: skip
    add(8, 0)
    _count(client, catalogue.url, {})  # warm: the header's menu is cached until pages change
    small = [_count(client, catalogue.url, p) for p in scenarios]
    add(60, 8)
    _count(client, catalogue.url, {})
    large = [_count(client, catalogue.url, p) for p in scenarios]
    assert small == large
    with django_assert_max_num_queries(25):
        client.get(catalogue.url, {"linh-vuc": fields[1].slug, "dvc": "co", "cap": "cap-xa"})
