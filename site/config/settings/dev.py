"""Embedded default for a laptop: SQLite, no search server, debug on."""

from config import env

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

DEBUG = env.boolean("DEBUG", True)
# Only for the embedded run on loopback; production refuses to start without SECRET_KEY.
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
