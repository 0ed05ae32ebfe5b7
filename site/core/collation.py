"""Names in Vietnamese dictionary order in the database too: the collation (PostgreSQL's ICU collation,
created by a migration; on SQLite core.text.vietnamese_key, registered on every connection), the
ordering terms that use it, the default order of reference lists and of the admin's listings."""

import functools

from django.db import models
from django.db.models.functions import Collate

from core.text import VIETNAMESE_COLLATION, vietnamese_key

# What the PostgreSQL collation is (core/migrations/0003_vietnamese_collation.py): ICU's Vietnamese with
# numbers read as numbers, the order core.text.vietnamese_key reproduces (tests/test_admin_wording.py).
ICU_LOCALE = "vi-u-kn-true"


def vietnamese_order(field, descending=False):
    """An order_by() term: `field` (a text field, also across relations) in Vietnamese order."""
    collated = Collate(models.F(field), VIETNAMESE_COLLATION)
    return collated.desc() if descending else collated.asc()


def _is_text_field(model, path):
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:  # an annotation, a transform or an unknown name: left as it is
            return False
        if field.is_relation:
            model = field.related_model
            if model is None:
                return False
    # names and titles; not codes (slugs, choices), addresses or links
    return (
        isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
        and not field.choices
    )


def vietnamese_ordering(model, terms):
    """The ordering `terms` ("name", "-title", "ward__title", expressions) with every text field in
    Vietnamese order; other terms unchanged."""
    ordered = []
    for term in terms:
        if isinstance(term, str) and term not in ("?", "pk", "-pk"):
            name = term.removeprefix("-")
            if _is_text_field(model, name):
                term = vietnamese_order(name, descending=term.startswith("-"))
        ordered.append(term)
    return ordered


class VietnameseOrderManager(models.Manager):
    """Rows in the model's Meta.ordering with its text fields in Vietnamese order: every select, chooser
    and listing that takes the default order shows "Bảo" before "Biển".

    Unlike Meta.ordering, an order set by a manager stays in values().annotate() and would join the
    GROUP BY: call order_by() first there (`Agency.objects.order_by().values(...).annotate(...)`)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        ordering = self.model._meta.ordering
        return queryset.order_by(*vietnamese_ordering(self.model, ordering)) if ordering else queryset


class VietnameseOrderingMixin:
    """For a Wagtail listing view (IndexView): a text column sorts in Vietnamese order when its header is
    clicked, and so does the default order."""

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        terms = queryset.query.order_by or (queryset.model._meta.ordering if queryset.query.default_ordering else ())
        return queryset.order_by(*vietnamese_ordering(queryset.model, terms)) if terms else queryset


_key = functools.lru_cache(maxsize=20_000)(vietnamese_key)


def _compare(a, b):
    key_a, key_b = _key(a), _key(b)
    return (key_a > key_b) - (key_a < key_b)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created receiver: SQLite learns the collation PostgreSQL has from the migration."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VIETNAMESE_COLLATION, _compare)
