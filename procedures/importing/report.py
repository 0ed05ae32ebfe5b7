"""The import report: what an import would change (the dry run) or changed, with errors and warnings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from procedures.importing.appendix import DecisionInfo
from procedures.importing.constants import STATUS_LABELS
from procedures.models import (
    ProcedurePage,
)


@dataclass
class Message:
    row: int | None  # row in the sheet, or record position in a JSON list; None for the whole file
    text: str


@dataclass
class PlannedStatus:
    kind: str
    decision: str | None
    effective_date: datetime.date | None = None
    changed_parts: str = ""
    note: str = ""
    replacement: tuple | None = None  # plan key of the replacing procedure
    row: int | None = None

    def describe(self) -> str:
        text = STATUS_LABELS[self.kind]
        if self.decision:
            text += f" theo Quyết định số {self.decision}"
        if self.replacement:
            text += f", thay bằng thủ tục {self.replacement[0]}"
        if self.changed_parts:
            text += f" ({self.changed_parts})"
        return text


@dataclass
class PlannedPage:
    key: tuple  # (code, level key)
    code: str
    rows: list[int]
    page: ProcedurePage | None  # None: to be created
    values: dict = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # field labels (Vietnamese)
    statuses: list[PlannedStatus] = field(default_factory=list)
    slug: str = ""
    saved: ProcedurePage | None = field(default=None, repr=False)  # the page once applied

    @property
    def name(self) -> str:
        return self.values.get("official_name") or (self.page.official_name if self.page else "")

    @property
    def action(self) -> str:
        if self.page is None:
            return "created"
        return "updated" if self.changed or self.statuses else "unchanged"


@dataclass
class ImportReport:
    filename: str
    kind: str  # "json" | "appendix"
    decision: DecisionInfo | None = None
    pages: list[PlannedPage] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    new_references: dict[str, list[str]] = field(default_factory=dict)
    dry_run: bool = True
    applied: bool = False
    seconds: float = 0.0
    refs: object = field(default=None, repr=False)  # the planner's reference rows, used on apply

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for planned in self.pages:
            counts[planned.action] += 1
        counts["status_changes"] = sum(len(p.statuses) for p in self.pages)
        return counts

    def summary_vi(self) -> str:
        c = self.counts()
        verb = "Sẽ" if self.dry_run else "Đã"
        return (
            f"{verb} tạo {c['created']} thủ tục, cập nhật {c['updated']}, giữ nguyên {c['unchanged']}; "
            f"{c['status_changes']} lần công bố được ghi vào lịch sử."
        )

    def changes(self) -> list[PlannedPage]:
        return [p for p in self.pages if p.action != "unchanged"]


class ImportFailed(Exception):
    """Raised inside the transaction to roll everything back."""
