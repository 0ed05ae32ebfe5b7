"""The client's address, by one policy shared by every rate limiter, the login lockout and the audit log.

Behind N trusted reverse proxies (Varnish, a TLS terminator) the client is the N-th address from the
right of X-Forwarded-For: each proxy appends the address it received the request from, so entries to
the left of those are whatever the client chose to send. With no proxy (the default) the header is
ignored: a client could forge it.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The address to count a request against; REMOTE_ADDR unless proxies are trusted."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            chosen = _valid(forwarded[-proxies])
            if chosen:
                return chosen
    return _valid(remote) or remote
