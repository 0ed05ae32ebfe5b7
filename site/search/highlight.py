"""Snippets in the original Vietnamese with the matched words marked, whichever copy matched.

A word of the text is marked when its folded form is one of the request's folded words (every
variant's: synonyms, verbs, spelling corrections included), so "dang ky ket hon" marks "đăng ký
kết hôn" as published. Done here rather than by the engine's highlighter, for both engines alike:
the unified highlighter on the folded fields, with fuzzy highlight queries, cost 40–200 ms a page
on the benchmark corpus, this costs about a millisecond a result.
"""

import functools
import re

from django.utils.html import escape

from search.vietnamese import fold

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


@functools.lru_cache(maxsize=256)
def _terms_regex(terms):
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_.,]|[.,][^\W_])")


def term_marks(text, terms):
    """(start, end) of every word in text whose folded form is in terms (a set of folded words)."""
    terms = frozenset(t for t in terms if t)
    if not terms:
        return []
    folded = fold(text)
    if len(folded) == len(text):
        # Folding is character for character on normalized text: find the words in the folded copy
        # with one regular expression and use the same positions in the original.
        return [m.span() for m in _terms_regex(terms).finditer(folded)]
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
