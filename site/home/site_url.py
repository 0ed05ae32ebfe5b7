"""The public address (settings.SITE_URL) written into Wagtail's default Site, which absolute URLs use."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.models import Site


def address(url):
    """"https://portal.example.vn" → ("portal.example.vn", 443); "http://127.0.0.1:6180" → (…, 6180)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(f"Địa chỉ {url!r} phải có dạng https://ten-mien hoặc http://may:cong.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        # Wagtail's Site writes https only for port 443 (Site.root_url).
        raise ValidationError(f"Địa chỉ https phải dùng cổng 443, không phải {port}.")
    return parts.hostname.lower(), port


def apply(url=None):
    """Point the default site at `url` (default settings.SITE_URL). Returns the site, None without one."""
    url = url or settings.SITE_URL
    site = Site.objects.filter(is_default_site=True).first()
    if not url or site is None:
        return site
    hostname, port = address(url)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site
