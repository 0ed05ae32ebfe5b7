"""The dossier as cases, and the personal checklist of what to bring (?truong-hop=N)."""

import re
from dataclasses import dataclass, field

from django.utils.functional import cached_property

P_CASE = "truong-hop"


@dataclass
class DossierItem:
    name: str
    form_name: str = ""
    form: object = None
    originals: int | None = None
    copies: int | None = None
    note: str = ""

    @property
    def is_form(self):
        return bool(self.form_name or self.form)


@dataclass
class DossierCase:
    number: int | None  # 1..n for a case the citizen can pick; None for common papers or a heading
    name: str
    items: list = field(default_factory=list)

    @property
    def is_common(self):
        """Papers every applicant brings (the block has no case name)."""
        return not self.name

    @property
    def label(self):
        """ "Trường hợp 2: bầu lại Ban quản trị…" without the published numbering or a repeated "Trường hợp"."""
        if not self.number:
            return self.name
        return f"Trường hợp {self.number}: {CASE_PREFIX.sub('', self.name) or self.name}"


# "2. ", "a) ", "- " and a leading "Trường hợp" in a published case name.
CASE_PREFIX = re.compile(r"^(?:[-+*•]+\s*|\d{1,2}[.)]\s*|[a-zđ][.)]\s+)?(?:trường hợp\s+)?", re.IGNORECASE)


def dossier_cases(page):
    """The dossier as cases. Named cases with papers are numbered 1..n in page order; a named case
    without papers is only a heading over the cases below it (as published) and cannot be picked."""
    cases, number = [], 0
    for block in page.dossier:
        value = block.value
        name = (value.get("case_name") or "").strip()
        items = [
            DossierItem(
                name=item.get("name") or "",
                form_name=item.get("form_name") or "",
                form=item.get("form"),
                originals=item.get("originals"),
                copies=item.get("copies"),
                note=item.get("note") or "",
            )
            for item in value.get("items") or []
        ]
        if name and items:
            number += 1
        cases.append(DossierCase(number if name and items else None, name, items))
    return cases


@dataclass
class Checklist:
    """What the citizen must bring: every case, or only the one they picked (?truong-hop=N)."""

    cases: list
    selected: DossierCase | None = None
    note: str = ""
    raw_choice: str = ""

    @cached_property
    def named_cases(self):
        return [c for c in self.cases if c.number is not None]

    @property
    def has_choice(self):
        return len(self.named_cases) >= 2

    @cached_property
    def applicable(self):
        """Cases to print: the common parts plus the chosen case, or everything."""
        if self.selected is None:
            return self.cases
        return [c for c in self.cases if c.is_common or c is self.selected]

    @cached_property
    def items(self):
        return [item for case in self.applicable for item in case.items]

    @cached_property
    def has_counts(self):
        """Whether any shown paper says how many originals or copies (many published records do not)."""
        return any(item.originals is not None or item.copies is not None for item in self.items)

    @cached_property
    def forms_to_fill(self):
        return [item for item in self.items if item.is_form]

    @property
    def item_count(self):
        return len(self.items)


def build_checklist(page, raw_choice):
    cases = dossier_cases(page)
    checklist = Checklist(cases=cases, raw_choice=(raw_choice or "").strip()[:40])
    if not checklist.raw_choice:
        return checklist
    named = checklist.named_cases
    number = int(checklist.raw_choice) if re.fullmatch(r"[0-9]{1,3}", checklist.raw_choice) else None
    match = next((c for c in named if c.number == number), None)
    if match is not None and len(named) >= 2:
        checklist.selected = match
    elif len(named) < 2:
        checklist.note = "Thủ tục này không chia theo trường hợp; dưới đây là toàn bộ thành phần hồ sơ."
    else:
        checklist.note = (
            f"Không có trường hợp «{checklist.raw_choice}» trong thủ tục này; "
            "dưới đây là toàn bộ thành phần hồ sơ của tất cả các trường hợp."
        )
    return checklist
