"""Readiness checks for /suc-khoe/: database, cache, search index against the database, task queues.

Each check says what it found and never raises. Counting (the index, the queues) is kept a few
seconds in the cache, so a load balancer may poll every few seconds at the cost of one `SELECT 1`
and a cache round trip.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min
from django.utils import timezone

OK, DEGRADED, FAIL = "ok", "degraded", "fail"
QUEUE_CACHE_SECONDS = 5


def _timed(check):
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # report, never raise: this endpoint exists to say what is broken
        result = {"status": FAIL, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK, "vendor": connection.vendor}


def cache_check():
    key = "health:probe"
    value = str(time.time())
    cache.set(key, value, 30)
    if cache.get(key) != value:
        return {"status": FAIL, "backend": type(cache).__name__, "error": "giá trị đọc lại khác giá trị vừa ghi"}
    return {"status": OK, "backend": type(cache).__name__}


def search():
    from search import engine
    from search import health as index_health

    state = index_health.cached()
    result = state.as_dict()
    result["engine"] = "elasticsearch" if state.trusted else "database"
    if state.state == index_health.DISABLED:
        result["status"], result["index_status"] = OK, state.state
    else:
        result["index_status"] = state.state
        result["status"] = OK if state.trusted else DEGRADED
        result["nodes"] = len(engine.hosts())
    return result


def queue_counts():
    """{queue: (ready, running, oldest ready enqueued_at)} for every configured queue."""
    from django_tasks_db.models import DBTaskResult

    counts = {name: [0, 0, None] for name in settings.TASK_QUEUES}
    ready = DBTaskResult.objects.ready().values("queue_name").annotate(n=Count("id"), oldest=Min("enqueued_at"))
    for row in ready:
        entry = counts.setdefault(row["queue_name"], [0, 0, None])
        entry[0], entry[2] = row["n"], row["oldest"]
    for row in DBTaskResult.objects.running().values("queue_name").annotate(n=Count("id")):
        counts.setdefault(row["queue_name"], [0, 0, None])[1] = row["n"]
    return counts


def tasks():
    key = "health:task-queues"
    counts = cache.get(key)
    if counts is None:
        counts = queue_counts()
        cache.set(key, counts, QUEUE_CACHE_SECONDS)
    now = timezone.now()
    late_after = settings.HEALTH_TASK_LATE_SECONDS
    queues = {}
    for name, (ready, running, oldest) in counts.items():
        age = round((now - oldest).total_seconds(), 1) if oldest else None
        queues[name] = {
            "status": DEGRADED if age is not None and age > late_after else OK,
            "depth": ready,
            "running": running,
            "oldest_age_seconds": age,
        }
    backend = settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1]
    status = DEGRADED if any(q["status"] != OK for q in queues.values()) else OK
    return {"status": status, "backend": backend, "late_after_seconds": late_after, "queues": queues}


def readiness():
    """(HTTP status, body): 503 when the database or the cache fails (this server cannot serve);
    "degraded" with 200 when search answers from the database or a queue is late."""
    checks = {
        "database": _timed(database),
        "cache": _timed(cache_check),
    }
    checks["search"] = _timed(search) if checks["database"]["status"] == OK else {"status": FAIL}
    checks["tasks"] = _timed(tasks) if checks["database"]["status"] == OK else {"status": FAIL}
    if checks["database"]["status"] != OK or checks["cache"]["status"] != OK:
        overall = FAIL
    elif any(check["status"] != OK for check in checks.values()):
        overall = DEGRADED
    else:
        overall = OK
    return (503 if overall == FAIL else 200), {"status": overall, "checks": checks}
