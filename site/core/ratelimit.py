"""The one rate limiter: fixed-window counters in the shared Django cache (Redis in production), so
every process agrees, keyed by a keyed hash of the client's address (core.clientaddr), never the address.

A limit's rate reads like "5/hour" or "100/10m"; a setting may override it (FEEDBACK_RATE_LIMIT).
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from core.clientaddr import client_address

_PERIODS = {
    "s": 1, "sec": 1, "second": 1,
    "m": 60, "min": 60, "minute": 60,
    "h": 3600, "hour": 3600,
    "d": 86400, "day": 86400,
}  # fmt: skip
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-zA-Z]+)\s*$")


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/hour" → (5, 3600); "100/10m" → (100, 600)."""
    match = _RATE.match(str(rate))
    if not match or match.group(3).lower() not in _PERIODS:
        raise ImproperlyConfigured(f"Rate {rate!r} must look like '5/hour' or '100/10m'")
    count, number, unit = match.groups()
    return int(count), int(number or 1) * _PERIODS[unit.lower()]


def client_key(request) -> str:
    """A keyed hash of the client's address (core.clientaddr's policy); no raw address is kept."""
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


class RateLimit:
    """At most `rate` uses per window for one identity (a client key, a tracking code…)."""

    def __init__(self, scope: str, rate: str, setting: str | None = None):
        self.scope = scope
        self.default = rate
        self.setting = setting

    @property
    def rate(self) -> tuple[int, int]:
        configured = getattr(settings, self.setting, None) if self.setting else None
        return parse_rate(configured or self.default)

    def _key(self, ident: str) -> str:
        period = self.rate[1]
        return f"core:rl:{self.scope}:{ident}:{int(time.time() // period)}"

    def used(self, ident: str) -> int:
        return cache.get(self._key(ident), 0)

    def exceeded(self, ident: str) -> bool:
        """True when the limit is already used up (checks without counting)."""
        return self.used(ident) >= self.rate[0]

    def hit(self, ident: str) -> bool:
        """Count one use atomically (add, then incr: safe across processes); False once over the limit."""
        limit, period = self.rate
        key = self._key(ident)
        cache.add(key, 0, period + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, period + 5)
            count = 1
        return count <= limit
