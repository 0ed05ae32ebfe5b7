"""Vietnamese language layer shared by Elasticsearch (index and queries) and the database fallback:
normalisation, diacritic folding, tokens, synonyms, procedure codes. Pure Python, no Django."""

import functools
import re
import unicodedata

from core.text import FOLD_TABLE, fold, fold_word

__all__ = [
    "expand_synonyms",
    "fold",
    "fold_word",
    "spelling_pattern",
    "has_diacritics",
    "looks_like_procedure_code",
    "matched_phrases",
    "MAX_VARIANTS",
    "normalize",
    "normalize_code",
    "search_text",
    "syllables",
]

# Default cap on the query strings expand_synonyms() returns (original included): each one
# becomes a clause of the Elasticsearch query, so keep it small.
MAX_VARIANTS = 8

# --- tables, built once at import ---------------------------------------------------------------

# Tone marks (combining) and the "shape" marks that belong to the vowel letter itself.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_SHAPES = frozenset("\u0302\u0306\u031b")  # â ê ô / ă / ơ ư
_VOWELS = frozenset("aăâeêioôơuưy")
_SHAPED_VOWELS = frozenset("ăâêôơư")
_ONSETS = (  # longest first; "gi" and "qu" only count as onsets when a vowel follows
    "ngh", "gh", "ng", "nh", "kh", "ph", "th", "tr", "ch", "gi", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
)  # fmt: skip
_CODAS = frozenset(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"])

# (vowel letter, tone mark) -> precomposed character, both cases.
_ALL_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_COMPOSE = {(v, t): unicodedata.normalize("NFC", v + t) for v in _ALL_VOWELS for t in _TONES}

# Lookalikes seen in text converted from legacy (VNI/TCVN3) fonts: Icelandic eth for đ.
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Invisible characters pasted from Word/PDF that would silently split or glue words.
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")

# Letter runs, including stray combining marks that NFC could not absorb.
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def _build_spellings():
    """Folded letter -> regex class of the characters that fold to it, both cases; y may fold to i."""
    forms = {}
    for cp, folded in FOLD_TABLE.items():
        if folded:
            forms.setdefault(folded, set()).add(chr(cp))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        forms.setdefault(letter, set()).update({letter, letter.upper()})
    forms["i"] |= forms["y"]
    return {letter: "[" + "".join(sorted(chars)) + "]" for letter, chars in forms.items()}


_SPELLINGS = _build_spellings()


# Tokens roughly as the standard analyzer sees them; dots keep codes (1.000494.000.00.00.H29)
# and abbreviations in one token, commas only join digits (1,5).
_TOKEN_RE = re.compile(r"[^\W_]+(?:(?:\.|(?<=\d),(?=\d))[^\W_]+)*")

_MARK_RE = re.compile("[\u0300-\u036f\u0110\u0111\u00d0\u00f0]")

_CODE_RE = re.compile(r"\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2})?(?:\.[A-Z]\d{2})?")
_CODE_SEP_RE = re.compile(r"\s*\.\s*")
_CODE_STRIP = " \t\r\n.,;:!?()[]{}\"'“”‘’«»-–—"

# --- tone placement -----------------------------------------------------------------------------


def _tone_target(bases):
    """Index (into bases) of the vowel that carries the tone, or None if not a syllable."""
    low = "".join(bases).lower()
    start = 0
    for onset in _ONSETS:
        if low.startswith(onset):
            # gi/qu are consonant clusters only before another vowel: giá, quý, but gìn.
            if onset in ("gi", "qu") and (len(low) == 2 or low[2] not in _VOWELS):
                continue
            start = len(onset)
            break
    end = start
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    nucleus = low[start:end]
    if not 1 <= len(nucleus) <= 3 or low[end:] not in _CODAS:
        return None
    shaped = [i for i, ch in enumerate(nucleus) if ch in _SHAPED_VOWELS]
    if shaped:
        pos = shaped[-1]  # ươ takes the tone on ơ: người, được
    elif len(nucleus) == 3:
        pos = 1  # ngoài, xoáy, khuỷu, ngoẹo
    elif len(nucleus) == 2 and end == len(low):
        pos = 0  # traditional open syllable: hòa, khỏe, thủy, mía, múa
    else:
        pos = len(nucleus) - 1  # closed syllable: hoàng, toán, huỳnh
    return start + pos


def _fix_word(match):
    word = match.group().translate(_ETH)
    bases = []  # vowel/consonant letters with their shape marks, tone stripped
    tones = []
    tone_owner = None
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            if not bases:
                return unicodedata.normalize("NFC", word)
            tones.append(ch)
            tone_owner = len(bases) - 1
        elif ch in _SHAPES:
            if not bases:
                return unicodedata.normalize("NFC", word)
            bases[-1] += ch
        elif unicodedata.combining(ch):
            return unicodedata.normalize("NFC", word)  # foreign mark (ü, ç): leave as typed
        else:
            bases.append(ch)
    bases = [unicodedata.normalize("NFC", b) for b in bases]
    if len(tones) != 1 or any(len(b) != 1 for b in bases):
        # No tone, or several (glued words like "LuậtLuật", foreign text): compose only.
        return unicodedata.normalize("NFC", word)
    tone = tones[0]
    target = _tone_target(bases)
    if target is None:
        target = tone_owner
    letter = bases[target]
    bases[target] = _COMPOSE.get((letter, tone)) or unicodedata.normalize("NFC", letter + tone)
    return "".join(bases)


# Per-token memo: real text reuses a few thousand syllables, so nearly every token is a hit.
_token_cache = {}
_CACHE_MAX = 200_000


def _normalize_token(token):
    result = _token_cache.get(token)
    if result is None:
        result = _WORD_RE.sub(_fix_word, token) if not token.isascii() else token
        if len(_token_cache) >= _CACHE_MAX:
            _token_cache.clear()  # user input is unbounded; the real vocabulary is a few thousand
        _token_cache[token] = result
    return result


_syllable_cache = {}


# --- public API ---------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """NFC, single spaces, canonical (traditional) tone placement; case and punctuation kept."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    return " ".join([_normalize_token(t) for t in text.split()])


def spelling_pattern(folded: str) -> str:
    """A regular expression matching every written form that may fold to `folded` (a superset:
    with and without marks, any case, y for i); callers confirm a match with fold()."""
    return "".join(_SPELLINGS.get(ch) or re.escape(ch) for ch in folded)


def search_text(text: str) -> str:
    """Lowercase normalized text with diacritics, for the exact-diacritics field."""
    return normalize(text).lower()


def syllables(text: str) -> list[str]:
    """Lowercase tokens (diacritics kept); procedure codes and numbers like 1,5 stay whole."""
    cache = _syllable_cache
    out = []
    for token in normalize(text).split():  # tokens never span whitespace
        parts = cache.get(token)
        if parts is None:
            parts = _TOKEN_RE.findall(token.lower())
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            cache[token] = parts
        out.extend(parts)
    return out


def has_diacritics(text: str) -> bool:
    """True when the text carries any diacritic or đ, i.e. the user typed Vietnamese marks."""
    if not text or text.isascii():
        return False
    return _MARK_RE.search(unicodedata.normalize("NFD", text)) is not None


def normalize_code(text: str) -> str:
    """Canonical procedure-code spelling: '1. 000494 .h29.' -> '1.000494.H29'."""
    return _CODE_SEP_RE.sub(".", text.strip(_CODE_STRIP)).upper()


def looks_like_procedure_code(text: str) -> bool:
    """True for 1.001193, 1.012753.H19, 1.000494.000.00.00.H29 (lenient spacing and case)."""
    return bool(text) and _CODE_RE.fullmatch(normalize_code(text)) is not None


# --- synonyms -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _synonym_index(groups):
    """First folded token -> [(tokens, group, phrase)], longest phrases first."""
    index = {}
    for g, group in enumerate(groups):
        for phrase in group:
            tokens = tuple(_TOKEN_RE.findall(fold(phrase)))
            if tokens:
                index.setdefault(tokens[0], []).append((tokens, g, phrase))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index


def _find_matches(query, groups):
    """Normalized query and its non-overlapping matches (start, end, group, phrase)."""
    query = normalize(query)
    groups = tuple(tuple(p for p in group if p and p.strip()) for group in groups)
    index = _synonym_index(groups)
    spans = [m.span() for m in _TOKEN_RE.finditer(query)]
    folded = [fold(query[a:b]) for a, b in spans]
    matches = []
    i = 0
    while i < len(folded):
        for tokens, g, phrase in index.get(folded[i], ()):
            n = len(tokens)
            if tuple(folded[i : i + n]) == tokens:
                matches.append((spans[i][0], spans[i + n - 1][1], groups[g], phrase))
                i += n
                break
        else:
            i += 1
    return query, matches


def matched_phrases(query: str, groups: list[list[str]]) -> list[str]:
    """Group phrases recognised in the query (as written in the groups), in query order."""
    return [phrase for _, _, _, phrase in _find_matches(query, groups)[1]]


def expand_synonyms(query: str, groups: list[list[str]], limit: int = MAX_VARIANTS) -> list[str]:
    """The normalized query first, then one variant per (matched phrase, other group phrase).

    Matching is on folded text at token boundaries, so "so do" and "Sổ Đỏ" hit ["sổ đỏ", ...]
    but "so don" does not. Variants that fold to the same text are dropped.
    """
    query, matches = _find_matches(query, groups)
    results = [query]
    seen = {fold(query)}
    for start, end, group, _ in matches:
        for other in group:
            variant = query[:start] + other + query[end:]
            key = fold(variant)
            if key in seen:
                continue
            seen.add(key)
            results.append(variant)
            if len(results) >= limit:
                return results
    return results
