"""schema.org GovernmentService for a procedure page (what search engines and assistants read)."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe


def government_service_jsonld(page, request, *, url, desk, channels, settings):
    """schema.org GovernmentService for the page (what search engines and assistants read)."""
    provider_name = page.implementing_agency.name if page.implementing_agency_id else settings.unit_name
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.official_name or page.title,
        "identifier": page.code,
        "url": url,
        "serviceType": page.field.name,
        "category": page.level.name,
        "provider": {"@type": "GovernmentOrganization", "name": provider_name},
        "serviceOperator": {"@type": "GovernmentOrganization", "name": settings.unit_name},
        "areaServed": {"@type": "AdministrativeArea", "name": settings.unit_name},
    }
    if page.subjects:
        data["audience"] = {"@type": "Audience", "audienceType": page.subjects[:500]}
    if page.result:
        data["description"] = f"Kết quả: {page.result}"[:1000]
    available = []
    for channel in channels:
        entry = {"@type": "ServiceChannel", "name": channel["label"]}
        if channel["deadline"]:
            entry["description"] = f"Thời hạn giải quyết: {channel['deadline']}"[:500]
        if channel["method"] == "truc_tuyen" and page.online_service_url:
            entry["serviceUrl"] = page.online_service_url
        if channel["method"] == "truc_tiep" and desk.address:
            entry["serviceLocation"] = {"@type": "Place", "name": desk.name, "address": desk.address}
            if desk.phone:
                entry["servicePhone"] = {"@type": "ContactPoint", "telephone": desk.phone}
        available.append(entry)
    if not available and page.online_service_url:
        available.append(
            {"@type": "ServiceChannel", "name": "Trực tuyến", "serviceUrl": page.online_service_url}
        )
    if available:
        data["availableChannel"] = available
    if not page.is_in_force:
        data["termsOfService"] = f"Thủ tục {page.get_status_display().lower()}"
    return data


def jsonld_script(data):
    """<script type="application/ld+json"> with <, >, & escaped so the content cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
