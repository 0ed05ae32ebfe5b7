"""Apply an import file to the catalogue: plan every change first (that plan is the dry run), then write
it in one transaction — all or nothing — as page revisions with their status-history entries.

    report = import_file(path)                      # dry run: what would change, nothing written
    report = import_file(path, dry_run=False, user=editor)

The plan compares the wanted state of each procedure with the catalogue, so importing the same file
twice changes nothing the second time (no revision, no duplicate status entry).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from procedures.importing.grid import read_input
from procedures.importing.plan_appendix import plan_appendix
from procedures.importing.plan_records import plan_records
from procedures.importing.report import ImportReport
from procedures.importing.writing import apply_plan

__all__ = ["ImportReport", "apply_plan", "import_file", "import_records", "plan_appendix", "plan_file", "plan_records"]


def plan_file(src, filename: str | None = None, *, decision: str | None = None) -> ImportReport:
    name, data = read_input(src, filename)
    ext = Path(name).suffix.lower()
    if ext == ".json":
        report = plan_records(data, name, decision=decision)
    else:
        report = plan_appendix(data, name, decision=decision)
    return report


def import_file(
    src,
    filename: str | None = None,
    *,
    dry_run: bool = True,
    decision: str | None = None,
    user=None,
    progress: Callable | None = None,
) -> ImportReport:
    """Plan, and unless `dry_run`, apply an import file (.json, .xlsx or .csv)."""
    started = timezone.now()
    with transaction.atomic():
        report = plan_file(src, filename, decision=decision)
        if not dry_run:
            apply_plan(report, user=user, progress=progress)
    report.seconds = (timezone.now() - started).total_seconds()
    return report


def import_records(
    records: list[dict], *, dry_run=False, decision=None, user=None, progress=None, filename="records.json"
):
    """Import records given as Python dicts (the demo loader and benchmarks use this)."""
    data = json.dumps(records, ensure_ascii=False).encode("utf-8")
    return import_file(
        io.BytesIO(data), filename, dry_run=dry_run, decision=decision, user=user, progress=progress
    )
