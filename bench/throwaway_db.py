"""A throw-away PostgreSQL database for a benchmark, on the server of DATABASE_URL."""

import os


def create_postgres(prefix, keep=None):
    """Create `<prefix>_<pid>`, point DATABASE_URL at it, and return the function that drops it.
    With `keep`, use (or create) the database of that name and leave it in place afterwards."""
    import psycopg

    server = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:54329/tthc"
    name = keep or f"{prefix}_{os.getpid()}"
    admin_url = server.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (keep and exists):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
    if keep:
        return None

    def cleanup():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return cleanup
