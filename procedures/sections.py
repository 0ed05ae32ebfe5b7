"""The catalogue's sections on the city and ward home pages (registered in procedures.apps)."""

from urllib.parse import urlencode

from django.db.models import Count

from procedures.filters import P_FIELD, P_LEVEL, P_WARD
from procedures.history import recent_changes
from procedures.models import ProcedureIndexPage, ProcedurePage
from procedures.page_context import COMMUNE_LEVEL_SLUG


def city_section_context(page, request):
    """City home: what changed lately and a way into the catalogue."""
    catalogue = ProcedureIndexPage.objects.live().first()
    if catalogue is None:
        return None
    in_force = (
        ProcedurePage.objects.child_of(catalogue).live().filter(status__in=ProcedurePage.IN_FORCE).count()
    )
    # The latest announcements whatever their age: a quiet quarter still shows what changed last.
    changes = recent_changes(None, limit=6)
    return {"catalogue": catalogue, "in_force": in_force, "changes": changes}


def ward_section_context(page, request):
    """Ward home: the commune-level catalogue as a filtered view of the shared one (no copies)."""
    catalogue = ProcedureIndexPage.objects.live().first()
    if catalogue is None:
        return None
    base = (
        ProcedurePage.objects.child_of(catalogue)
        .live()
        .filter(status__in=ProcedurePage.IN_FORCE, level__slug=COMMUNE_LEVEL_SLUG)
    )
    fields = list(
        base.values("field__slug", "field__name").annotate(n=Count("pk")).order_by("-n", "field__name")[:8]
    )
    total = base.count()
    url = catalogue.get_url(request)
    query = {P_LEVEL: COMMUNE_LEVEL_SLUG, P_WARD: page.slug}
    return {
        "ward": page,
        "total": total,
        "url": f"{url}?{urlencode(query)}",
        "fields": [
            {
                "name": f["field__name"],
                "count": f["n"],
                "url": f"{url}?{urlencode({**query, P_FIELD: f['field__slug']})}",
            }
            for f in fields
        ],
    }
