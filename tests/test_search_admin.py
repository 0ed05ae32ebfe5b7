"""The admin's page and snippet search speak the citizen search's Vietnamese (Wagtail's search backend,
search/admin_backend.py), on the engine and on the database fallback."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from tests import test_search_support as support

clean_index = support.clean_index
corpus = support.corpus

pytestmark = [pytest.mark.search, pytest.mark.django_db]

ENGINE_DOWN = override_settings(ELASTICSEARCH_URL=None)


def admin_page_titles(client, q):
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": q}).content.decode()
    rows = re.findall(r'<a href="/quan-tri/pages/(\d+)/edit/"[^>]*>(.*?)</a>', html, re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", title).strip() for _, title in rows]


def snippet_rows(client, url_name, q):
    html = client.get(reverse(url_name), {"q": q}).content.decode()
    return [
        re.sub(r"<[^>]+>|\s+", " ", t).strip()
        for t in re.findall(r'<a href="[^"]*/edit/\d+/"[^>]*>(.*?)</a>', html, re.S)
    ]


@pytest.mark.parametrize("down", [False, True], ids=["engine", "fallback"])
def test_admin_page_search_by_code_and_without_diacritics(clean_index, admin_client, down):
    with ENGINE_DOWN if down else override_settings():
        by_code = admin_page_titles(admin_client, "1.001193")
        assert by_code and "đăng ký khai sinh" in by_code[0].lower()
        folded = admin_page_titles(admin_client, "dang ky khai sinh")
        assert "đăng ký khai sinh" in folded[0].lower()
        assert any("khai sinh lưu động" in t.lower() for t in folded)
        # A province's suffix, typed in the admin, finds the procedure too.
        assert "khuyết tật" in admin_page_titles(admin_client, "1.001699.000.00.00.H26")[0]


def test_admin_search_finds_drafts_the_citizen_search_does_not_know(clean_index, admin_client):
    from procedures.models import ProcedureIndexPage

    catalogue = ProcedureIndexPage.objects.get(pk=clean_index["pages"]["1.001193"].get_parent().pk)
    draft = clean_index["pages"]["1.001193"].copy(
        to=catalogue,
        update_attrs={"title": "Bản nháp: đăng ký khai sinh cho trẻ bị bỏ rơi", "slug": "ban-nhap-khai-sinh"},
        keep_live=False,
    )
    assert not draft.live
    assert any("bị bỏ rơi" in t for t in admin_page_titles(admin_client, "tre bi bo roi"))


@pytest.mark.parametrize("down", [False, True], ids=["engine", "fallback"])
def test_admin_snippet_search_without_diacritics(clean_index, admin_client, down):
    with ENGINE_DOWN if down else override_settings():
        everyday = snippet_rows(admin_client, "wagtailsnippets_portal_search_everydayterm:list", "cuoi vo")
        assert any("cưới vợ" in row for row in everyday)
        fields = snippet_rows(admin_client, "wagtailsnippets_procedures_procedurefield:list", "ho tich")
        assert any("Hộ tịch" in row for row in fields)
        assert (
            snippet_rows(admin_client, "wagtailsnippets_procedures_procedurefield:list", "xyz khong co") == []
        )


def test_the_backend_adapter_still_fits_wagtail(db):
    """Fails loudly when a Wagtail or django-modelsearch upgrade changes what the adapter relies on."""
    from modelsearch.backends import database
    from modelsearch.backends.base import BaseSearchResults
    from modelsearch.query import Phrase, PlainText
    from wagtail.admin.views.pages import search as page_search
    from wagtail.models import Page

    from search import admin_backend

    backend = get_search_backend()
    assert isinstance(backend, admin_backend.VietnameseSearchMixin)
    assert isinstance(backend, type(database.SearchBackend({})))
    for name in (
        "_clone",
        "_do_search",
        "_do_count",
        "results",
        "count",
        "__getitem__",
        "facet",
        "annotate_score",
    ):
        assert hasattr(BaseSearchResults, name), name
    assert PlainText("a b").query_string == "a b" and Phrase("a b").query_string == "a b"
    # The admin's page search sends the typed text through autocomplete(), and facets by content type.
    pages, all_pages = page_search.page_filter_search("dang ky", Page.objects.all(), Page.objects.all())
    assert isinstance(pages, admin_backend.LookupSearchResults)
    assert isinstance(all_pages.facet("content_type_id"), dict)
    assert pages.count() == len(list(pages))
