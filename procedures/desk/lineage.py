"""Legal lineage of a procedure: its announcing decisions in order, and what each amendment changed.

The diff compares two published revisions of the page field by field; structured parts (dossier by
case, channels, fees, steps, legal basis, forms) are compared item by item so the result reads as
"added / removed / changed" rather than as a blob of JSON.
"""

import difflib
from dataclasses import dataclass, field

from wagtail.models import PageLogEntry, Revision

TEXT_FIELDS = [
    ("official_name", "Tên thủ tục"),
    ("code", "Mã thủ tục"),
    ("procedure_type", "Loại thủ tục"),
    ("competent_agency", "Cơ quan có thẩm quyền"),
    ("authorised_agency", "Cơ quan được ủy quyền"),
    ("coordinating_agency", "Cơ quan phối hợp"),
    ("submission_place", "Địa điểm thực hiện"),
    ("deadline", "Thời hạn giải quyết"),
    ("fee", "Phí, lệ phí"),
    ("fee_note", "Ghi chú phí, lệ phí"),
    ("subjects", "Đối tượng thực hiện"),
    ("result", "Kết quả thực hiện"),
    ("conditions", "Yêu cầu, điều kiện"),
    ("online_service_url", "Liên kết dịch vụ công trực tuyến"),
]
FOREIGN_FIELDS = [
    ("field", "Lĩnh vực"),
    ("level", "Cấp thực hiện"),
    ("implementing_agency", "Cơ quan thực hiện"),
    ("online_service_kind", "Mức độ dịch vụ công trực tuyến"),
]
STREAM_FIELDS = [
    ("steps", "Trình tự thực hiện"),
    ("channels", "Cách thức thực hiện"),
    ("dossier", "Thành phần, số lượng hồ sơ"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("forms", "Mẫu đơn, tờ khai"),
]
FIELD_LABELS = dict(TEXT_FIELDS + FOREIGN_FIELDS + STREAM_FIELDS)


@dataclass
class FieldChange:
    name: str
    label: str
    before: str = ""
    after: str = ""
    words: list = field(default_factory=list)  # [(op, text)] with op in "same", "del", "ins"
    lines: list = field(default_factory=list)  # [(op, text)] with op in "add", "remove", "change"


def word_diff(before, after):
    a, b = (before or "").split(), (after or "").split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("ins", " ".join(b[j1:j2])))
    return out


def _items(stream):
    """Stream children as plain dicts (ListBlock items unwrapped, ids dropped)."""
    out = []
    for child in stream.raw_data:
        out.append(child.get("value") or {})
    return out


def _list_values(values):
    result = []
    for item in values or []:
        if isinstance(item, dict) and "type" in item and "value" in item:
            item = item["value"]
        result.append(item)
    return result


def _count(value):
    return "–" if value in (None, "") else str(value)


def _dossier_map(stream):
    cases = {}
    for case in _items(stream):
        name = (case.get("case_name") or "").strip() or "Mọi trường hợp"
        items = {}
        for item in _list_values(case.get("items")):
            key = " ".join((item.get("name") or "").split())
            items[key] = item
        cases[name] = items
    return cases


def _diff_dossier(before, after):
    a, b = _dossier_map(before), _dossier_map(after)
    lines = []
    for case in b.keys() - a.keys():
        lines.append(("add", f"Thêm trường hợp «{case}» ({len(b[case])} giấy tờ)"))
    for case in a.keys() - b.keys():
        lines.append(("remove", f"Bỏ trường hợp «{case}»"))
    for case in [c for c in b if c in a]:
        prefix = f"{case}: " if len(b) > 1 or case != "Mọi trường hợp" else ""
        old, new = a[case], b[case]
        for name in new.keys() - old.keys():
            lines.append(("add", f"{prefix}thêm «{name}»"))
        for name in old.keys() - new.keys():
            lines.append(("remove", f"{prefix}bỏ «{name}»"))
        for name in [n for n in new if n in old]:
            o, n = old[name], new[name]
            details = []
            for key, label in (("originals", "bản chính"), ("copies", "bản sao")):
                if o.get(key) != n.get(key):
                    details.append(f"{label} {_count(o.get(key))} → {_count(n.get(key))}")
            if (o.get("form_name") or "") != (n.get("form_name") or "") or o.get("form") != n.get("form"):
                details.append(f"mẫu «{o.get('form_name') or '–'}» → «{n.get('form_name') or '–'}»")
            if (o.get("note") or "") != (n.get("note") or ""):
                details.append(f"ghi chú «{o.get('note') or '–'}» → «{n.get('note') or '–'}»")
            if details:
                lines.append(("change", f"{prefix}«{name}»: " + "; ".join(details)))
    return lines


def _diff_channels(before, after):
    from procedures.blocks import CHANNEL_CHOICES

    labels = dict(CHANNEL_CHOICES)
    a = {c.get("method"): c for c in _items(before)}
    b = {c.get("method"): c for c in _items(after)}
    lines = []
    for method in b.keys() - a.keys():
        lines.append(("add", f"Thêm cách thức {labels.get(method, method)}"))
    for method in a.keys() - b.keys():
        lines.append(("remove", f"Bỏ cách thức {labels.get(method, method)}"))
    for method in [m for m in b if m in a]:
        for key, label in (("deadline", "thời hạn"), ("fee", "phí, lệ phí"), ("description", "mô tả")):
            old, new = (a[method].get(key) or "").strip(), (b[method].get(key) or "").strip()
            if old != new:
                lines.append(("change", f"{labels.get(method, method)} – {label}: «{old or '–'}» → «{new or '–'}»"))
    return lines


def _diff_keyed_list(before, after, key):
    a = [key(v) for v in _items(before)]
    b = [key(v) for v in _items(after)]
    lines = [("add", f"Thêm «{v}»") for v in b if v not in a]
    lines += [("remove", f"Bỏ «{v}»") for v in a if v not in b]
    if not lines and a != b:
        lines.append(("change", "Thay đổi thứ tự"))
    return lines


def _step_key(step):
    title = (step.get("title") or "").strip()
    text = " ".join((step.get("description") or "").split())
    return f"{title}: {text}" if title else text


def _legal_key(doc):
    return " ".join(f"{doc.get('number') or ''} {doc.get('title') or ''}".split())


def _form_key(form):
    return (form.get("title") or "").strip() + ("" if not form.get("document") else f" (tệp #{form['document']})")


STREAM_DIFFS = {
    "dossier": _diff_dossier,
    "channels": _diff_channels,
    "steps": lambda a, b: _diff_keyed_list(a, b, _step_key),
    "legal_basis": lambda a, b: _diff_keyed_list(a, b, _legal_key),
    "forms": lambda a, b: _diff_keyed_list(a, b, _form_key),
}


def diff_pages(before, after):
    """The fields that differ between two versions of a ProcedurePage, and only those."""
    changes = []
    for name, label in TEXT_FIELDS:
        old = " ".join(str(getattr(before, name) or "").split())
        new = " ".join(str(getattr(after, name) or "").split())
        if old != new:
            changes.append(FieldChange(name, label, old, new, words=word_diff(old, new)))
    for name, label in FOREIGN_FIELDS:
        if getattr(before, f"{name}_id") != getattr(after, f"{name}_id"):
            old, new = getattr(before, name, None), getattr(after, name, None)
            changes.append(FieldChange(name, label, str(old or "–"), str(new or "–")))
    for name, label in STREAM_FIELDS:
        lines = STREAM_DIFFS[name](getattr(before, name), getattr(after, name))
        if lines:
            changes.append(FieldChange(name, label, lines=lines))
    return changes


# Timeline ------------------------------------------------------------------------------------


@dataclass
class LineageEntry:
    change: object  # StatusChange
    before_revision: object = None
    after_revision: object = None
    published_at: object = None
    changes: list = field(default_factory=list)
    compared: bool = False


def published_revisions(page):
    """[(revision, published_at)] in publishing order: what the public actually saw."""
    logs = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .order_by("timestamp", "pk")
        .values_list("revision_id", "timestamp")
    )
    first_seen = {}
    for revision_id, timestamp in logs:
        first_seen.setdefault(revision_id, timestamp)
    revisions = Revision.objects.in_bulk(first_seen.keys())
    return [(revisions[rid], ts) for rid, ts in first_seen.items() if rid in revisions]


def _mentions(revision, change):
    for item in revision.content.get("status_changes") or []:
        if item.get("pk") == change.pk:
            return True
        if change.decision_id and item.get("decision") == change.decision_id and item.get("kind") == change.kind:
            return True
    return False


def lineage(page):
    """Status changes in order, each with the published revisions before/after it and their diff."""
    published = published_revisions(page)
    entries = []
    for change in page.ordered_status_changes():
        entry = LineageEntry(change)
        for index, (revision, when) in enumerate(published):
            if _mentions(revision, change):
                entry.after_revision, entry.published_at = revision, when
                if index > 0:
                    entry.before_revision = published[index - 1][0]
                break
        if change.kind == "amended" and entry.before_revision and entry.after_revision:
            entry.changes = diff_pages(entry.before_revision.as_object(), entry.after_revision.as_object())
            entry.compared = True
        entries.append(entry)
    return entries


def changes_since(page, revision_id):
    """Fields changed between a published revision and the live page (for stale notice-board sheets)."""
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return []
    return diff_pages(revision.as_object(), page)
