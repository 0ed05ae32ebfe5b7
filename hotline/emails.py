"""The confirmation email: plain text and HTML (user content escaped by the template engine)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


def build_confirmation(submission, lookup_url):
    context = {"submission": submission, "lookup_url": lookup_url, "unit_name": _unit_name()}
    subject = f"Đã tiếp nhận phản ánh, kiến nghị – mã tra cứu {submission.tracking_code}"
    text = render_to_string("hotline/emails/confirmation.txt", context)
    html = render_to_string("hotline/emails/confirmation.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[submission.email]
    )
    message.attach_alternative(html, "text/html")
    return message


def _unit_name():
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).unit_name if site else settings.WAGTAIL_SITE_NAME


@task(queue_name="mail")
def send_confirmation(submission_id: int, lookup_url: str):
    from hotline.models import FeedbackSubmission

    submission = FeedbackSubmission.objects.filter(id=submission_id).first()
    if submission is None or not submission.email:
        return False
    try:
        build_confirmation(submission, lookup_url).send()
    except Exception:  # a mail outage must not lose the petition, which is already stored
        logger.exception("confirmation email for %s not sent", submission.tracking_code)
        return False
    return True
