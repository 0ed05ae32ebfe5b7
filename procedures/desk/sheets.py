"""What a notice-board sheet ("tờ niêm yết") shows: the components the law requires, the forms, where
to send feedback, a QR code to the live page and a version mark."""

import re

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe
from wagtail.models import Site

from procedures.blocks import CHANNEL_CHOICES
from procedures.feedback_link import feedback_url as procedure_feedback_url
from procedures.ward_desk import hotlines


def qr_svg(text):
    """An inline SVG QR code (no network, no image file); medium error correction survives print wear."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(text)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    # Size comes from the stylesheet; the label tells screen readers what the picture is.
    svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="Mã QR dẫn tới trang thủ tục" ', 1))


def _values(stream):
    return [child.value for child in stream]


def site_settings_for(request):
    from home.models import SiteSettings

    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def feedback_url(page, request):
    """The online feedback form for this procedure (procedures.feedback_link), with the site's root."""
    site = page.get_site()
    return procedure_feedback_url(page.code, site.root_url if site else "")


def sheet_context(page, request, desk=None, settings_obj=None):
    channel_labels = dict(CHANNEL_CHOICES)
    url = page.get_full_url(request)
    cases = []
    for case in _values(page.dossier):
        cases.append({"name": case.get("case_name") or "", "items": list(case.get("items") or [])})
    channels = [
        {**dict(ch), "label": channel_labels.get(ch.get("method"), ch.get("method"))} for ch in _values(page.channels)
    ]
    settings_obj = settings_obj or site_settings_for(request)
    ward = desk.ward if desk and desk.ward_id else None
    replacement = page.replacement if not page.is_in_force else None
    return {
        # An abolished or replaced procedure's sheet says so on top and is not to be posted.
        "in_force": page.is_in_force,
        "status_label": page.get_status_display(),
        "replacement": replacement if replacement is not None and replacement.live else None,
        "hotlines": hotlines(settings_obj, ward, phone_fallback=True),
        "feedback_url": feedback_url(page, request),
        "procedure": page,
        "desk": desk,
        "ward": ward,
        "live_url": url,
        "qr": qr_svg(url),
        "steps": _values(page.steps),
        "channels": channels,
        "cases": cases,
        "legal_basis": _values(page.legal_basis),
        "forms": _values(page.forms),
        "site_settings": settings_obj,
        "version": page.live_revision_id,
        "updated_on": page.last_published_at,
    }
