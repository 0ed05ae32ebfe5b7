"""Where uploaded import files wait between preview and confirmation: a private folder, never public media."""

import datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

UPLOAD_DIR = "tthc-imports"
PREVIEW_SECONDS = 3600  # an unconfirmed preview's file is deleted after this


def upload_storage():
    return FileSystemStorage(location=settings.IMPORT_UPLOAD_ROOT)


def purge_stale_uploads(storage=None, *, older_than=PREVIEW_SECONDS):
    """Delete the waiting files whose preview has timed out (the editor never confirmed); returns how many."""
    storage = storage or upload_storage()
    if not storage.exists(UPLOAD_DIR):
        return 0
    limit = timezone.now() - datetime.timedelta(seconds=older_than)
    removed = 0
    for name in storage.listdir(UPLOAD_DIR)[1]:
        path = f"{UPLOAD_DIR}/{name}"
        if storage.get_modified_time(path) < limit:
            storage.delete(path)
            removed += 1
    return removed
