"""A procedure's field, level, agency, online kind and other levels made from the names in the site
cache (procedures.filters.reference_names) instead of a join each."""

from core.rows import instance_from_values, relation_loaded
from core.text import vietnamese_key
from procedures.filters import reference_names
from procedures.models import Agency, ProcedureLevel, ProcedurePage

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
    slug, name, third = entry
    values = {"id": pk, "slug": slug, "name": name}
    if kind == "agency":
        values.update(other_province=third, level_id=names["agency_level"].get(pk))
    else:
        values["sort_order"] = third
    if kind == "level":
        values["submit_at"] = names["level_submit"].get(pk)
    return instance_from_values(model, values)


def load_references(page):
    """Field, level, agency and online kind from the site cache instead of four joins."""
    names = reference_names()
    for name, kind in REFERENCES:
        pk = getattr(page, f"{name}_id")
        if pk is not None and not relation_loaded(page, name):
            found = _reference(names, page._meta.get_field(name).related_model, kind, pk)
            if found is not None:  # else Django reads it on first use
                setattr(page, name, found)


def other_levels(page):
    """The page's other levels (a procedure done at several levels), in level order, by id from the
    through table and the rest from the site cache."""
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


def level_by_id(pk):
    """A level from the site cache (no query), or from the database when newer than the cache."""
    found = _reference(reference_names(), ProcedureLevel, "level", pk)
    return found if found is not None else ProcedureLevel.objects.filter(pk=pk).first()


def other_agencies(page):
    """The other agencies the page names, in Vietnamese name order, by id from the through table and
    the names from the site cache."""
    held = page.other_agencies.all()
    if not hasattr(held, "query"):  # a preview: the agencies chosen in the editor are held in memory
        return sorted(held, key=lambda agency: vietnamese_key(agency.name))
    through = ProcedurePage.other_agencies.through
    ids = list(through.objects.filter(procedurepage_id=page.pk).values_list("agency_id", flat=True))
    names = reference_names() if ids else None
    agencies = [_reference(names, Agency, "agency", pk) for pk in ids]
    if None in agencies:  # an agency newer than the cache
        agencies = list(page.other_agencies.all())
    return sorted(agencies, key=lambda agency: vietnamese_key(agency.name))
