"""What each procedure is missing from the components the law requires to be published, and whether
each announcing decision's procedures went online within the legal window."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import Count, Min, Q
from django.utils import timezone

from core.workdays import add_working_days

# Five working days for a province (Circular 02/2017/TT-VPCP on publishing procedures).
PUBLISH_WINDOW_WORKING_DAYS = 5

COMPONENTS = [
    ("official_name", "Tên thủ tục"),
    ("steps", "Trình tự thực hiện"),
    ("channels", "Cách thức thực hiện"),
    ("dossier", "Thành phần hồ sơ"),
    ("deadline", "Thời hạn giải quyết"),
    ("subjects", "Đối tượng thực hiện"),
    ("agency", "Cơ quan thực hiện"),
    ("result", "Kết quả thực hiện"),
    ("forms", "Mẫu đơn, tờ khai"),
    ("conditions", "Yêu cầu, điều kiện"),
    ("fee", "Phí, lệ phí"),
    ("legal_basis", "Căn cứ pháp lý"),
]
COMPONENT_LABELS = dict(COMPONENTS)
# Published data the import kept as it was but editors must correct (procedures.importing.planner
# reports the same in the import report).
PROBLEMS = [
    ("don-vi-thoi-han", "Thời hạn không ghi đơn vị"),
    ("co-quan-tinh-khac", "Cơ quan của tỉnh, thành phố khác"),
]
FORM_MENTION = re.compile(r"\b(mẫu|tờ khai)\b", re.IGNORECASE)


def _blank(text):
    return not " ".join((text or "").split())


def _stream_values(stream):
    return [child.get("value") or {} for child in stream.raw_data]


def _dossier_items(page):
    for case in _stream_values(page.dossier):
        for item in case.get("items") or []:
            if isinstance(item, dict) and "value" in item and "type" in item:
                item = item["value"]
            yield item


def missing_components(page):
    """Codes (keys of COMPONENTS) of the required parts this procedure does not publish."""
    missing = []
    channels = _stream_values(page.channels)
    if _blank(page.official_name):
        missing.append("official_name")
    if not any(not _blank(s.get("description")) for s in _stream_values(page.steps)):
        missing.append("steps")
    if not channels:
        missing.append("channels")
    items = list(_dossier_items(page))
    if not any(not _blank(i.get("name")) for i in items):
        missing.append("dossier")
    if _blank(page.deadline) and not any(not _blank(c.get("deadline")) for c in channels):
        missing.append("deadline")
    if _blank(page.subjects):
        missing.append("subjects")
    if not page.implementing_agency_id and _blank(page.competent_agency):
        missing.append("agency")
    if _blank(page.result):
        missing.append("result")
    # Forms apply where the dossier asks for a form ("theo mẫu", "tờ khai").
    needs_form = any(i.get("form_name") or FORM_MENTION.search(i.get("name") or "") for i in items)
    has_form = bool(_stream_values(page.forms)) or any(i.get("form") for i in items)
    if needs_form and not has_form:
        missing.append("forms")
    # Conditions and fees: "Không" is a valid answer, an empty field is not.
    if _blank(page.conditions):
        missing.append("conditions")
    if _blank(page.fee) and _blank(page.fee_note) and not any(not _blank(c.get("fee")) for c in channels):
        missing.append("fee")
    if not _stream_values(page.legal_basis):
        missing.append("legal_basis")
    return missing


def data_problems(page):
    """[(code of PROBLEMS, what to fix)] for this procedure: a deadline that is a bare number ("1"),
    an implementing agency of another province."""
    from procedures.importing.records import bare_durations

    problems = []
    texts = [page.deadline or ""] + [c.get("deadline") or "" for c in _stream_values(page.channels)]
    bare = list(dict.fromkeys(v for text in texts for v in bare_durations(text)))
    if bare:
        shown = ", ".join(f"«{v}»" for v in bare)
        problems.append(("don-vi-thoi-han", f"Thời hạn {shown} không ghi đơn vị"))
    agencies = [page.implementing_agency] if page.implementing_agency_id else []
    agencies += list(page.other_agencies.all())
    for agency in agencies:
        if agency.other_province:
            problems.append(("co-quan-tinh-khac", f"«{agency.name}» thuộc {agency.other_province}"))
    return problems


@dataclass
class ProcedureRow:
    page: object
    missing: list
    useful_yes: int = 0
    useful_no: int = 0
    problems: list = field(default_factory=list)  # data_problems()

    @property
    def problem_codes(self):
        return {code for code, _detail in self.problems}

    @property
    def missing_labels(self):
        return [COMPONENT_LABELS[m] for m in self.missing]

    @property
    def useful_total(self):
        return self.useful_yes + self.useful_no

    @property
    def useful_share(self):
        return round(100 * self.useful_yes / self.useful_total) if self.useful_total else None


SORTS = {
    "ma": lambda r: r.page.code,
    "ten": lambda r: r.page.title,
    "thieu": lambda r: (len(r.missing), r.page.code),
    "huu-ich": lambda r: (r.useful_share is None, r.useful_share or 0, r.page.code),
    "danh-gia": lambda r: (r.useful_total, r.page.code),
}


def procedure_rows(pages, sort="-thieu", only_incomplete=False):
    from procedures.alerts.models import UsefulnessVote

    pages = list(
        pages.select_related("field", "level", "implementing_agency").prefetch_related("other_agencies")
    )
    votes = {
        row["page_id"]: row
        for row in UsefulnessVote.objects.filter(page__in=[p.pk for p in pages])
        .values("page_id")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    }
    rows = []
    for page in pages:
        vote = votes.get(page.pk, {})
        row = ProcedureRow(
            page, missing_components(page), vote.get("yes", 0), vote.get("no", 0), data_problems(page)
        )
        if only_incomplete and not row.missing and not row.problems:
            continue
        rows.append(row)
    key = sort.lstrip("-")
    rows.sort(key=SORTS.get(key, SORTS["thieu"]), reverse=sort.startswith("-"))
    return rows


@dataclass
class DecisionRow:
    decision: object
    deadline: object = None
    procedures: int = 0
    on_time: int = 0
    late: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)
    decision_posted_on_time: object = None  # None when the posting date is not recorded

    @property
    def ok(self):
        return not self.late and not self.unpublished and self.decision_posted_on_time is not False


def _deadline_end(decision_date):
    deadline = add_working_days(decision_date, PUBLISH_WINDOW_WORKING_DAYS)
    return deadline, timezone.make_aware(datetime.combine(deadline, time.max))


def decision_rows(decisions):
    """Per decision: procedures published on the portal within five working days of its date."""
    from wagtail.models import PageLogEntry, Revision

    from procedures.models import StatusChange

    rows = []
    for decision in decisions:
        row = DecisionRow(decision)
        changes = list(StatusChange.objects.filter(decision=decision).select_related("page"))
        row.procedures = len({c.page_id for c in changes})
        if decision.date is None:
            rows.append(row)
            continue
        row.deadline, end = _deadline_end(decision.date)
        if decision.published_on_portal_at:
            row.decision_posted_on_time = decision.published_on_portal_at <= end
        page_ids = {c.page_id for c in changes}
        # The first published revision of each page that carries this decision in its history.
        published = {}
        # Only published revisions matter (drafts never reached the public), so drafts are not parsed.
        published_ids = PageLogEntry.objects.filter(
            action="wagtail.publish", page_id__in=page_ids, revision__isnull=False
        ).values("revision_id")
        revisions = Revision.objects.filter(pk__in=published_ids).only("pk", "object_id", "content")
        carrying = {r.pk: int(r.object_id) for r in revisions if _carries(r.content, decision.pk)}
        logs = (
            PageLogEntry.objects.filter(action="wagtail.publish", revision_id__in=carrying)
            .values("revision_id")
            .annotate(first=Min("timestamp"))
        )
        for log in logs:
            page_id = carrying[log["revision_id"]]
            if page_id not in published or log["first"] < published[page_id]:
                published[page_id] = log["first"]
        pages = {c.page_id: c.page for c in changes}
        for page_id, page in sorted(pages.items(), key=lambda item: item[1].code):
            when = published.get(page_id)
            if when is None:
                row.unpublished.append(page)
            elif when <= end:
                row.on_time += 1
            else:
                row.late.append((page, when))
        rows.append(row)
    return rows


def _carries(content, decision_id):
    return any(item.get("decision") == decision_id for item in content.get("status_changes") or [])
