from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self):
        from home import navigation
        from home.sections import register_home_section
        from procedures import life_events, views
        from procedures.models import (
            Agency,
            LifeEvent,
            LifeEventProcedure,
            OnlineServiceKind,
            ProcedureField,
            ProcedureLevel,
        )

        # The catalogue names its facets from the site cache (procedures.filters.reference_names);
        # the "Tôi muốn…" list is read from it too.
        navigation.clear_when_changed(ProcedureField, ProcedureLevel, Agency, OnlineServiceKind)
        navigation.clear_when_changed(LifeEvent, LifeEventProcedure)

        # City home: what changed lately and the way into the catalogue; ward home: the commune-level
        # catalogue as a filtered view of the shared one (no copies).
        register_home_section(
            "procedures/sections/life_events.html", life_events.section_context, order=5, on=("city",)
        )
        register_home_section(
            "procedures/sections/city_recent.html", views.city_section_context, order=10, on=("city",)
        )
        register_home_section(
            "procedures/sections/ward_catalogue.html", views.ward_section_context, order=10, on=("ward",)
        )
