"""Models of apps that may not be installed, looked up by name: the shell reports on domain apps
(checklists, reports, roles) without importing them."""

from django.apps import apps


def installed_model(app_label, name):
    """The model `app_label.name`, or None when that app is not installed or has no such model."""
    if not apps.is_installed(app_label):
        return None
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None
