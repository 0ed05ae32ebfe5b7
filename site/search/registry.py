"""What the citizen search indexes: each app's documents.py registers an adapter; the engine knows no app.

An adapter names its page model(s), the queryset of live public pages (for rebuilds and drift counts),
and turns one live page into the common SearchDocument. Apps register at import of `<app>.documents`,
which `autodiscover()` imports for every installed project app (like load_demo finds demo modules).
"""

import datetime
import importlib
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path

from django.apps import apps
from django.conf import settings


@dataclass
class SearchDocument:
    """The common shape of everything the citizen search returns."""

    title: str
    url: str
    body: str = ""  # plain text, as published; the engine normalizes and folds it
    summary: str = ""  # shown under the title when no snippet matched
    keywords: list[str] = _field(default_factory=list)  # how citizens call it; ranks like the title
    code: str = ""
    codes: list[str] = _field(default_factory=list)  # other codes that name it (a local code)
    status: str = ""  # procedures: new / amended / replaced / abolished
    status_label: str = ""
    field: str = ""
    level: str = ""
    agency: str = ""
    online_kind: str = ""
    ward: str = ""
    date: datetime.date | None = None
    tags: list[str] = _field(default_factory=list)  # field, agency… names, searchable with a small boost


class SearchAdapter:
    """Subclass in `<app>/documents.py` and pass an instance to `register()`.

    Models may be page models (events come from Wagtail's publish/unpublish/move/delete signals) or
    plain models such as published answers (events come from their post_save/post_delete and from
    `signals`, a list of extra signals sent with `instance`).
    """

    type = ""  # stable key used in the index and in URLs: "procedure", "article", "document", "answer"
    label = ""  # Vietnamese label shown to citizens: "Thủ tục", "Tin tức", "Văn bản", "Trả lời phản ánh"
    models = ()  # page models (specific classes) this adapter indexes
    hidden_statuses = ()  # statuses left out of default results (e.g. abolished procedures)
    status_labels = {}  # status value -> Vietnamese label for facets
    order = 50  # position of the type in the type facet
    boost = 1.0  # relevance prior of the whole type
    # The database fallback reads only the most recent documents of a large type (years of news);
    # a type citizens must always find in full (the catalogue) says True.
    whole_in_fallback = False
    status_weights = {}  # status -> relevance factor (e.g. replaced procedures after their successor)

    # Models whose edits change documents: {Model: callable(instance) -> iterable of object ids}.
    dependencies = {}
    signals = ()  # extra signals (sent with `instance`) after which an object must be re-read

    def get_queryset(self):
        """Everything of this type that belongs in the index (live, public, published), for rebuilds,
        drift counts and for re-reading one object: what is not in it is removed from the index."""
        raise NotImplementedError

    def prepare(self, obj):
        """A SearchDocument for one object of get_queryset(), or None to keep it out."""
        raise NotImplementedError

    # Optional: def vocabulary_sources(self, obj) -> {"title": str, "documents": [lines naming documents
    # a citizen brings or receives], "texts": [text where abbreviations are written out]}, read by
    # `manage.py search_mine_vocabulary` (search/mining.py).

    def get_querysets(self):
        """The queryset(s) to read for a rebuild: override to split by model (e.g. to prefetch)."""
        return [self.get_queryset()]

    def get_object(self, pk):
        for queryset in self.get_querysets():
            found = queryset.filter(pk=pk).first()
            if found is not None:
                return found
        return None

    @property
    def is_page(self):
        from wagtail.models import Page

        return all(issubclass(model, Page) for model in self.models)

    def key(self, pk):
        return document_key(self.type, pk)

    def __repr__(self):
        return f"<{type(self).__name__} {self.type}>"


_adapters = {}  # type -> adapter
_by_model = {}  # model class -> adapter
_discovered = False


def document_key(type_, pk):
    """The document's id in the index and in the database copy: "<type>:<id>"."""
    return f"{type_}:{pk}"


def split_key(key):
    """(adapter, pk) for a document key; adapter is None for a type no longer registered."""
    type_, _, pk = key.partition(":")
    return get_adapter(type_), int(pk) if pk.isdigit() else pk


def register(adapter):
    """Register an adapter instance (idempotent per type; the last registration wins)."""
    if not adapter.type or not adapter.label or not adapter.models:
        raise ValueError(f"{adapter!r} needs type, label and models")
    old = _adapters.get(adapter.type)
    if old is not None:
        for model in old.models:
            _by_model.pop(model, None)
    _adapters[adapter.type] = adapter
    for model in adapter.models:
        _by_model[model] = adapter
    return adapter


def unregister(type_):
    adapter = _adapters.pop(type_, None)
    if adapter is not None:
        for model in adapter.models:
            _by_model.pop(model, None)
    return adapter


def autodiscover():
    """Import `<app>.documents` for every project app once, so their adapters register."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    for config in apps.get_app_configs():
        if not Path(config.path).resolve().is_relative_to(settings.BASE_DIR):
            continue
        try:
            importlib.import_module(f"{config.name}.documents")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.documents":
                raise


def adapters():
    autodiscover()
    return sorted(_adapters.values(), key=lambda a: (a.order, a.type))


def get_adapter(type_):
    autodiscover()
    return _adapters.get(type_)


def adapter_for_model(model):
    """The adapter indexing this specific page class (or one of its parents), else None."""
    autodiscover()
    for klass in model.__mro__:
        adapter = _by_model.get(klass)
        if adapter is not None:
            return adapter
    return None


def indexed_content_type_ids():
    from django.contrib.contenttypes.models import ContentType

    autodiscover()
    return {ContentType.objects.get_for_model(model).id for model in _by_model}


def type_labels():
    return {a.type: a.label for a in adapters()}


def hidden_statuses():
    return sorted({s for a in adapters() for s in a.hidden_statuses})


def status_labels():
    labels = {}
    for adapter in adapters():
        labels.update(adapter.status_labels)
    return labels


def subsite_model():
    """The page type that roots a ward's sub-site (setting SEARCH_SUBSITE_MODEL; the shell's choice)."""
    from django.apps import apps
    from django.conf import settings

    return apps.get_model(settings.SEARCH_SUBSITE_MODEL)


_ward_cache = {"at": -1e9, "paths": []}


def _ward_paths():
    """(tree path, slug) of every ward home page, re-read at most once a minute per process."""
    import time

    now = time.monotonic()
    if now - _ward_cache["at"] > 60:
        _ward_cache["paths"] = list(subsite_model().objects.values_list("path", "slug"))
        _ward_cache["at"] = now
    return _ward_cache["paths"]


def forget_wards(**kwargs):
    _ward_cache["at"] = -1e9


def ward_of(page):
    """Slug of the ward/commune sub-site holding the page, '' for city-wide pages."""
    for path, slug in _ward_paths():
        if page.path.startswith(path):
            return slug
    return ""
