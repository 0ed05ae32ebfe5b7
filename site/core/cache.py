"""The site cache: values every request reads (menus, settings, reference names), cleared on any change.

Entries are cleared together whenever a page is published, unpublished, moved, saved or deleted, a
site or a view restriction is saved or deleted, or a row of a model an app names with
clear_when_changed() changes. A cache shared between processes (Redis, REDIS_URL) is cleared for all of
them and keeps entries at most TIMEOUT seconds; a process-local cache cannot hear about changes made in
another process, so there entries live only LOCAL_TIMEOUT seconds.

Reads are cheap on both: every process keeps the values it built or fetched in memory next to the version
they belong to, and a request reads the version once. With Redis a page read the site cache a dozen
times, each a round trip costing ~0.3 ms of CPU in Django's client: a third of the city home page.
"""

import contextvars
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

TIMEOUT = 300
LOCAL_TIMEOUT = 5
VERSION_KEY = "core:site-cache:version"


# The version as read by the current request: [version or None] inside a request (set on
# request_started), None outside one (tasks and commands read it every time).
_request_version = contextvars.ContextVar("core_site_cache_version", default=None)


def _read_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # Not 1: after the cache itself is emptied the numbering must not meet values kept in _LOCAL.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def _version():
    memo = _request_version.get()
    if memo is None:
        return _read_version()
    if memo[0] is None:
        memo[0] = _read_version()
    return memo[0]


def _request_started(**kwargs):
    _request_version.set([None])


def _request_finished(**kwargs):
    _request_version.set(None)


def forget():
    """Forget the version this context read and the values kept in memory (for code that empties the
    cache itself, as the tests do between cases; a streamed response never closed leaves its request's
    version behind)."""
    _request_version.set(None)
    _LOCAL.clear()


def _forget_version():
    memo = _request_version.get()
    if memo is not None:
        memo[0] = None


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet: nothing cached under a version
        cache.add(VERSION_KEY, time.time_ns(), None)
    _forget_version()  # the request that changed something reads what it changed


def clear(**kwargs):
    """Drop every entry (signal receiver, also called by bulk operations).

    Again when the transaction commits: a request in another process may have cached the old rows
    between the change and the commit.
    """
    _bump()
    transaction.on_commit(_bump)


def _process_local():
    return isinstance(caches["default"], LocMemCache)


def _local_timeout():
    # The test settings lengthen it: a test process is the only one using its database.
    return getattr(settings, "SITE_CACHE_LOCAL_SECONDS", LOCAL_TIMEOUT)


# The values this process built or fetched, {name: (version, expiry, value)}: the local-memory backend
# would pickle them on every read, Redis send them. Only the version number is read from the cache, so
# clear() reaches them as before. Callers must not change what they are given (it is shared by the
# requests of this process).
_LOCAL = {}


def _keep(name, version, lifetime, value):
    for old in [n for n, kept in _LOCAL.items() if kept[0] != version]:  # entries of older versions are dead
        _LOCAL.pop(old, None)  # another thread (a threaded server) may have dropped it
    _LOCAL[name] = (version, time.monotonic() + lifetime, value)


def cached(name, build):
    """The value kept under `name`, built with `build()` when missing or cleared."""
    version = _version()
    kept = _LOCAL.get(name)
    if kept is not None and kept[0] == version and kept[1] > time.monotonic():
        return kept[2]
    if _process_local():
        value = build()
        _keep(name, version, _local_timeout(), value)
        return value
    key = f"core:site-cache:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    _keep(name, version, TIMEOUT, value)
    return value


def clear_when_changed(*models):
    """Clear the cache whenever a row of `models` is saved or deleted (for an app whose own data is
    cached here, e.g. the catalogue's reference names or the site settings)."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(clear, sender=model, dispatch_uid=f"core.cache.clear.{model._meta.label}.{id(signal)}")


def _clear_for_instance(sender, instance=None, **kwargs):
    from wagtail.models import Page, PageViewRestriction, Site

    # Page subclasses send the signals under their own class, so filter by instance.
    if isinstance(instance, Page | Site | PageViewRestriction):
        clear()


def connect():
    """Clear on every page publish, unpublish, move, save or delete and site or restriction change."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear, dispatch_uid=f"core.cache.clear.{id(signal)}")
    post_save.connect(_clear_for_instance, dispatch_uid="core.cache.clear.save")
    request_started.connect(_request_started, dispatch_uid="core.cache.request_started")
    request_finished.connect(_request_finished, dispatch_uid="core.cache.request_finished")
    post_delete.connect(_clear_for_instance, dispatch_uid="core.cache.clear.delete")
