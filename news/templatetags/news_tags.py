"""Template helpers of the news pages: sharing metadata and links, query strings, Vietnamese number formats."""

import datetime
from urllib.parse import quote, urlencode

from django import template
from django.utils import timezone

register = template.Library()

OG_RENDITION = "fill-1200x630-c50"


@register.inclusion_tag("news/includes/social_meta.html", takes_context=True)
def social_meta(context, page=None):
    """Open Graph and Twitter card tags for a page (images as absolute URLs, as the scrapers need)."""
    page = page or context.get("page")
    request = context.get("request")
    if page is None or request is None:
        return {}
    from home.models import SiteSettings

    image, alt = page.social_image() if hasattr(page, "social_image") else (None, "")
    image_data = None
    if image is not None:
        try:
            rendition = image.get_rendition(OG_RENDITION)
            image_data = {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": alt,
            }
        except Exception:  # a broken image file must not take the page down; share without it
            image_data = None
    published = page.social_published_time() if hasattr(page, "social_published_time") else None
    if isinstance(published, datetime.date) and not isinstance(published, datetime.datetime):
        published = timezone.make_aware(datetime.datetime.combine(published, datetime.time(7, 0)))
    return {
        "title": page.seo_title or page.title,
        "description": page.social_description() if hasattr(page, "social_description") else "",
        "url": page.get_full_url(request),
        "type": getattr(page, "og_type", "website"),
        "site_name": SiteSettings.for_request(request).unit_name,
        "image": image_data,
        "published": published.isoformat() if published else "",
        "modified": page.last_published_at.isoformat() if page.last_published_at else "",
    }


@register.inclusion_tag("news/includes/share_links.html", takes_context=True)
def share_links(context, page=None):
    """Plain links to the Facebook and Zalo share pages: no third-party script is ever loaded."""
    page = page or context.get("page")
    request = context.get("request")
    url = page.get_full_url(request)
    return {
        "url": url,
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        "zalo": "https://sp.zalo.me/share_inline?" + urlencode({"url": url}),
        "email": f"mailto:?subject={quote(page.title)}&body={quote(url)}",
    }


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """The current query string with some parameters changed (None or "" removes one)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def vi_number(value, decimals=0):
    """1234567.5 -> '1.234.567,5' (Vietnamese separators)."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    decimals = int(decimals)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@register.filter
def vi_percent(value, decimals=1):
    if value is None or value == "":
        return "–"
    return f"{vi_number(value, decimals)}%"


@register.filter
def clock(seconds):
    """Seconds -> 'm:ss' or 'h:mm:ss'."""
    if not seconds:
        return ""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def spoken_duration(seconds):
    """Seconds -> '3 phút 5 giây' for screen readers and plain text."""
    if not seconds:
        return ""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} giờ")
    if minutes:
        parts.append(f"{minutes} phút")
    if secs or not parts:
        parts.append(f"{secs} giây")
    return " ".join(parts)


@register.filter
def iso_duration(seconds):
    if not seconds:
        return ""
    seconds = int(seconds)
    return f"PT{seconds // 3600}H{seconds % 3600 // 60}M{seconds % 60}S"
