"""Operations on a real Elasticsearch cluster started from scripts/services.py (marker `cluster`):
a node lost under searches, an engine frozen while e-mails wait, an engine restarted empty.

Runs in the PostgreSQL pass of scripts/test only (its workers need a database shared between
processes); all its tests go to one xdist worker (group "cluster"). Set TTHC_TEST_CLUSTER_PORT and
TTHC_TEST_CLUSTER_DIR to reuse a cluster between runs, TTHC_TEST_CLUSTER_KEEP=1 to leave it running.
"""

import datetime
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from search import engine, index
from search.models import IndexQueueItem, SearchEntry
from tests import test_search_support as support
from tests.test_search_support import codes, refresh, search

pytestmark = [pytest.mark.cluster, pytest.mark.xdist_group("cluster"), pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ROOT / "scripts" / "services.py"
NODES = 2
QUERIES = [
    "khai sinh", "dang ky ket hon", "giấy phép xây dựng", "can cuoc", "tam tru",
    "khai tu", "so do", "1.001193", "thuong tru", "quyen su dung dat",
]  # fmt: skip


def free_base_port():
    """A base port whose node ports (base, +10…) and transport ports (+100…) are all free."""
    for _ in range(50):
        base = random.randrange(21000, 29000, 10)
        ports = [base + 10 * i + offset for i in range(NODES + 1) for offset in (0, 100)]
        try:
            for port in ports:
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free ports for the test cluster")


class Cluster:
    def __init__(self, state_dir, port):
        self.env = {**os.environ, "TTHC_STATE_DIR": str(state_dir), "TTHC_ES_PORT": str(port)}
        self.env.pop("TTHC_ES_HEAP", None)  # 512m per node

    def services(self, *args):
        return subprocess.run(
            [sys.executable, str(SERVICES), *args], env=self.env, check=True, capture_output=True, text=True,
            timeout=600,
        )

    def start(self):
        self.services("start", "--only", "elasticsearch", "--es-nodes", str(NODES))

    def stop(self):
        self.services("stop", "--only", "elasticsearch")

    def nodes(self):
        return json.loads(self.services("status", "--json").stdout)["elasticsearch"]

    @property
    def url(self):
        return ",".join(node["url"] for node in self.nodes())

    def signal(self, sig, name=None):
        for node in self.nodes():
            if node["pid"] and name in (None, node["name"]):
                os.kill(node["pid"], sig)


@pytest.fixture(scope="module")
def cluster():
    state_dir = os.environ.get("TTHC_TEST_CLUSTER_DIR") or tempfile.mkdtemp(prefix="tthc-cluster-")
    port = int(os.environ.get("TTHC_TEST_CLUSTER_PORT") or free_base_port())
    running = Cluster(state_dir, port)
    running.start()
    prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}_cluster"
    overrides = override_settings(ELASTICSEARCH_URL=running.url, ELASTICSEARCH_INDEX_PREFIX=prefix)
    overrides.enable()
    try:
        yield running
    finally:
        overrides.disable()
        if not os.environ.get("TTHC_TEST_CLUSTER_KEEP"):
            running.stop()
            if not os.environ.get("TTHC_TEST_CLUSTER_DIR"):
                shutil.rmtree(state_dir, ignore_errors=True)


def wait_green(timeout="240s"):
    return engine.admin_client(timeout=300).cluster.health(
        wait_for_status="green", wait_for_nodes=str(NODES), timeout=timeout
    )


def corpus():
    """The search tests' corpus; an earlier transactional test may have flushed the page tree's root."""
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        Page.add_root(title="Root", slug="root")
    return support.build_corpus()


def api(client, q):
    body = client.get("/tim-kiem/api/", {"q": q}).json()
    return body["engine"], body["total"]


def test_searches_survive_the_loss_of_a_node(cluster):
    corpus()
    client = engine.admin_client()
    [name] = index.indices_of(index.alias_name())
    assert client.indices.get_settings(index=name)[name]["settings"]["index"]["auto_expand_replicas"] == "0-1"
    health = wait_green()
    assert health["status"] == "green" and health["number_of_nodes"] == NODES
    shards = client.cat.shards(index=name, format="json").body
    holders = {shard["prirep"]: shard["node"] for shard in shards if shard["state"] == "STARTED"}
    assert set(holders) == {"p", "r"} and holders["p"] != holders["r"]  # one replica, on the other node
    baseline = {q: codes(search(q))[:3] for q in QUERIES}
    assert all(baseline.values())

    cluster.signal(signal.SIGKILL, holders["p"])  # the node holding the primary dies
    answers = [search(QUERIES[i % len(QUERIES)]) for i in range(100)]
    assert [result.engine for result in answers] == ["elasticsearch"] * 100
    assert not any(result.degraded for result in answers)
    assert [codes(result)[:3] for result in answers] == [baseline[QUERIES[i % len(QUERIES)]] for i in range(100)]

    cluster.start()  # the node comes back with its data and rejoins
    health = wait_green()
    assert health["status"] == "green" and health["number_of_nodes"] == NODES


def _database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _worker(queue, env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--backend", "database", "--queue-name", queue,
         "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def test_frozen_engine_never_delays_mail(cluster):
    if connection.vendor != "postgresql":
        pytest.skip("the workers run in other processes: they need a database server (PostgreSQL pass)")
    from django_tasks_db.models import DBTaskResult

    from hotline.emails import send_confirmation
    from hotline.models import FeedbackSubmission, FeedbackTopic
    from procedures.alerts.tasks import deliver_due_messages
    from search.tasks import process_index_queue

    topic, _ = FeedbackTopic.objects.get_or_create(slug="khac", defaults={"name": "Khác"})
    submission = FeedbackSubmission.objects.create(
        topic=topic, name="Lê Thu", phone="0901234567", email="thu@example.vn", address="Phường Cộng Hòa",
        content="Đề nghị hướng dẫn thủ tục cấp căn cước.",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "TEST_RUN_ID": os.environ.get("TEST_RUN_ID") or str(os.getpid()),  # as config.settings.test names it
        "ELASTICSEARCH_INDEX_PREFIX": "tthc_cluster",
        "DATABASE_URL": _database_url(),
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
    }
    workers = [_worker("search", env), _worker("mail", env)]
    try:
        warm = deliver_due_messages.using(backend="database").enqueue()
        _wait_for(lambda: DBTaskResult.objects.filter(id=warm.id, status="SUCCESSFUL").exists(), 120, "mail worker")

        cluster.signal(signal.SIGSTOP)  # every node frozen: connections open, nothing answers
        now = datetime.datetime.now(datetime.UTC)
        IndexQueueItem.objects.bulk_create(
            IndexQueueItem(key=f"procedure:{990000 + n}", reason="publish", enqueued_at=now, next_try=now)
            for n in range(10)
        )
        index_tasks = [process_index_queue.using(backend="database").enqueue() for _ in range(10)]
        index_ids = [task.id for task in index_tasks]
        _wait_for(
            lambda: DBTaskResult.objects.filter(id__in=index_ids, status="RUNNING").exists(), 120, "an index task"
        )

        mail = send_confirmation.using(backend="database").enqueue(submission.id, "/phan-anh-kien-nghi/tra-cuu/")
        done = _wait_for(
            lambda: DBTaskResult.objects.filter(id=mail.id, status="SUCCESSFUL").first(), 30, "the e-mail task"
        )
        waited = (done.finished_at - done.enqueued_at).total_seconds()
        assert waited < 5, f"the confirmation e-mail waited {waited:.1f} s"
        assert done.return_value is True  # the message was sent
        # Meanwhile the index tasks are held by the frozen engine on their own worker.
        waiting = DBTaskResult.objects.filter(id__in=index_ids, status="READY").count()
        assert waiting >= 8, f"only {waiting} index tasks still waiting: the engine was not frozen"
    finally:
        cluster.signal(signal.SIGCONT)
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def test_engine_restarted_empty_heals_itself(cluster, client):
    from procedures.models import ProcedurePage
    from search.tasks import process_index_queue

    corpus()
    published = SearchEntry.objects.count()
    before = {q: api(client, q) for q in ("khai sinh", "giấy phép xây dựng")}
    assert all(engine_name == "elasticsearch" and total > 0 for engine_name, total in before.values())

    cluster.stop()  # the engine is killed…
    edited = list(ProcedurePage.objects.live().order_by("pk")[:8])
    for page in edited:  # …while editors keep publishing
        page.title = page.official_name = f"{page.official_name} (sửa đổi)"
        page.save_revision().publish()
    assert IndexQueueItem.objects.count() == 8
    out = io.StringIO()
    call_command("search_status", stdout=out)
    assert "KHÔNG TRẢ LỜI" in out.getvalue() and "khớp" not in out.getvalue()

    cluster.start()  # …and comes back with an empty data folder
    cache.clear()
    assert index.indices_of(index.alias_name()) == []
    search_health = client.get("/suc-khoe/").json()["checks"]["search"]
    assert search_health["index_status"] == "missing" and search_health["engine"] == "database"
    assert search_health["database_documents"] == published
    for q, (_engine, total) in before.items():
        assert api(client, q) == ("database", total)  # whole answers from the database, marked as such
    assert "Kết quả tìm kiếm đang bị giới hạn" in client.get("/tim-kiem/", {"q": "khai sinh"}).content.decode()

    process_index_queue.call()  # what the search worker runs
    refresh()
    assert engine.admin_client().count(index=index.alias_name())["count"] == published
    assert IndexQueueItem.objects.count() == 0
    for page in edited:  # the changes made while the engine was away are in
        source = engine.admin_client().get(index=index.alias_name(), id=f"procedure:{page.pk}")["_source"]
        assert source["title"].endswith("(sửa đổi)")
    cache.clear()
    assert client.get("/suc-khoe/").json()["checks"]["search"]["index_status"] == "ok"
    for q, answer in before.items():
        assert api(client, q) == answer
