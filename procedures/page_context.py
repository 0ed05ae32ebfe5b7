"""What the procedure page shows beyond its own fields: status, personal checklist, desk, wards,
channels, share and print links, JSON-LD."""

from urllib.parse import urlencode

from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from home.wards import live_wards
from procedures.checklist import P_CASE, build_checklist
from procedures.feedback_link import feedback_url
from procedures.filters import P_WARD
from procedures.history import Status, status_history
from procedures.jsonld import government_service_jsonld, jsonld_script
from procedures.references import load_references, other_agencies, other_levels
from procedures.submission import online_status, where_to_submit
from procedures.twins import twin_of
from procedures.ward_desk import hotlines, site_settings, ward_from_request

P_PRINT = "in"
COMMUNE_LEVEL_SLUG = "cap-xa"


def channel_rows(page):
    from procedures.blocks import CHANNEL_CHOICES

    labels = dict(CHANNEL_CHOICES)
    return [
        {
            "method": b.value.get("method"),
            "label": labels.get(b.value.get("method"), b.value.get("method") or ""),
            "deadline": b.value.get("deadline") or "",
            "fee": b.value.get("fee") or "",
            "description": b.value.get("description") or "",
        }
        for b in page.channels
    ]


def procedure_context(page, request):
    """Everything the procedure page template shows beyond the page's own fields."""
    load_references(page)
    settings = site_settings(request)
    ward = ward_from_request(request)
    desk = where_to_submit(page, request, ward, settings)
    url = page.get_url(request) or page.url_path
    full_url = request.build_absolute_uri(url)

    history, replaces = status_history(page)
    latest = history[-1] if history else None
    replacement = None
    if latest and latest.kind == Status.REPLACED and latest.replacement and latest.replacement.live:
        replacement = latest.replacement
    last_amendment = next((c for c in reversed(history) if c.kind == Status.AMENDED), None)
    related = page.related_procedures.all()
    if hasattr(related, "query"):
        related = list(related.live().only("id", "title", "code", "url_path", "path", "depth", "status"))
    else:  # a preview: the related procedures chosen in the editor are held in memory
        related = [p for p in related if p.live]

    levels = [page.level] + [lv for lv in other_levels(page) if lv.pk != page.level_id]
    commune_level = any(lv.slug == COMMUNE_LEVEL_SLUG for lv in levels)
    wards = live_wards() if commune_level else []

    checklist = build_checklist(page, request.GET.get(P_CASE))
    print_mode = request.GET.get(P_PRINT) == "giay-to"
    channels = channel_rows(page)

    state = {}
    if checklist.selected:
        state[P_CASE] = checklist.selected.number
    if ward:
        state[P_WARD] = ward.slug
    share_url = full_url + ("?" + urlencode(state) if state else "")
    print_url = "?" + urlencode({**state, P_PRINT: "giay-to"}) + "#giay-to"

    twin, twins = twin_of(page.pk) if page.pk else (None, ())
    jsonld = government_service_jsonld(
        page, request, url=full_url, desk=desk, channels=channels, settings=settings
    )
    return {
        "official_name": page.official_name or page.title,
        "history": history,
        "latest_change": latest,
        "last_amendment": last_amendment,
        "replacement": replacement,
        "replaces": replaces,
        "related": related,
        "levels": levels,
        "commune_level": commune_level,
        "wards": wards,
        "ward_options": ward_options_html(wards, ward),
        "ward": ward,
        "desk": desk,
        "checklist": checklist,
        "print_mode": print_mode,
        "print_checklist": print_mode or checklist.selected is not None,
        "channels": channels,
        "online": online_status(page, channels),
        "other_agencies": other_agencies(page) if page.implementing_agency_id else [],
        "twin": twin,
        "twins": twins,
        "share_url": share_url,
        "print_url": print_url,
        "feedback_url": feedback_url(page.code),
        "hotlines": hotlines(settings, ward),
        "jsonld": jsonld_script(jsonld),
        "last_updated": page.last_published_at
        or page.latest_revision_created_at
        or (latest.when if latest else None),
        "today": timezone.localdate(),
        "catalogue_url": _catalogue_url(page, request),
    }


def ward_options_html(wards, chosen):
    """The <option>s of a ward picker (two per commune-level page), built here: a template loop
    over the city's wards costs more than the rest of the picker."""
    chosen_pk = chosen.pk if chosen else None
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((w.slug, mark_safe(" selected") if w.pk == chosen_pk else "", w.title) for w in wards),
    )


def _catalogue_url(page, request):
    """The parent catalogue's URL, derived from the page's own (procedures sit directly below it)."""
    own = page.get_url(request) or ""
    return own[: -len(page.slug) - 1] if own.endswith(page.slug + "/") else "/"
