"""/suc-khoe/ (readiness) and /suc-khoe/song/ (liveness); the index that reports and heals itself when
the engine lost it; search_status honest when the engine does not answer. On the shared test engine."""

import datetime
import io

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from search import engine, health, index, indexing
from search.models import IndexQueueItem, SearchEntry
from search.tasks import process_index_queue
from tests import test_search_support as support
from tests.test_search_support import refresh

clean_index = support.clean_index
corpus = support.corpus
dirty_index = support.dirty_index

DEAD = "http://127.0.0.1:9"


def ready(client):
    response = client.get("/suc-khoe/")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def api_total(client, q):
    body = client.get("/tim-kiem/api/", {"q": q}).json()
    return body["engine"], body["total"]


def drop_our_indices():
    """What an engine restarted with an empty data folder shows us: none of our indices."""
    engine.admin_client().indices.delete(index=f"{index.alias_name()}*", ignore_unavailable=True, allow_no_indices=True)


def test_liveness_touches_nothing(client, db, django_assert_num_queries):
    client.get("/suc-khoe/song/")  # the site middleware fills its cache once per process
    with django_assert_num_queries(0):
        response = client.get("/suc-khoe/song/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.search
@pytest.mark.django_db
def test_readiness_reports_each_part_and_is_cheap_to_poll(client, clean_index, django_assert_max_num_queries):
    status, body = ready(client)
    assert status == 200 and body["status"] == "ok", body
    checks = body["checks"]
    assert checks["database"]["status"] == "ok" and checks["cache"]["status"] == "ok"
    search = checks["search"]
    expected = SearchEntry.objects.count()
    assert search["trusted"] is True and search["engine"] == "elasticsearch" and search["index_status"] == "ok"
    assert search["index_documents"] == search["database_documents"] == expected > 30
    assert set(checks["tasks"]["queues"]) == set(django_settings.TASK_QUEUES)
    # Polled again within seconds: the counts come from the cache; only the database probe runs.
    with django_assert_max_num_queries(1):
        status, again = ready(client)
    assert again["checks"]["search"]["index_documents"] == expected


@pytest.mark.django_db
def test_queue_depth_and_oldest_task_age(client):
    from hotline.emails import send_confirmation

    for number in range(3):
        send_confirmation.using(backend="database").enqueue(number, "/phan-anh-kien-nghi/tra-cuu/")
    process_index_queue.using(backend="database").enqueue()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(queue_name="mail").update(enqueued_at=timezone.now() - datetime.timedelta(minutes=12))
    status, body = ready(client)
    queues = body["checks"]["tasks"]["queues"]
    assert queues["mail"]["depth"] == 3 and queues["mail"]["oldest_age_seconds"] >= 12 * 60
    assert queues["mail"]["status"] == "degraded"  # older than HEALTH_TASK_LATE_SECONDS
    assert queues["search"]["depth"] == 1 and queues["search"]["status"] == "ok"
    assert queues["import"] == {"status": "ok", "depth": 0, "running": 0, "oldest_age_seconds": None}
    assert status == 200 and body["status"] == "degraded"


@pytest.mark.search
@pytest.mark.django_db
def test_lost_index_is_reported_then_rebuilt_whole(client, dirty_index):
    before = api_total(client, "khai sinh")
    assert before[0] == "elasticsearch" and before[1] >= 5
    expected = SearchEntry.objects.count()

    drop_our_indices()
    cache.clear()
    status, body = ready(client)
    search = body["checks"]["search"]
    assert status == 200 and body["status"] == "degraded"
    assert search["index_status"] == "missing" and search["trusted"] is False and search["engine"] == "database"
    # Citizens are answered from the database copy, which is whole, and the page says results are limited.
    assert api_total(client, "khai sinh") == ("database", before[1])
    assert "Kết quả tìm kiếm đang bị giới hạn" in client.get("/tim-kiem/", {"q": "khai sinh"}).content.decode()
    status_output = io.StringIO()
    call_command("search_status", stdout=status_output)
    assert "missing" in status_output.getvalue() and "khớp" not in status_output.getvalue()

    # A queued change alone never creates a partial index that would pass for the whole one.
    indexing.enqueue([SearchEntry.objects.first().key], "publish")
    assert indexing.process_queue(include_future=True, heal_index=False) == (0, 1)
    assert index.indices_of(index.alias_name()) == []
    assert "IndexMissing" in IndexQueueItem.objects.get().last_error

    # The worker's task rebuilds it whole (alias swap), and the queued row is covered.
    process_index_queue.call()
    refresh()
    assert engine.admin_client().count(index=index.alias_name())["count"] == expected
    assert IndexQueueItem.objects.count() == 0
    cache.clear()
    assert ready(client)[1]["checks"]["search"]["index_status"] == "ok"
    assert api_total(client, "khai sinh") == before


@pytest.mark.search
@pytest.mark.django_db
def test_partial_index_counts_as_behind_and_is_rebuilt(dirty_index):
    expected = SearchEntry.objects.count()
    drop_our_indices()
    partial = index.create_index(index.new_index_name())
    index.swap_alias(partial)
    keys = list(SearchEntry.objects.values_list("key", flat=True)[:3])
    operations = []
    for key in keys:
        adapter, _obj, document = indexing.document_for(key)
        operations.append(("index", key, index.to_source(adapter, document)))
    indexing._bulk(operations, [partial], refresh=True)
    state = health.check()
    assert state.state == health.BEHIND and state.documents == 3 and not state.trusted

    stats = indexing.heal()
    assert stats["reason"] == health.BEHIND and stats["indexed"] == expected
    assert partial not in index.indices_of(index.alias_name())
    assert health.check().trusted


@pytest.mark.search
@pytest.mark.django_db
def test_search_status_is_honest_when_the_engine_does_not_answer(clean_index, settings):
    settings.ELASTICSEARCH_URL = DEAD
    out = io.StringIO()
    call_command("search_status", stdout=out)
    text = out.getvalue()
    assert "KHÔNG TRẢ LỜI" in text and "Không kiểm tra được chỉ mục" in text
    assert "khớp" not in text
    status, body = ready_client_status(settings)
    assert body["checks"]["search"]["index_status"] == "unreachable" and body["status"] == "degraded"


def ready_client_status(settings):
    from django.test import Client

    cache.clear()
    return ready(Client())


def test_cluster_url_and_replica_settings(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9201,http://127.0.0.1:9202"
    assert engine.hosts() == ["http://127.0.0.1:9201", "http://127.0.0.1:9202"]
    settings.ELASTICSEARCH_REPLICAS = "auto"
    assert index.replica_settings() == {"auto_expand_replicas": "0-1"}
    settings.ELASTICSEARCH_REPLICAS = 2
    assert index.replica_settings() == {"number_of_replicas": 2, "auto_expand_replicas": False}
