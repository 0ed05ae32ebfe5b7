"""Snippets in the original Vietnamese with the matched words marked, whichever copy matched.

A word of the text is marked when its folded form is one of the request's folded words (every
variant's: synonyms, verbs, spelling corrections included), so "dang ky ket hon" marks "đăng ký
kết hôn" as published. Done here rather than by the engine's highlighter, for both engines alike:
the unified highlighter on the folded fields, with fuzzy highlight queries, cost 40–200 ms a page
on the benchmark corpus, this costs about a millisecond a result.
"""

import functools
import re
from html import escape

from search.vietnamese import fold_word, spelling_pattern

SNIPPET_CHARS = 220
# The snippet is cut from the start of the text: matching every written form over a whole excerpt
# (6,000 characters) was most of this process's time per results page, and the words a citizen
# looks for are in the first steps and items of a procedure, the lead of an article.
SCAN_CHARS = 2000
# Combining marks (decomposed input) and invisible characters inside a word: the written-form
# patterns would not see such a word whole, so text holding them is read word by word.
_INSIDE = "\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff"
_UNUSUAL_RE = re.compile(f"[{_INSIDE}]")
_WORD_RE = re.compile(rf"(?:[^\W_]|[{_INSIDE}])+(?:[.,](?:[^\W_]|[{_INSIDE}])+)*")


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
    """Whole words that may fold to one of the terms, found in the original text."""
    alternatives = "|".join(spelling_pattern(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_.,]|[.,][^\W_])")


def _marks_and_words(text, terms):
    """(start, end) of every word in text whose folded form is in terms, and those folded words."""
    terms = frozenset(t for t in terms if t)
    marks, words = [], []
    if not terms:
        return marks, words
    if _UNUSUAL_RE.search(text):
        candidates = _WORD_RE.finditer(text)
    else:
        # One regular expression over the original text (C speed) finds the few words that may
        # fold to a term; folding only those confirms them.
        candidates = _terms_regex(terms).finditer(text)
    for m in candidates:
        word = fold_word(m.group())
        if word in terms:
            marks.append(m.span())
            words.append(word)
    return marks, words


def term_marks(text, terms):
    """(start, end) of every word in text whose folded form is in terms (a set of folded words)."""
    return _marks_and_words(text, terms)[0]


def highlight_terms(text, terms, max_chars=SNIPPET_CHARS, scan_chars=SCAN_CHARS):
    """HTML snippet of the start of text (scan_chars) around the densest group of matched words; ''
    when nothing matched."""
    if not text or not terms:
        return ""
    if len(text) > scan_chars:
        cut = text.rfind(" ", 0, scan_chars)
        text = text[: cut if cut > 0 else scan_chars]
    marks, words = _marks_and_words(text, terms)
    if not marks:
        return ""
    if len(text) <= max_chars:
        return _render(text, marks, 0, len(text))
    # Window with the most distinct matched words.
    best, best_start = -1, 0
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
