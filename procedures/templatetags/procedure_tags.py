"""Small presentation helpers for the catalogue templates."""

from django import template

from procedures.models import ProcedurePage

register = template.Library()

STATUS_LABELS = {
    ProcedurePage.Status.NEW: "Ban hành mới",
    ProcedurePage.Status.AMENDED: "Sửa đổi, bổ sung",
    ProcedurePage.Status.REPLACED: "Đã bị thay thế",
    ProcedurePage.Status.ABOLISHED: "Đã bị bãi bỏ",
}
STATUS_MODIFIERS = {
    ProcedurePage.Status.NEW: "new",
    ProcedurePage.Status.AMENDED: "amended",
    ProcedurePage.Status.REPLACED: "replaced",
    ProcedurePage.Status.ABOLISHED: "abolished",
}


@register.filter
def status_label(status):
    """The current-status wording ("Đã bị bãi bỏ") for a status value."""
    return STATUS_LABELS.get(status, "")


@register.filter
def status_modifier(status):
    return STATUS_MODIFIERS.get(status, "new")


@register.filter
def in_force(status):
    return status in ProcedurePage.IN_FORCE


@register.filter
def quantity(value):
    """A count of originals or copies; empty when the record does not say."""
    if value is None or value == "":
        return "—"
    return str(int(value))


@register.filter
def file_kind(document):
    """The upper-case extension of a Wagtail document ("DOCX"), for link labels."""
    try:
        return document.file_extension.upper()
    except (AttributeError, ValueError):
        return ""
