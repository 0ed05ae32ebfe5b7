"""Model instances from values already at hand (a row kept in the site cache) instead of a query.

Model.from_db and DEFERRED are Django's documented way to build an instance as if it were read; the
one private part, whether a relation is already loaded (Model._state.fields_cache), is asked here
only, so an upgrade that changes it breaks this module and its test (tests/test_core_services.py).
"""

from django.db.models import DEFERRED


def instance_from_values(model, values):
    """An instance of `model` with `values` ({attname: value}) set and every other field deferred
    (each loads on first use), as if read from the default database."""
    fields = model._meta.concrete_fields
    return model.from_db("default", [f.attname for f in fields], [values.get(f.attname, DEFERRED) for f in fields])


def relation_loaded(instance, name):
    """Whether the forward relation `name` of `instance` is already loaded (no query to read it)."""
    return name in instance._state.fields_cache
