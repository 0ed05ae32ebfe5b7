"""What the citizen search indexes of a procedure: name, the words citizens use, and the whole template."""

import re

from procedures.blocks import CHANNEL_CHOICES
from procedures.models import Agency, OnlineServiceKind, ProcedureField, ProcedureLevel, ProcedurePage
from procedures.twins import twin_of
from search.registry import SearchAdapter, SearchDocument, register

# "Thủ tục đăng ký khai sinh" is published as the name of "Đăng ký khai sinh": the prefix only adds
# noise to ranking (every title would share it) and to the results list.
_PREFIX_RE = re.compile(r"^\s*thủ tục\s+", re.IGNORECASE)


def display_name(name):
    stripped = _PREFIX_RE.sub("", name or "").strip()
    if not stripped:
        return (name or "").strip()
    return stripped[0].upper() + stripped[1:]


def _raw_blocks(stream):
    """Block values as stored (dicts): no block conversion, which matters when rebuilding thousands."""
    raw = getattr(stream, "raw_data", None)
    return [block.get("value") or {} for block in (raw if raw is not None else [])]


def _stream_text(stream, keys):
    parts = []
    for value in _raw_blocks(stream):
        for key in keys:
            item = value.get(key)
            if not item:
                continue
            if key == "items":  # list blocks store each item as {"type": "item", "value": {...}}
                entries = [e.get("value", e) if isinstance(e.get("value"), dict) else e for e in item]
                parts += [str(entry.get(k) or "") for entry in entries for k in ("name", "form_name", "note")]
            else:
                parts.append(str(item))
    return [p for p in parts if p.strip()]


def _channel_text(stream):
    labels = dict(CHANNEL_CHOICES)
    parts = []
    for value in _raw_blocks(stream):
        parts.append(labels.get(value.get("method"), ""))
        parts += [str(value.get(k) or "") for k in ("deadline", "fee", "description")]
    return [p for p in parts if p.strip()]


class ProcedureAdapter(SearchAdapter):
    type = "procedure"
    label = "Thủ tục"
    models = (ProcedurePage,)
    hidden_statuses = (ProcedurePage.Status.ABOLISHED,)
    status_labels = dict(ProcedurePage.Status.choices)
    order = 10
    boost = 1.5  # the catalogue is what most citizens come for
    whole_in_fallback = True
    status_weights = {ProcedurePage.Status.REPLACED: 0.6}  # the replacement should come first

    dependencies = {
        ProcedureField: lambda obj: obj.procedures.values_list("pk", flat=True),
        ProcedureLevel: lambda obj: obj.procedures.values_list("pk", flat=True),
        Agency: lambda obj: obj.procedures.values_list("pk", flat=True),
        OnlineServiceKind: lambda obj: obj.procedures.values_list("pk", flat=True),
    }

    def get_queryset(self):
        return (
            ProcedurePage.objects.live()
            .public()
            .select_related("field", "level", "implementing_agency", "online_service_kind")
        )

    def prepare(self, page):
        body = [
            page.procedure_type,
            *_stream_text(page.steps, ("title", "description")),
            *_channel_text(page.channels),
            *_stream_text(page.dossier, ("case_name", "items")),
            page.deadline,
            page.fee,
            page.fee_note,
            page.subjects,
            page.result,
            page.conditions,
            page.submission_place,
            page.competent_agency,
            *_stream_text(page.legal_basis, ("number", "title", "issuer")),
            *_stream_text(page.forms, ("title",)),
        ]
        keywords = [k.strip() for k in re.split(r"[,;\n]", page.keywords or "") if k.strip()]
        field = page.field.name if page.field_id else ""
        level = page.level.name if page.level_id else ""
        agency = page.implementing_agency.name if page.implementing_agency_id else ""
        online = page.online_service_kind.name if page.online_service_kind_id else ""
        summary_parts = []
        if page.deadline:
            summary_parts.append(f"Thời hạn giải quyết: {page.deadline}")
        if page.fee:
            summary_parts.append(f"Phí, lệ phí: {page.fee}")
        when = page.status_date or (page.last_published_at.date() if page.last_published_at else None)
        title = display_name(page.official_name or page.title)
        twin, _others = twin_of(page.pk)
        if twin:  # another live procedure has this name: say which one this is
            title = f"{title} ({twin.short})"
        return SearchDocument(
            title=title,
            url=page.get_url() or page.url_path,
            body="\n".join(p for p in body if p and p.strip()),
            summary=". ".join(summary_parts),
            keywords=keywords,
            code=page.code,
            codes=[page.code_local] if page.code_local else [],
            status=page.status,
            status_label=page.get_status_display(),
            field=field,
            level=level,
            agency=agency,
            online_kind=online,
            date=when,
            tags=[field, agency, online],
        )

    def vocabulary_sources(self, page):
        """What citizens may call the procedure by: the documents it produces and those they bring."""
        dossier = _stream_text(page.dossier, ("items",))
        return {
            "title": display_name(page.official_name or page.title),
            "documents": [line for line in (page.result or "").splitlines() if line.strip()] + dossier,
            "texts": [self.prepare(page).body],
        }


register(ProcedureAdapter())
