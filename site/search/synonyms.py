"""Synonym groups editors maintain in the admin (SearchSynonym), cached per process by version.

Groups sharing a phrase are merged (sổ đỏ ↔ giấy chứng nhận… and sổ hồng ↔ sổ đỏ make one group), so
expansion does not depend on how editors split their entries.

Every search needs the groups; reading them was one query per search. Each process now keeps the
parsed groups with the version they were read at: a version string in the cache, replaced whenever a
group is saved or deleted (signals, at once and again after the commit). A cache shared by the
processes (Redis) makes an edit apply to the next search everywhere; with a per-process cache, other
processes re-read the table at least every RECHECK_SECONDS. An empty cache (a restart, a flush)
means "unknown": the table is read again.
"""

import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction

from search.vietnamese import fold

VERSION_KEY = "search:synonyms-version"
RECHECK_SECONDS = 10


def merge_groups(groups):
    """Union of groups that share a phrase (compared folded), order of first appearance kept."""
    merged = []  # list of (keys set, phrases list)
    for group in groups:
        keys = {fold(p) for p in group}
        phrases = list(group)
        for other in [m for m in merged if m[0] & keys]:
            merged.remove(other)
            keys |= other[0]
            phrases = other[1] + [p for p in phrases if fold(p) not in {fold(q) for q in other[1]}]
        merged.append((keys, phrases))
    return [phrases for _, phrases in merged]


_lock = threading.Lock()
_local = {"version": None, "read_at": -1e9, "rows": None, "groups": ()}


def _new_version():
    return uuid.uuid4().hex


def changed(**kwargs):
    """A group was saved or deleted: every process re-reads the table before its next search.

    Bumped at once (the editor's own process and transaction see the edit) and again after the
    commit (a process that re-read the table before the commit would otherwise keep the old rows)."""
    cache.set(VERSION_KEY, _new_version(), None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, _new_version(), None))


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY)
    return version


def load_groups():
    """Active groups, merged; read from the database only when the version changed (or after
    RECHECK_SECONDS), parsed and merged again only when the rows differ."""
    from search.models import SearchSynonym, parse_phrases

    version = _current_version()
    now = time.monotonic()
    if version is None or version != _local["version"] or now - _local["read_at"] > RECHECK_SECONDS:
        rows = tuple(
            SearchSynonym.objects.filter(is_active=True).order_by("pk").values_list("phrases", flat=True)
        )
        with _lock:
            if rows != _local["rows"]:
                groups = merge_groups([phrases for text in rows if len(phrases := parse_phrases(text)) >= 2])
                _local.update(rows=rows, groups=tuple(tuple(g) for g in groups))
            _local.update(version=version, read_at=now)
    return [list(group) for group in _local["groups"]]
