"""The outgoing queue of alert mail: sending one message, sending every due one, and the background
task (django-tasks) that does it after a commit and again when a failed message is due."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from procedures.alerts.models import OutgoingMessage

logger = logging.getLogger(__name__)


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


@task(queue_name="mail")
def deliver_due_messages():
    sent, failed = deliver_due()
    return {"sent": sent, "failed": failed}


def schedule_delivery():
    """Hand delivery to the background worker once the current transaction has committed."""
    transaction.on_commit(deliver_due_messages.enqueue)


def schedule_retry():
    """With a deferring backend (database worker), come back when the next message is due. Otherwise
    the `send_alert_mail` command (cron) picks failed messages up."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return
    nxt = OutgoingMessage.objects.filter(sent_at__isnull=True).order_by("next_try").first()
    if nxt is not None:
        transaction.on_commit(lambda: deliver_due_messages.using(run_after=nxt.next_try).enqueue())
