"""The reference rows an import names (fields, levels, agencies, online kinds, decisions): matched by
name, and the missing ones created, one INSERT per kind, when the plan is applied."""

from __future__ import annotations

from collections import defaultdict

from core.text import folded_slug
from procedures.importing.agencies import AgencyName
from procedures.importing.codes import match_key
from procedures.importing.constants import REFS
from procedures.importing.provinces import home_province
from procedures.models import (
    AnnouncingDecision,
)


def portal_province():
    """The province the portal belongs to, read from the default site's settings ("Tỉnh Hải Dương"
    as the parent unit, or the unit's own name for a provincial city); None when they do not say."""
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    settings = SiteSettings.for_site(site)
    return home_province(settings.parent_unit_name, settings.unit_name)


class ReferenceRows:
    """Reference snippets by name (compared case- and tone-placement-insensitively), created on apply."""

    LABELS = {
        "field": "lĩnh vực",
        "level": "cấp thực hiện",
        "implementing_agency": "cơ quan thực hiện",
        "online_service_kind": "mức độ dịch vụ công trực tuyến",
    }

    def __init__(self):
        self.known = {
            kind: {match_key(o.name): o for o in model.objects.all()} for kind, model in REFS.items()
        }
        self.pending: dict[str, dict[str, str]] = defaultdict(dict)
        self.agency_facts: dict[str, AgencyName] = {}  # agency key → what its name tells
        self.home_province = portal_province()
        self.decisions = {d.number: d for d in AnnouncingDecision.objects.all()}
        self.pending_decisions: dict[str, dict] = {}

    def want(self, kind, name):
        if not name:
            return None
        key = match_key(name)
        if key not in self.known[kind]:
            self.pending[kind].setdefault(key, name)
        return key

    def want_agency(self, agency: AgencyName):
        """The key of a canonical agency entity; its level and province are recorded on apply."""
        key = self.want("implementing_agency", agency.name)
        self.agency_facts.setdefault(key, agency)
        return key

    def outside_province(self, agency: AgencyName):
        """The other province an agency belongs to, or None when it is the portal's or unknown."""
        if agency.other_province and agency.other_province != self.home_province:
            return agency.other_province
        return None

    def name_of(self, kind, key):
        obj = self.known[kind].get(key)
        return obj.name if obj else self.pending[kind].get(key)

    def want_decision(self, number, date=None, issuer=None):
        number = " ".join((number or "").split())
        if not number:
            return None
        existing = self.decisions.get(number)
        wanted = self.pending_decisions.setdefault(number, {"date": None, "issuer": ""})
        if date and not (existing and existing.date):
            wanted["date"] = date
        if issuer and not (existing and existing.issuer):
            wanted["issuer"] = issuer[:255]
        return number

    def decision_date(self, number):
        if not number:
            return None
        existing = self.decisions.get(number)
        return (existing.date if existing else None) or self.pending_decisions.get(number, {}).get("date")

    def new_names(self) -> dict[str, list[str]]:
        out = {self.LABELS[k]: sorted(v.values()) for k, v in self.pending.items() if v}
        new_decisions = sorted(n for n in self.pending_decisions if n not in self.decisions)
        if new_decisions:
            out["quyết định công bố"] = new_decisions
        return out

    def create_pending(self) -> list:
        """Write the new reference rows, one INSERT per kind (a first import brings hundreds), and
        return them: Wagtail's admin search index, which their post_save would update one by one,
        follows after the commit with the pages'. No other listener cares about a new row: nothing
        refers to it yet."""
        created = []
        # Levels first: a new agency row names its level.
        for kind in sorted(self.pending, key=lambda kind: kind != "level"):
            names = self.pending[kind]
            model = REFS[kind]
            objs = [model(name=name[:255]) for name in names.values()]
            for obj in objs:
                if kind == "level":
                    obj.sort_order = 60
            self.known[kind].update(zip(names, objs, strict=True))
            if kind == "implementing_agency":
                self._describe_agencies({id(obj) for obj in objs})
            _give_slugs(model, objs)
            if kind == "level":
                for obj in objs:
                    obj.submit_at = model.SUBMIT_AT_BY_SLUG.get(obj.slug, obj.submit_at)
            model.objects.bulk_create(objs)
            created += objs
        if "implementing_agency" not in self.pending:
            self._describe_agencies(set())
        self.pending.clear()
        new = []
        for number, wanted in self.pending_decisions.items():
            decision = self.decisions.get(number)
            if decision is None:
                decision = AnnouncingDecision(number=number, date=wanted["date"], issuer=wanted["issuer"])
                self.decisions[number] = decision
                new.append(decision)
            elif (wanted["date"] and not decision.date) or (wanted["issuer"] and not decision.issuer):
                decision.date = decision.date or wanted["date"]
                decision.issuer = decision.issuer or wanted["issuer"]
                decision.save(update_fields=["date", "issuer"])
        AnnouncingDecision.objects.bulk_create(new)
        self.pending_decisions.clear()
        return created + new

    def _describe_agencies(self, new_rows):
        """Level and other province of the agencies this import names: set on the new rows before
        they are written, and on existing rows that do not say yet (an editor's choice stays)."""
        levels = self.known["level"]
        for key, facts in self.agency_facts.items():
            agency = self.known["implementing_agency"].get(key)
            if agency is None:
                continue
            level = levels.get(match_key(facts.level)) if facts.level else None
            other = self.outside_province(facts) or ""
            changes = {}
            if level is not None and agency.level_id is None:
                changes["level"] = level
            if other and not agency.other_province:
                changes["other_province"] = other
            for name, value in changes.items():
                setattr(agency, name, value)
            if changes and agency.pk and id(agency) not in new_rows:
                type(agency).objects.filter(pk=agency.pk).update(**changes)

    def get(self, kind, key):
        return self.known[kind].get(key) if key else None


def _give_slugs(model, objs):
    """The slugs `SluggedName.save()` gives new rows (the folded name, then -2, -3… while taken),
    with one read of the slugs in use instead of one query per row and try."""
    taken = set(model.objects.values_list("slug", flat=True))
    for obj in objs:
        base = folded_slug(obj.name)
        slug, n = base, 2
        while slug in taken:
            suffix = f"-{n}"  # the slug column holds 80 characters
            slug, n = base[: 80 - len(suffix)] + suffix, n + 1
        obj.slug = slug
        taken.add(slug)
