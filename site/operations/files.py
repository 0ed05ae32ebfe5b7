"""The file part of a backup: every local folder the site stores uploads in, found through Django's
app registry (the default storage and the storage of every FileField), each under a stable label."""

from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.db import models


def _label(storage):
    path, _args, _kwargs = storage.deconstruct()
    return path


def roots():
    """{label: folder}: "media" for the default storage, the storage class path for the others (such
    as the private feedback attachments). Folders inside another root are covered by it."""
    found = {}
    default = storages["default"]
    if isinstance(default, FileSystemStorage):
        found["media"] = Path(default.location).resolve()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and isinstance(field.storage, FileSystemStorage):
                location = Path(field.storage.location).resolve()
                if location not in found.values():
                    found[_label(field.storage)] = location
    return {
        label: path
        for label, path in found.items()
        if not any(path != other and path.is_relative_to(other) for other in found.values())
    }


def walk(root):
    """(relative path, absolute path, is_dir) under root, folders before their contents, sorted."""
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            continue  # never follow a link out of the upload folder
        yield path.relative_to(root).as_posix(), path, path.is_dir()
