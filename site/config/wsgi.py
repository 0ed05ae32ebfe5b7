"""WSGI entry point (gunicorn config.wsgi with site/ on the path, or via manage.py's bootstrap)."""

from config.bootstrap import prepare

prepare("config.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
