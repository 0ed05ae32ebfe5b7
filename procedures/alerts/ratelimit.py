"""Fixed-window counters in the shared cache, keyed by a hash of the client address (never stored)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_key(request):
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(scope, key, limit, window_seconds):
    """Count one hit; False once `limit` hits happened in the current window."""
    cache_key = f"alerts:rl:{scope}:{key}"
    if cache.add(cache_key, 1, window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, window_seconds)
        return True
    return count <= limit
