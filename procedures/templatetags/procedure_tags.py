"""Small presentation helpers for the catalogue templates."""

from django import template
from django.utils.html import format_html

from procedures.importing.records import bare_durations
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


@register.filter
def deadline(value, form="long"):
    """A published deadline; one that is a bare number ("1") says that its unit is not known instead of
    standing alone ("short" in table cells, the full sentence elsewhere)."""
    value = value or ""
    bare = bare_durations(value)
    if not bare:
        return value
    if form == "short":
        return format_html('{} <span class="deadline-note">(chưa rõ đơn vị)</span>', value)
    shown = ", ".join(f"«{v}»" for v in dict.fromkeys(bare))
    return format_html(
        '{} <span class="deadline-note">— văn bản công bố chỉ ghi {}, không nói là ngày hay ngày làm việc; '
        "hãy hỏi nơi tiếp nhận hồ sơ.</span>",
        value,
        shown,
    )


@register.filter
def twin_label(page_pk):
    """What tells a procedure apart from another live one of the same name ("Bản áp dụng tại địa
    phương…"); "" when its name is its own."""
    from procedures.twins import twin_of

    own, _others = twin_of(page_pk)
    return own.label if own else ""
