"""Public side of the catalogue: what the procedure page shows (status, personal checklist, desk,
JSON-LD), short URLs by code, the "recently changed" view, and the home-page sections.

The procedure and catalogue pages are Wagtail pages; their get_context() calls into this module.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.db.models import DEFERRED, Count, Q
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from procedures.filters import P_WARD
from procedures.models import ProcedureIndexPage, ProcedurePage, StatusChange

Status = ProcedurePage.Status
P_CASE, P_PRINT = "truong-hop", "in"
COMMUNE_LEVEL_SLUG = "cap-xa"
RECENT_PERIODS = (30, 90)
FEEDBACK_URL = "/phan-anh-kien-nghi/"

STATUS_VERB = {
    Status.NEW: "Ban hành mới",
    Status.AMENDED: "Sửa đổi, bổ sung",
    Status.REPLACED: "Bị thay thế",
    Status.ABOLISHED: "Bị bãi bỏ",
}


# Where to go ------------------------------------------------------------------------------------


@dataclass
class Desk:
    """The one-stop desk ("Bộ phận một cửa") a citizen goes to: the city's, or a ward's."""

    name: str
    address: str = ""
    hours: str = ""
    phone: str = ""
    hotline: str = ""
    map_url: str = ""
    ward: object = None


def site_settings(request):
    from home.models import SiteSettings

    return SiteSettings.for_request(request)


def ward_from_request(request):
    """The ward whose context the visitor came from (?phuong-xa=<slug>), or None; unknown slugs are ignored."""
    from home.models import WardHomePage

    slug = (request.GET.get(P_WARD) or "").strip()
    if not slug or not re.fullmatch(r"[-a-z0-9]{1,80}", slug):
        return None
    return (
        WardHomePage.objects.live()
        .filter(slug=slug)
        .only(*WARD_FIELDS)
        .order_by("path")
        .first()
    )


WARD_FIELDS = (
    "id", "path", "depth", "url_path", "slug", "title", "live", "unit_kind", "unit_name", "address",
    "desk_address", "office_hours", "phone", "hotline", "map_url",
)  # fmt: skip


def desk_for(request, ward=None):
    settings = site_settings(request)
    hotline = next((b.value["number"] for b in settings.hotline_numbers), "")
    if ward is not None:
        return Desk(
            name=f"Bộ phận một cửa – UBND {ward.get_unit_kind_display().lower()} {ward.unit_name}",
            address=ward.desk_address or ward.address,
            hours=ward.office_hours,
            phone=ward.phone,
            hotline=ward.hotline or hotline,
            map_url=ward.map_url,
            ward=ward,
        )
    return Desk(
        name=f"Bộ phận một cửa – {settings.unit_name}",
        address=settings.address,
        hours=settings.office_hours,
        phone=settings.phone,
        hotline=hotline,
    )


# The dossier, by case ---------------------------------------------------------------------------


@dataclass
class DossierItem:
    name: str
    form_name: str = ""
    form: object = None
    originals: int | None = None
    copies: int | None = None
    note: str = ""

    @property
    def is_form(self):
        return bool(self.form_name or self.form)


@dataclass
class DossierCase:
    number: int | None  # 1..n for a case the citizen can pick; None for common papers or a heading
    name: str
    items: list = field(default_factory=list)

    @property
    def is_common(self):
        """Papers every applicant brings (the block has no case name)."""
        return not self.name

    @property
    def label(self):
        """ "Trường hợp 2: bầu lại Ban quản trị…" without the published numbering or a repeated "Trường hợp"."""
        if not self.number:
            return self.name
        return f"Trường hợp {self.number}: {CASE_PREFIX.sub('', self.name) or self.name}"


# "2. ", "a) ", "- " and a leading "Trường hợp" in a published case name.
CASE_PREFIX = re.compile(r"^(?:[-+*•]+\s*|\d{1,2}[.)]\s*|[a-zđ][.)]\s+)?(?:trường hợp\s+)?", re.IGNORECASE)


def dossier_cases(page):
    """The dossier as cases. Named cases with papers are numbered 1..n in page order; a named case
    without papers is only a heading over the cases below it (as published) and cannot be picked."""
    cases, number = [], 0
    for block in page.dossier:
        value = block.value
        name = (value.get("case_name") or "").strip()
        items = [
            DossierItem(
                name=item.get("name") or "",
                form_name=item.get("form_name") or "",
                form=item.get("form"),
                originals=item.get("originals"),
                copies=item.get("copies"),
                note=item.get("note") or "",
            )
            for item in value.get("items") or []
        ]
        if name and items:
            number += 1
        cases.append(DossierCase(number if name and items else None, name, items))
    return cases


@dataclass
class Checklist:
    """What the citizen must bring: every case, or only the one they picked (?truong-hop=N)."""

    cases: list
    selected: DossierCase | None = None
    note: str = ""
    raw_choice: str = ""

    @cached_property
    def named_cases(self):
        return [c for c in self.cases if c.number is not None]

    @property
    def has_choice(self):
        return len(self.named_cases) >= 2

    @cached_property
    def applicable(self):
        """Cases to print: the common parts plus the chosen case, or everything."""
        if self.selected is None:
            return self.cases
        return [c for c in self.cases if c.is_common or c is self.selected]

    @cached_property
    def items(self):
        return [item for case in self.applicable for item in case.items]

    @cached_property
    def has_counts(self):
        """Whether any shown paper says how many originals or copies (many published records do not)."""
        return any(item.originals is not None or item.copies is not None for item in self.items)

    @cached_property
    def forms_to_fill(self):
        return [item for item in self.items if item.is_form]

    @property
    def item_count(self):
        return len(self.items)


def build_checklist(page, raw_choice):
    cases = dossier_cases(page)
    checklist = Checklist(cases=cases, raw_choice=(raw_choice or "").strip()[:40])
    if not checklist.raw_choice:
        return checklist
    named = checklist.named_cases
    number = int(checklist.raw_choice) if re.fullmatch(r"[0-9]{1,3}", checklist.raw_choice) else None
    match = next((c for c in named if c.number == number), None)
    if match is not None and len(named) >= 2:
        checklist.selected = match
    elif len(named) < 2:
        checklist.note = "Thủ tục này không chia theo trường hợp; dưới đây là toàn bộ thành phần hồ sơ."
    else:
        checklist.note = (
            f"Không có trường hợp «{checklist.raw_choice}» trong thủ tục này; "
            "dưới đây là toàn bộ thành phần hồ sơ của tất cả các trường hợp."
        )
    return checklist


# Status and history -----------------------------------------------------------------------------


HISTORY_FIELDS = (
    "id", "sort_order", "page_id", "kind", "effective_date", "changed_parts", "note", "decision",
    "decision__number", "decision__date", "decision__issuer", "decision__summary", "decision__document",
    "replacement", "replacement__title", "replacement__code", "replacement__url_path", "replacement__path",
    "replacement__depth", "replacement__live", "replacement__slug",
)  # fmt: skip


REPLACED_FIELDS = (
    "page__title", "page__code", "page__url_path", "page__path", "page__depth", "page__live", "page__slug",
    "page__status",
)  # fmt: skip


def status_history(page):
    """The page's status changes in time order (with their decisions and replacements) and the live
    procedures this page replaced, sorted by code: both from one query."""
    rows = (
        StatusChange.objects.filter(Q(page=page) | Q(replacement=page, kind=Status.REPLACED))
        .select_related("decision", "replacement", "page")
        .only(*HISTORY_FIELDS, *REPLACED_FIELDS)
    )
    changes, replaced = [], {}
    for change in rows:
        if change.page_id == page.pk:
            change.when = change_date(change)
            changes.append(change)
        elif change.page.live:
            replaced[change.page_id] = change.page
    changes.sort(key=StatusChange.sort_key)
    return changes, sorted(replaced.values(), key=lambda p: (p.code, p.pk))


def change_date(change):
    return change.effective_date or (change.decision.date if change.decision else None)


# JSON-LD ------------------------------------------------------------------------------------------


def government_service_jsonld(page, request, *, url, desk, channels, settings):
    """schema.org GovernmentService for the page (what search engines and assistants read)."""
    provider_name = page.implementing_agency.name if page.implementing_agency_id else settings.unit_name
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.official_name or page.title,
        "identifier": page.code,
        "url": url,
        "serviceType": page.field.name,
        "category": page.level.name,
        "provider": {"@type": "GovernmentOrganization", "name": provider_name},
        "serviceOperator": {"@type": "GovernmentOrganization", "name": settings.unit_name},
        "areaServed": {"@type": "AdministrativeArea", "name": settings.unit_name},
    }
    if page.subjects:
        data["audience"] = {"@type": "Audience", "audienceType": page.subjects[:500]}
    if page.result:
        data["description"] = f"Kết quả: {page.result}"[:1000]
    available = []
    for channel in channels:
        entry = {"@type": "ServiceChannel", "name": channel["label"]}
        if channel["deadline"]:
            entry["description"] = f"Thời hạn giải quyết: {channel['deadline']}"[:500]
        if channel["method"] == "truc_tuyen" and page.online_service_url:
            entry["serviceUrl"] = page.online_service_url
        if channel["method"] == "truc_tiep" and desk.address:
            entry["serviceLocation"] = {"@type": "Place", "name": desk.name, "address": desk.address}
            if desk.phone:
                entry["servicePhone"] = {"@type": "ContactPoint", "telephone": desk.phone}
        available.append(entry)
    if not available and page.online_service_url:
        available.append(
            {"@type": "ServiceChannel", "name": "Trực tuyến", "serviceUrl": page.online_service_url}
        )
    if available:
        data["availableChannel"] = available
    if not page.is_in_force:
        data["termsOfService"] = f"Thủ tục {STATUS_VERB[page.status].lower()}"
    return data


def jsonld_script(data):
    """<script type="application/ld+json"> with <, >, & escaped so the content cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# The procedure page -------------------------------------------------------------------------------


def channel_rows(page):
    from procedures.blocks import CHANNEL_CHOICES

    labels = dict(CHANNEL_CHOICES)
    return [
        {
            "method": b.value.get("method"),
            "label": labels.get(b.value.get("method"), b.value.get("method") or ""),
            "deadline": b.value.get("deadline") or "",
            "fee": b.value.get("fee") or "",
            "description": b.value.get("description") or "",
        }
        for b in page.channels
    ]


REFERENCES = (  # page attribute, kind in procedures.filters.reference_names()
    ("field", "field"), ("level", "level"), ("implementing_agency", "agency"), ("online_service_kind", "kind"),
)  # fmt: skip


def _reference(names, model, kind, pk):
    """The field, level, agency or online kind `pk` from the cached `names`
    (procedures.filters.reference_names: slug, name and order set, anything else loads on use), or
    None when the cache does not know it yet."""
    entry = names[kind].get(pk)
    if entry is None:
        return None
    slug, name, order = entry
    known = {"id": pk, "slug": slug, "name": name, "sort_order": order}
    fields = model._meta.concrete_fields
    return model.from_db("default", [f.attname for f in fields], [known.get(f.attname, DEFERRED) for f in fields])


def _load_references(page):
    """Field, level, agency and online kind from the site cache instead of four joins."""
    from procedures.filters import reference_names

    names = reference_names()
    for name, kind in REFERENCES:
        pk = getattr(page, f"{name}_id")
        if pk is not None and name not in page._state.fields_cache:
            found = _reference(names, page._meta.get_field(name).related_model, kind, pk)
            if found is not None:  # else Django reads it on first use
                setattr(page, name, found)


def other_levels(page):
    """The page's other levels (a procedure done at several levels), in level order, by id from the
    through table and the rest from the site cache."""
    from procedures.filters import reference_names
    from procedures.models import ProcedureLevel

    held = page.other_levels.all()
    if not hasattr(held, "query"):  # a preview: the levels chosen in the editor are held in memory
        return sorted(held, key=lambda level: (level.sort_order, level.name))
    through = ProcedurePage.other_levels.through
    ids = list(through.objects.filter(procedurepage_id=page.pk).values_list("procedurelevel_id", flat=True))
    names = reference_names() if ids else None
    levels = [_reference(names, ProcedureLevel, "level", pk) for pk in ids]
    if None in levels:  # a level newer than the cache
        return list(page.other_levels.all())
    return sorted(levels, key=lambda level: (level.sort_order, level.name))


def procedure_context(page, request):
    """Everything the procedure page template shows beyond the page's own fields."""
    from home.wards import live_wards

    _load_references(page)
    settings = site_settings(request)
    ward = ward_from_request(request)
    desk = desk_for(request, ward)
    url = page.get_url(request) or page.url_path
    full_url = request.build_absolute_uri(url)

    history, replaces = status_history(page)
    latest = history[-1] if history else None
    replacement = None
    if latest and latest.kind == Status.REPLACED and latest.replacement and latest.replacement.live:
        replacement = latest.replacement
    last_amendment = next((c for c in reversed(history) if c.kind == Status.AMENDED), None)
    related = page.related_procedures.all()
    if hasattr(related, "query"):
        related = list(related.live().only("id", "title", "code", "url_path", "path", "depth", "status"))
    else:  # a preview: the related procedures chosen in the editor are held in memory
        related = [p for p in related if p.live]

    levels = [page.level] + [lv for lv in other_levels(page) if lv.pk != page.level_id]
    commune_level = any(lv.slug == COMMUNE_LEVEL_SLUG for lv in levels)
    wards = live_wards() if commune_level else []

    checklist = build_checklist(page, request.GET.get(P_CASE))
    print_mode = request.GET.get(P_PRINT) == "giay-to"
    channels = channel_rows(page)

    state = {}
    if checklist.selected:
        state[P_CASE] = checklist.selected.number
    if ward:
        state[P_WARD] = ward.slug
    share_url = full_url + ("?" + urlencode(state) if state else "")
    print_url = "?" + urlencode({**state, P_PRINT: "giay-to"}) + "#giay-to"

    hotlines = [(b.value["label"], b.value["number"]) for b in settings.hotline_numbers]
    if ward and ward.hotline:
        hotlines.insert(0, (f"Đường dây nóng {ward.full_name}", ward.hotline))

    jsonld = government_service_jsonld(
        page, request, url=full_url, desk=desk, channels=channels, settings=settings
    )
    return {
        "official_name": page.official_name or page.title,
        "history": history,
        "latest_change": latest,
        "last_amendment": last_amendment,
        "replacement": replacement,
        "replaces": replaces,
        "related": related,
        "levels": levels,
        "commune_level": commune_level,
        "wards": wards,
        "ward_options": ward_options_html(wards, ward),
        "ward": ward,
        "desk": desk,
        "checklist": checklist,
        "print_mode": print_mode,
        "print_checklist": print_mode or checklist.selected is not None,
        "channels": channels,
        "share_url": share_url,
        "print_url": print_url,
        "feedback_url": f"{FEEDBACK_URL}?thu-tuc={quote(page.code)}",
        "hotlines": hotlines,
        "jsonld": jsonld_script(jsonld),
        "last_updated": page.last_published_at
        or page.latest_revision_created_at
        or (latest.when if latest else None),
        "today": timezone.localdate(),
        "catalogue_url": _catalogue_url(page, request),
    }


def ward_options_html(wards, chosen):
    """The <option>s of a ward picker (two per commune-level page), built here: a template loop
    over the city's wards costs more than the rest of the picker."""
    chosen_pk = chosen.pk if chosen else None
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((w.slug, mark_safe(" selected") if w.pk == chosen_pk else "", w.title) for w in wards),
    )


def _catalogue_url(page, request):
    """The parent catalogue's URL, derived from the page's own (procedures sit directly below it)."""
    own = page.get_url(request) or ""
    return own[: -len(page.slug) - 1] if own.endswith(page.slug + "/") else "/"


# Short URLs -----------------------------------------------------------------------------------


def _best_match(pages, level_slug=None):
    def rank(p):
        return (
            not (level_slug and p.level.slug == level_slug),
            p.status not in ProcedurePage.IN_FORCE,
            p.level.sort_order,
            p.pk,
        )

    return min(pages, key=rank) if pages else None


@require_GET
def procedure_by_code(request, code):
    """/thu-tuc/<code>/ → the procedure page (302: the page's own address may change, the code stays)."""
    code = (code or "").strip()
    pages = (
        ProcedurePage.objects.live()
        .select_related("level")
        .only("id", "url_path", "path", "depth", "code", "status", "level__slug", "level__sort_order")
    )
    found = list(pages.filter(code__iexact=code))
    national = re.match(r"^\d\.\d{6}", code)
    if not found and national:
        # A province-applied code (…000.00.00.H29) or a bare national code: same base procedure.
        base = national.group(0)
        found = list(pages.filter(Q(code__iexact=base) | Q(code__istartswith=base + ".")))
    if not found and "." not in code:
        # Not a procedure code after all: it may be a page slug below a catalogue at /thu-tuc/.
        from wagtail.views import serve

        return serve(request, request.path.lstrip("/"))
    page = _best_match(found, request.GET.get("cap"))
    if page is None:
        response = render(
            request,
            "procedures/code_not_found.html",
            {"code": code, "catalogue": ProcedureIndexPage.objects.live().first()},
            status=404,
        )
        return response
    target = page.get_url(request)
    keep = {k: v for k, v in request.GET.items() if k in (P_CASE, P_WARD)}
    if keep:
        target += "?" + urlencode(keep)
    return redirect(target)


# Recently changed ----------------------------------------------------------------------------------


def recent_changes(days, *, limit=None):
    """Status changes announced in the last `days` days (decision date, else effective date), newest
    first, live pages only; `days=None` gives the latest changes whatever their age."""
    today = timezone.localdate()
    qs = (
        StatusChange.objects.filter(page__live=True)
        .annotate(announced=Coalesce("decision__date", "effective_date"))
        .filter(announced__lte=today)
        .select_related("decision", "page", "page__field", "page__level", "replacement")
        .only(
            "id",
            "kind",
            "effective_date",
            "changed_parts",
            "note",
            "sort_order",
            "decision_id",
            "replacement_id",
            "page_id",
            "decision__id",
            "decision__number",
            "decision__date",
            "decision__issuer",
            "decision__summary",
            "decision__document_id",
            "page__id",
            "page__title",
            "page__official_name",
            "page__code",
            "page__url_path",
            "page__path",
            "page__depth",
            "page__slug",
            "page__status",
            "page__live",
            "page__field__name",
            "page__level__name",
            "replacement__id",
            "replacement__title",
            "replacement__code",
            "replacement__url_path",
            "replacement__path",
            "replacement__depth",
            "replacement__live",
        )  # fmt: skip
        .order_by("-announced", "decision__number", "page__code", "id")
    )
    if days is not None:
        qs = qs.filter(announced__gte=today - datetime.timedelta(days=days))
    return list(qs[:limit] if limit else qs)


def group_by_decision(changes):
    groups, by_key = [], {}
    for change in changes:
        key = change.decision_id or f"none-{change.announced}"
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = {
                "decision": change.decision,
                "date": change.announced,
                "changes": [],
                "kinds": {},
            }
            groups.append(group)
        group["changes"].append(change)
        group["kinds"][change.kind] = group["kinds"].get(change.kind, 0) + 1
    for group in groups:
        group["summary"] = [(STATUS_VERB[k], n) for k, n in group["kinds"].items()]
    return groups


def _period(request):
    raw = request.GET.get("ngay", "")
    return int(raw) if raw.isdigit() and int(raw) in RECENT_PERIODS else RECENT_PERIODS[0], raw


@require_GET
def recent_view(request):
    days, raw = _period(request)
    changes = recent_changes(days)
    totals = {}
    for change in changes:
        totals[change.kind] = totals.get(change.kind, 0) + 1
    return render(
        request,
        "procedures/recent_changes.html",
        {
            "days": days,
            "periods": RECENT_PERIODS,
            "groups": group_by_decision(changes),
            "totals": [(STATUS_VERB[k], totals[k]) for k in Status.values if k in totals],
            "total": len(changes),
            "period_note": "Khoảng thời gian không hợp lệ; đang hiển thị 30 ngày qua."
            if raw and str(days) != raw
            else "",
            "catalogue": ProcedureIndexPage.objects.live().first(),
            "today": timezone.localdate(),
        },
    )


# Home-page sections ---------------------------------------------------------------------------------


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
    from procedures.filters import P_FIELD, P_LEVEL

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


# The catalogue page ---------------------------------------------------------------------------------


def catalogue_context(index_page, request):
    """Filtered, counted, sorted and paginated procedures for the catalogue page."""
    from procedures.filters import P_PAGE, P_SORT, P_STATUS, SORTS, STATUS_IN_FORCE, CatalogueQuery

    query = CatalogueQuery(index_page, request.GET, per_page=index_page.per_page)
    facets = query.facets()
    page_obj, total = query.results(request.GET.get(P_PAGE))
    ward = ward_from_request(request)
    base = index_page.get_url(request) or index_page.url_path
    suffix = f"?{urlencode({P_WARD: ward.slug})}" if ward else ""
    for item in page_obj.object_list:
        item.list_url = f"{base}{item.slug}/{suffix}"

    active = []
    for facet in facets:
        option = facet.selected_option
        if option is None or (facet.param == P_STATUS and option.value == STATUS_IN_FORCE):
            continue
        active.append(
            {"label": facet.label, "value": option.label, "remove_url": query.state(**{facet.param: None})}
        )

    pages = []
    if page_obj.paginator.num_pages > 1:
        for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
            url = query.state(**{P_PAGE: number}) if isinstance(number, int) else None
            pages.append({"number": number, "url": url, "current": number == page_obj.number})
    return {
        "facets": facets,
        "procedures": page_obj.object_list,
        "page_obj": page_obj,
        "total": total,
        "pages": pages,
        "prev_url": query.state(**{P_PAGE: page_obj.previous_page_number()})
        if page_obj.has_previous()
        else None,
        "next_url": query.state(**{P_PAGE: page_obj.next_page_number()}) if page_obj.has_next() else None,
        "sorts": [{"value": k, "label": v, "selected": k == query.sort} for k, v in SORTS.items()],
        "sort_param": P_SORT,
        "active_filters": active,
        "clear_url": "?" + (urlencode({P_WARD: ward.slug}) if ward else ""),
        "showing_all_statuses": query.status != STATUS_IN_FORCE,
        "filter_notes": query.notes,
        "ward": ward,
        "desk": desk_for(request, ward) if ward else None,
        "recent_url": "/thu-tuc/moi-cap-nhat/",
    }
