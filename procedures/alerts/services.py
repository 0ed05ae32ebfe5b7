"""Subscriptions and the per-decision alert messages, handed to the outgoing queue (alerts.delivery)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from procedures.alerts.delivery import schedule_delivery
from procedures.alerts.models import OutgoingMessage, Subscription

logger = logging.getLogger(__name__)

UNCONFIRMED_KEEP = timedelta(days=7)
SENT_KEEP = timedelta(days=30)


def base_url():
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(path):
    return base_url() + path


def _headers(subscription):
    unsubscribe = absolute(reverse("procedure_alerts:unsubscribe", args=[subscription.token]))
    # RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
    return {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def subscribe(email, target, procedure=None, field=None, level=None):
    """Create (or find) the subscription and queue its confirmation e-mail. Returns the subscription."""
    subscription, created = Subscription.objects.get_or_create(
        email=email, target=target, procedure=procedure, field=field, level=level
    )
    if subscription.confirmed_at is None:
        queue_confirmation(subscription)
    return subscription


def queue_confirmation(subscription):
    sent_before = subscription.messages.filter(key__startswith="confirm:").count()
    if sent_before >= 3:  # someone keeps typing this address; do not mail-bomb its owner
        return None
    context = {
        "subscription": subscription,
        "confirm_url": absolute(reverse("procedure_alerts:confirm", args=[subscription.token])),
        "unsubscribe_url": absolute(reverse("procedure_alerts:unsubscribe", args=[subscription.token])),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    message = OutgoingMessage.objects.create(
        key=f"confirm:{subscription.pk}:{sent_before + 1}",
        to=subscription.email,
        subject="Xác nhận đăng ký nhận thông báo thay đổi thủ tục hành chính",
        body=render_to_string("procedure_alerts/email/confirm.txt", context),
        subscription=subscription,
    )
    schedule_delivery()
    return message


def confirm(subscription):
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def touched_procedures(decision):
    """Live procedures whose published history names this decision, with what it did to them."""
    from procedures.models import StatusChange

    changes = (
        StatusChange.objects.filter(decision=decision, page__live=True)
        .select_related("page", "page__field", "page__level")
        .prefetch_related("page__other_levels")
        .order_by("page__code")
    )
    return [(change.page, change) for change in changes]


def notify_decision(decision_id):
    """Queue one message per confirmed subscription the decision touches (never two for one decision)."""
    from procedures.models import AnnouncingDecision

    decision = AnnouncingDecision.objects.filter(pk=decision_id).first()
    if decision is None:
        return 0
    touched = touched_procedures(decision)
    if not touched:
        return 0
    queued = 0
    subscriptions = Subscription.objects.filter(confirmed_at__isnull=False).select_related(
        "procedure", "field", "level"
    )
    for subscription in subscriptions:
        relevant = [(page, change) for page, change in touched if subscription.matches(page)]
        if not relevant:
            continue
        context = {
            "subscription": subscription,
            "decision": decision,
            "items": [
                {
                    "page": page,
                    "change": change,
                    "url": page.get_full_url(),
                    "lineage_url": absolute(reverse("procedure_desk:lineage", args=[page.pk])),
                }
                for page, change in relevant
            ],
            "unsubscribe_url": absolute(reverse("procedure_alerts:unsubscribe", args=[subscription.token])),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        body = render_to_string("procedure_alerts/email/decision.txt", context)
        message, created = OutgoingMessage.objects.get_or_create(
            key=f"decision:{decision.pk}:sub:{subscription.pk}",
            defaults={
                "to": subscription.email,
                "subject": f"Thay đổi thủ tục hành chính theo Quyết định số {decision.number}"[:255],
                "body": body,
                "headers": _headers(subscription),
                "subscription": subscription,
                "decision": decision,
            },
        )
        if not created and message.sent_at is None and message.body != body:
            # More procedures of the same decision were published before the message left.
            message.body = body
            message.save(update_fields=["body"])
        queued += created
    if queued:
        schedule_delivery()
    return queued


def purge_unconfirmed(now=None):
    """Addresses never confirmed are not kept: delete them after a week."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEEP
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]


def purge_sent(now=None):
    """Sent messages hold an address: keep them thirty days for support questions, then delete them."""
    cutoff = (now or timezone.now()) - SENT_KEEP
    return OutgoingMessage.objects.filter(sent_at__lt=cutoff).delete()[0]
