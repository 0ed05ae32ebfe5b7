"""Bring procedures already in the catalogue to what today's import makes of the same text: one
canonical agency per entity, channels said once, dossier file names and requirements in their place.

Run by `manage.py normalise_catalogue` (and by `load_demo` after the demo import). Only what can be
redone without losing an editor's work is redone: a dossier whose items carry counts, notes or
attached forms keeps its blocks, and a page with unpublished changes is left for its editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log

from procedures.importing import mapping
from procedures.importing.agencies import normalise_agencies
from procedures.importing.codes import match_key
from procedures.importing.constants import TIDY_LOG_ACTION, field_label
from procedures.importing.records import merge_channel_text
from procedures.importing.reference_rows import ReferenceRows
from procedures.models import Agency, ProcedurePage


@dataclass
class TidyReport:
    pages: int = 0
    updated: list = field(default_factory=list)  # (code, [changed parts])
    skipped_drafts: list = field(default_factory=list)  # codes of pages with unpublished changes
    kept_dossiers: list = field(default_factory=list)  # codes whose dossier holds editors' details
    agencies_removed: list = field(default_factory=list)  # combined names no page uses any more
    agencies_described: int = 0


def _raw(stream):
    raw = getattr(stream, "raw_data", None)
    return list(raw) if raw is not None else stream.get_prep_value()


def _values(stream):
    return [dict(block.get("value") or {}) for block in _raw(stream)]


def _lossless_dossier(blocks):
    """Whether the dossier holds nothing but what its lines say (no counts, notes, attached forms)."""
    for case in blocks:
        for item in case.get("items") or []:
            item = item.get("value", item) if "type" in item else item
            if item.get("form") or item.get("note") or item.get("originals") is not None:
                return False
            if item.get("copies") is not None:
                return False
            form_name = (item.get("form_name") or "").strip()
            if form_name and not mapping.is_file_name(form_name):
                return False
    return True


def _strip(blocks):
    return mapping.canonical([{"type": b["type"], "value": _strip_ids(b["value"])} for b in blocks])


def _strip_ids(value):
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


class _Tidier:
    def __init__(self, report):
        self.report = report
        keepers = _merge_spellings()
        self.refs = ReferenceRows()
        self.refs.known["implementing_agency"].update(keepers)

    def wanted(self, page):
        """{attribute: new value} for what differs from today's import of the same text."""
        changes = {}
        agencies = self._agencies(page)
        if agencies is not None:
            changes.update(agencies)
        for attr in ("deadline", "fee"):
            merged = merge_channel_text(getattr(page, attr)) or ""
            if merged != (getattr(page, attr) or ""):
                changes[attr] = merged
        channels = _strip(_raw(page.channels))
        merged = mapping.canonical(
            [{"type": "channel", "value": v} for v in mapping.merge_channels([b["value"] for b in channels])]
        )
        if merged != channels:
            changes["channels"] = merged
        dossier = _strip(_raw(page.dossier))
        values = [b["value"] for b in dossier]
        if _lossless_dossier(values):
            again = mapping.canonical(mapping.dossier_blocks(mapping.dossier_lines(dossier)))
            if again != dossier:
                changes["dossier"] = again
        elif dossier:
            self.report.kept_dossiers.append(page.code)
        return changes

    def _agencies(self, page):
        current = page.implementing_agency
        if current is None:
            return None
        others = list(page.other_agencies.all())
        names = normalise_agencies("; ".join([current.name, *(a.name for a in others)]))
        if not names:
            return None
        main = [a for a in names if not a.coordinating] or names
        keys = [self.refs.want_agency(a) for a in main]
        wanted = (keys[0], sorted(set(keys[1:]) - {keys[0]}))
        # Rows, not names: a page may point at a duplicate spelling that is merged into another row.
        known = self.refs.known["implementing_agency"]
        rows = [known.get(key) for key in (wanted[0], *wanted[1])]
        if None not in rows and (rows[0].pk, {r.pk for r in rows[1:]}) == (current.pk, {a.pk for a in others}):
            return None
        out = {"implementing_agency": wanted[0], "other_agencies": wanted[1]}
        coordinating = [a.name for a in names if a not in main]
        if coordinating and not page.coordinating_agency:
            out["coordinating_agency"] = "; ".join(coordinating)
        return out

    def apply(self, page, changes):
        for name, value in changes.items():
            if name == "implementing_agency":
                page.implementing_agency = self.refs.get("implementing_agency", value)
            elif name == "other_agencies":
                page.other_agencies = [self.refs.get("implementing_agency", key) for key in value]
            else:
                setattr(page, name, value)
        labels = [field_label(name) for name in changes]
        revision = page.save_revision(clean=False)
        log(instance=page, action=TIDY_LOG_ACTION, revision=revision, content_changed=True, data={"changed": labels})
        revision.publish(skip_permission_checks=True)
        self.report.updated.append((page.code, labels))


def tidy_catalogue(*, dry_run=False, progress=None) -> TidyReport:
    """Bring every live procedure and agency row to what today's import rules make of them."""
    report = TidyReport()
    with transaction.atomic():
        tidier = _Tidier(report)
        pages = (
            ProcedurePage.objects.live()
            .select_related("implementing_agency")
            .prefetch_related("other_agencies")
            .order_by("code", "pk")
        )
        planned = []
        for page in pages.iterator(chunk_size=200):
            report.pages += 1
            changes = tidier.wanted(page)
            if not changes:
                continue
            if page.has_unpublished_changes:
                report.skipped_drafts.append(page.code)
                continue
            planned.append((page.pk, changes))
        if dry_run:
            report.updated = [(ProcedurePage.objects.get(pk=pk).code, sorted(c)) for pk, c in planned]
            transaction.set_rollback(True)
            return report
        tidier.refs.create_pending()
        for done, (pk, changes) in enumerate(planned, start=1):
            page = ProcedurePage.objects.get(pk=pk).specific
            tidier.apply(page, changes)
            if progress:
                progress(done, len(planned))
        report.agencies_described = _describe_agencies(tidier.refs)
        report.agencies_removed = _remove_combined_orphans()
    return report


def _merge_spellings():
    """One row per agency entity: rows whose names are the same entity ("Công an cấp Xã", "Công an
    cấp xã") keep the row already spelt canonically (else the oldest), renamed to the canonical
    spelling. Returns {match key: kept row}; the page pass then points every page at the kept rows and
    `_remove_combined_orphans` deletes the others once no page uses them."""
    groups = {}
    for agency in Agency.objects.order_by("pk"):
        names = normalise_agencies(agency.name)
        if len(names) == 1:
            groups.setdefault(match_key(names[0].name), (names[0].name, []))[1].append(agency)
    keepers = {}
    for key, (canonical, rows) in groups.items():
        keeper = next((row for row in rows if row.name == canonical), rows[0])
        if keeper.name != canonical:
            keeper.name = canonical
            keeper.save(update_fields=["name"])
        keepers[key] = keeper
    return keepers


def _describe_agencies(refs):
    """Level and other province of agency rows whose name tells them and whose row does not say yet."""
    levels = refs.known["level"]
    count = 0
    for agency in Agency.objects.filter(level__isnull=True) | Agency.objects.filter(other_province=""):
        names = normalise_agencies(agency.name)
        if len(names) != 1 or match_key(names[0].name) != match_key(agency.name):
            continue
        facts = names[0]
        changes = {}
        level = levels.get(match_key(facts.level)) if facts.level else None
        if level is not None and agency.level_id is None:
            changes["level"] = level
        other = refs.outside_province(facts)
        if other and not agency.other_province:
            changes["other_province"] = other
        if changes:
            Agency.objects.filter(pk=agency.pk).update(**changes)
            count += 1
    return count


def _remove_combined_orphans():
    """Agency rows no procedure uses whose name is several agencies, a non-canonical spelling or a second
    spelling of another row: the published strings before the import split and spelt them."""
    removed = []
    unused = Agency.objects.filter(procedures__isnull=True, shared_procedures__isnull=True).distinct()
    canonical = {}
    for agency in Agency.objects.order_by("pk"):
        canonical.setdefault(match_key(agency.name), agency.pk)
    for agency in unused:
        names = normalise_agencies(agency.name)
        if len(names) == 1 and names[0].name == agency.name and canonical[match_key(agency.name)] == agency.pk:
            continue  # a canonical entity an editor may use later
        removed.append(agency.name)
        agency.delete()
    return removed
