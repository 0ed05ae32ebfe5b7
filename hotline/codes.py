"""Tracking codes: "PA-" and ten Crockford base32 characters (50 random bits), typed back leniently."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "PA-"
LENGTH = 10
# Crockford's decoding: letters people confuse with digits read as those digits.
_LENIENT = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_code() -> str:
    return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_tracking_code(raw: str) -> str:
    """What a citizen typed → the stored form, or "" when it cannot be a code."""
    text = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    if text.startswith("PA") and len(text) == LENGTH + 2:
        text = text[2:]
    text = text.translate(_LENIENT)
    if len(text) != LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return PREFIX + text
