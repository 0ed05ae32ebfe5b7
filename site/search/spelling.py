""" "Did you mean": corrections from our own vocabulary, the folded words of published titles.

Words are compared folded, so the vocabulary is small (a few thousand syllables); corrections are
one edit away (insert, delete, replace, swap), found through a deletion index. The suggestion is
spelled with the diacritics most titles use ("dang ky khia sinh" → "đăng ký khai sinh").
"""

import functools
import re
import threading
import time
from collections import Counter, defaultdict

from django.db.models import Count, Max

from search.vietnamese import fold, has_diacritics, syllables

_WORD_RE = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_cache = {"key": None, "vocabulary": None}


class Vocabulary:
    def __init__(self, titles):
        self.titles = 0  # how many titles the counts come from (word weights in analysis.py)
        self.counts = Counter()
        self.pairs = Counter()
        forms = Counter()  # (folded, as written) -> n
        pair_forms = Counter()  # ((folded pair), (pair as written)) -> n
        folded_of = {}  # titles share a few hundred syllables: fold each once
        for title in titles:
            self.titles += 1
            # Stored titles are normalized already: tokenizing the lowercased text is enough.
            words = [w for w in _WORD_RE.findall(title.lower()) if w.isalpha()]
            folded = [folded_of.get(w) or folded_of.setdefault(w, fold(w)) for w in words]
            pairs = list(zip(folded, folded[1:], strict=False))
            self.counts.update(folded)
            self.pairs.update(pairs)
            forms.update(zip(folded, words, strict=True))
            pair_forms.update(zip(pairs, zip(words, words[1:], strict=False), strict=True))
        self.spelling = {}
        for (key, word), _n in forms.most_common():
            self.spelling.setdefault(key, word)
        self.pair_spelling = {}
        for (key, words), _n in pair_forms.most_common():
            self.pair_spelling.setdefault(key, words)
        self.deletes = defaultdict(set)
        for word in self.counts:
            for variant in _deletions(word):
                self.deletes[variant].add(word)

    def __contains__(self, word):
        return word in self.counts

    def candidates(self, word):
        """Vocabulary words one edit away from `word` (folded)."""
        found = set()
        for variant in _deletions(word):
            found |= self.deletes.get(variant, set())
        return [c for c in found if _distance(word, c) == 1]

    def correct(self, word, before=None, after=None):
        """The best vocabulary word one edit away, or None.

        Within a query, a word is only corrected when the correction makes a word pair that titles
        use with one of its neighbours as typed ("khia sinh" → "khai sinh"): an unknown word without
        that support is more likely a real word our titles do not use ("chưa") than a typo.
        """
        if word in self.counts or len(word) < 3 or not word.isalpha():
            return None
        candidates = self.candidates(word)
        if not candidates:
            return None

        def context(c):
            return self.pairs.get((before, c), 0) + self.pairs.get((c, after), 0)

        if before is not None or after is not None:
            candidates = [c for c in candidates if context(c)]
            if not candidates:
                return None
        return max(candidates, key=lambda c: (context(c), self.counts[c], -abs(len(c) - len(word)), c))

    def spell(self, folded):
        """Folded words written with the diacritics titles use, pairs first ("xây dựng", not "xây dụng")."""
        out = []
        for i, word in enumerate(folded):
            left = self.pair_spelling.get((folded[i - 1], word)) if i else None
            right = self.pair_spelling.get((word, folded[i + 1])) if i + 1 < len(folded) else None
            out.append(left[1] if left else right[0] if right else self.spelling.get(word, word))
        return out

    def suggest(self, text, understood=frozenset()):
        """A corrected query spelled with diacritics, or '' when every word is known. Words in
        `understood` (folded: the everyday vocabulary's) are never corrected."""
        words = syllables(text)
        folded = [fold(w) for w in words]
        fixed = list(folded)
        changed = False
        for i, word in enumerate(folded):
            if word in _request_words() or word in understood:  # "lam" is "làm", not a typo of "lại"
                continue
            before = folded[i - 1] if i else None
            after = folded[i + 1] if i + 1 < len(folded) else None
            fix = self.correct(word, before, after)
            if fix:
                fixed[i] = fix
                changed = True
        if not changed:
            return ""
        spelled = self.spell(fixed)
        # Words the citizen typed with marks, or that are not in the vocabulary, stay as typed.
        return " ".join(
            word if has_diacritics(word) or fixed[i] not in self.counts else spelled[i]
            for i, word in enumerate(words)
        )


@functools.cache
def _request_words():
    """Folded words of the phrases the query analysis already understands (fillers, request verbs):
    never "corrected" into title words."""
    from search.analysis import FILLER_PHRASES, REQUEST_VERBS

    phrases = FILLER_PHRASES + [verb for verb, _targets in REQUEST_VERBS]
    return frozenset(fold(word) for phrase in phrases for word in syllables(phrase))


def _deletions(word):
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _distance(a, b):
    """Damerau-Levenshtein (optimal string alignment) distance, capped at 2."""
    if abs(len(a) - len(b)) > 1:
        return 2
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[-1], 2)


CHECK_SECONDS = 30  # how often a process looks whether the titles changed


def vocabulary():
    """The vocabulary of the current titles, rebuilt in this process when the titles changed."""
    from search.models import SearchEntry

    now = time.monotonic()
    if _cache["vocabulary"] is not None and now - _cache.get("checked", 0) < CHECK_SECONDS:
        return _cache["vocabulary"]
    stats = SearchEntry.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    key = (stats["n"], stats["last"])
    with _lock:
        _cache["checked"] = now
        if _cache["key"] != key:
            _cache["vocabulary"] = Vocabulary(_titles())
            _cache["key"] = key
        return _cache["vocabulary"]


PER_TYPE = 2000  # a type with more documents (years of news) contributes its most recent titles


def _titles():
    """Titles the vocabulary is built from: whole catalogues, the recent part of large collections.

    Keeps a rebuild well under a second, so it can happen in a request after titles change.
    """
    from search.models import SearchEntry

    titles = []
    for type_ in SearchEntry.objects.values_list("type", flat=True).distinct():
        rows = SearchEntry.objects.filter(type=type_).order_by("-date", "-updated_at")
        titles += rows.values_list("title", flat=True)[:PER_TYPE]
    return titles


def corrections(text):
    """Spelling-corrected forms of the query worth searching too ([] when every word is known)."""
    if not text or not text.strip():
        return []
    suggestion = vocabulary().suggest(text)
    return [suggestion] if suggestion else []


def suggest(text):
    if not text or not text.strip():
        return ""
    return vocabulary().suggest(text)
