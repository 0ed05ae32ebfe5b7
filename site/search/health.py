"""Can the engine's answers be trusted? The index's document count against the database copy.

One count request and two counts in the database, kept a few seconds in the cache: the health view,
the search service (which answers from the database while the index is not whole) and the queue
worker (which rebuilds a missing, empty or far-behind index) all read it.
"""

import dataclasses
import logging
import time

from django.conf import settings
from django.core.cache import cache

from search import engine, index

logger = logging.getLogger(__name__)

CACHE_SECONDS = 10
# Documents the index may lack beyond the queued changes before it counts as behind: a drained batch
# becomes countable only at the engine's next refresh (about a second).
BEHIND_SLACK = 10
BEHIND_SHARE = 0.02

OK = "ok"
DISABLED = "disabled"  # no engine configured: the database answers, by design
UNREACHABLE = "unreachable"
MISSING = "missing"  # no live index behind the alias (an engine restarted empty, a rebuild from nothing)
EMPTY = "empty"
BEHIND = "behind"

LABELS = {
    OK: "Chỉ mục đầy đủ",
    DISABLED: "Không dùng máy chủ tìm kiếm (tìm trong cơ sở dữ liệu)",
    UNREACHABLE: "Máy chủ tìm kiếm không trả lời",
    MISSING: "Chưa có chỉ mục (máy chủ khởi động lại trống hoặc đang dựng lại)",
    EMPTY: "Chỉ mục trống",
    BEHIND: "Chỉ mục thiếu nhiều tài liệu so với cơ sở dữ liệu",
}


@dataclasses.dataclass
class IndexHealth:
    state: str
    documents: int | None  # in the live index
    expected: int  # in the database copy (what the index must hold once the queue is applied)
    queued: int
    building: bool = False
    error: str = ""
    checked_at: float = 0.0

    @property
    def trusted(self):
        return self.state == OK

    @property
    def label(self):
        return LABELS[self.state]

    def as_dict(self):
        return {
            "status": self.state,
            "trusted": self.trusted,
            "detail": self.label,
            "index_documents": self.documents,
            "database_documents": self.expected,
            "queue": self.queued,
            "rebuilding": self.building,
            "checked_seconds_ago": round(max(time.time() - self.checked_at, 0.0), 1),
            **({"error": self.error} if self.error else {}),
        }


def _cache_key():
    return f"search:index-health:{settings.ELASTICSEARCH_INDEX_PREFIX}"


def allowed_gap(expected, queued):
    return queued + max(BEHIND_SLACK, int(expected * BEHIND_SHARE))


def check(*, timeout=None, client=None):
    """Ask now (one count request); the result is also cached for the other readers."""
    from search.models import IndexQueueItem, SearchEntry

    expected = SearchEntry.objects.count()
    queued = IndexQueueItem.objects.count()
    if not engine.is_configured():
        result = IndexHealth(DISABLED, None, expected, queued)
    else:
        result = _ask_engine(expected, queued, timeout, client)
    result.checked_at = time.time()
    cache.set(_cache_key(), result, CACHE_SECONDS)
    return result


def _ask_engine(expected, queued, timeout, client):
    from elasticsearch import NotFoundError

    client = client or engine.get_client()
    client = client.options(request_timeout=timeout or settings.ELASTICSEARCH_TIMEOUT)
    building = False
    try:
        building = bool(client.indices.exists_alias(name=index.building_alias_name()))
        documents = client.count(index=index.alias_name())["count"]
    except NotFoundError:
        return IndexHealth(MISSING, None, expected, queued, building=building)
    except Exception as exc:  # any transport or API error: the engine cannot answer now
        return IndexHealth(UNREACHABLE, None, expected, queued, error=f"{type(exc).__name__}: {exc}"[:300])
    if documents == 0 and expected > 0:
        state = EMPTY
    elif expected - documents > allowed_gap(expected, queued):
        state = BEHIND
    else:
        state = OK
    return IndexHealth(state, documents, expected, queued, building=building)


def cached():
    """The last answer if it is a few seconds old at most, else a new one."""
    result = cache.get(_cache_key())
    if result is None:
        result = check()
    return result


def forget():
    cache.delete(_cache_key())


def engine_trusted():
    """True when the engine may answer citizens: configured, reachable, and its index whole."""
    try:
        return cached().trusted
    except Exception:  # the database itself failing: let the search path report its own error
        logger.exception("Index health check failed")
        return False
