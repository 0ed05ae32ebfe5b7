"""Test overlay: fast hashing, isolated index names and database names per run."""

import os

from config import env

from .base import *  # noqa: F403
from .base import DATABASES, ELASTICSEARCH_INDEX_PREFIX, TASK_QUEUES

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
# Concurrent test runs on one machine must not share a test database or index.
_run_id = env.get("TEST_RUN_ID", str(os.getpid()))
DATABASES["default"].setdefault("TEST", {})["NAME"] = (
    f"test_tthc_{_run_id}" if DATABASES["default"]["ENGINE"].endswith("postgresql") else None
)
ELASTICSEARCH_INDEX_PREFIX = f"test_{_run_id}_{ELASTICSEARCH_INDEX_PREFIX}"
# Wagtail's admin search index recomputes title norms over the whole table on every save on
# PostgreSQL; no test relies on admin search, and the citizen search has its own index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend", "AUTO_UPDATE": False}}
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES},
    # For the tests that run real workers (`db_worker --backend database`) on the test database.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES},
}
# Each test process is alone with its database, so cached site data need not expire within seconds
# (core/cache.py); expiry would make query counts depend on how long a test takes.
SITE_CACHE_LOCAL_SECONDS = 300
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
