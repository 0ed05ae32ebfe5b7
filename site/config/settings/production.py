"""Production overlay: secrets required, HTTPS-only cookies and headers (passes check --deploy)."""

from urllib.parse import urlsplit

from config import env

from .base import *  # noqa: F403
from .base import CACHES, CSRF_TRUSTED_ORIGINS, MIDDLEWARE, SITE_URL

DEBUG = False
SECRET_KEY = env.required("SECRET_KEY")
_public = urlsplit(SITE_URL) if SITE_URL else None
ALLOWED_HOSTS = (
    env.string_list("ALLOWED_HOSTS")
    or ([_public.hostname] if _public else None)
    or [env.required("ALLOWED_HOSTS")]
)
if _public and f"{_public.scheme}://{_public.netloc}" not in CSRF_TRUSTED_ORIGINS:
    CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, f"{_public.scheme}://{_public.netloc}"]

# More than one process serving (gunicorn's WEB_CONCURRENCY, or APP_SERVERS machines) with a
# process-local cache: each would count rate limits and lockouts on its own.
_processes = env.integer("WEB_CONCURRENCY", 1) * env.integer("APP_SERVERS", 1)
if _processes > 1 and CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    raise env.ConfigError(
        f"{_processes} processes serve the site (WEB_CONCURRENCY × APP_SERVERS) but REDIS_URL is not set: "
        "rate limits and lockouts need a cache every process shares"
    )

# A site whose public address is plain http (a trial on a private network) cannot have secure cookies
# or HTTPS redirects; check --deploy then says so.
_https = _public is None or _public.scheme == "https"
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", _https)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31_536_000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", _https)
SESSION_COOKIE_SECURE = _https
CSP_STRICT_PUBLIC_SCRIPTS = env.boolean("CSP_STRICT_PUBLIC_SCRIPTS", True)
CSRF_COOKIE_SECURE = _https
# Wagtail's live preview frames the site in the admin (same origin), so DENY would break it.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Static files from the application itself (WhiteNoise), compressed and with hashed names, so the
# HTTP cache and browsers keep them for a year.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
