"""Names the import steps share: limits, the catalogue page, the fields a record sets."""

from __future__ import annotations

from procedures.models import (
    Agency,
    OnlineServiceKind,
    ProcedureField,
    ProcedureLevel,
    ProcedurePage,
)

Status = ProcedurePage.Status
STATUS_LABELS = dict(Status.choices)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the admin upload; the command reads files of any size
LOG_ACTION = "procedures.import"
TIDY_LOG_ACTION = "procedures.normalise"  # procedures.importing.tidy
INDEX_TITLE, INDEX_SLUG = "Thủ tục hành chính", "thu-tuc-hanh-chinh"
# JSON keys our export adds to the open-data shape; read here, hidden from the record parser.
HISTORY_KEYS = ("status", "history")

STREAMS = ("steps", "channels", "dossier", "legal_basis", "forms")
REFS = {"field": ProcedureField, "level": ProcedureLevel, "implementing_agency": Agency}
REFS["online_service_kind"] = OnlineServiceKind
TEXT_LIMITS = {"code_local": 64, "procedure_type": 255, "ministry": 255, "source_url": 1000}
# Fields a full JSON record sets; absent keys clear them (a record is the whole published procedure).
RECORD_TEXT = {
    "code_local": "code_local", "procedure_type": "procedure_type", "ministry": "ministry",
    "deadline": "deadline", "fee": "fee", "fee_note": "fee_note", "subjects": "subjects",
    "conditions": "conditions", "url": "source_url", "source_note": "source_note", "source": "data_source",
}  # fmt: skip


def field_label(name):
    if name == "other_levels":
        return "các cấp cùng thực hiện"
    if name == "other_agencies":
        return "các cơ quan cùng thực hiện"
    return str(ProcedurePage._meta.get_field(name).verbose_name).lower()
