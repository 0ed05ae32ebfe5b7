"""The small text helpers every app uses: plain text out of what editors write (StreamField, rich
text), and Vietnamese folded to ASCII for slugs and name matching (the search layer builds on it)."""

import html
import re
import unicodedata

_TAG_RE = re.compile(r"<[^>]+>")
_BLOCK_END_RE = re.compile(r"</(p|h[1-6]|li|div|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def html_text(value):
    """Rich text HTML as plain text: tags dropped, entities decoded, block ends kept as line breaks."""
    if not value:
        return ""
    text = _BLOCK_END_RE.sub("\n", str(value))
    return html.unescape(_TAG_RE.sub(" ", text))


def stream_text(stream, skip=("image", "document", "alt_text", "alt")):
    """Every string inside a StreamField, read from its stored JSON (no block conversion, so fast)."""
    raw = getattr(stream, "raw_data", None)
    parts = []
    _collect(list(raw) if raw is not None else [], parts, skip)
    return "\n".join(p for p in parts if p.strip())


def _collect(value, parts, skip):
    if isinstance(value, str):
        parts.append(html_text(value) if "<" in value else value)
    elif isinstance(value, dict):
        block_type = value.get("type")
        if block_type in skip:
            return
        if "type" in value and "value" in value:
            _collect(value["value"], parts, skip)
            return
        for key, item in value.items():
            if key in skip or key in ("id", "type"):
                continue
            _collect(item, parts, skip)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, parts, skip)


# --- folding: Vietnamese without diacritics (the search layer, slugs and name matching use it) ------


def _build_fold_table():
    table = {}
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        for cp in block:
            ch = chr(cp)
            decomposed = unicodedata.normalize("NFD", ch)
            if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
                table[cp] = decomposed[0].lower()
    for cp in range(0x0300, 0x0370):  # combining marks, i.e. NFD or "tổ hợp" input
        table[cp] = None
    for ch in "đĐðÐ":
        table[ord(ch)] = "d"
    for ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
        table[ord(ch)] = None
    return table


FOLD_TABLE = _build_fold_table()

# After folding: an open syllable whose only vowel is y right after a consonant onset
# (ký/kí, lý/lí, mỹ/mĩ, quý/quí, công ty/công ti) is spelled with i. "uy", "ay", "yên", a bare
# "y" are untouched because the y must directly follow the onset and end the token.
_Y_AS_I_RE = re.compile(r"\b(ngh|ch|gh|kh|ng|nh|ph|qu|th|tr|[bcdghklmnprstvx])y\b")

_CACHE_MAX = 200_000
_fold_cache = {}


def _fold_token(token):
    # Tone placement is irrelevant once every mark is gone, so no normalize() here; the table
    # also deletes combining marks, which covers NFD and "tổ hợp" input.
    result = _Y_AS_I_RE.sub(r"\1i", token.lower().translate(FOLD_TABLE))
    if len(_fold_cache) >= _CACHE_MAX:
        _fold_cache.clear()
    _fold_cache[token] = result
    return result


def fold(text: str) -> str:
    """Lowercase ASCII-like form: no diacritics, đ -> d, ký/kí unified to ki; punctuation kept."""
    if not text:
        return ""
    cache = _fold_cache
    return " ".join([folded for t in text.split() if (folded := cache.get(t) or _fold_token(t))])


def fold_word(word: str) -> str:
    """fold() of one token without whitespace (a word, a code): a dictionary hit for known words."""
    return _fold_cache.get(word) or _fold_token(word)


def folded_slug(text, max_length=80, empty="muc"):
    """An ASCII slug of Vietnamese text ("Đăng ký kết hôn" -> "dang-ky-ket-hon"), at most max_length long."""
    from django.utils.text import slugify

    return slugify(fold(text))[:max_length] or empty


# --- Vietnamese alphabetical order (collation) --------------------------------------------------------
# The order of a Vietnamese dictionary, as ICU's "vi" collation with numbers read as numbers
# ("vi-u-kn-true"), which PostgreSQL uses for the same names (VIETNAMESE_COLLATION): letters
# a ă â b c d đ e ê … o ô ơ … u ư …, tones only when the letters are equal (none, huyền, hỏi, ngã,
# sắc, nặng), then lower case before upper case; spaces before punctuation before numbers before
# letters, "Phường 2" before "Phường 10". Built as str.translate tables, so sorting thousands of
# names stays in C.

VIETNAMESE_COLLATION = "vietnamese"
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# ICU's order of the usual punctuation and symbols (the rest keep their code point order)
_PUNCTUATION = "_-‐‑‒–—,;:!?.…'‘’\"“”«»()[]{}@*/\\&#%`^+<=>|~$"
_LETTER_BASE = 0xE100
_NUMBER_BASE = 0xE000
_DIGITS_RE = re.compile(r"\d+")


def _build_collation_tables():
    primary, tones, case = {}, {}, {}
    for cp in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(cp)
        marks = unicodedata.normalize("NFD", ch.lower())
        base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONES))
        if len(base) > 1:  # marks other than Vietnamese ones (ç, ñ, ü…) weigh as the bare letter
            base = base[0]
        if base not in _ALPHABET:
            continue
        primary[cp] = chr(_LETTER_BASE + _ALPHABET.index(base))
        tones[cp] = next((_TONES[c] for c in marks if c in _TONES), "0")
        case[cp] = "1" if ch != ch.lower() else "0"
    for ch in "đĐ":
        primary[ord(ch)] = chr(_LETTER_BASE + _ALPHABET.index("đ"))
        case[ord(ch)] = "1" if ch == "Đ" else "0"
    for rank, ch in enumerate(_PUNCTUATION):
        primary[ord(ch)] = chr(0x10 + rank)
    for ch in " \t\n\r\u00a0\u2009\u202f":
        primary[ord(ch)] = "\x01"
    return primary, tones, case


_PRIMARY, _TONE_OF, _CASE_OF = _build_collation_tables()


def _number(match):
    digits = match.group().lstrip("0") or "0"
    return chr(_NUMBER_BASE + min(len(digits), 0xFF)) + digits


def vietnamese_key(text):
    """Sort key for Vietnamese text in dictionary order (see above): sorted(names, key=vietnamese_key)."""
    text = unicodedata.normalize("NFC", str(text or ""))
    primary = text
    if any(c.isdigit() for c in text):
        primary = _DIGITS_RE.sub(_number, text)
    # Characters outside the tables (digits already encoded, other scripts) keep their code point.
    return (primary.translate(_PRIMARY), text.translate(_TONE_OF), text.translate(_CASE_OF), text)


def vietnamese_sorted(items, key=None):
    """Items in Vietnamese dictionary order of key(item) (default: the item itself as text)."""
    return sorted(items, key=lambda item: vietnamese_key(item if key is None else key(item)))
