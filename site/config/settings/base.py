"""Settings shared by every environment; every deployment value comes from the environment."""

from pathlib import Path

from config import env
from config.periodic import PERIODIC_JOBS, backup_job  # a setting, read by manage.py run_periodic

SITE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SITE_DIR.parent
VAR_DIR = Path(env.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = env.get("SECRET_KEY")
DEBUG = env.boolean("DEBUG", False)
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # project apps (site-wide apps live under site/, domain apps at the top level)
    "core",
    "home",
    "search",
    "accounts",
    "units",
    "operations",
    "procedures",
    "procedures.desk",
    "procedures.alerts",
    "news",
    "hotline",
    # wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before sessions and CSRF: it must see the cookies they set (core/httpcache.py). No
    # LocaleMiddleware: the site has one language, and it would make every page vary on Accept-Language.
    "core.httpcache.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.ContentSecurityPolicyMiddleware",
    "home.middleware.CachedSiteMiddleware",
    "core.middleware.HostilePathMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, so it sees the lockout flag set during authentication (django-axes docs)
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses locked-out credentials before any backend checks them.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first date input everywhere a date is typed (config/formats/vi), ISO accepted too.
FORMAT_MODULE_PATH = ["config.formats"]

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(env.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = env.get("MEDIA_URL", "/media/")
# Import files waiting between preview and confirmation: private, never under MEDIA_ROOT.
IMPORT_UPLOAD_ROOT = Path(env.get("IMPORT_UPLOAD_ROOT", VAR_DIR / "private" / "imports"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# HTTP cache (core/httpcache.py): seconds the shared cache (Varnish) keeps public pages, which are purged
# on change (core/frontcache.py); search results, which are not; uploaded media; and browsers.
HTTP_CACHE_SECONDS = env.integer("HTTP_CACHE_SECONDS", 3600)
HTTP_CACHE_SHORT_SECONDS = env.integer("HTTP_CACHE_SHORT_SECONDS", 300)
HTTP_CACHE_MEDIA_SECONDS = env.integer("HTTP_CACHE_MEDIA_SECONDS", 86400)
HTTP_CACHE_BROWSER_SECONDS = env.integer("HTTP_CACHE_BROWSER_SECONDS", 60)
# Varnish nodes to purge on publish (comma-separated http://host:port); unset, nothing is purged.
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {"BACKEND": "core.frontcache.VarnishBackend", "LOCATION": location}
    for number, location in enumerate(env.string_list("FRONTEND_CACHE_URLS"), start=1)
}
# More paths than this in one transaction (a large import) purge the whole cache at once.
FRONTEND_CACHE_MAX_PATHS = env.integer("FRONTEND_CACHE_MAX_PATHS", 500)
# Uploaded media served by the application (behind the cache) when there is no other server for them:
# only these folders of MEDIA_ROOT; documents go through Wagtail's permission-checked view.
SERVE_MEDIA = env.boolean("SERVE_MEDIA", False)
PUBLIC_MEDIA_DIRS = env.string_list("PUBLIC_MEDIA_DIRS", ["images", "original_images", "phat-thanh", "demo"])

_redis_url = env.get("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Uploads: Django streams large files to disk; the per-type limits are enforced by the forms.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_UPLOAD_SIZE = env.integer("MAX_UPLOAD_SIZE", 10 * 1024 * 1024)

EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env.integer("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")

# Background work: immediate on a laptop, database-backed with a worker in production.
# One queue per kind of work, each with its own worker in production, so citizens' e-mails never wait
# behind a hung search engine or a long import.
TASK_QUEUES = ["default", "mail", "search", "import"]
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env.get("TASKS_BACKEND", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": TASK_QUEUES,
    }
}

# Run by `manage.py restore` once the data is back (commands that do not exist are skipped).
AFTER_RESTORE_COMMANDS = ["search_rebuild --queue"]

# Retention of personal data (`manage.py purge_personal_data`, daily; docs/operations.md).
RETENTION_CLOSED_FEEDBACK_DAYS = env.integer("RETENTION_CLOSED_FEEDBACK_DAYS", 365)
RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS = env.integer("RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS", 7)
RETENTION_SENT_ALERT_MAIL_DAYS = env.integer("RETENTION_SENT_ALERT_MAIL_DAYS", 30)
# Nightly backups by run_periodic (scripts/serve) when a folder is given; docs/operations.md.
BACKUP_DIR = env.get("BACKUP_DIR")
BACKUP_KEEP = env.integer("BACKUP_KEEP", 14)
if BACKUP_DIR:
    PERIODIC_JOBS = [*PERIODIC_JOBS, backup_job(BACKUP_DIR, BACKUP_KEEP)]

# /suc-khoe/ reports a queue as late when its oldest waiting task is older than this.
HEALTH_TASK_LATE_SECONDS = env.integer("HEALTH_TASK_LATE_SECONDS", 300)

# Citizen search: our own Elasticsearch layer (site/search). Unset means database fallback only.
# Several nodes of a cluster: comma-separated; the client spreads requests and skips a dead node.
ELASTICSEARCH_URL = env.http_urls("ELASTICSEARCH_URL")
ELASTICSEARCH_TIMEOUT = env.number("ELASTICSEARCH_TIMEOUT", 2.0)
# Background tasks and the worker give up on a hung engine after this long (the rows stay queued).
ELASTICSEARCH_TASK_TIMEOUT = env.number("ELASTICSEARCH_TASK_TIMEOUT", 5.0)
ELASTICSEARCH_INDEX_PREFIX = env.get("ELASTICSEARCH_INDEX_PREFIX", "tthc")
# Primary shards of a new index, and replicas: "auto" keeps one copy on another node whenever the
# cluster has two nodes or more (auto_expand_replicas 0-1); a number fixes it.
ELASTICSEARCH_SHARDS = env.integer("ELASTICSEARCH_SHARDS", 1)
ELASTICSEARCH_REPLICAS = env.get("ELASTICSEARCH_REPLICAS", "auto").lower()
if ELASTICSEARCH_REPLICAS != "auto":
    ELASTICSEARCH_REPLICAS = env.integer("ELASTICSEARCH_REPLICAS", 0)
# How the shell wires apps that must not import each other: the page type that roots a ward's sub-site
# (the search engine files documents under it) and the form the catalogue links for feedback.
SEARCH_SUBSITE_MODEL = "home.WardHomePage"
PROCEDURE_FEEDBACK_URL_NAME = "hotline:feedback_form"

# Wagtail's own search (admin pages and snippets, choosers) answers text searches with the citizen
# search's Vietnamese folding, codes and vocabulary (search/admin_backend.py) on top of Wagtail's
# database backend: its Elasticsearch backend would need analysis-common, which our engine lacks.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.admin_backend",
        "AUTO_UPDATE": env.boolean("WAGTAILSEARCH_AUTO_UPDATE", True),
    }
}

WAGTAIL_SITE_NAME = env.get("SITE_NAME", "Cổng thông tin cải cách hành chính")
# The public address (scheme, host, port): the Wagtail Site record takes it (`manage.py set_site_url`,
# load_demo), so the sitemap, canonical and Open Graph URLs, QR codes, feeds and e-mails carry it.
# BASE_URL is its former name.
SITE_URL = env.http_url("SITE_URL") or env.http_url("BASE_URL")
WAGTAILADMIN_BASE_URL = SITE_URL or "http://127.0.0.1:8000"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
# ASCII slugs (Wagtail transliterates Vietnamese in the editor): URLs citizens can read aloud and type.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "ods", "pdf", "rtf", "txt", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.integer("DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.integer("IMAGE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000  # refuses decompression bombs
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# No call to wagtail.io from editors' browsers (privacy; the CSP would block it anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send editors' e-mail hashes to a third party (and the CSP blocks it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

SESSION_COOKIE_AGE = env.integer("SESSION_COOKIE_AGE", 8 * 3600)
# Editors share office computers: the session ends with the browser, and at the latest after
# SESSION_COOKIE_AGE (not refreshed per request: the admin's parallel requests would race on it).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): lock an account (from any address) after LOGIN_FAILURE_LIMIT failures,
# and an address only after LOGIN_ADDRESS_FAILURE_LIMIT (an office shares one address; accounts.lockout).
AXES_FAILURE_LIMIT = env.integer("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.integer("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = env.number("LOGIN_COOLOFF_MINUTES", 15.0) / 60  # hours
AXES_LOCKOUT_PARAMETERS = "accounts.lockout.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
# The client address for lockouts, rate limits and the audit log: one policy (core.clientaddr).
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.clientaddr.client_address"
AXES_VERBOSE = False
# Two-factor (django-otp, TOTP): issuer shown in the authenticator app.
OTP_TOTP_ISSUER = env.get("OTP_TOTP_ISSUER", "Cổng TTHC Chí Linh")
# Content security policy (accounts.middleware): enforced everywhere unless CSP_REPORT_ONLY is true.
CSP_REPORT_ONLY = env.boolean("CSP_REPORT_ONLY", False)
# Public pages have no inline scripts, so production forbids them there; development and tests keep
# them allowed because the headless-browser accessibility checks inject axe-core inline.
CSP_STRICT_PUBLIC_SCRIPTS = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "elastic_transport": {"level": "ERROR"},
        "elasticsearch": {"level": "ERROR"},
    },
}
