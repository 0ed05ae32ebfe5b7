"""Reads deployment values from environment variables, failing with one clear line when one is wrong."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A deployment variable is missing or malformed; the message names it."""


def get(name, default=None):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def required(name):
    value = get(name)
    if value is None:
        raise ConfigError(f"{name} is required but not set (see .env.example)")
    return value


def boolean(name, default=False):
    value = get(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean (use true or false)")


def integer(name, default):
    value = get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not an integer") from None


def number(name, default):
    value = get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a number") from None


def string_list(name, default=()):
    value = get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database(name, default_sqlite_path):
    """DATABASE_URL → Django DATABASES entry; unset means the embedded SQLite file."""
    import dj_database_url

    value = get(name)
    prepared = boolean("DATABASE_PREPARED_STATEMENTS", True)  # read (and checked) whatever the engine
    if value is None:
        # The embedded default must work on a fresh clone, where var/ does not exist yet.
        Path(default_sqlite_path).parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite_path),
            # WAL and immediate transactions: concurrent writers wait instead of "database is locked".
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    scheme = urlsplit(value).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ConfigError(
            f"{name} must be a postgres:// (or sqlite://) URL, got scheme {scheme or 'none'!r}"
        )
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ConfigError(f"{name} is malformed: {exc}") from None
    if config["ENGINE"].endswith("postgresql"):
        if not config.get("NAME"):
            raise ConfigError(f"{name} has no database name (postgres://user@host:5432/NAME)")
        if prepared:
            # Parameters bound on the server let psycopg prepare a statement the fifth time it runs:
            # the server then skips planning each of a page's joined queries.
            # Off behind a pooler in transaction mode (PgBouncer < 1.21), which cannot keep them.
            # Django leaves psycopg's threshold unset (no statement is ever prepared). The engine
            # keeps tree-prefix (LIKE) queries unprepared: see config/postgresql/base.py.
            config.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
            config["ENGINE"] = "config.postgresql"
    return config


def http_url(name, default=None):
    """A http(s) service URL such as ELASTICSEARCH_URL; unset returns the default."""
    value = get(name, default)
    if value is None:
        return None
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(f"{name}={value!r} has an invalid port") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"{name}={value!r} must look like http://127.0.0.1:9200")
    return value.rstrip("/")


def http_urls(name, default=None):
    """Several service URLs separated by commas (the nodes of an Elasticsearch cluster), each checked
    like http_url; returns them normalised and joined by commas, or the default when unset."""
    value = get(name, default)
    if value is None:
        return None
    urls = [item.strip() for item in value.split(",") if item.strip()]
    if not urls:
        return default
    for url in urls:
        parts = urlsplit(url)
        try:
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            raise ConfigError(f"{name}: {url!r} has an invalid port") from None
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ConfigError(f"{name}: {url!r} must look like http://127.0.0.1:9200 (several: comma-separated)")
    return ",".join(url.rstrip("/") for url in urls)
