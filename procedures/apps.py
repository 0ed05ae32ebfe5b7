from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home import navigation
        from home.sections import register_home_section
        from procedures import views
        from procedures.models import Agency, OnlineServiceKind, ProcedureField, ProcedureLevel

        # The catalogue names its facets from the site cache (procedures.filters.reference_names).
        for model in (ProcedureField, ProcedureLevel, Agency, OnlineServiceKind):
            for signal in (post_save, post_delete):
                signal.connect(navigation.clear, sender=model, dispatch_uid=f"procedures_refs_{model.__name__}_{id(signal)}")

        # City home: what changed lately and the way into the catalogue; ward home: the commune-level
        # catalogue as a filtered view of the shared one (no copies).
        register_home_section(
            "procedures/sections/city_recent.html", views.city_section_context, order=10, on=("city",)
        )
        register_home_section(
            "procedures/sections/ward_catalogue.html", views.ward_section_context, order=10, on=("ward",)
        )
