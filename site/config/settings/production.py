"""Production overlay: secrets required, HTTPS-only cookies and headers (passes check --deploy)."""

from config import env

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.required("SECRET_KEY")
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS") or [env.required("ALLOWED_HOSTS")]

SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSP_STRICT_PUBLIC_SCRIPTS = env.boolean("CSP_STRICT_PUBLIC_SCRIPTS", True)
CSRF_COOKIE_SECURE = True
# Wagtail's live preview frames the site in the admin (same origin), so DENY would break it.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
