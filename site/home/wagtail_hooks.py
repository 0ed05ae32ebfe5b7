"""Admin hooks of the site shell."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from home.editing import finishes_creation, say_created


@hooks.register("insert_editor_js")
def autosave_create_marker():
    return format_html('<script src="{}"></script>', static("js/admin-autosave-create.js"))


@hooks.register("after_edit_page")
def created_not_updated(request, page):
    if finishes_creation(request):
        say_created(request, page)
