"""Models of the TTHC catalogue: reference data (snippets), procedure pages and their status history."""

from procedures.models.life_events import LifeEvent, LifeEventProcedure
from procedures.models.pages import ProcedureIndexPage, ProcedurePage, StatusChange
from procedures.models.reference import (
    Agency,
    AnnouncingDecision,
    OnlineServiceKind,
    ProcedureField,
    ProcedureLevel,
)

__all__ = [
    "Agency",
    "AnnouncingDecision",
    "LifeEvent",
    "LifeEventProcedure",
    "OnlineServiceKind",
    "ProcedureField",
    "ProcedureIndexPage",
    "ProcedureLevel",
    "ProcedurePage",
    "StatusChange",
]
