"""ASGI entry point."""

from config.bootstrap import prepare

prepare("config.settings.production")

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
