"""The search page, its JSON API and autocomplete, on Elasticsearch and on the database fallback."""

import pytest
from django.urls import reverse

from tests import test_search_support as support
from tests.test_search_support import codes, search

# Fixtures shared by the search test modules.
clean_index = support.clean_index
corpus = support.corpus

pytestmark = [pytest.mark.search, pytest.mark.django_db]

DEAD = "http://127.0.0.1:9"


def page(client, **params):
    response = client.get(reverse("search"), params)
    return response, response.content.decode()


def test_results_page_shows_type_code_status_snippet_and_facets(clean_index, client):
    response, html = page(client, q="dang ky ket hon")
    assert response.status_code == 200
    assert "Tìm thấy" in html and "kết quả cho «dang ky ket hon»" in html
    assert "Mã 1.000894" in html and "badge--type" in html and "Thủ tục" in html
    assert "<mark>kết</mark> <mark>hôn</mark>" in html  # snippet in the original Vietnamese
    assert 'name="field" value="Hộ tịch"' in html  # facets as a form that works without JavaScript
    assert "Áp dụng bộ lọc" in html
    assert "gián đoạn" not in html and "rút gọn" not in html and "search-notice" not in html
    assert 'href="/' in html


def test_facet_selection_and_pagination_links(clean_index, client):
    response, html = page(client, q="dang ky", field="Hộ tịch")
    assert response.status_code == 200
    assert 'value="Hộ tịch" checked' in html
    assert "Bỏ lọc" in html
    _, first = page(client, q="dang ky")
    assert 'rel="next"' in first and "page=2" in first
    response, second = page(client, q="dang ky", page="2")
    assert response.status_code == 200 and 'aria-current="page">2<' in second and 'start="11"' in second
    for bad in ("abc", "-3", "99999"):
        assert page(client, q="dang ky", page=bad)[0].status_code == 200


def test_zero_results_point_to_the_hotline(clean_index, client):
    from wagtail.models import Site

    from home.models import SiteSettings

    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.hotline_numbers = [
        ("phone", {"label": "Đường dây nóng UBND thành phố", "number": "0220 3882 656"})
    ]
    settings_.save()
    response, html = page(client, q="qxzvv wqyyk")
    assert response.status_code == 200
    assert "Không tìm thấy kết quả cho «qxzvv wqyyk»" in html
    assert 'href="/phan-anh-kien-nghi/"' in html
    assert 'href="tel:02203882656"' in html and "0220 3882 656" in html


def test_empty_query_offers_popular_searches(clean_index, client):
    response, html = page(client)
    assert response.status_code == 200
    assert "Người dân hay tìm" in html and "?q=%C4%90%C4%83ng%20k%C3%BD%20khai%20sinh" in html


def test_did_you_mean_is_a_link(clean_index, client):
    _, html = page(client, q="dang ky khia sinh")
    assert "Có phải bạn muốn tìm" in html and "đăng ký khai sinh" in html


def test_query_text_is_escaped(clean_index, client):
    _, html = page(client, q='<script>alert("x")</script>')
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_json_api_has_exactly_the_documented_shape(clean_index, client):
    response = client.get(
        reverse("search_api"), {"q": "cap lai can cuoc", "type": "procedure", "level": "Cấp xã"}
    )
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"engine", "total", "results", "facets"}
    assert data["engine"] == "elasticsearch" and data["total"] >= 1
    assert data["results"][0]["code"] == "1.014064"
    for item in data["results"]:
        assert set(item) == {"type", "title", "url", "code", "status", "highlight"}
        assert item["type"] == "procedure"
    assert {"type", "field", "level", "agency", "status"} <= set(data["facets"])
    levels = {v["value"] for v in data["facets"]["level"]}
    assert "Cấp xã" in levels and all(set(v) == {"value", "label", "count"} for v in data["facets"]["level"])


def test_engine_down_falls_back_with_a_notice(clean_index, client, settings):
    settings.ELASTICSEARCH_URL = DEAD
    response, html = page(client, q="lam giay khai sinh")
    assert response.status_code == 200
    assert "Kết quả tìm kiếm đang bị giới hạn do máy chủ tìm kiếm tạm thời gián đoạn" in html
    assert "Mã 1.001193" in html
    data = client.get(reverse("search_api"), {"q": "lam giay khai sinh"}).json()
    assert data["engine"] == "database" and data["results"][0]["code"] == "1.001193"
    suggestions = client.get(reverse("search_autocomplete"), {"q": "dang ky kh"}).json()
    assert suggestions["engine"] == "database"
    assert "Đăng ký khai sinh" in [s["title"] for s in suggestions["suggestions"]]


def test_slow_engine_falls_back_too(clean_index, client, settings):
    settings.ELASTICSEARCH_TIMEOUT = 0.0005
    data = client.get(reverse("search_api"), {"q": "dang ky ket hon"}).json()
    assert data["engine"] == "database" and data["results"][0]["code"] == "1.000894"


def test_embedded_run_without_an_engine_finds_colloquial_queries(clean_index, client, settings):
    settings.ELASTICSEARCH_URL = None
    response, html = page(client, q="lam giay khai sinh")
    assert response.status_code == 200
    # The engine's absence is by design here: citizens read no notice about it.
    assert "search-notice" not in html and "rút gọn" not in html and "máy chủ" not in html
    result = search("lam giay khai sinh")
    assert result.engine == "database" and not result.degraded
    assert codes(result)[0] == "1.001193"
    assert codes(search("dang ky khia sinh"))[0] == "1.001193"  # spelling from our own vocabulary
    assert codes(search("1.012753.h19"))[0] == "1.012753.H19"
    facets = {f.param: {v.value: v.count for v in f.values} for f in search("dang ky").facets}
    assert facets["type"]["article"] == 1 and facets["field"]["Hộ tịch"] > 3


def test_database_fallback_lets_in_what_the_engine_lets_in(clean_index, settings):
    """Rows need the words together (title and keywords, a phrase, two word pairs, most words, or
    the phrase in the body), not one word somewhere: 'Khai báo lưu trú cho người mới sinh sống'
    holds "khai" and "sinh" but is no answer to "dang ky khai sinh"."""
    from search import fallback, service
    from search.models import SearchEntry

    settings.ELASTICSEARCH_URL = None
    assert codes(search("dang ky khai sinh"))[0] == "1.001193"
    condition, aliases = fallback._matches(service.plan_for("dang ky khai sinh"))
    rows = SearchEntry.objects.alias(**aliases).filter(condition, hidden=False)
    found = set(rows.values_list("code", flat=True))
    assert "1.001193" in found and "9.900001" not in found
    assert search("dang ky khai sinh").total == rows.count()


def test_database_fallback_hides_abolished_procedures_too(clean_index, settings):
    from procedures.models import ProcedurePage, StatusChange

    settings.ELASTICSEARCH_URL = None
    page_ = ProcedurePage.objects.get(code="1.004746")
    StatusChange.objects.create(page=page_, kind=ProcedurePage.Status.ABOLISHED, effective_date="2025-07-01")
    page_.refresh_from_db()
    page_.save_revision().publish()
    result = search("dang ky lai ket hon")
    assert "1.004746" not in codes(result) and result.hidden_count == 1
    assert codes(search("dang ky lai ket hon", status="abolished")) == ["1.004746"]


def test_database_fallback_reads_only_the_recent_part_of_large_types(settings, monkeypatch):
    """Years of news must not make every fallback search scan them all: a type larger than
    RECENT_PER_TYPE is searched in its most recent documents; small types stay whole."""
    import datetime

    from django.core.cache import cache

    from search import fallback
    from search.models import SearchEntry

    settings.ELASTICSEARCH_URL = None
    monkeypatch.setattr(fallback, "RECENT_PER_TYPE", 3)
    cache.clear()
    text = " hoi nghi tong ket cai cach hanh chinh "
    # Dated after anything else in the database, so these are the type's most recent documents.
    for year in range(2090, 2095):
        SearchEntry.objects.create(
            key=f"article:{9000 + year}", type="article", title=f"Hội nghị tổng kết cải cách hành chính {year}",
            url=f"/tin-tuc/hoi-nghi-{year}/", date=datetime.date(year, 12, 1), title_folded=text,
            keywords_folded=" ", text_folded=text,
        )  # fmt: skip
    SearchEntry.objects.create(
        key="notice:1", type="notice", title="Thông báo tổng kết hội nghị cũ",
        url="/thong-bao/1/", date=datetime.date(2001, 1, 1), title_folded=" thong bao tong ket hoi nghi cu ",
        keywords_folded=" ", text_folded=" thong bao tong ket hoi nghi cu ",
    )  # fmt: skip
    for n in range(4):  # the catalogue is read whole, however large and old
        folded = f" thu tuc tong ket hoi nghi so {n} "
        SearchEntry.objects.create(
            key=f"procedure:{99000 + n}", type="procedure", title=f"Thủ tục tổng kết hội nghị số {n}",
            code=f"9.99000{n}", url=f"/thu-tuc/9-99000{n}/", date=datetime.date(2000, 1, 1 + n),
            title_folded=folded, keywords_folded=" ", text_folded=folded,
        )  # fmt: skip
    result = search("hoi nghi tong ket")
    assert result.engine == "database"
    titles = {hit.title for hit in result.hits}
    assert {f"Thủ tục tổng kết hội nghị số {n}" for n in range(4)} <= titles
    assert {f"Hội nghị tổng kết cải cách hành chính {year}" for year in (2092, 2093, 2094)} <= titles
    assert not any(title.endswith(("2090", "2091")) for title in titles)
    assert "Thông báo tổng kết hội nghị cũ" in titles  # a small type is read whole, however old
