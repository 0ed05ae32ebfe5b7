"""Subscriptions, the per-decision alert messages and their delivery through the outgoing queue."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

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


def deliver(message):
    """Try to send one message; on failure keep it with the error and a later next_try."""
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=message.headers or {},
    )
    message.attempts += 1
    try:
        connection = get_connection(fail_silently=False)
        email.connection = connection
        email.send(fail_silently=False)
    except (OSError, smtplib.SMTPException) as exc:
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.next_try = timezone.now() + message.backoff()
        message.save(update_fields=["attempts", "last_error", "next_try"])
        logger.warning("Alert mail to subscriber %s not sent (attempt %s): %s", message.subscription_id,
                       message.attempts, message.last_error)
        return False
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def deliver_due(now=None):
    """Send every message whose time has come; returns (sent, failed)."""
    sent = failed = 0
    for pk in list(OutgoingMessage.due(now).order_by("next_try").values_list("pk", flat=True)):
        with transaction.atomic():
            message = OutgoingMessage.due(now).select_for_update(skip_locked=True).filter(pk=pk).first()
            if message is None:  # another worker has it
                continue
            if deliver(message):
                sent += 1
            else:
                failed += 1
    if failed:
        schedule_retry()
    return sent, failed


def purge_unconfirmed(now=None):
    """Addresses never confirmed are not kept: delete them after a week."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEEP
    return Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()[0]


def purge_sent(now=None):
    """Sent messages hold an address: keep them thirty days for support questions, then delete them."""
    cutoff = (now or timezone.now()) - SENT_KEEP
    return OutgoingMessage.objects.filter(sent_at__lt=cutoff).delete()[0]


def schedule_delivery():
    """Hand delivery to the background worker once the current transaction has committed."""
    from procedures.alerts.tasks import deliver_due_messages

    transaction.on_commit(deliver_due_messages.enqueue)


def schedule_retry():
    """With a deferring backend (database worker), come back when the next message is due. Otherwise
    the `send_alert_mail` command (cron) picks failed messages up."""
    from django_tasks import default_task_backend

    from procedures.alerts.tasks import deliver_due_messages

    if not default_task_backend.supports_defer:
        return
    nxt = OutgoingMessage.objects.filter(sent_at__isnull=True).order_by("next_try").first()
    if nxt is not None:
        transaction.on_commit(lambda: deliver_due_messages.using(run_after=nxt.next_try).enqueue())
