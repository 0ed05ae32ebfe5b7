"""The catalogue's filters, facet counts, sort orders and pagination, read from GET parameters.

Every value is checked against known slugs: an unknown or tampered value is ignored with a note,
never an error. The number of SQL queries does not depend on the number of procedures.
"""

import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, F

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


# Vietnamese alphabetical order (a ă â b c d đ e ê …), tones ignored at first level. Built once as a
# str.translate table so sorting ~2,000 names stays in C.
def _build_collation():
    alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    table = {}
    ranges = [range(0x41, 0x5B), range(0x61, 0x7B), range(0xC0, 0x250), range(0x1E00, 0x1F00)]
    for block in ranges:
        for cp in block:
            ch = chr(cp)
            base = "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if c not in tones)
            base = unicodedata.normalize("NFC", base)
            if base in alphabet:
                table[cp] = chr(0xE000 + alphabet.index(base))
    table[ord("Đ")] = table[ord("đ")] = chr(0xE000 + alphabet.index("đ"))
    return table


_COLLATION = _build_collation()


def vietnamese_sort_key(text):
    text = text or ""
    return (text.translate(_COLLATION), text.lower())


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    param: str
    label: str
    options: list = field(default_factory=list)
    selected: str = ""
    all_label: str = ""

    @property
    def selected_option(self):
        return next((o for o in self.options if o.selected), None)


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
        value = self.params.get(name, "")
        return value.strip()[:120] if isinstance(value, str) else ""

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

    # Querysets ------------------------------------------------------------------------------------

    def base_queryset(self):
        return ProcedurePage.objects.child_of(self.index_page).live()

    @staticmethod
    def _status_filter(qs, status):
        if status == STATUS_ALL:
            return qs
        if status == STATUS_IN_FORCE:
            return qs.filter(status__in=ProcedurePage.IN_FORCE)
        return qs.filter(status=STATUS_SLUGS[status])

    def _apply(self, qs, skip=None):
        """Apply every selected filter except `skip` (a facet's own counts ignore its own choice)."""
        sel = self.selected
        if skip != P_FIELD and P_FIELD in sel:
            qs = qs.filter(field__slug=sel[P_FIELD])
        if skip != P_LEVEL and P_LEVEL in sel:
            qs = qs.filter(level__slug=sel[P_LEVEL])
        if skip != P_AGENCY and P_AGENCY in sel:
            qs = qs.filter(implementing_agency__slug=sel[P_AGENCY])
        if skip != P_ONLINE and P_ONLINE in sel:
            value = sel[P_ONLINE]
            if value == ONLINE_ANY:
                qs = qs.exclude(online_service_url="")
            elif value == ONLINE_NONE:
                qs = qs.filter(online_service_url="")
            else:
                qs = qs.filter(online_service_kind__slug=value)
        if skip != P_STATUS:
            qs = self._status_filter(qs, self.status)
        return qs

    # Facets ---------------------------------------------------------------------------------------

    def _ref_facet(self, param, label, all_label, key):
        """Options of a reference facet with their counts, one GROUP BY query."""
        rows = (
            self._apply(self.base_queryset(), skip=param)
            .exclude(**{f"{key}__isnull": True})
            .values(f"{key}__slug", f"{key}__name")
            .annotate(n=Count("pk"))
        )
        if key == "level":
            rows = rows.order_by("level__sort_order", "level__name")
        else:
            rows = rows.order_by()
        options = [Option(r[f"{key}__slug"], r[f"{key}__name"], r["n"]) for r in rows]
        if key != "level":
            options.sort(key=lambda o: vietnamese_sort_key(o.label))
        return self._finish_facet(Facet(param, label, options, all_label=all_label))

    def _finish_facet(self, facet):
        chosen = self.selected.get(facet.param, "")
        if chosen:
            match = next((o for o in facet.options if o.value == chosen), None)
            if match is None:
                # A value that matches nothing here (unknown, or no procedure with the other filters):
                # keep the filter (the list is then empty) but say so, never fail.
                facet.options.insert(0, Option(chosen, f"«{chosen}» (không có thủ tục)", 0))
                match = facet.options[0]
                if not self._known_value(facet.param, chosen):
                    self.notes.append(f"Không có giá trị «{chosen}» trong bộ lọc {facet.label.lower()}.")
            match.selected = True
            facet.selected = chosen
        return facet

    def _known_value(self, param, value):
        from procedures.models import Agency, OnlineServiceKind, ProcedureField, ProcedureLevel

        model = {P_FIELD: ProcedureField, P_LEVEL: ProcedureLevel, P_AGENCY: Agency, P_ONLINE: OnlineServiceKind}
        if param == P_ONLINE and value in (ONLINE_ANY, ONLINE_NONE):
            return True
        return model[param].objects.filter(slug=value).exists()

    def _online_facet(self):
        qs = self._apply(self.base_queryset(), skip=P_ONLINE)
        rows = (
            qs.values("online_service_kind__slug", "online_service_kind__name", "online_service_kind__sort_order")
            .annotate(n=Count("pk"), with_url=Count("pk", filter=~_empty_url()))
            .order_by("online_service_kind__sort_order", "online_service_kind__name")
        )
        options, with_url, without_url = [], 0, 0
        for r in rows:
            with_url += r["with_url"]
            without_url += r["n"] - r["with_url"]
            if r["online_service_kind__slug"]:
                options.append(Option(r["online_service_kind__slug"], r["online_service_kind__name"], r["n"]))
        options = [Option(ONLINE_ANY, "Có dịch vụ công trực tuyến", with_url)] + options
        options.append(Option(ONLINE_NONE, "Chưa có dịch vụ công trực tuyến", without_url))
        return self._finish_facet(Facet(P_ONLINE, "Dịch vụ công trực tuyến", options, all_label="Tất cả"))

    def _status_facet(self):
        qs = self._apply(self.base_queryset(), skip=P_STATUS)
        counts = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
        slug_counts = {slug: counts.get(value, 0) for slug, value in STATUS_SLUGS.items()}
        slug_counts[STATUS_IN_FORCE] = sum(counts.get(v, 0) for v in ProcedurePage.IN_FORCE)
        slug_counts[STATUS_ALL] = sum(counts.values())
        options = [
            Option(slug, label, slug_counts[slug], selected=(slug == self.status)) for slug, label in STATUS_LABELS
        ]
        return Facet(P_STATUS, "Tình trạng", options, selected=self.status)

    def facets(self):
        return [
            self._ref_facet(P_FIELD, "Lĩnh vực", "Tất cả lĩnh vực", "field"),
            self._ref_facet(P_LEVEL, "Cấp thực hiện", "Tất cả các cấp", "level"),
            self._ref_facet(P_AGENCY, "Cơ quan thực hiện", "Tất cả cơ quan", "implementing_agency"),
            self._status_facet(),
            self._online_facet(),
        ]

    # The page of results ------------------------------------------------------------------------

    def results(self, page_number):
        """(paginator page, total). Sorting by name is done in Python with Vietnamese collation."""
        qs = self._apply(self.base_queryset())
        if self.sort == "ten":
            keyed = sorted(qs.values_list("pk", "title"), key=lambda row: vietnamese_sort_key(row[1]))
            ids = [pk for pk, _title in keyed]
            paginator = Paginator(ids, self.per_page)
            page = _get_page(paginator, page_number)
            rows = qs.model.objects.filter(pk__in=list(page.object_list)).select_related(
                "field", "level", "online_service_kind"
            ).only(*LIST_FIELDS)
            by_pk = {row.pk: row for row in rows}
            page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
            return page, paginator.count
        order = ["code", "pk"] if self.sort == "ma" else [F("status_date").desc(nulls_last=True), "title", "pk"]
        qs = qs.select_related("field", "level", "online_service_kind").only(*LIST_FIELDS).order_by(*order)
        paginator = Paginator(qs, self.per_page)
        page = _get_page(paginator, page_number)
        page.object_list = list(page.object_list)
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


def _empty_url():
    from django.db.models import Q

    return Q(online_service_url="")


def _get_page(paginator, number):
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
