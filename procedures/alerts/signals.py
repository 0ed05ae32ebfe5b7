"""When a procedure is published with a decision it did not carry before, alert that decision's subscribers."""

from django.db import transaction
from wagtail.models import PageLogEntry, Revision
from wagtail.signals import page_published


def _decisions(content):
    return {item.get("decision") for item in (content or {}).get("status_changes") or [] if item.get("decision")}


def new_decisions(page, revision):
    previous = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .order_by("-timestamp", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )
    before = _decisions(Revision.objects.get(pk=previous).content) if previous else set()
    return _decisions(revision.content if revision else None) - before


def on_page_published(sender, instance, revision=None, **kwargs):
    from procedures.alerts.models import Subscription
    from procedures.alerts.tasks import notify_decision

    if not Subscription.objects.filter(confirmed_at__isnull=False).exists():
        return
    for decision_id in sorted(new_decisions(instance, revision)):
        transaction.on_commit(lambda d=decision_id: notify_decision.enqueue(d))


def connect():
    from procedures.models import ProcedurePage

    page_published.connect(on_page_published, sender=ProcedurePage, dispatch_uid="procedure_alerts_publish")
