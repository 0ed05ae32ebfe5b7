"""Snippets in the original Vietnamese with the matched words marked, whichever copy matched.

Elasticsearch highlights the folded copy (where unaccented queries match); `map_folded_fragment`
maps that fragment back onto the text as published. Folding is per whitespace-separated token and,
for NFC text, character for character, so positions carry over exactly. The database fallback uses
`highlight_terms`, which marks words whose folded form is one of the query's folded words.
"""

import re

from django.utils.html import escape

from search.vietnamese import fold

# Private-use characters: never present in real text, survive JSON and the highlighter untouched.
PRE, POST = "\ue000", "\ue001"
SNIPPET_CHARS = 220
_WORD_RE = re.compile(r"[^\W_]+(?:[.,][^\W_]+)*")


def _render(text, marks, start, end):
    """Escaped text[start:end] with <mark> around each (a, b) in marks; ellipses where cut."""
    out = ["…" if start > 0 else ""]
    pos = start
    for a, b in marks:
        a, b = max(a, start), min(b, end)
        if a >= b or a < pos:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return "".join(out).strip()


def map_folded_fragment(original, fragment, folded=None):
    """HTML snippet of `original` matching an ES fragment of its folded copy, or None if unmappable."""
    if not fragment or not original:
        return None
    folded = fold(original) if folded is None else folded
    plain = fragment.replace(PRE, "").replace(POST, "")
    f_start = folded.find(plain)
    if f_start < 0:
        return None
    o_parts = original.split(" ")
    f_parts = folded.split(" ")
    if len(o_parts) != len(f_parts):
        return None  # a token folded to nothing: positions no longer line up
    first = folded.count(" ", 0, f_start)
    o_pos = sum(len(p) for p in o_parts[:first]) + first
    f_pos = folded.rfind(" ", 0, f_start) + 1
    # Per token from `first` on: (folded start, folded length, original start, original length).
    tokens = []
    f_end = f_start + len(plain)
    k = first
    while k < len(f_parts) and f_pos <= f_end:
        tokens.append((f_pos, len(f_parts[k]), o_pos, len(o_parts[k])))
        f_pos += len(f_parts[k]) + 1
        o_pos += len(o_parts[k]) + 1
        k += 1

    def to_original(p):
        for fs, fl, os_, ol in tokens:
            if fs <= p <= fs + fl:
                if fl == ol:
                    return os_ + (p - fs)
                return os_ if p == fs else os_ + ol if p == fs + fl else os_ + round((p - fs) * ol / fl)
        return None

    marks, pos, open_at = [], f_start, None
    for ch in fragment:
        if ch == PRE:
            open_at = pos
        elif ch == POST:
            if open_at is not None:
                marks.append((open_at, pos))
            open_at = None
        else:
            pos += 1
    start, end = to_original(f_start), to_original(f_end)
    if start is None or end is None:
        return None
    mapped = []
    for a, b in marks:
        oa, ob = to_original(a), to_original(b)
        if oa is None or ob is None:
            return None
        mapped.append((oa, ob))
    return _render(original, mapped, start, end)


def term_marks(text, terms):
    """(start, end) of every word in text whose folded form is in terms (a set of folded words)."""
    return [m.span() for m in _WORD_RE.finditer(text) if fold(m.group()) in terms]


def highlight_terms(text, terms, max_chars=SNIPPET_CHARS):
    """HTML snippet of text around the densest group of matched words; '' when nothing matched."""
    if not text or not terms:
        return ""
    terms = set(terms)
    marks = term_marks(text, terms)
    if not marks:
        return ""
    if len(text) <= max_chars:
        return _render(text, marks, 0, len(text))
    # Window with the most distinct matched words.
    best, best_start = -1, 0
    words = [fold(text[a:b]) for a, b in marks]
    j = 0
    for i, (a, _) in enumerate(marks):
        while j < len(marks) and marks[j][1] <= a + max_chars:
            j += 1
        distinct = len(set(words[i:j]))
        if distinct > best:
            best, best_start = distinct, a
    start = max(0, best_start - 40)
    space = text.rfind(" ", 0, start + 1)
    start = 0 if start == 0 else (space + 1 if space >= 0 else start)
    end = min(len(text), start + max_chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return _render(text, marks, start, end)


def highlight_whole(text, terms):
    """The whole (short) text with matched words marked, always returned (escaped)."""
    marks = term_marks(text, set(terms)) if terms else []
    return _render(text, marks, 0, len(text))
