"""Shared fixtures of the search tests (no tests here): a corpus of real procedures, built once per module.

Creating ~45 procedure pages takes seconds, so each search test module builds the corpus once, commits
it, and removes it at the end; every test still runs in its own rolled-back transaction. Tests that
change the index (publish, unpublish, outage replay) mark it dirty; `clean_index` rebuilds it from the
unchanged corpus before the next test that needs it.
"""

import datetime
import os

import pytest

# Real records from procedures.json, chosen to make families of near-identical names.
CODES = [
    "1.001193", "1.004884", "1.003583", "2.000528", "1.000689", "2.000635",  # khai sinh
    "1.000894", "1.004746", "1.000593",  # kết hôn
    "1.000656", "1.004222", "1.003197", "1.004194",  # khai tử, thường trú, tạm trú
    "1.014061", "1.014062", "1.014063", "1.014064", "2.001194",  # căn cước
    "1.013225", "1.013226", "1.013236",  # giấy phép xây dựng
    "1.013978", "1.012783", "1.012753.H19",  # giấy chứng nhận quyền sử dụng đất
    "2.000815", "2.000884", "1.001612", "1.001266", "1.004873", "1.012812", "1.004837",
    "3.000333", "3.000348", "1.001662",
    "1.001699", "2.001019", "2.001406", "1.013076",  # local code (H17); wills, estates; vehicle owners
]  # fmt: skip

# Made-up titles for ranking rules the real names cannot isolate.
EXTRA = [
    ("9.900001", "Khai báo lưu trú cho người mới sinh sống tại địa phương", "Đăng ký, quản lý cư trú"),
    ("9.900002", "Cấp bản sao sơ đồ thửa đất", "Đất đai"),
    ("9.900003", "Xác nhận sổ đỏ đã thế chấp", "Đất đai"),
]

ARTICLES = [
    (
        "Hướng dẫn đăng ký khai sinh trực tuyến cho trẻ em",
        "Người dân có thể đăng ký khai sinh trên Cổng dịch vụ công.",
    ),
    ("Phường Sao Đỏ đẩy mạnh cải cách hành chính", "Bộ phận một cửa phường tiếp nhận hồ sơ đúng hạn."),
]


class _State:
    dirty = False


STATE = _State()


def build_corpus():
    from wagtail.models import Page, Site

    from bench.search_corpus import procedure_page, records
    from home.models import HomePage
    from news.models import ArticlePage, NewsIndexPage
    from procedures.models import Agency, ProcedureField, ProcedureIndexPage, ProcedureLevel
    from search import indexing

    before = {
        model: set(model.objects.values_list("pk", flat=True))
        for model in (ProcedureField, ProcedureLevel, Agency)
    }
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Cổng thông tin (kiểm thử tìm kiếm)", slug="kiem-thu-tim-kiem")
    )
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page_id if site else None
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    catalogue = home.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )
    by_code = {r["code"]: r for r in records()}
    cache = {}
    pages = {}
    for code in CODES:
        pages[code] = catalogue.add_child(instance=procedure_page(by_code[code], cache))
    template = by_code["1.004194"]
    for code, name, field in EXTRA:
        record = {**template, "field": field, "steps": [], "documents": [], "result": [], "legal_basis": []}
        pages[code] = catalogue.add_child(instance=procedure_page(record, cache, code=code, name=name))
    news = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    articles = [
        news.add_child(
            instance=ArticlePage(
                title=title, lead=lead, date=datetime.date(2025, 3, 1), publishing_unit="UBND thành phố"
            )
        )
        for title, lead in ARTICLES
    ]
    indexing.rebuild()
    created = {model: set(model.objects.values_list("pk", flat=True)) - pks for model, pks in before.items()}
    return {
        "home": home,
        "site": site,
        "old_root": old_root,
        "pages": pages,
        "articles": articles,
        "created": created,
    }


def remove_corpus(corpus):
    from wagtail.models import Site

    from search import engine, index
    from search.models import IndexQueueItem, SearchEntry

    site = Site.objects.get(pk=corpus["site"].pk)
    if corpus["old_root"]:
        site.root_page_id = corpus["old_root"]
        site.save()
    else:
        site.delete()
    corpus["home"].delete()
    for model, pks in corpus["created"].items():
        model.objects.filter(pk__in=pks).delete()
    SearchEntry.objects.all().delete()
    IndexQueueItem.objects.all().delete()
    if engine.is_configured():
        client = engine.admin_client()
        client.indices.delete(index=f"{index.alias_name()}_*", ignore_unavailable=True, allow_no_indices=True)


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        data = build_corpus()
        STATE.dirty = False
        try:
            yield data
        finally:
            remove_corpus(data)


@pytest.fixture
def clean_index(corpus, db, es_client):
    """The index as the corpus built it (rebuilt if an earlier test changed it)."""
    from django.core.cache import cache

    from search import indexing

    cache.clear()  # no "engine down" memory from an earlier outage test
    if STATE.dirty:
        indexing.rebuild()
        STATE.dirty = False
    return corpus


@pytest.fixture
def dirty_index(clean_index):
    """For tests that change the index: the next test gets a rebuilt one."""
    STATE.dirty = True
    return clean_index


def search(q, **filters):
    from search import service
    from search.results import SearchParams

    params = SearchParams(
        q=q, filters={k: list(v) if isinstance(v, list | tuple) else [v] for k, v in filters.items()}
    )
    return service.search(params)


def refresh():
    """Make indexed changes visible now (the engine does it within a second on its own)."""
    from search import engine, index

    engine.admin_client().indices.refresh(index=index.alias_name())


def codes(result):
    return [hit.code for hit in result.hits]


def devnull():
    return open(os.devnull, "w")
