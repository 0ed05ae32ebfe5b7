"""Writing a planned import in one transaction, all or nothing: reference rows, page revisions with
their status history, publishing, and the indexes after the commit."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.log_actions import log

from procedures.importing import bulk
from procedures.importing.constants import INDEX_SLUG, INDEX_TITLE, LOG_ACTION, REFS, STREAMS
from procedures.importing.reference_rows import ReferenceRows
from procedures.importing.report import ImportFailed, ImportReport, Message, PlannedPage, PlannedStatus
from procedures.models import (
    ProcedureIndexPage,
    ProcedurePage,
    StatusChange,
)
from procedures.models.pages import derive_title


def ensure_index_page():
    """The single catalogue page, created under the city home page when missing."""
    index = ProcedureIndexPage.objects.first()
    if index is not None:
        return index
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        raise ImportFailed("Chưa có trang chủ thành phố để đặt trang danh mục thủ tục hành chính.")
    index = ProcedureIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _assign(page, planned: PlannedPage, refs: ReferenceRows):
    for name, value in planned.values.items():
        if name in REFS:
            setattr(page, name, refs.get(name, value))
        elif name == "other_levels":
            page.other_levels = [refs.get("level", key) for key in value]
        elif name == "other_agencies":
            page.other_agencies = [refs.get("implementing_agency", key) for key in value]
        elif name in STREAMS:
            setattr(page, name, _assignable(value))
        else:
            setattr(page, name, value)
    if "official_name" in planned.values:
        page.title = derive_title(page.official_name)
        page.draft_title = page.title


def _assignable(blocks):
    """Canonical stream data with fresh block ids, in the shape Wagtail stores (list items included)."""
    out = []
    for block in blocks:
        value = dict(block["value"])
        if "items" in value:
            value["items"] = [dict(item, id=str(uuid.uuid4())) for item in value["items"]]
        out.append({"type": block["type"], "value": value, "id": str(uuid.uuid4())})
    return out


def _status_change(planned_status: PlannedStatus, refs: ReferenceRows, pages_by_key, sort_order):
    replacement = pages_by_key[planned_status.replacement] if planned_status.replacement else None
    return StatusChange(
        decision=refs.decisions.get(planned_status.decision) if planned_status.decision else None,
        kind=planned_status.kind,
        effective_date=planned_status.effective_date,
        changed_parts=planned_status.changed_parts,
        note=planned_status.note,
        replacement=replacement,
        sort_order=sort_order,
    )


def _add_statuses(page, statuses, refs, pages_by_key):
    position = len(page.status_changes.all())
    for offset, status in enumerate(statuses):
        page.status_changes.add(_status_change(status, refs, pages_by_key, position + offset))


def _log_data(report, planned, statuses):
    return {
        "file": report.filename,
        "created": planned.page is None,
        "decisions": sorted({s.decision for s in statuses if s.decision}),
        "changed": planned.changed if planned.page is not None else [],
        "statuses": [s.kind for s in statuses],
    }


def _publish(page, planned, report, user, statuses):
    """An update: one revision, published at once (the import checked the editor may publish)."""
    revision = page.save_revision(user=user, clean=False)
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        revision=revision,
        content_changed=True,
        data=_log_data(report, planned, statuses),
    )
    revision.publish(user=user, skip_permission_checks=True)


def apply_plan(report: ImportReport, *, user=None, progress: Callable | None = None) -> ImportReport:
    """Write a plan without errors in one transaction; any failure rolls the whole file back."""
    if report.errors:
        return report
    pages = report.changes()
    total, done = len(pages), 0
    refs = report.refs
    try:
        with transaction.atomic(), _index_after_commit() as after:
            after.snippets = refs.create_pending()
            index = ensure_index_page() if pages else None
            pages_by_key = {p.key: p.page for p in report.pages if p.page is not None}
            deferred, items, log_data = [], [], {}
            for planned in pages:
                if planned.page is not None:
                    continue
                page = ProcedurePage(slug=planned.slug, code=planned.code)
                _assign(page, planned, refs)
                now = [s for s in planned.statuses if not s.replacement or s.replacement in pages_by_key]
                changes = [_status_change(s, refs, pages_by_key, i) for i, s in enumerate(now)]
                items.append((page, changes))
                log_data[id(page)] = _log_data(report, planned, now)
                planned.saved = page
                if len(now) < len(planned.statuses):
                    deferred.append((planned, page, [s for s in planned.statuses if s not in now]))

            def created(page, count):
                after.pages.add(page.pk)
                if progress:
                    progress(count, total, None)

            if items:
                bulk.create_pages(
                    items, index, user=user, log_data=lambda page: log_data[id(page)], progress=created
                )
            done = len(items)
            for planned in pages:
                if planned.page is None:
                    pages_by_key[planned.key] = planned.saved
            for planned in pages:
                if planned.page is None:
                    continue
                page = planned.saved = planned.page
                _assign(page, planned, refs)
                _add_statuses(page, planned.statuses, refs, pages_by_key)
                _publish(page, planned, report, user, planned.statuses)
                after.pages.add(page.pk)
                done += 1
                if progress:
                    progress(done, total, planned)
            for planned, page, statuses in deferred:
                page = ProcedurePage.objects.get(pk=page.pk)
                _add_statuses(page, statuses, refs, pages_by_key)
                _publish(page, planned, report, user, statuses)
    except ImportFailed as exc:
        report.errors.append(Message(None, str(exc)))
        return report
    except ValidationError as exc:
        detail = "; ".join(exc.messages[:3])
        report.errors.append(Message(None, f"Dữ liệu không hợp lệ, không có thay đổi nào được ghi: {detail}"))
        return report
    report.applied = True
    report.dry_run = False
    return report


class _index_after_commit:
    """Wagtail's admin search index and reference index follow once the transaction has committed, in
    one background task for all the pages (`pages`: ids) and new reference rows (`snippets`: objects)
    instead of one update per save (three per published page). The portal's search queue and other
    publish listeners still hear every page_published signal."""

    def __enter__(self):
        from wagtail.signal_handlers import disable_reference_index_auto_update

        self.pages, self.snippets = set(), []
        self.references = disable_reference_index_auto_update()  # thread-local
        self.references.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.references.__exit__(exc_type, exc, tb)
        if exc_type is None and (self.pages or self.snippets):
            from procedures.importing.tasks import index_imported_pages

            page_ids = sorted(self.pages)
            snippets = defaultdict(list)  # JSON for a task queue: {"procedures.agency": [ids]}
            for obj in self.snippets:
                snippets[obj._meta.label_lower].append(obj.pk)
            snippets = dict(snippets)
            transaction.on_commit(lambda: index_imported_pages.enqueue(page_ids, snippets))
        return False
