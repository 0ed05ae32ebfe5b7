"""Status history: a procedure's announcements in time order, the procedures it replaced, and the
catalogue's recent changes grouped by announcing decision."""

import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from procedures.models import ProcedurePage, StatusChange

Status = ProcedurePage.Status
RECENT_PERIODS = (30, 90)
LATEST_WHEN_QUIET = 50  # changes shown instead when a period had none


HISTORY_FIELDS = (
    "id", "sort_order", "page_id", "kind", "effective_date", "changed_parts", "note", "decision",
    "decision__number", "decision__date", "decision__issuer", "decision__summary", "decision__document",
    "replacement", "replacement__title", "replacement__code", "replacement__url_path", "replacement__path",
    "replacement__depth", "replacement__live", "replacement__slug",
)  # fmt: skip


REPLACED_FIELDS = (
    "page__title", "page__code", "page__url_path", "page__path", "page__depth", "page__live", "page__slug",
    "page__status",
)  # fmt: skip


def status_history(page):
    """The page's status changes in time order (with their decisions and replacements) and the live
    procedures this page replaced, sorted by code: both from one query."""
    rows = (
        StatusChange.objects.filter(Q(page=page) | Q(replacement=page, kind=Status.REPLACED))
        .select_related("decision", "replacement", "page")
        .only(*HISTORY_FIELDS, *REPLACED_FIELDS)
    )
    changes, replaced = [], {}
    for change in rows:
        if change.page_id == page.pk:
            change.when = change_date(change)
            changes.append(change)
        elif change.page.live:
            replaced[change.page_id] = change.page
    changes.sort(key=StatusChange.sort_key)
    return changes, sorted(replaced.values(), key=lambda p: (p.code, p.pk))


def change_date(change):
    return change.effective_date or (change.decision.date if change.decision else None)


def recent_changes(days, *, limit=None):
    """Status changes announced in the last `days` days (decision date, else effective date), newest
    first, live pages only; `days=None` gives the latest changes whatever their age."""
    today = timezone.localdate()
    qs = (
        StatusChange.objects.filter(page__live=True)
        .annotate(announced=Coalesce("decision__date", "effective_date"))
        .filter(announced__lte=today)
        .select_related("decision", "page", "page__field", "page__level", "replacement")
        .only(
            "id",
            "kind",
            "effective_date",
            "changed_parts",
            "note",
            "sort_order",
            "decision_id",
            "replacement_id",
            "page_id",
            "decision__id",
            "decision__number",
            "decision__date",
            "decision__issuer",
            "decision__summary",
            "decision__document_id",
            "page__id",
            "page__title",
            "page__official_name",
            "page__code",
            "page__url_path",
            "page__path",
            "page__depth",
            "page__slug",
            "page__status",
            "page__live",
            "page__field__name",
            "page__level__name",
            "replacement__id",
            "replacement__title",
            "replacement__code",
            "replacement__url_path",
            "replacement__path",
            "replacement__depth",
            "replacement__live",
        )  # fmt: skip
        .order_by("-announced", "decision__number", "page__code", "id")
    )
    if days is not None:
        qs = qs.filter(announced__gte=today - datetime.timedelta(days=days))
    return list(qs[:limit] if limit else qs)


def recent_or_latest(days, *, limit=None, latest=LATEST_WHEN_QUIET):
    """(changes, quiet): the changes of the last `days` days; when there were none (quiet=True), the
    `latest` most recent changes whatever their age, so a quiet period still shows what changed last."""
    changes = recent_changes(days, limit=limit)
    if changes:
        return changes, False
    return recent_changes(None, limit=latest), True


def group_by_decision(changes):
    groups, by_key = [], {}
    for change in changes:
        key = change.decision_id or f"none-{change.announced}"
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = {
                "decision": change.decision,
                "date": change.announced,
                "changes": [],
                "kinds": {},
            }
            groups.append(group)
        group["changes"].append(change)
        group["kinds"][change.kind] = group["kinds"].get(change.kind, 0) + 1
    for group in groups:
        group["summary"] = [(Status(k).label, n) for k, n in group["kinds"].items()]
    return groups
