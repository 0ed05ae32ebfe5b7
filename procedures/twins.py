"""Procedures that share their name (a national record and its province variant, 1.012783 and
1.012783.H19; the same procedure at two levels): what tells each apart, for lists, pages and search."""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from core.text import fold
from procedures.importing.codes import code_kind


@dataclass(frozen=True)
class Twin:
    pk: int
    code: str
    label: str  # what sets this one apart ("Bản áp dụng tại địa phương (quy định riêng của tỉnh)")
    short: str  # the same in a few words, for titles ("bản áp dụng tại địa phương")
    url: str  # its short address by code


def _labels(rows, names):
    """{pk: (label, short label)} for procedures of one name, from the first property that differs
    among them."""
    kinds = {pk: code_kind(code) for pk, code, *_ in rows}
    if "national" in kinds.values() and any(k in ("variant", "province") for k in kinds.values()):
        out = {}
        for pk, _code, _level, _agency, _field, ministry in rows:
            if kinds[pk] == "national":
                label = "Bản của danh mục quốc gia" + (f" ({ministry} công bố)" if ministry else "")
                out[pk] = (label, "bản quốc gia")
            else:
                out[pk] = ("Bản áp dụng tại địa phương (quy định riêng của tỉnh)", "bản áp dụng tại địa phương")
        return out
    for position, kind in ((2, "level"), (3, "agency"), (4, "field")):
        values = [row[position] for row in rows]
        if len(set(values)) == len(values) and None not in values:
            out = {}
            for row in rows:
                name = names[kind].get(row[position], (None, ""))[1]
                out[row[0]] = (name, name[:1].lower() + name[1:] if kind == "level" else name)
            return out
    return {row[0]: (f"Mã {row[1]}", f"mã {row[1]}") for row in rows}


def _build():
    from procedures.filters import reference_names
    from procedures.models import ProcedurePage

    by_name = defaultdict(list)
    fields = ("pk", "official_name", "code", "level_id", "implementing_agency_id", "field_id", "ministry")
    for pk, name, *rest in ProcedurePage.objects.live().order_by("code", "pk").values_list(*fields):
        by_name[fold(" ".join((name or "").split()))].append((pk, *rest))
    names = reference_names()
    levels = names["level"]
    out, groups = {}, {}
    for rows in by_name.values():
        if len(rows) < 2:
            continue
        labels = _labels(rows, names)
        for pk, code, level_id, *_ in rows:
            url = reverse("procedures_public:by_code", args=[code]) if code[:1].isdigit() else ""
            if url and sum(1 for r in rows if r[1] == code) > 1 and level_id in levels:
                url += "?" + urlencode({"cap": levels[level_id][0]})
            out[pk] = Twin(pk, code, *labels[pk], url)
        for pk, *_ in rows:
            groups[pk] = tuple(out[other] for other, *_ in rows if other != pk)
    return out, groups


def twins():
    """({pk: Twin}, {pk: (the other Twins of its name)}) for live procedures sharing a name, from the
    site cache (cleared on every publish)."""
    from core.cache import cached

    return cached("procedure-twins", _build)


def twin_of(pk):
    """(this procedure's Twin or None, the others of its name)."""
    own, groups = twins()
    return own.get(pk), groups.get(pk, ())
