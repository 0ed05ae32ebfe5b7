"""The database part of a backup: pg_dump / pg_restore on PostgreSQL, SQLite's online backup API on the
embedded default; what the database holds (counts per model, applied migrations), known only through
Django's app registry."""

import glob
import os
import shutil
import sqlite3
import subprocess

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


class DatabaseToolError(Exception):
    pass


def vendor():
    return connection.vendor


def server_version():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def member_name():
    return "database/postgresql.dump" if connection.vendor == "postgresql" else "database/sqlite3.db"


# --- PostgreSQL ---------------------------------------------------------------------------------


def pg_tool(name):
    """pg_dump / pg_restore of the server's major version if installed (Debian keeps one per version)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    for candidate in [f"/usr/lib/postgresql/{major}/bin/{name}", *sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)]:
        if os.path.exists(candidate):
            return candidate
    found = shutil.which(name)
    if not found:
        raise DatabaseToolError(f"Không tìm thấy {name}: cài gói postgresql-client (apt-get install postgresql-client).")
    return found


def pg_environment():
    """libpq variables from Django's connection settings (the password never appears on a command line)."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):
        value = settings.get(key)
        if value:
            env[variable] = str(value)
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _run(command):
    result = subprocess.run(command, env=pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise DatabaseToolError(f"{os.path.basename(command[0])} thất bại: {result.stderr.strip()[-1500:]}")
    return result


def tool_version():
    if connection.vendor != "postgresql":
        return f"sqlite3 (Python) {sqlite3.sqlite_version}"
    return _run([pg_tool("pg_dump"), "--version"]).stdout.strip()


def dump(path):
    """Write the whole database to `path` (a consistent snapshot taken while the site keeps running)."""
    if connection.vendor == "postgresql":
        _run([pg_tool("pg_dump"), "--format=custom", "--file", str(path)])
        return
    if connection.in_atomic_block:
        # SQLite's backup waits for the writer to finish, and the writer would be this very connection.
        raise DatabaseToolError("Sao lưu SQLite phải chạy ngoài giao dịch (transaction) đang mở.")
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def load(path):
    """Replace the database's contents with the dump at `path`."""
    if connection.vendor == "postgresql":
        connection.close()
        _run([
            pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", "--dbname", connection.settings_dict["NAME"], str(path),
        ])
        return
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- what the database holds --------------------------------------------------------------------


def models_with_tables():
    tables = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
    ]


def counts():
    return {model._meta.label: model._default_manager.count() for model in models_with_tables()}


def applied_migrations():
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    applied = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def unknown_migrations(applied):
    """Migrations recorded in a backup that this code does not have (a backup from newer code)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(f"{app}.{name}" for app, names in applied.items() for name in names if (app, name) not in known)


def content_summary():
    """What makes a database "not empty": user accounts, and pages, documents or images beyond the two
    pages Wagtail's own migrations create. {label: count} of the non-zero ones."""
    tables = set(connection.introspection.table_names())
    found = {}
    user_model = get_user_model()
    if user_model._meta.db_table in tables:
        found["tài khoản người dùng"] = user_model._default_manager.count()
    page_model = apps.get_model("wagtailcore", "Page")
    if page_model._meta.db_table in tables:
        found["trang"] = (
            page_model.objects.filter(depth__gt=1)
            .exclude(depth=2, content_type__app_label="wagtailcore", content_type__model="page")
            .count()
        )
    for label, name in (("wagtaildocs.Document", "tài liệu"), ("wagtailimages.Image", "ảnh")):
        model = apps.get_model(label)
        if model._meta.db_table in tables:
            found[name] = model._default_manager.count()
    return {label: n for label, n in found.items() if n}
