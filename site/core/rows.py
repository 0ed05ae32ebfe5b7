"""Model rows without the ORM's one-object-at-a-time path: instances made from values already at hand
(a row kept in the site cache) and many rows written with one multi-row INSERT.

Model.from_db and DEFERRED are Django's documented way to build an instance as if it were read. The
private parts (Model._state, the insert query and compiler) are used here only, so an upgrade that
changes them breaks this module and its tests (tests/test_core_services.py), nothing else.
"""

from django.db import connection, connections
from django.db.models import DEFERRED, sql
from django.db.models.sql.compiler import SQLInsertCompiler


def instance_from_values(model, values):
    """An instance of `model` with `values` ({attname: value}) set and every other field deferred
    (each loads on first use), as if read from the default database."""
    fields = model._meta.concrete_fields
    return model.from_db("default", [f.attname for f in fields], [values.get(f.attname, DEFERRED) for f in fields])


def relation_loaded(instance, name):
    """Whether the forward relation `name` of `instance` is already loaded (no query to read it)."""
    return name in instance._state.fields_cache


def mark_saved(obj, alias="default"):
    """Tell Django that `obj`, written by a raw multi-row insert, now exists in the database `alias`
    (what a save() would have recorded), so later saves update it instead of inserting it again."""
    obj._state.adding = False
    obj._state.db = alias


def insert_rows(model, objs, fields=None):
    """One multi-row `INSERT … VALUES` of `fields` (default: all but the key) into `model`'s table.
    Returns the new primary keys when the key is not among the fields, and sets them on objects of
    `model` itself (as bulk_create does).

    Django 5.2's bulk_create sends many rows on PostgreSQL as `UNNEST` of one array per column, and
    psycopg builds those array literals in Python, escaping every double quote through a regex
    callback, which dominated the time of page and revision rows (they carry the stream fields' JSON).
    Django's generic compiler keeps one parameter per value, quoted by psycopg's C code. The caller
    validates the values first (the import does when it plans)."""
    if not objs:
        return []
    meta = model._meta
    if fields is None:
        fields = [f for f in meta.concrete_fields if not f.primary_key]
    returning = None if meta.pk in fields else [meta.pk]
    query = sql.InsertQuery(model)
    query.insert_values(fields, objs)
    # The connection itself, not the `django.db.connection` proxy: the compiler reads it per value.
    db = connections[connection.alias]
    rows = SQLInsertCompiler(query, db, db.alias).execute_sql(returning)
    if not returning:
        return []
    pks = [pk for (pk,) in rows]
    for obj, pk in zip(objs, pks, strict=True):
        if type(obj) is model:
            obj.pk = pk
            mark_saved(obj, connection.alias)
    return pks
