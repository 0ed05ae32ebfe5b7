from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self):
        from units.roles import register_catalogue_page_type

        from core.cache import clear_when_changed
        from core.context import register_page_context
        from home.sections import register_home_section
        from procedures import life_events, sections
        from procedures.catalogue_context import catalogue_context
        from procedures.models import (
            Agency,
            AnnouncingDecision,
            LifeEvent,
            LifeEventProcedure,
            OnlineServiceKind,
            ProcedureField,
            ProcedureIndexPage,
            ProcedureLevel,
            ProcedurePage,
        )
        from procedures.page_context import procedure_context

        # The page models' context is built above them (models never import the modules that use them).
        register_page_context(ProcedureIndexPage, catalogue_context)
        register_page_context(ProcedurePage, procedure_context)

        # The catalogue names its facets from the site cache (procedures.filters.reference_names);
        # the "Tôi muốn…" list is read from it too.
        clear_when_changed(ProcedureField, ProcedureLevel, Agency, OnlineServiceKind)
        clear_when_changed(LifeEvent, LifeEventProcedure)
        clear_when_changed(AnnouncingDecision)  # the city home's latest changes name their decisions

        # The editorial groups edit and approve the catalogue under its own groups and workflow.
        register_catalogue_page_type(ProcedureIndexPage)

        # City home: what changed lately and the way into the catalogue; ward home: the commune-level
        # catalogue as a filtered view of the shared one (no copies).
        register_home_section(
            "procedures/sections/life_events.html", life_events.section_context, order=5, on=("city",)
        )
        register_home_section(
            "procedures/sections/city_recent.html", sections.city_section_context, order=10, on=("city",)
        )
        register_home_section(
            "procedures/sections/ward_catalogue.html", sections.ward_section_context, order=10, on=("ward",)
        )
