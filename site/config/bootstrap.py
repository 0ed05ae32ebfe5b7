"""Start-up shared by manage.py, WSGI and ASGI: put site/ on the path, stop on bad configuration."""

import importlib
import os
import sys
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parents[1]
BASE_DIR = SITE_DIR.parent


def prepare(default_settings="config.settings.dev"):
    for path in (str(BASE_DIR), str(SITE_DIR)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    from config.env import ConfigError

    try:
        importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    except ConfigError as exc:
        # One line naming the variable, not a traceback, so an operator sees what to fix.
        sys.exit(f"Cấu hình không hợp lệ / configuration error: {exc}")
