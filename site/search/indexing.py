"""Keeping the index true: the durable queue, the database copy, and full rebuilds.

Events (a page published, unpublished, moved or deleted; an answer made public or withdrawn) call
`object_changed()`: the database copy (SearchEntry) is updated at once in the same transaction, and
an IndexQueueItem records that Elasticsearch must catch up. Processing re-reads each object through
its adapter's queryset (live, public, published), so any number of events on an object collapse
into one row, drafts never reach the index, and a row is removed only once Elasticsearch accepted
the change.
"""

import contextlib
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db import connections as db_connections
from django.utils import timezone
from wagtail.models import Page

from search import engine, health, index, registry
from search.models import IndexQueueItem, SearchEntry

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BACKOFF = timedelta(hours=1)


# --- documents ----------------------------------------------------------------------------------


def document_for(key):
    """(adapter, object, SearchDocument) for a key; document is None when it must leave the index."""
    adapter, pk = registry.split_key(key)
    if adapter is None:
        return None, None, None
    obj = adapter.get_object(pk)
    if obj is None:
        return adapter, None, None
    return adapter, obj, adapter.prepare(obj)


def _entry_values(adapter, document, source):
    return {
        "type": adapter.type,
        "title": source["title"],
        "code": source["code"],
        "status": document.status,
        "field": document.field,
        "level": document.level,
        "agency": document.agency,
        "online_kind": document.online_kind,
        "ward": document.ward,
        "hidden": source["hidden"],
        "url": document.url[:1000],
        "date": document.date,
        "summary": source["summary"],
        "body": source["excerpt"],
        "title_folded": f" {index.folded_terms(source['title_fold'])} ",
        "keywords_folded": f" {index.folded_terms(source['keywords_fold'])} ",
        "text_folded": " "
        + index.folded_terms(
            " ".join(
                (source["title_fold"], source["keywords_fold"], source["tags_fold"], source["body_fold"])
            )
        )
        + " ",
    }


def sync_entry(key, adapter, obj, document, source=None):
    """Bring the database copy of one document up to date (delete it when document is None)."""
    if document is None:
        SearchEntry.objects.filter(key=key).delete()
        return
    source = source or index.to_source(adapter, document)
    SearchEntry.objects.update_or_create(
        key=key,
        defaults={"page_id": obj.pk if adapter.is_page else None, **_entry_values(adapter, document, source)},
    )


# --- queue --------------------------------------------------------------------------------------


def enqueue(keys, reason):
    """Record that these documents must be re-read into Elasticsearch (no-op without an engine)."""
    _enqueue_reasons({key: reason for key in keys})


def _enqueue_reasons(reasons):
    """{key: reason}: one queue row per document, a newer event only pulls its next try forward."""
    if not engine.is_configured() or not reasons:
        return
    now = timezone.now()
    items = [
        IndexQueueItem(key=key, reason=reason, enqueued_at=now, next_try=now, attempts=0)
        for key, reason in sorted(reasons.items())
    ]
    # An upsert, so concurrent events on one document cannot collide on the unique key.
    IndexQueueItem.objects.bulk_create(
        items,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["reason", "enqueued_at", "next_try", "attempts"],
    )
    transaction.on_commit(_kick_worker)


def _kick_worker():
    from search.tasks import process_index_queue

    try:
        process_index_queue.enqueue()
    except Exception as exc:  # the rows are safe in the table; a later run picks them up
        logger.warning("Could not enqueue the search index task: %s", exc)


_batch = threading.local()


@contextlib.contextmanager
def batched():
    """Inside this block object events are collected and handled together when it ends (in the
    caller's transaction): one read per adapter, one bulk write of the database copy and one of the
    queue, instead of a few queries per event. Bulk writers (the catalogue import) use it."""
    if getattr(_batch, "pending", None) is not None:  # nested: the outer block handles everything
        yield
        return
    _batch.pending = {}
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    _handle_batch(pending)


def _handle_batch(pending):
    """pending: {key: (adapter, pk, reason)} -> database copy and queue, in bulk."""
    by_adapter = {}
    for key, (adapter, pk, _reason) in pending.items():
        by_adapter.setdefault(adapter, {})[pk] = key
    rows, gone = [], []
    for adapter, keys in by_adapter.items():
        found = {}
        ids = list(keys)
        for queryset in adapter.get_querysets():
            for start in range(0, len(ids), BATCH_SIZE):
                for obj in queryset.filter(pk__in=ids[start : start + BATCH_SIZE]):
                    found.setdefault(obj.pk, obj)
        for pk, key in keys.items():
            obj = found.get(pk)
            document = adapter.prepare(obj) if obj is not None else None
            if document is None:
                gone.append(key)
            else:
                rows.append((key, adapter, obj, document, index.to_source(adapter, document)))
    for start in range(0, len(rows), BATCH_SIZE):
        _flush_entries(rows[start : start + BATCH_SIZE])
    if gone:
        SearchEntry.objects.filter(key__in=gone).delete()
    _enqueue_reasons({key: reason for key, (_adapter, _pk, reason) in pending.items()})


def object_changed(adapter, pk, reason):
    """Entry point of the event handlers: update the database copy now, queue the engine update."""
    key = adapter.key(pk)
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending[key] = (adapter, pk, reason)
        return
    obj = adapter.get_object(pk)
    sync_entry(key, adapter, obj, adapter.prepare(obj) if obj is not None else None)
    enqueue([key], reason)


def page_changed(page, reason, *, descendants=False):
    """A page event: the page and, after a move or a privacy change, every indexed page below it."""
    pages = [page]
    if descendants:
        type_ids = registry.indexed_content_type_ids()
        pages += list(Page.objects.descendant_of(page).filter(content_type_id__in=type_ids))
    for item in pages:
        adapter = registry.adapter_for_model(item.specific_class or type(item))
        if adapter is not None:
            object_changed(adapter, item.pk, reason)


def object_deleted(adapter, pk):
    key = adapter.key(pk)
    SearchEntry.objects.filter(key=key).delete()
    enqueue([key], "delete")


def backoff(attempts):
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def queue_length():
    return IndexQueueItem.objects.count()


HEAL_LOCK_SECONDS = 2 * 3600


def _heal_lock_key():
    return f"search:heal-lock:{settings.ELASTICSEARCH_INDEX_PREFIX}"


def heal(*, timeout=None):
    """Rebuild the index (alias swap) when it is missing, empty or far behind the database copy.

    Returns the rebuild's stats, or None when the index is whole, the engine does not answer, or
    another process is already rebuilding. Queue rows older than the rebuild are then covered by it.
    """
    timeout = timeout or settings.ELASTICSEARCH_TASK_TIMEOUT
    state = health.check(timeout=timeout)
    if state.state == health.BEHIND:
        # A drained batch is counted only after the engine's next refresh: look again after one.
        try:
            engine.task_client().indices.refresh(index=index.alias_name())
        except Exception as exc:
            logger.warning("Could not refresh the search index before counting: %s", exc)
            return None
        state = health.check(timeout=timeout)
    if state.state not in (health.MISSING, health.EMPTY, health.BEHIND):
        return None
    if not cache.add(_heal_lock_key(), True, HEAL_LOCK_SECONDS):
        return None
    try:
        logger.warning(
            "Search index %s (%s documents, %s in the database): rebuilding it",
            state.state,
            state.documents,
            state.expected,
        )
        started = timezone.now()
        stats = rebuild(engine_too=True, database_too=False)
        IndexQueueItem.objects.filter(enqueued_at__lte=started).delete()
        health.check(timeout=timeout)
        stats["reason"] = state.state
        return stats
    finally:
        cache.delete(_heal_lock_key())


def process_queue(limit=None, *, include_future=False, heal_index=True):
    """Apply due queue rows to Elasticsearch; returns (done, failed). Never raises for engine errors.

    First (heal_index) an index that is missing, empty or far behind is rebuilt whole: the rows alone
    would only make a partial index that looks complete.
    """
    if not engine.is_configured():
        return 0, 0
    if heal_index:
        try:
            heal()
        except Exception:
            logger.exception("Rebuilding the search index failed; the queue keeps every change")
    done = failed = 0
    while limit is None or done + failed < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - done - failed)
        items = IndexQueueItem.objects.order_by("next_try", "id")
        if not include_future:
            items = items.filter(next_try__lte=timezone.now())
        items = list(items[:size])
        if not items:
            break
        ok, bad = _apply(items)
        done += ok
        failed += bad
        if bad:
            break  # the engine is failing: leave the rest for the next run
    return done, failed


def _apply(items):
    operations = []
    for item in items:
        adapter, _obj, document = document_for(item.key)
        if document is None:
            operations.append(("delete", item.key, None))
        else:
            operations.append(("index", item.key, index.to_source(adapter, document)))
    try:
        # Short timeouts: a hung engine must not hold the worker (the rows simply wait).
        client = engine.task_client()
        _bulk(operations, targets=index.write_targets(client), timeout=settings.ELASTICSEARCH_TASK_TIMEOUT)
    except Exception as exc:
        now = timezone.now()
        for item in items:
            IndexQueueItem.objects.filter(pk=item.pk, enqueued_at=item.enqueued_at).update(
                attempts=item.attempts + 1,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
                next_try=now + backoff(item.attempts + 1),
            )
        logger.warning("Search index update failed for %d documents, will retry: %s", len(items), exc)
        return 0, len(items)
    for item in items:
        # Only if no newer event arrived while we worked; otherwise the row stays for another pass.
        IndexQueueItem.objects.filter(pk=item.pk, enqueued_at=item.enqueued_at).delete()
    return len(items), 0


def _bulk(operations, targets, refresh=False, timeout=10):
    """Index/delete (op, id, source) in every target index; raises on any failure but 'not found'."""
    if not operations:
        return
    client = engine.admin_client(timeout=timeout)
    for target in targets:
        body = []
        for op, doc_id, source in operations:
            body.append({op: {"_index": target, "_id": str(doc_id)}})
            if op == "index":
                body.append(source)
        response = client.bulk(operations=body, refresh=refresh)
        if response.get("errors"):
            problems = [
                item
                for entry in response["items"]
                for action, item in entry.items()
                if item.get("status", 200) >= 300 and not (action == "delete" and item.get("status") == 404)
            ]
            if problems:
                raise RuntimeError(f"bulk: {problems[0].get('error') or problems[0]}")


_ENTRY_FIELDS = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("key", "updated_at")]


def _flush_entries(batch):
    now = timezone.now()
    entries = [
        SearchEntry(
            key=key,
            page_id=obj.pk if adapter.is_page else None,
            updated_at=now,
            **_entry_values(adapter, document, source),
        )
        for key, adapter, obj, document, source in batch
    ]
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=_ENTRY_FIELDS + ["updated_at"],
    )


def _parallel_writes_ok():
    """A second connection may write the copy: PostgreSQL, and we are not inside a transaction."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


# --- rebuild ------------------------------------------------------------------------------------


def iter_documents(adapters=None, chunk=500):
    """(key, adapter, object, document) for everything every adapter wants indexed."""
    for adapter in adapters or registry.adapters():
        for queryset in adapter.get_querysets():
            queryset = queryset.order_by("pk")
            last = None
            while True:
                batch = list((queryset.filter(pk__gt=last) if last is not None else queryset)[:chunk])
                if not batch:
                    break
                last = batch[-1].pk
                for obj in batch:
                    document = adapter.prepare(obj)
                    if document is not None:
                        yield adapter.key(obj.pk), adapter, obj, document


def count_documents(adapters=None):
    return sum(qs.count() for adapter in adapters or registry.adapters() for qs in adapter.get_querysets())


def rebuild(*, engine_too=True, database_too=True, progress=None, chunk=500):
    """Rebuild the database copy and/or a fresh index, then swap the alias; returns a stats dict.

    Searches keep answering from the old index until the atomic alias swap. Queue updates that
    arrive meanwhile go to both indices (see index.write_targets), so none is lost.
    """
    started, cpu = time.monotonic(), time.process_time()
    use_engine = engine_too and engine.is_configured()
    total = count_documents()
    stats = {"total": total, "indexed": 0, "index": None, "deleted_indices": []}
    timing = {"prepare": 0.0, "database": 0.0, "engine_wait": 0.0, "finish": 0.0}
    client = engine.admin_client() if use_engine else None
    new_name = None
    if use_engine:
        new_name = index.create_index(index.new_index_name(), for_bulk=True)
        client.indices.update_aliases(
            actions=[{"add": {"index": new_name, "alias": index.building_alias_name()}}]
        )
        stats["index"] = new_name
    # The engine indexes one chunk while Python prepares the next (two processes, two cores), and on
    # PostgreSQL outside a transaction the database copy is written from a thread of its own too.
    sender = ThreadPoolExecutor(max_workers=1) if use_engine else None
    writer = ThreadPoolExecutor(max_workers=1) if database_too and _parallel_writes_ok() else None
    pending = []
    writes = []
    try:
        seen = set()
        batch = []

        def flush():
            if not batch:
                return
            mark = time.monotonic()
            if writer is not None:
                while writes and (len(writes) > 1 or writes[0].done()):
                    writes.pop(0).result()
                writes.append(writer.submit(_flush_entries, list(batch)))
            elif database_too:
                _flush_entries(batch)
            timing["database"] += time.monotonic() - mark
            if use_engine:
                mark = time.monotonic()
                while pending and (len(pending) > 1 or pending[0].done()):
                    pending.pop(0).result()
                timing["engine_wait"] += time.monotonic() - mark
                operations = [("index", key, source) for key, _, _, _, source in batch]
                pending.append(sender.submit(_bulk, operations, [new_name], False, 120))
            stats["indexed"] += len(batch)
            if progress:
                progress(stats["indexed"], total)

        mark = time.monotonic()
        for key, adapter, obj, document in iter_documents(chunk=chunk):
            batch.append((key, adapter, obj, document, index.to_source(adapter, document)))
            seen.add(key)
            if len(batch) >= chunk:
                timing["prepare"] += time.monotonic() - mark
                flush()
                batch = []
                mark = time.monotonic()
        timing["prepare"] += time.monotonic() - mark
        flush()
        mark = time.monotonic()
        for future in writes:
            future.result()
        timing["database"] += time.monotonic() - mark
        mark = time.monotonic()
        for future in pending:
            future.result()
        timing["engine_wait"] += time.monotonic() - mark
        if database_too:
            # Whatever is no longer live and public leaves the fallback copy too.
            gone = sorted(set(SearchEntry.objects.values_list("key", flat=True)) - seen)
            for start in range(0, len(gone), 500):
                SearchEntry.objects.filter(key__in=gone[start : start + 500]).delete()
        if use_engine:
            mark = time.monotonic()
            index.finish_bulk(new_name)
            timing["finish"] = time.monotonic() - mark
            old = index.swap_alias(new_name)
            client.indices.update_aliases(
                actions=[{"remove": {"index": new_name, "alias": index.building_alias_name()}}]
            )
            for name in set(old) | set(index.orphan_indices()):
                if name != new_name:
                    index.delete_index(name)
                    stats["deleted_indices"].append(name)
    except BaseException:
        for future in pending + writes:
            future.cancel()
        if new_name:
            index.delete_index(new_name)
        raise
    finally:
        if sender is not None:
            sender.shutdown(wait=True)
        if writer is not None:
            writer.submit(db_connections.close_all).result()
            writer.shutdown(wait=True)
    stats["seconds"] = time.monotonic() - started
    stats["cpu_seconds"] = time.process_time() - cpu  # this process only (not the engine, not the database)
    stats["timing"] = timing
    return stats
