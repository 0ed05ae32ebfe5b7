"""Per-client rate limits counted in the shared Django cache (Redis in production), so every process agrees.

Rates are settings such as FEEDBACK_RATE_LIMIT = "5/hour"; counts use fixed windows and an atomic incr.
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_PERIODS = {
    "s": 1, "sec": 1, "second": 1,
    "m": 60, "min": 60, "minute": 60,
    "h": 3600, "hour": 3600,
    "d": 86400, "day": 86400,
}


_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-zA-Z]+)\s*$")


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/hour" → (5, 3600); "100/10m" → (100, 600)."""
    match = _RATE.match(str(rate))
    if not match or match.group(3).lower() not in _PERIODS:
        raise ImproperlyConfigured(f"Rate {rate!r} must look like '5/hour' or '100/10m'")
    count, number, unit = match.groups()
    return int(count), int(number or 1) * _PERIODS[unit.lower()]


def client_id(request) -> str:
    """A keyed hash of the client address (no raw IP kept in the cache).

    Behind a reverse proxy set FEEDBACK_CLIENT_IP_HEADER (e.g. "HTTP_X_REAL_IP") to the header the
    proxy sets; it is never trusted by default because clients can forge it.
    """
    header = getattr(settings, "FEEDBACK_CLIENT_IP_HEADER", None)
    address = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR", "")
    address = address.split(",")[0].strip()
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


class RateLimit:
    def __init__(self, scope: str, setting: str, default: str):
        self.scope = scope
        self.setting = setting
        self.default = default

    @property
    def rate(self) -> tuple[int, int]:
        return parse_rate(getattr(settings, self.setting, self.default))

    def _key(self, ident: str) -> str:
        limit, period = self.rate
        window = int(time.time() // period)
        return f"hotline:rl:{self.scope}:{ident}:{window}"

    def used(self, ident: str) -> int:
        return cache.get(self._key(ident), 0)

    def exceeded(self, ident: str) -> bool:
        """True when the limit is already used up (checks without counting)."""
        return self.used(ident) >= self.rate[0]

    def hit(self, ident: str) -> bool:
        """Count one use atomically; False when it goes over the limit."""
        limit, period = self.rate
        key = self._key(ident)
        cache.add(key, 0, period + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, period + 5)
            count = 1
        return count <= limit


submissions = RateLimit("submit", "FEEDBACK_RATE_LIMIT", "5/hour")
lookups = RateLimit("lookup", "FEEDBACK_LOOKUP_RATE_LIMIT", "20/hour")
# Failed look-ups per tracking code, whoever makes them: stops guessing the 4 digits from many addresses.
code_failures = RateLimit("lookup-code", "FEEDBACK_LOOKUP_CODE_FAILURE_LIMIT", "10/day")
