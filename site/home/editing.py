"""What the editor is told after saving a page: "created" when a save finishes a page that autosave
created in the background (Wagtail then says "updated", though the editor never saved it before)."""

from django.contrib import messages
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# Set by static/js/admin-autosave-create.js on the new-page form once autosave has created the page.
MARKER = "created_by_autosave"


def finishes_creation(request):
    """The editor's own save (not an autosave) of a page autosave created from the new-page form."""
    return request.method == "POST" and request.POST.get(MARKER) == "1" and request.accepts("text/html")


def say_created(request, page):
    """Reword Wagtail's queued "Page '…' has been updated." as "Page '…' created." (Wagtail's own words in
    the editor's language), through the messages API only: reading the queue empties it, so every message
    is queued again as it was."""
    title = page.get_admin_display_title()
    updated = conditional_escape(gettext("Page '%(page_title)s' has been updated.") % {"page_title": title})
    created = conditional_escape(gettext("Page '%(page_title)s' created.") % {"page_title": title})
    for message in list(messages.get_messages(request)):
        text = str(message.message)
        if updated in text:
            text = mark_safe(text.replace(updated, created))  # noqa: S308 - both parts escaped above
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)
