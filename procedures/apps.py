from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self):
        from core.cache import clear_when_changed
        from home.sections import register_home_section
        from procedures import views
        from procedures.models import Agency, OnlineServiceKind, ProcedureField, ProcedureLevel

        # The catalogue names its facets from the site cache (procedures.filters.reference_names).
        clear_when_changed(ProcedureField, ProcedureLevel, Agency, OnlineServiceKind)

        # City home: what changed lately and the way into the catalogue; ward home: the commune-level
        # catalogue as a filtered view of the shared one (no copies).
        register_home_section(
            "procedures/sections/city_recent.html", views.city_section_context, order=10, on=("city",)
        )
        register_home_section(
            "procedures/sections/ward_catalogue.html", views.ward_section_context, order=10, on=("ward",)
        )
