"""The catalogue's filters, facet counts, sort orders and pagination, read from GET parameters.

Every value is checked against known slugs: an unknown or tampered value is ignored with a note,
never an error. The number of SQL queries does not depend on the number of procedures.
"""

import datetime
import functools
from collections import namedtuple
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import BooleanField, Case, When
from django.utils.functional import cached_property

from core.facets import Facet, FacetValue
from core.params import raw
from core.text import vietnamese_key
from procedures.models import ProcedurePage

Status = ProcedurePage.Status

# Public parameter names (Vietnamese, ASCII) and their values.
P_FIELD, P_LEVEL, P_AGENCY, P_STATUS, P_ONLINE = "linh-vuc", "cap", "co-quan", "tinh-trang", "dvc"
P_SORT, P_PAGE, P_WARD, P_QUERY = "sap-xep", "trang", "phuong-xa", "q"

STATUS_IN_FORCE, STATUS_ALL = "hieu-luc", "tat-ca"
STATUS_SLUGS = {
    "moi": Status.NEW,
    "sua-doi": Status.AMENDED,
    "thay-the": Status.REPLACED,
    "bai-bo": Status.ABOLISHED,
}
STATUS_LABELS = [
    (STATUS_IN_FORCE, "Đang áp dụng"),
    ("moi", "Ban hành mới"),
    ("sua-doi", "Sửa đổi, bổ sung"),
    ("thay-the", "Đã bị thay thế"),
    ("bai-bo", "Đã bị bãi bỏ"),
    (STATUS_ALL, "Tất cả tình trạng"),
]
ONLINE_ANY, ONLINE_NONE = "co", "khong"

SORTS = {
    "ten": "Tên thủ tục (A–Z)",
    "ma": "Mã thủ tục",
    "cap-nhat": "Mới thay đổi gần đây",
}
DEFAULT_SORT = "ten"

LIST_FIELDS = (
    "id", "title", "slug", "url_path", "path", "depth", "live", "code", "official_name", "status",
    "status_date", "deadline", "field__name", "field__slug", "level__name", "level__slug",
    "online_service_kind__name", "online_service_kind__is_full_online", "online_service_url",
)  # fmt: skip


ROW_FIELDS = (
    "pk", "title", "code", "status", "status_date", "has_online_url", "has_online_channel", "field_id",
    "level_id", "implementing_agency_id", "online_service_kind_id",
)  # fmt: skip
# `agencies`: ((slug, name, other province), …) of the implementing agency and the others the page
# names; `online`: an online-service link or an online channel.
Row = namedtuple(
    "Row",
    "pk title code status status_date online_url online field_slug field_name level_slug level_name "
    "level_order agencies kind_slug kind_name kind_order",
)


REFERENCE_KINDS = ("field", "level", "agency", "kind")
NO_REF = (None, None, None)


def reference_names():
    """{kind: {id: (slug, name, sort order)}} for fields, levels, agencies and online-service kinds
    (for an agency the third value is the other province it belongs to, "" for the portal's own), from
    the site cache (cleared when any of them is saved or deleted, see procedures.apps)."""
    from core.cache import cached
    from procedures.models import Agency, OnlineServiceKind, ProcedureField, ProcedureLevel

    def build():
        plain = lambda model: {pk: (slug, name, None) for pk, slug, name in model.objects.values_list("pk", "slug", "name")}  # noqa: E731
        ordered = lambda model: {  # noqa: E731
            pk: (slug, name, order) for pk, slug, name, order in model.objects.values_list("pk", "slug", "name", "sort_order")
        }
        agency_rows = Agency.objects.values_list("pk", "slug", "name", "other_province", "level_id")
        agencies = {pk: (slug, name, other) for pk, slug, name, other, _level in agency_rows}
        return {"field": plain(ProcedureField), "level": ordered(ProcedureLevel), "agency": agencies,
                "kind": ordered(OnlineServiceKind),
                # Where citizens submit at each level, and each agency's own level (the procedure page).
                "level_submit": dict(ProcedureLevel.objects.values_list("pk", "submit_at")),
                "agency_level": {pk: level for pk, _s, _n, _o, level in agency_rows}}  # fmt: skip

    return cached("procedure-references", build)


@functools.lru_cache(maxsize=16)
def _name_ranks(titles):
    """{title: position in Vietnamese order} for a catalogue's set of names. Remembered per set: the
    set changes only when a procedure is added, renamed or removed, and comparing 2,000 long sort
    keys on every request cost more than looking the set up."""
    return {title: rank for rank, title in enumerate(sorted(titles, key=vietnamese_key))}


class CatalogueQuery:
    """Everything the catalogue page needs from one request: filtered page of procedures and facets."""

    def __init__(self, index_page, params, per_page=20):
        self.index_page = index_page
        self.params = params
        self.per_page = max(1, min(per_page or 20, 100))
        self.notes = []
        self.selected = {}
        self._read_params()

    # Reading parameters ------------------------------------------------------------------------

    def _one(self, name):
        return raw(self.params, name, max_length=120)

    def _read_params(self):
        for param in (P_FIELD, P_LEVEL, P_AGENCY, P_ONLINE):
            value = self._one(param)
            if value:
                self.selected[param] = value
        status = self._one(P_STATUS) or STATUS_IN_FORCE
        if status != STATUS_IN_FORCE and status != STATUS_ALL and status not in STATUS_SLUGS:
            self.notes.append("Tình trạng đã chọn không hợp lệ; đang hiển thị các thủ tục đang áp dụng.")
            status = STATUS_IN_FORCE
        self.status = status
        sort = self._one(P_SORT) or DEFAULT_SORT
        if sort not in SORTS:
            sort = DEFAULT_SORT
        self.sort = sort

    # One narrow query: every live procedure's facet values ------------------------------------------
    #
    # A city catalogue holds ~2,000 procedures. Reading their facet values once (ids and short strings)
    # and counting in Python is one query instead of one GROUP BY per facet, and it sorts names in
    # Vietnamese order without a database collation. Only the displayed page is then loaded in full.

    def base_queryset(self):
        return ProcedurePage.objects.child_of(self.index_page).live()

    @cached_property
    def rows(self):
        # Reference ids only, named from the cached reference tables: the names repeated on 2,000 rows
        # were most of what the query carried.
        fields, levels, agencies, kinds = (reference_names()[kind] for kind in REFERENCE_KINDS)
        has_url = Case(When(online_service_url="", then=False), default=True, output_field=BooleanField())
        rows = []
        queryset = self.base_queryset().order_by().annotate(has_online_url=has_url).values_list(*ROW_FIELDS)
        shared = self._shared_agencies()
        for pk, title, code, status, date, url, channel, field_id, level_id, agency_id, kind_id in queryset:
            named = [agency_id] if agency_id else []
            named += [a for a in shared.get(pk, ()) if a != agency_id]
            named = tuple(agencies[a] for a in named if a in agencies)
            rows.append(
                Row(pk, title, code, status, date, url, url or channel, *fields.get(field_id, NO_REF)[:2],
                    *levels.get(level_id, NO_REF), named, *kinds.get(kind_id, NO_REF))
            )  # fmt: skip
        return rows

    def _shared_agencies(self):
        """{page id: [agency id, …]} of the other agencies each live procedure names: one narrow query."""
        through = ProcedurePage.other_agencies.through
        out = {}
        pairs = through.objects.filter(procedurepage__in=self.base_queryset().order_by().values("pk"))
        for page_id, agency_id in pairs.values_list("procedurepage_id", "agency_id"):
            out.setdefault(page_id, []).append(agency_id)
        return out

    def _tests(self):
        """(facet, predicate) for every active filter; the status filter is always active."""
        sel, tests = self.selected, []
        for param, attr in ((P_FIELD, "field_slug"), (P_LEVEL, "level_slug")):
            if param in sel:
                tests.append((param, lambda row, attr=attr, want=sel[param]: getattr(row, attr) == want))
        if P_AGENCY in sel:
            tests.append((P_AGENCY, lambda row, want=sel[P_AGENCY]: any(a[0] == want for a in row.agencies)))
        if P_ONLINE in sel:
            want = sel[P_ONLINE]
            if want == ONLINE_ANY:
                tests.append((P_ONLINE, lambda row: bool(row.online)))
            elif want == ONLINE_NONE:
                tests.append((P_ONLINE, lambda row: not row.online))
            else:
                tests.append((P_ONLINE, lambda row: row.kind_slug == want))
        if self.status == STATUS_IN_FORCE:
            tests.append((P_STATUS, lambda row: row.status in ProcedurePage.IN_FORCE))
        elif self.status != STATUS_ALL:
            tests.append((P_STATUS, lambda row, want=STATUS_SLUGS[self.status]: row.status == want))
        return tests

    @cached_property
    def tally(self):
        """One pass over the rows: the matching rows, and per facet the rows that pass every *other*
        filter (a row failing exactly one filter counts for that filter's facet only)."""
        tests = self._tests()
        matching, partial = [], {param: [] for param in (P_FIELD, P_LEVEL, P_AGENCY, P_ONLINE, P_STATUS)}
        for row in self.rows:
            failed = None
            for param, test in tests:
                if not test(row):
                    if failed is not None:
                        break
                    failed = param
            else:
                if failed is None:
                    matching.append(row)
                else:
                    partial[failed].append(row)
        return matching, partial

    def _facet_rows(self, param):
        matching, partial = self.tally
        return matching + partial[param]

    # Facets ---------------------------------------------------------------------------------------

    def _ref_facet(self, param, label, all_label, slug_attr, name_attr, order_attr=None):
        counts, names, orders = {}, {}, {}
        for row in self._facet_rows(param):
            slug = getattr(row, slug_attr)
            if slug:
                counts[slug] = counts.get(slug, 0) + 1
                names[slug] = getattr(row, name_attr)
                if order_attr:
                    orders[slug] = getattr(row, order_attr)
        options = [FacetValue(slug, names[slug], n) for slug, n in counts.items()]
        if order_attr:
            options.sort(key=lambda o: (orders[o.value], vietnamese_key(o.label)))
        else:
            options.sort(key=lambda o: vietnamese_key(o.label))
        return self._finish_facet(Facet(param, label, options, all_label=all_label))

    def _agency_facet(self):
        """One option per agency entity a procedure names; agencies of another province (data copied
        from another province's publication, flagged for editors in the completeness console) are
        not offered."""
        counts, names = {}, {}
        for row in self._facet_rows(P_AGENCY):
            for slug, name, other_province in row.agencies:
                if slug and not other_province:
                    counts[slug] = counts.get(slug, 0) + 1
                    names[slug] = name
        options = [FacetValue(slug, names[slug], n) for slug, n in counts.items()]
        options.sort(key=lambda o: vietnamese_key(o.label))
        return self._finish_facet(Facet(P_AGENCY, "Cơ quan thực hiện", options, all_label="Tất cả cơ quan"))

    def _finish_facet(self, facet):
        chosen = self.selected.get(facet.param, "")
        if chosen:
            match = next((o for o in facet.values if o.value == chosen), None)
            if match is None:
                # A value that matches nothing here (unknown, or no procedure with the other filters):
                # keep the filter (the list is then empty) but say so, never fail.
                facet.values.insert(0, FacetValue(chosen, f"«{chosen}» (không có thủ tục)", 0))
                match = facet.values[0]
                if not self._known_value(facet.param, chosen):
                    self.notes.append(f"Không có giá trị «{chosen}» trong bộ lọc {facet.label.lower()}.")
            match.selected = True
        return facet

    def _known_value(self, param, value):
        from procedures.models import Agency, OnlineServiceKind, ProcedureField, ProcedureLevel

        model = {
            P_FIELD: ProcedureField,
            P_LEVEL: ProcedureLevel,
            P_AGENCY: Agency,
            P_ONLINE: OnlineServiceKind,
        }
        if param == P_ONLINE and value in (ONLINE_ANY, ONLINE_NONE):
            return True
        return model[param].objects.filter(slug=value).exists()

    def _online_facet(self):
        counts, names, orders, with_url, without_url = {}, {}, {}, 0, 0
        for row in self._facet_rows(P_ONLINE):
            if row.online:
                with_url += 1
            else:
                without_url += 1
            if row.kind_slug:
                counts[row.kind_slug] = counts.get(row.kind_slug, 0) + 1
                names[row.kind_slug], orders[row.kind_slug] = row.kind_name, row.kind_order
        kinds = sorted(counts, key=lambda slug: (orders[slug], vietnamese_key(names[slug])))
        options = [FacetValue(ONLINE_ANY, "Nộp được trực tuyến", with_url)]
        options += [FacetValue(slug, names[slug], counts[slug]) for slug in kinds]
        options.append(FacetValue(ONLINE_NONE, "Chưa nộp được trực tuyến", without_url))
        return self._finish_facet(Facet(P_ONLINE, "Dịch vụ công trực tuyến", options, all_label="Tất cả"))

    def _status_facet(self):
        counts = {}
        for row in self._facet_rows(P_STATUS):
            counts[row.status] = counts.get(row.status, 0) + 1
        slug_counts = {slug: counts.get(value, 0) for slug, value in STATUS_SLUGS.items()}
        slug_counts[STATUS_IN_FORCE] = sum(counts.get(v, 0) for v in ProcedurePage.IN_FORCE)
        slug_counts[STATUS_ALL] = sum(counts.values())
        options = [
            FacetValue(slug, label, slug_counts[slug], selected=(slug == self.status))
            for slug, label in STATUS_LABELS
        ]
        return Facet(P_STATUS, "Tình trạng", options)

    def facets(self):
        return [
            self._ref_facet(P_FIELD, "Lĩnh vực", "Tất cả lĩnh vực", "field_slug", "field_name"),
            self._ref_facet(
                P_LEVEL, "Cấp thực hiện", "Tất cả các cấp", "level_slug", "level_name", "level_order"
            ),
            self._agency_facet(),
            self._status_facet(),
            self._online_facet(),
        ]

    # The page of results ------------------------------------------------------------------------

    def results(self, page_number):
        """(paginator page of ProcedurePage objects, total)."""
        matching = list(self.tally[0])
        if self.sort == "ma":
            matching.sort(key=lambda r: (r.code, r.pk))
        elif self.sort == "cap-nhat":
            ranks = _name_ranks(frozenset(r.title for r in self.rows))
            matching.sort(key=lambda r: ranks[r.title])
            matching.sort(key=lambda r: r.status_date or datetime.date.min, reverse=True)
        else:
            ranks = _name_ranks(frozenset(r.title for r in self.rows))
            matching.sort(key=lambda r: ranks[r.title])
        paginator = Paginator([r.pk for r in matching], self.per_page)
        page = _get_page(paginator, page_number)
        objects = ProcedurePage.objects.filter(pk__in=list(page.object_list)).select_related(
            "field", "level", "online_service_kind"
        )
        by_pk = {obj.pk: obj for obj in objects.only(*LIST_FIELDS)}
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
        return page, paginator.count

    # Links ----------------------------------------------------------------------------------------

    def state(self, **changes):
        """The current GET state with some values changed (None removes), as a query string."""
        state = dict(self.selected)
        if self.status != STATUS_IN_FORCE:
            state[P_STATUS] = self.status
        if self.sort != DEFAULT_SORT:
            state[P_SORT] = self.sort
        ward = self._one(P_WARD)
        if ward:
            state[P_WARD] = ward
        state.update(changes)
        ordered = [(k, v) for k, v in state.items() if v not in (None, "")]
        return "?" + urlencode(ordered) if ordered else "?"


def _get_page(paginator, number):
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
