"""Private storage for feedback attachments: outside the public media folder, never given a URL.

Location: settings.FEEDBACK_PRIVATE_ROOT, default VAR_DIR/private. Files are served only through the
permission-checked admin view.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_root() -> Path:
    return Path(getattr(settings, "FEEDBACK_PRIVATE_ROOT", Path(settings.VAR_DIR) / "private"))


@deconstructible
class PrivateFeedbackStorage(FileSystemStorage):
    """Reads its location at every use, so a changed setting (tests, deployments) takes effect."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return str(private_root().resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Tệp đính kèm phản ánh không có địa chỉ công khai.")

    def deconstruct(self):
        return ("hotline.storage.PrivateFeedbackStorage", [], {})


private_storage = PrivateFeedbackStorage()
