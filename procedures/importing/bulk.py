"""Create many procedure pages at once, with the same result as `add_child()` then
`save_revision().publish()` for each: tree position and URL path, one revision that is the live one,
the create / import / publish log entries, the status-history entries, and the page_published and
published signals (the search queue and change alerts hear every page).

Creating a page the usual way costs about a hundred queries (three full saves with validation, child
relations written three times, savepoints); an import of the whole catalogue would take minutes. Here
each batch is a few multi-row INSERTs. The values were validated when the import was planned.
Updates of existing pages still go through `save_revision().publish()` one page at a time.
"""

from __future__ import annotations

import contextlib
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published

from core.rows import insert_rows, mark_saved
from core.tree import next_child_paths
from procedures.models import ProcedurePage, StatusChange

BATCH = 200
M2M_WRITTEN = ("other_levels", "other_agencies")  # what an import sets; the other relations start empty


def create_pages(items, index, *, user=None, log_data=None, progress=None):
    """Write new pages. `items` is a list of (page, status_changes) where page is an unsaved
    ProcedurePage with its values (StreamField data, other_levels as a list of objects) and
    status_changes are unsaved StatusChange objects. Returns {page: revision}."""
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(ProcedurePage)
    base_type = ContentType.objects.get_for_model(Page)
    index = Page.objects.select_for_update().get(pk=index.pk)  # one import at a time under the catalogue
    paths = next_child_paths(index, len(items))
    revisions = {}
    done = 0
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        pages = [page for page, _changes in batch]
        for (page, changes), path in zip(batch, paths[start : start + BATCH], strict=True):
            _prepare(page, changes, path, index, page_type, user, now)
        _insert_pages(pages)
        _insert_children(batch)
        batch_revisions = _insert_revisions(pages, page_type, base_type, user, now)
        revisions.update(batch_revisions)
        _log(pages, revisions, page_type, user, now, log_data or (lambda page: {}))
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
        with _search_batch():
            for page in pages:
                _announce(page, revisions[page])
                done += 1
                if progress:
                    progress(page, done)
    return revisions


def _insert_revisions(pages, page_type, base_type, user, now):
    revisions = [
        Revision(
            content_type=page_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    ]
    insert_rows(Revision, revisions)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    # Each new page has this one revision: one UPDATE … SET = (its revision) for the batch, not
    # bulk_update's CASE WHEN of 200 branches per column.
    own = Revision.objects.filter(
        base_content_type=base_type, object_id=Cast(OuterRef("pk"), CharField())
    ).values("pk")[:1]
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision=Subquery(own), live_revision=Subquery(own)
    )
    return dict(zip(pages, revisions, strict=True))


def _announce(page, revision):
    """What Wagtail's publish sends once a page is live."""
    page_published.send(sender=ProcedurePage, instance=page, revision=revision)
    published.send(sender=ProcedurePage, instance=page, revision=revision)


def _search_batch():
    """The portal search may offer `indexing.batched()`: page events inside it are processed together
    at its end (same transaction) instead of one by one. Without it, every page is handled at once."""
    try:
        from search import indexing
    except ImportError:  # the search app is optional for the catalogue
        return contextlib.nullcontext()
    return getattr(indexing, "batched", contextlib.nullcontext)()


def _prepare(page, changes, path, parent, page_type, user, now):
    page.path = path
    page.depth = parent.depth + 1
    page.numchild = 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.content_type = page_type
    page.locale_id = parent.locale_id
    page.translation_key = uuid.uuid4()
    page.draft_title = page.title
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
    page.owner = user
    # The in-memory history gives the derived status (ProcedurePage.save would do the same).
    page.status_changes = changes
    for rel in get_all_child_relations(page):
        if rel.get_accessor_name() != "status_changes":
            setattr(page, rel.get_accessor_name(), [])
    for field in get_all_child_m2m_relations(page):
        if field.name not in M2M_WRITTEN:
            setattr(page, field.name, [])
    page.status, page.status_date = page.derive_status()
    page.has_online_channel = page.derive_online_channel()


def _insert_pages(pages):
    # The wagtailcore_page rows, then the procedure rows that point to them (multi-table inheritance).
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for page, pk in zip(pages, insert_rows(Page, pages, base_fields), strict=True):
        page.id = page.page_ptr_id = pk
        mark_saved(page, connection.alias)
    insert_rows(ProcedurePage, pages, ProcedurePage._meta.local_concrete_fields)


def _insert_children(batch):
    changes, levels, agencies = [], [], []
    level_through, agency_through = ProcedurePage.other_levels.through, ProcedurePage.other_agencies.through
    for page, page_changes in batch:
        for order, change in enumerate(page_changes):
            change.page_id = page.pk
            change.sort_order = order
            changes.append(change)
        for level in page.other_levels.all():
            levels.append(level_through(procedurepage_id=page.pk, procedurelevel_id=level.pk))
        for agency in page.other_agencies.all():
            agencies.append(agency_through(procedurepage_id=page.pk, agency_id=agency.pk))
    StatusChange.objects.bulk_create(changes)
    level_through.objects.bulk_create(levels)
    agency_through.objects.bulk_create(agencies)


def _log(pages, revisions, page_type, user, now, log_data):
    entries = []
    for page in pages:
        label = page.get_admin_display_title()
        common = {"page_id": page.pk, "content_type": page_type, "label": label, "user": user}
        # What Wagtail logs for a created page, our import entry, and the publish.
        for action, revision, data in (
            ("wagtail.create", None, {}),
            ("procedures.import", revisions[page], log_data(page)),
            ("wagtail.publish", revisions[page], {}),
        ):
            entries.append(
                PageLogEntry(
                    action=action, timestamp=now, content_changed=True, revision=revision, data=data, **common
                )
            )
    PageLogEntry.objects.bulk_create(entries)
