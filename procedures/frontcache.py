"""What the HTTP cache may keep of the catalogue's own views, and what to purge when it changes."""

from django.urls import reverse

from core import frontcache, httpcache
from procedures.desk.models import Desk
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
    StatusChange,
)

httpcache.declare_views(
    httpcache.PUBLIC,
    "procedures_public:recent",
    "procedures_public:recent_rss",
    "procedures_public:by_code",
    "procedures_public:by_any_code",
    "procedures_data:download",
    "procedures_data:api_list",
    "procedures_data:api_detail",
    "procedure_desk:lineage",
    "procedure_desk:sheet",
    "procedure_desk:desk_sheets",
    "procedures_public:life_events",
    "procedures_public:life_event",
)


def _ward_homes():
    from home.models import WardHomePage

    for ward in WardHomePage.objects.live().only("url_path"):
        yield from frontcache.site_paths(ward.url_path)


def _listings():
    """Pages that list or count procedures beyond their own ancestors: recent changes, open data, the
    ward home pages (their commune-level catalogue)."""
    yield reverse("procedures_public:recent")
    yield reverse("procedures_public:recent_rss")
    yield reverse("procedures_data:api_list")
    yield reverse("procedures_data:download", args=["x"]).rsplit("/", 1)[0] + "/*"
    yield "/thu-tuc/niem-yet/bo-phan/*"
    yield reverse("procedures_public:life_events") + "*"  # "Tôi muốn…" lists name procedures
    yield from _ward_homes()


def _catalogue_indexes():
    return ProcedureIndexPage.objects.live().only("url_path")


def _home_of(index):
    """The home page above a catalogue (its parent), which shows the catalogue's sections."""
    return frontcache.site_paths(index.url_path.rsplit("/", 2)[0] + "/")


def _catalogues():
    for index in _catalogue_indexes():
        yield from frontcache.subtree(index.url_path)
        yield from _home_of(index)


@frontcache.page_rule(ProcedurePage)
def procedure_paths(page):
    """The procedure's other addresses, the lists that show it and the procedures that link to it."""
    yield reverse("procedures_public:by_any_code", args=[page.code])
    if page.code[:1].isdigit():
        yield reverse("procedures_public:by_code", args=[page.code])
    yield reverse("procedures_data:api_detail", args=[page.code])
    yield reverse("procedure_desk:lineage", args=[page.pk])
    yield reverse("procedure_desk:sheet", args=[page.pk])
    yield from _listings()
    through = ProcedurePage.related_procedures.through
    linking = set(through.objects.filter(to_procedurepage=page.pk).values_list("from_procedurepage", flat=True))
    linking |= set(
        StatusChange.objects.filter(replacement=page.pk).values_list("page", flat=True)
    )
    for other in ProcedurePage.objects.filter(pk__in=linking).only("url_path"):
        yield from frontcache.site_paths(other.url_path)


@frontcache.model_rule(ProcedureField, ProcedureLevel, Agency, OnlineServiceKind, AnnouncingDecision, Desk)
def catalogue_wide(instance):
    """Reference data appears on many procedure pages, in the filters and on the ward home pages:
    every catalogue with all its pages, and the lists."""
    yield from _catalogues()
    yield from _listings()


@frontcache.model_rule(LifeEvent, LifeEventProcedure)
def life_event_pages(instance):
    """The "Tôi muốn…" pages and the city home, which lists the life events."""
    yield reverse("procedures_public:life_events") + "*"
    for index in _catalogue_indexes():
        yield from _home_of(index)
