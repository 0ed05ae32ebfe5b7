"""Everyday Vietnamese for administrative life: what citizens say mapped to what the catalogue says.

Entries are directional ("cưới" → "kết hôn", "cà vẹt xe" → "chứng nhận đăng ký xe"), unlike synonym
groups: a request holding a citizen's phrase is also searched with the catalogue's words in its place.
Editors maintain them in the admin (EverydayTerm); the active ones are read from the site cache like the
synonyms, so an edit applies to the next search.
"""

import functools

from core import cache as site_cache
from search.vietnamese import fold, has_diacritics, syllables

# Variants one request may gain from the vocabulary (each becomes a clause of the engine's query).
MAX_EXPANSIONS = 3

# Words spoken inside a phrase without changing it: classifiers and "một" ("mở một quán ăn",
# "xây lại căn nhà", "mua chiếc xe"). One of them may sit between two words of a phrase.
SKIPPABLE = frozenset(
    fold(w) for w in ["một", "cái", "chiếc", "căn", "mảnh", "tấm", "quyển", "cuốn", "bộ", "con", "được"]
)


def parse_lines(text):
    """One phrase per line, normalised; blanks and folded duplicates dropped."""
    from search.models import parse_phrases

    return parse_phrases(text, commas=False)


def changed(**kwargs):
    """Entries were written without signals (bulk writes): drop the cached ones."""
    site_cache.clear()


def entry(phrases, means, kind=None):
    """One entry as analysis reads it: ((phrase, …), (meaning, …), names a subject), or None if empty.
    A way of saying what must be done ("làm mất" -> "cấp lại") names no procedure by itself."""
    from search.models import EverydayTerm

    said, meant = parse_lines(phrases), parse_lines(means)
    if not (said and meant):
        return None
    return (tuple(said), tuple(meant), kind != EverydayTerm.Kind.ACTION)


def load_entries():
    """Active entries (see entry()), from the site cache."""
    from search.models import EverydayTerm

    def build():
        rows = (
            EverydayTerm.objects.filter(is_active=True).order_by("pk").values_list("phrases", "means", "kind")
        )
        return tuple(e for row in rows if (e := entry(*row)))

    return site_cache.cached("search-everyday", build)


@functools.lru_cache(maxsize=32)
def _index(entries):
    """First folded word -> [(folded words, marked words, targets)], longest phrases first."""
    index = {}
    for said, meant, *rest in entries:
        names = rest[0] if rest else True
        for phrase in said:
            marked = tuple(syllables(phrase))
            words = tuple(fold(w) for w in marked)
            if words:
                index.setdefault(words[0], []).append((words, marked, (meant, names)))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index


def find(marked, entries):
    """Non-overlapping matches in a request's words (as typed): [(start, end, (targets, names))].

    Compared folded, but in a request typed with marks the words must carry the entry's marks ("mắt"
    is not "mất").
    """
    if not entries or not marked:
        return []
    index = _index(tuple(entries))
    folded = [fold(w) for w in marked]
    exact = any(has_diacritics(w) for w in marked)
    found, i = [], 0
    while i < len(folded):
        for words, written, targets in index.get(folded[i], ()):
            end = _match_at(marked, folded, i, words, written, exact)
            if end:
                found.append((i, end, targets))
                i = end
                break
        else:
            i += 1
    return found


def _match_at(marked, folded, start, words, written, exact):
    """End of the phrase matched at `start` (a classifier may sit inside it), or 0. In a request typed
    with marks (`exact`), a word without marks is that word ("cơ quan" holds no "quán")."""
    pos = start
    for n, (word, form) in enumerate(zip(words, written, strict=True)):
        if n and pos < len(folded) and folded[pos] != word and folded[pos] in SKIPPABLE:
            pos += 1  # "mở một quán": one classifier between two words of the phrase
        if pos >= len(folded) or folded[pos] != word:
            return 0
        if (exact or has_diacritics(marked[pos])) and marked[pos] != form:
            return 0  # typed with other marks: another word ("mắt" is not "mất")
        pos += 1
    return pos


def expansions(text, entries, limit=MAX_EXPANSIONS):
    """The request rewritten with the catalogue's words, as (text, [meanings put in that name a
    subject]): all recognised phrases replaced at once by their first meaning, then each meaning of
    each phrase on its own."""
    marked = syllables(text)
    matches = find(marked, entries)
    if not matches:
        return []

    def rewrite(choices):
        out, pos = [], 0
        for (start, end, _found), target in choices:
            out += marked[pos:start] + [target]
            pos = end
        subjects = [target for (_, _, (_, names)), target in choices if names]
        return " ".join(out + marked[pos:]), subjects

    results = [rewrite([(m, m[2][0][0]) for m in matches])]
    for match in matches:
        for target in match[2][0]:
            results.append(rewrite([(match, target)]))
    unique = {}
    for rewritten, meanings in results:
        unique.setdefault(rewritten, meanings)
    return list(unique.items())[:limit]


@functools.lru_cache(maxsize=8)
def phrase_words(entries):
    """Folded words of every citizen phrase (the spelling correction leaves them alone)."""
    return frozenset(fold(w) for said, *_ in entries for phrase in said for w in syllables(phrase))
