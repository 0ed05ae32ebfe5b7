"""Uploaded media served by the application, for a stack with no other file server (behind the cache).

Only the folders of settings.PUBLIC_MEDIA_DIRS are served: Wagtail documents keep to their
permission-checked view (/tai-lieu/), import uploads and anything else under MEDIA_ROOT are never
reachable, and feedback attachments live outside MEDIA_ROOT altogether (hotline/storage.py).
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.http import http_date
from django.views.decorators.http import require_safe


def _public_file(relative):
    parts = Path(relative).parts
    if not parts or parts[0] not in settings.PUBLIC_MEDIA_DIRS or ".." in parts:
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root / parts[0]) or not target.is_file():
        return None
    return target


@require_safe
def serve(request, path):
    target = _public_file(path)
    if target is None:
        raise Http404("Không có tệp này.")
    content_type, encoding = mimetypes.guess_type(target.name)
    response = FileResponse(target.open("rb"), content_type=content_type or "application/octet-stream")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Last-Modified"] = http_date(target.stat().st_mtime)
    return response
