"""Signal receivers and the home-page section of the hotline app."""

import logging

from django.db import transaction
from django.urls import reverse

logger = logging.getLogger(__name__)


def holiday_changed(sender, **kwargs):
    """A holiday edit moves the deadlines of open items; closed ones keep theirs."""
    transaction.on_commit(recompute_open_deadlines)


def recompute_open_deadlines():
    from core.workdays import forget_calendar, load_calendar
    from hotline.models import FeedbackSettings, FeedbackSubmission

    forget_calendar()
    config = FeedbackSettings.load()
    calendar = load_calendar()
    changed = []
    for submission in FeedbackSubmission.objects.open().only("id", "created_at", "due_date", "forward_due_date"):
        before = (submission.due_date, submission.forward_due_date)
        submission.compute_deadlines(config, calendar)
        if (submission.due_date, submission.forward_due_date) != before:
            changed.append(submission)
    FeedbackSubmission.objects.bulk_update(changed, ["due_date", "forward_due_date"])
    return len(changed)


def attachment_deleted(sender, instance, **kwargs):
    name = instance.file.name
    if not name:
        return

    def remove():
        try:
            instance.file.storage.delete(name)
        except OSError:
            logger.exception("could not delete attachment file %s", name)

    transaction.on_commit(remove)


def hotline_page_for(page):
    """The HotlinePage of the unit a page belongs to (its ward, else the city), or None.

    On every home page and procedure page: the ward comes from the site cache and both
    candidates are read in one query.
    """
    from django.db.models import Q

    from home.models import WardHomePage
    from home.wards import ward_for_path
    from hotline.models import HotlinePage

    if page is None:
        return None
    ward = page if isinstance(page, WardHomePage) else ward_for_path(page.path)
    units = [(ward.path, ward.depth)] if ward else []
    if page.depth >= 2:
        units.append((page.path[: 2 * HotlinePage.steplen], 2))  # the site's root
    if not units:
        return None
    where = Q()
    for path, depth in units:
        where |= Q(path__startswith=path, depth=depth + 1)
    found = list(HotlinePage.objects.live().filter(where).order_by("path"))
    for path, _depth in units:
        match = next((hotline for hotline in found if hotline.path.startswith(path)), None)
        if match:
            return match
    return None


def home_section(page, request):
    from home.models import WardHomePage

    hotline = hotline_page_for(page)
    form_url = reverse("hotline:feedback_form")
    if isinstance(page, WardHomePage):
        form_url += f"?don-vi={page.slug}"
    contacts = list(hotline.contacts.all()[:3]) if hotline else []
    return {
        "hotline": hotline,
        "contacts": contacts,
        "form_url": form_url,
        "lookup_url": reverse("hotline:lookup"),
        "answers_url": reverse("hotline:answer_list"),
    }
