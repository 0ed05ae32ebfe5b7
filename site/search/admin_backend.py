"""Wagtail's search backend (WAGTAILSEARCH_BACKENDS) answering text searches with the project's
Vietnamese search: the admin's page search, page explorer, snippet listings and choosers find
"dang ky khai sinh" and "1.001193" as the citizen search does (search/lookup.py).

The one adapter onto framework internals (django-modelsearch, which Wagtail's search is built on): the
database backend of the configured database does everything else (indexing, structured queries), and
text searches return a small results class built on modelsearch's BaseSearchResults. A test
(tests/test_search_admin.py) fails loudly if an upgrade changes what this relies on.
"""

from collections import OrderedDict

from django.db.models import QuerySet
from modelsearch.backends import database
from modelsearch.backends.base import BaseSearchResults, EmptySearchResults
from modelsearch.query import Phrase, PlainText

from search import lookup


def query_text(query):
    """The text of a plain or phrase query (what the admin's search box sends), else None."""
    if isinstance(query, str):
        return query
    if isinstance(query, PlainText | Phrase):
        return query.query_string
    return None


class LookupSearchResults(BaseSearchResults):
    """Results of lookup.ranked_ids() over a queryset, sliced and counted like modelsearch's own."""

    supports_facet = True

    def __init__(self, backend, queryset, text, fields=None, order_by_relevance=True, shared=None):
        self.backend = backend
        self.query_compiler = None
        self.prefetch_related = None
        self.start = 0
        self.stop = None
        self._results_cache = None
        self._count_cache = None
        self._score_field = None
        self.model = queryset.model
        self.queryset = queryset
        self.text = text
        self.fields = fields
        self.order_by_relevance = order_by_relevance
        self._shared = shared if shared is not None else {}  # the ids, computed once for every clone

    def _clone(self):
        new = self.__class__(
            self.backend, self.queryset, self.text, self.fields, self.order_by_relevance, self._shared
        )
        new.start, new.stop, new._score_field = self.start, self.stop, self._score_field
        return new

    def _ids(self):
        if "ids" not in self._shared:
            self._shared["ids"] = lookup.ranked_ids(self.queryset, self.text, self.fields)
        return self._shared["ids"]

    def _do_search(self):
        ids = self._ids()
        if self.order_by_relevance:
            page = ids[self.start : self.stop]
            objects = lookup.in_order(self.queryset, page)
        else:  # the queryset's own ordering (a listing sorted by a column)
            objects = self.queryset.filter(pk__in=ids)[self.start : self.stop]
        objects = list(objects)
        if self._score_field:
            rank = {pk: i for i, pk in enumerate(ids)}
            for obj in objects:
                setattr(obj, self._score_field, float(len(ids) - rank.get(obj.pk, len(ids))))
        return objects

    def _do_count(self):
        total = len(self._ids())
        stop = total if self.stop is None else min(self.stop, total)
        return max(0, stop - self.start)

    def facet(self, field_name):
        rows = self.queryset.filter(pk__in=self._ids()).values_list(field_name, flat=True)
        counts = {}
        for value in rows:
            counts[value] = counts.get(value, 0) + 1
        return OrderedDict(sorted(counts.items(), key=lambda item: -item[1]))


class VietnameseSearchMixin:
    """Text searches through lookup.ranked_ids(); anything else to the database backend."""

    def _lookup(self, query, model_or_queryset, fields, order_by_relevance):
        text = query_text(query)
        if text is None:
            return None
        queryset = (
            model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
        )
        if not text.strip():
            return EmptySearchResults()
        return LookupSearchResults(self, queryset, text, fields, order_by_relevance)

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        found = self._lookup(query, model_or_queryset, fields, order_by_relevance)
        if found is not None:
            return found
        return super().search(query, model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        found = self._lookup(query, model_or_queryset, fields, order_by_relevance)
        if found is not None:
            return found
        return super().autocomplete(query, model_or_queryset, fields, operator, order_by_relevance)


_classes = {}


def SearchBackend(params):  # noqa: N802 (the name Wagtail's settings look for in a backend module)
    """The database backend of the configured database, with Vietnamese text searches."""
    base = type(database.SearchBackend(params))
    if base not in _classes:
        _classes[base] = type(f"Vietnamese{base.__name__}", (VietnameseSearchMixin, base), {})
    return _classes[base](params)
