"""Retention of personal data: each app declares in `<app>/retention.py` a list RULES of what it keeps
about people and for how long; `manage.py purge_personal_data` applies them (Decree 13/2023/NĐ-CP:
personal data is kept no longer than its purpose needs)."""

import dataclasses
import importlib
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("operations.retention")


@dataclasses.dataclass
class RetentionRule:
    name: str  # what is kept, in Vietnamese ("phản ánh đã đóng")
    action: str  # what happens at the end: "xóa" or "ẩn danh hóa"
    setting: str  # the settings name of the period in days
    default_days: int
    due: Callable  # due(cutoff) -> queryset of the rows whose period is over
    apply: Callable  # apply(queryset) -> number of rows purged or anonymised

    @property
    def days(self):
        return int(getattr(settings, self.setting, self.default_days))


def rules():
    """RULES of every project app that has a retention module, in app order."""
    found = []
    for config in apps.get_app_configs():
        if not Path(config.path).resolve().is_relative_to(settings.BASE_DIR):
            continue
        try:
            module = importlib.import_module(f"{config.name}.retention")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.retention":
                raise
            continue
        found.extend(getattr(module, "RULES", ()))  # this app's own retention module has none
    return found


def run(*, dry_run=False, now=None, progress=print):
    """Apply every rule (or only count, with dry_run); returns {rule name: count}."""
    now = now or timezone.now()
    results = {}
    for rule in rules():
        cutoff = now - timedelta(days=rule.days)
        with transaction.atomic():
            due = rule.due(cutoff)
            count = due.count()
            if count and not dry_run:
                count = rule.apply(due)
        verb = f"sẽ {rule.action}" if dry_run else f"đã {rule.action}"
        line = f"{rule.name} (giữ {rule.days} ngày, trước {timezone.localtime(cutoff):%d/%m/%Y %H:%M}): {verb} {count}"
        progress(line)
        if not dry_run:
            logger.info("Retention: %s", line)
        results[rule.name] = count
    return results
