"""Keeping the index true: publish/unpublish/move/delete through the durable queue, outages, rebuilds."""

import threading

import pytest
from django.core.cache import cache
from django.core.management import call_command

from bench.search_corpus import procedure_page, records
from procedures.models import ProcedureField, ProcedureIndexPage, ProcedurePage
from search import analysis, engine, index, indexing, query
from search.models import IndexQueueItem, SearchEntry
from search.results import SearchParams
from tests import test_search_support as support
from tests.test_search_support import codes, devnull, refresh, search

# Fixtures shared by the search test modules.
clean_index = support.clean_index
corpus = support.corpus
dirty_index = support.dirty_index

pytestmark = [pytest.mark.search, pytest.mark.django_db]

DEAD = "http://127.0.0.1:9"


def in_index(key):
    return engine.admin_client().exists(index=index.alias_name(), id=key).body


def indexed_title(key):
    return engine.admin_client().get(index=index.alias_name(), id=key)["_source"]["title"]


def new_procedure(code, name):
    record = {**next(r for r in records() if r["code"] == "1.004194"), "steps": [], "documents": []}
    catalogue = ProcedureIndexPage.objects.get()
    page = catalogue.add_child(instance=procedure_page(record, {}, code=code, name=name))
    return page


def test_publish_unpublish_delete_and_edit_reach_the_index(dirty_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = new_procedure("9.900010", "Cấp giấy phép tổ chức lễ hội truyền thống")
        page.save_revision().publish()
    refresh()
    key = f"procedure:{page.pk}"
    assert in_index(key) and SearchEntry.objects.filter(key=key).exists()
    assert codes(search("le hoi truyen thong"))[0] == "9.900010"

    with django_capture_on_commit_callbacks(execute=True):
        page.official_name = "Cấp giấy phép tổ chức lễ hội dân gian"
        page.title = page.official_name
        page.save_revision().publish()
    refresh()
    assert indexed_title(key) == "Cấp giấy phép tổ chức lễ hội dân gian"

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    refresh()
    assert not in_index(key) and not SearchEntry.objects.filter(key=key).exists()

    other = ProcedurePage.objects.get(code="1.001266")
    other_key = f"procedure:{other.pk}"
    assert in_index(other_key)
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    refresh()
    assert not in_index(other_key) and not SearchEntry.objects.filter(key=other_key).exists()
    assert IndexQueueItem.objects.count() == 0


def test_drafts_never_reach_the_index(dirty_index, django_capture_on_commit_callbacks):
    page = ProcedurePage.objects.get(code="1.001193")
    key = f"procedure:{page.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        page.official_name = "Đăng ký khai sinh bản nháp chưa duyệt"
        page.title = page.official_name
        page.save_revision()  # a draft of a live page
        draft = new_procedure("9.900011", "Thủ tục nháp chưa xuất bản")
        draft.live = False
        draft.save_revision()
    refresh()
    assert indexed_title(key) == "Đăng ký khai sinh"
    assert SearchEntry.objects.get(key=key).title == "Đăng ký khai sinh"
    for q in ("khai sinh ban nhap chua duyet", "thu tuc nhap chua xuat ban"):
        assert not [h for h in search(q).hits if "nháp" in h.title]
    assert IndexQueueItem.objects.count() == 0


def test_move_and_privacy_follow_the_page(dirty_index, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    from home.models import WardHomePage
    from news.models import ArticlePage, NewsIndexPage

    article = ArticlePage.objects.get(title__startswith="Hướng dẫn đăng ký khai sinh")
    key = f"article:{article.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        ward = dirty_index["home"].add_child(
            instance=WardHomePage(title="Phường Sao Đỏ", slug="phuong-sao-do", unit_name="Sao Đỏ")
        )
        ward_news = ward.add_child(instance=NewsIndexPage(title="Tin tức phường", slug="tin-tuc"))
        article.move(ward_news, pos="last-child")
    refresh()
    article.refresh_from_db()
    source = engine.admin_client().get(index=index.alias_name(), id=key)["_source"]
    assert source["url"] == article.get_url() and "/phuong-sao-do/" in source["url"]
    assert source["ward"] == "phuong-sao-do"

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=ward, restriction_type=PageViewRestriction.LOGIN)
    refresh()
    assert not in_index(key) and not SearchEntry.objects.filter(key=key).exists()


def test_renaming_a_field_updates_its_procedures(dirty_index, django_capture_on_commit_callbacks):
    field = ProcedureField.objects.get(name="Hộ tịch")
    with django_capture_on_commit_callbacks(execute=True):
        field.name = "Hộ tịch - Tư pháp"
        field.save()
    refresh()
    facets = {f.param: {v.value for v in f.values} for f in search("dang ky khai sinh").facets}
    assert "Hộ tịch - Tư pháp" in facets["field"] and "Hộ tịch" not in facets["field"]


def test_outage_loses_no_update_and_the_queue_replays(
    dirty_index, settings, django_capture_on_commit_callbacks
):
    live_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = DEAD
    removed = ProcedurePage.objects.get(code="1.003197")
    deleted = ProcedurePage.objects.get(code="1.001266")
    edited = ProcedurePage.objects.get(code="1.004194")
    with django_capture_on_commit_callbacks(execute=True):
        added = new_procedure("9.900012", "Cấp giấy phép tổ chức lễ hội truyền thống")
        added.save_revision().publish()
        removed.unpublish()
        deleted.delete()
        edited.official_name = edited.title = "Đăng ký tạm trú cho người thuê trọ"
        edited.save_revision().publish()
    keys = {f"procedure:{p.pk}" for p in (added, removed, deleted, edited)}
    # The engine is down: every change waits in the queue with its error, none is lost.
    items = {item.key: item for item in IndexQueueItem.objects.all()}
    assert set(items) == keys
    assert all(item.attempts >= 1 and item.last_error for item in items.values())
    assert all(item.next_try > item.enqueued_at for item in items.values())
    # Meanwhile citizens get database results, already up to date.
    result = search("le hoi truyen thong")
    assert result.engine == "database" and result.degraded and codes(result)[0] == "9.900012"

    settings.ELASTICSEARCH_URL = live_url
    cache.clear()
    call_command("search_process_queue", "--all", stdout=devnull())
    assert IndexQueueItem.objects.count() == 0
    refresh()
    assert in_index(f"procedure:{added.pk}")
    assert not in_index(f"procedure:{removed.pk}") and not in_index(f"procedure:{deleted.pk}")
    assert indexed_title(f"procedure:{edited.pk}") == "Đăng ký tạm trú cho người thuê trọ"
    assert search("le hoi truyen thong").engine == "elasticsearch"


def test_failed_rows_wait_for_their_backoff(dirty_index, settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = DEAD
    page = ProcedurePage.objects.get(code="1.004222")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    item = IndexQueueItem.objects.get()
    assert item.attempts == 1
    assert indexing.process_queue() == (0, 0)  # not due yet: nothing tried
    assert indexing.process_queue(include_future=True) == (0, 1)
    item.refresh_from_db()
    assert item.attempts == 2
    assert indexing.backoff(2) > indexing.backoff(1)


def test_rebuild_swaps_the_alias_while_searches_keep_answering(dirty_index):
    before = index.indices_of(index.alias_name())
    plan = analysis.analyze("dang ky khai sinh")
    params = SearchParams(q="dang ky khai sinh")
    answers, errors = [], []
    stop = threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                result = query.search(plan, params, facets=False)
                answers.append(result.hits[0].code if result.hits else None)
            except Exception as exc:  # any failure is what this test is about
                errors.append(exc)

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        stats = indexing.rebuild()
        stats_again = indexing.rebuild()
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert len(answers) >= 5 and set(answers) == {"1.001193"}
    after = index.indices_of(index.alias_name())
    assert after == [stats_again["index"]] and stats["index"] in stats_again["deleted_indices"]
    assert not set(before) & set(after)
    client = engine.admin_client()
    assert not client.indices.exists(index=before[0])
    assert index.indices_of(index.building_alias_name()) == []


def test_status_reports_engine_alias_and_drift(clean_index, capsys):
    call_command("search_status")
    out = capsys.readouterr().out
    assert "Elasticsearch 8.19" in out and index.alias_name() in out
    assert "Chỉ mục khớp với cơ sở dữ liệu" in out
    page = ProcedurePage.objects.get(code="1.001193")
    engine.admin_client().delete(index=index.alias_name(), id=f"procedure:{page.pk}", refresh=True)
    call_command("search_status")
    out = capsys.readouterr().out
    assert "chênh lệch" in out
    call_command("search_rebuild")
    out = capsys.readouterr().out
    assert "Xong:" in out and "Đã xóa chỉ mục cũ" in out
    call_command("search_status")
    assert "Chỉ mục khớp với cơ sở dữ liệu" in capsys.readouterr().out


def test_status_says_when_the_engine_is_down(clean_index, settings, capsys):
    settings.ELASTICSEARCH_URL = DEAD
    call_command("search_status")
    assert "KHÔNG TRẢ LỜI" in capsys.readouterr().out


def test_without_an_engine_the_database_copy_is_kept_and_nothing_queued(
    clean_index, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = None
    with django_capture_on_commit_callbacks(execute=True):
        page = new_procedure("9.900013", "Cấp giấy phép tổ chức lễ hội truyền thống")
        page.save_revision().publish()
    assert IndexQueueItem.objects.count() == 0
    result = search("le hoi truyen thong")
    assert result.engine == "database" and not result.degraded
    assert codes(result)[0] == "9.900013"


def test_batched_events_reach_copy_queue_and_index_in_bulk(dirty_index, django_capture_on_commit_callbacks):
    """Bulk writers collect page events and handle them at the end of the block, with the same result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_capture_on_commit_callbacks(execute=True):
        pages = [
            new_procedure(f"9.9001{n:02d}", f"Cấp phép thử nghiệm đợt {n} khu chợ đêm") for n in range(6)
        ]
        gone = pages.pop()
        gone.unpublish()  # in the batch below, the unpublished page must be dropped, not indexed
        with CaptureQueriesContext(connection) as queries:
            with indexing.batched():
                for page in pages + [gone]:
                    indexing.page_changed(page, "publish")
                assert not SearchEntry.objects.filter(key=f"procedure:{pages[0].pk}").exists()  # not yet
        assert len(queries) < 4 * len(pages)  # a few bulk statements, not several per page
        keys = [f"procedure:{page.pk}" for page in pages]
        assert set(SearchEntry.objects.filter(key__in=keys).values_list("key", flat=True)) == set(keys)
        assert not SearchEntry.objects.filter(key=f"procedure:{gone.pk}").exists()
        assert IndexQueueItem.objects.filter(key__in=keys + [f"procedure:{gone.pk}"]).count() == 6
    refresh()
    assert all(in_index(key) for key in keys) and not in_index(f"procedure:{gone.pk}")
    assert set(codes(search("cho dem thu nghiem"))) >= {page.code for page in pages}
