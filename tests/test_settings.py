"""Settings come from environment variables; bad values stop start-up with one clear line."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Variables the test process itself sets; a child process must start from a deployment-like env.
CLEARED = {"DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_python(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environment.update(env)
    environment["PYTHONPATH"] = f"{ROOT / 'site'}:{ROOT}"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd=ROOT, timeout=60
    )


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.ELASTICSEARCH_URL, s.LANGUAGE_CODE, s.TIME_ZONE, s.MEDIA_ROOT)"
)


def test_embedded_default_is_sqlite_without_search_server():
    result = run_python(SHOW, DJANGO_SETTINGS_MODULE="config.settings.dev")
    assert result.returncode == 0, result.stderr
    engine, es_url, language, tz, _media = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert es_url == "None"
    assert (language, tz) == ("vi", "Asia/Ho_Chi_Minh")


def test_environment_switches_to_postgres_elasticsearch_and_media():
    result = run_python(
        SHOW,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL="postgres://portal:secret@db.internal:5433/portal",
        ELASTICSEARCH_URL="http://127.0.0.1:9200/",
        MEDIA_ROOT="/srv/portal/media",
    )
    assert result.returncode == 0, result.stderr
    engine, es_url, _language, _tz, media = result.stdout.split()
    assert engine == "config.postgresql"  # Django's, with prepared statements (see below)
    assert es_url == "http://127.0.0.1:9200"
    assert media == "/srv/portal/media"


PREPARE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "o = s.DATABASES['default'].get('OPTIONS', {}); "
    "print(s.DATABASES['default']['ENGINE'], o.get('server_side_binding'), o.get('prepare_threshold'))"
)


@pytest.mark.parametrize(
    "flag,expected",
    [(None, "config.postgresql True 5"), ("false", "django.db.backends.postgresql None None")],
)
def test_postgres_statements_are_prepared_unless_switched_off(flag, expected):
    env = {"DATABASE_URL": "postgres://portal:secret@db.internal:5433/portal"}
    if flag is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = flag
    result = run_python(PREPARE, DJANGO_SETTINGS_MODULE="config.settings.dev", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected.split()


@pytest.mark.django_db
def test_a_repeated_query_runs_as_a_prepared_statement_on_postgres():
    from django.db import connection
    from wagtail.models import Page

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL setting")
    root = Page.objects.first()
    for _ in range(6):
        assert Page.objects.filter(pk=root.pk).only("id", "path").get() == root
        # A tree query: a generic plan could not use the path index (config/postgresql/base.py).
        list(root.get_descendants().only("id", "draft_title"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement ~ %s", ["wagtailcore_page"])
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"wagtailcore_page"."path"' in sql for sql in prepared), prepared
    assert not any("LIKE" in sql for sql in prepared), prepared  # this one, or any other test's


@pytest.mark.parametrize(
    "variable,value",
    [
        ("DATABASE_URL", "mysql://root@localhost/portal"),
        ("DATABASE_URL", "postgres://user@localhost:notaport/portal"),
        ("DATABASE_URL", "postgres://user@localhost:5432"),
        ("ELASTICSEARCH_URL", "localhost:9200"),
        ("ELASTICSEARCH_URL", "http://127.0.0.1:99999"),
        ("ELASTICSEARCH_URL", "http://127.0.0.1:9200,127.0.0.1:9201"),
        ("ELASTICSEARCH_REPLICAS", "two"),
        ("ELASTICSEARCH_TIMEOUT", "fast"),
        ("DEBUG", "maybe"),
        ("DATABASE_PREPARED_STATEMENTS", "sometimes"),
    ],
)
def test_malformed_variable_stops_startup_with_one_line_naming_it(variable, value):
    result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.dev", **{variable: value})
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_production_requires_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="")
    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_env_example_lists_every_variable_the_settings_read():
    import re

    settings_dir = ROOT / "site" / "config" / "settings"
    read = set()
    for path in settings_dir.glob("*.py"):
        read |= set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', path.read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no variables found: the pattern above is wrong"
    assert read <= documented, f"missing from .env.example: {sorted(read - documented)}"


SHOW_SERVING = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
    "s.WAGTAILADMIN_BASE_URL, sorted(s.WAGTAILFRONTENDCACHE), 'LocaleMiddleware' in str(s.MIDDLEWARE))"
)


def test_production_refuses_several_processes_without_a_shared_cache():
    common = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": secrets.token_urlsafe(50),
              "ALLOWED_HOSTS": "portal.example.vn"}
    refused = run_manage("check", "--deploy", WEB_CONCURRENCY="3", **common)
    assert refused.returncode == 1 and "REDIS_URL" in refused.stderr and "Traceback" not in refused.stderr
    assert run_manage("check", APP_SERVERS="2", **common).returncode == 1
    shared = run_manage("check", "--deploy", WEB_CONCURRENCY="3", REDIS_URL="redis://127.0.0.1:6379/1", **common)
    assert shared.returncode == 0, shared.stderr
    assert run_manage("check", WEB_CONCURRENCY="1", **common).returncode == 0


def test_the_public_address_sets_hosts_origins_and_purges():
    result = run_python(
        SHOW_SERVING, DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 50,
        SITE_URL="https://tthc.chilinh.gov.vn", FRONTEND_CACHE_URLS="http://10.0.0.5:6081,http://10.0.0.6:6081",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['tthc.chilinh.gov.vn']", "['https://tthc.chilinh.gov.vn']", "True", "True",
        "https://tthc.chilinh.gov.vn", "['varnish-1',", "'varnish-2']", "False",
    ]
    # A trial on plain http cannot have secure cookies (check --deploy then warns about it).
    trial = run_python(SHOW_SERVING, DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 50,
                       SITE_URL="http://127.0.0.1:6180")
    assert trial.stdout.split()[2:4] == ["False", "False"], trial.stdout + trial.stderr
