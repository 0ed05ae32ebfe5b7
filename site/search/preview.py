"""What a request finds with an everyday-vocabulary entry as an editor is writing it, and without it
(the admin's live preview of EverydayTerm)."""

from search import everyday, service
from search.results import SearchParams

PHRASES = 6  # phrases of one entry shown in the preview
RESULTS = 5


def _entries(term, keep):
    """The active entries with this one as edited (keep=True) or without it."""
    from search.models import EverydayTerm

    rows = EverydayTerm.objects.filter(is_active=True).order_by("pk")
    if term.pk:
        rows = rows.exclude(pk=term.pk)
    entries = [e for row in rows.values_list("phrases", "means", "kind") if (e := everyday.entry(*row))]
    edited = everyday.entry(term.phrases, term.means, term.kind)
    if keep and edited:
        entries.append(edited)
    return tuple(entries)


def _top(q, entries):
    result = service.search(SearchParams(q=q, per_page=RESULTS), facets=False, entries=entries)
    return {
        "engine": result.engine,
        "total": result.total,
        "hits": [{"title": h.title, "code": h.code, "url": h.url, "type": h.type_label} for h in result.hits],
    }


def everyday_rows(term):
    """One row per phrase: the search with the entry and without it."""
    with_entry, without = _entries(term, keep=True), _entries(term, keep=False)
    rows = []
    for phrase in term.phrase_list()[:PHRASES]:
        rows.append({"phrase": phrase, "with": _top(phrase, with_entry), "without": _top(phrase, without)})
    return rows
