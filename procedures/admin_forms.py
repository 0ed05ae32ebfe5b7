"""Admin page forms whose procedure pickers read only each procedure's code and title."""

from django.apps import apps
from wagtail.admin.forms import WagtailAdminPageForm


class ProcedureChoicesForm(WagtailAdminPageForm):
    """Every select of procedures (related procedures, an article's procedures) lists code and title only.

    Left as is, the select loads every procedure with all its content (steps, dossier, legal basis) to
    print its label, which made every edit page slow once the catalogue holds a few hundred.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By name: procedures.models uses this form, so importing it here would close a circle.
        ProcedurePage = apps.get_model("procedures", "ProcedurePage")
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, ProcedurePage):
                field.queryset = queryset.only("id", "title", "code").order_by("code")
