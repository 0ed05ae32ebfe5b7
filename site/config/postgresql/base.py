"""Django's PostgreSQL backend, with prepared statements kept away from tree-prefix queries.

With DATABASE_PREPARED_STATEMENTS (config.env.database) psycopg prepares a statement the fifth time
it runs, and PostgreSQL may then keep one generic plan for it whatever the parameters. That is what
saves the planning time, and it is right for lookups by key. It is wrong where the best plan depends
on the value: a generic plan cannot use the index range of `path LIKE $1`, so Wagtail's tree queries
(child_of, descendant_of: "the featured articles under the city's news index") fell back to reading
every page (docs/architecture.md gives the measured figures). Statements with LIKE are
never prepared: they are planned with their values each time, as without this setting.
"""

from django.db.backends.postgresql import base


class PlannedLikeCursor(base.ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, **kwargs):
        if prepare is None and isinstance(query, str) and "LIKE" in query:  # LIKE and ILIKE
            prepare = False
        return super().execute(query, params, prepare=prepare, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if params.get("cursor_factory") is base.ServerBindingCursor:
            params["cursor_factory"] = PlannedLikeCursor
        return params
