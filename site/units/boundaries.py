"""Administrative boundary changes: rename a ward, or merge several wards into one.

Content moves under the resulting unit (pages are moved, never copied), every old URL gets a
permanent redirect, the old units' editors and leaders join the resulting unit's groups, and the
resulting unit's page lists the former names.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site, WorkflowPage

from home.models import HomePage, WardHomePage
from units.models import UnitGroup
from units.roles import apply_ward, ward_groups


class BoundaryError(Exception):
    """A request that cannot be carried out; the message is for the user."""


@dataclass
class ChangeReport:
    target: WardHomePage = None
    moved_pages: int = 0
    redirects: int = 0
    members_moved: int = 0
    removed_units: list = field(default_factory=list)
    archived_units: list = field(default_factory=list)
    records_moved: int = 0


def _paths(page):
    """Site-relative paths of a page and all its descendants, keyed by page id."""
    result = {}
    for p in page.get_descendants(inclusive=True).specific(defer=True):
        parts = p.get_url_parts()
        if parts:
            result[p.pk] = (parts[0], parts[2])  # (site id, path)
    return result


def _redirect(site_id, old_path, page, report):
    old_path = Redirect.normalise_path(old_path)
    site = Site.objects.filter(pk=site_id).first()
    existing = Redirect.objects.filter(old_path=old_path, site=site).first()
    if existing is None:
        Redirect.objects.create(old_path=old_path, site=site, redirect_page=page, is_permanent=True)
        report.redirects += 1
    elif existing.redirect_page_id != page.pk or not existing.is_permanent:
        existing.redirect_page = page
        existing.redirect_link = ""
        existing.is_permanent = True
        existing.save()
        report.redirects += 1


def _add_former(ward, names):
    lines = ward.former_name_list
    for name in names:
        if name not in lines and name != ward.title:
            lines.append(name)
    ward.former_names = "\n".join(lines)


def _publish(ward, user=None):
    revision = ward.save_revision(user=user, log_action=True)
    if ward.live:
        revision.publish(user=user)


def _repoint_records(source, target, report):
    """Move the domain apps' records that point at the old unit (news results, feedback, plan
    tasks…) to the resulting unit. False when one cannot move (a uniqueness clash)."""
    ok = True
    seen = set()
    relations = [
        f
        for model in (Page, WardHomePage)
        for f in model._meta.get_fields(include_hidden=True)  # related_name="+" relations are hidden
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]
    for rel in relations:
        model = rel.related_model
        # Wagtail's own tables are handled above or follow the page; search entries are rebuilt.
        if (
            model._meta.app_label.startswith("wagtail")
            or model._meta.app_label == "search"
            or model is UnitGroup
        ):
            continue
        if issubclass(model, Page) or (model, rel.field.name) in seen:
            continue
        seen.add((model, rel.field.name))
        name = rel.field.name
        for obj in model._base_manager.filter(**{name: source.pk}):
            try:
                with transaction.atomic():
                    setattr(obj, rel.field.attname, target.pk)
                    obj.save(update_fields=[name])
                report.records_moved += 1
            except IntegrityError:
                ok = False
    return ok


def _free_slug(parent, slug):
    candidate, n = slug, 2
    while parent.get_children().filter(slug=candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def _kind_and_name(text, kind, *, default):
    """The unit kind and bare name of a name typed with or without its kind ("Phường Chu Văn An" or
    "Chu Văn An"); a typed kind that contradicts the kind asked for is refused."""
    typed, name = WardHomePage.split_name(text)
    if typed and kind and typed != kind:
        labels = dict(WardHomePage.UnitKind.choices)
        raise BoundaryError(f"Tên “{text.strip()}” là {labels[typed].lower()}, nhưng đơn vị được chọn là {labels[kind].lower()}.")
    return typed or kind or default, name


@transaction.atomic
def rename_ward(ward, new_name, *, kind=None, new_slug=None, user=None):
    """Rename a ward: new title and slug; old URLs answer 301; groups and workflow follow the name."""
    ward = WardHomePage.objects.select_for_update().get(pk=ward.pk)
    kind, new_name = _kind_and_name(new_name, kind, default=ward.unit_kind)
    label = dict(WardHomePage.UnitKind.choices)[kind]
    if not new_name:
        raise BoundaryError("Tên mới của đơn vị không được để trống.")
    title = f"{label} {new_name}"
    if title == ward.title:
        raise BoundaryError(f"Đơn vị đã mang tên “{title}”.")
    report = ChangeReport(target=ward)
    old_paths = _paths(ward)
    old_title = ward.title
    parent = ward.get_parent()
    slug = new_slug or WardHomePage.slug_for(kind, new_name)
    if parent.get_children().filter(slug=slug).exclude(pk=ward.pk).exists():
        raise BoundaryError(f"Đã có trang khác dùng địa chỉ “{slug}”.")
    ward.title, ward.unit_name, ward.unit_kind, ward.slug = title, new_name, kind, slug
    _add_former(ward, [old_title])
    _publish(ward, user)
    ward.refresh_from_db()
    for page in ward.get_descendants(inclusive=True).specific(defer=True):
        if page.pk in old_paths:
            site_id, path = old_paths[page.pk]
            if page.get_url_parts() and page.get_url_parts()[2] != path:
                _redirect(site_id, path, page, report)
    apply_ward(ward)
    return report


@transaction.atomic
def merge_wards(sources, target=None, *, new_name=None, kind=None, user=None):
    """Merge the source wards into target (an existing ward, possibly one of the sources) or into a
    new ward called new_name (a ward unless kind or the name says commune). Returns a ChangeReport."""
    sources = [WardHomePage.objects.select_for_update().get(pk=s.pk) for s in sources]
    if target is None:
        kind, new_name = _kind_and_name(new_name, kind, default=WardHomePage.UnitKind.WARD)
    if target is None and not new_name:
        raise BoundaryError("Cần chọn đơn vị nhận sáp nhập hoặc đặt tên đơn vị mới.")
    home = HomePage.objects.first()
    if target is None:
        label = dict(WardHomePage.UnitKind.choices)[kind]
        title = f"{label} {new_name}"
        if WardHomePage.objects.filter(title=title).exists():
            raise BoundaryError(f"Đã có đơn vị “{title}”: chọn đơn vị đó làm đơn vị nhận sáp nhập.")
        first = sources[0]
        target = WardHomePage(
            title=title,
            slug=_free_slug(home, WardHomePage.slug_for(kind, new_name)),
            unit_kind=kind,
            unit_name=new_name,
            intro=f"<p>Trang thông tin của UBND {title[0].lower() + title[1:]}.</p>",
            address=first.address,
            phone=first.phone,
            hotline=first.hotline,
            email=first.email,
            desk_address=first.desk_address,
            office_hours=first.office_hours,
            map_url=first.map_url,
        )
        home.add_child(instance=target)
        target.save_revision(user=user).publish(user=user)
    else:
        target = WardHomePage.objects.select_for_update().get(pk=target.pk)
    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        raise BoundaryError("Cần ít nhất một đơn vị khác với đơn vị nhận sáp nhập.")
    report = ChangeReport(target=target)
    target_editors, target_leaders = ward_groups(target)
    formers = []

    for source in sources:
        old_paths = _paths(source)
        # Children first: each move keeps its subtree; a clashing slug gets the old unit's slug appended.
        for child in source.get_children().specific(defer=True):
            if target.get_children().filter(slug=child.slug).exists():
                child.slug = _free_slug(target, f"{child.slug}-{source.slug}")
                child.save(update_fields=["slug", "url_path"])
                if child.live:
                    child.save_revision(user=user).publish(user=user)
            child.move(target, pos="last-child", user=user)
            report.moved_pages += child.get_descendants(inclusive=True).count()
        Redirect.objects.filter(redirect_page=source).update(redirect_page=target)

        # People follow the unit: old editors/leaders join the resulting unit's groups.
        for link in UnitGroup.objects.filter(ward=source).select_related("group"):
            destination = target_editors if link.role == UnitGroup.Role.EDITORS else target_leaders
            members = list(link.group.user_set.all())
            destination.user_set.add(*members)
            report.members_moved += len(members)
            link.group.delete()
        for wp in WorkflowPage.objects.filter(page=source).select_related("workflow"):
            workflow = wp.workflow
            wp.delete()
            if not WorkflowPage.objects.filter(workflow=workflow).exists():
                workflow.deactivate(user=user)
        formers += [source.title, *source.former_name_list]
        report.removed_units.append(source.title)
        if _repoint_records(source, target, report):
            source.delete()
        else:
            # Some record could not move (e.g. both units reported the same month): keep the old unit
            # unpublished under another address so that record is not lost.
            source.slug = _free_slug(home, f"{source.slug}-truoc-sap-nhap")
            source.save(update_fields=["slug", "url_path"])
            if source.live:
                source.unpublish(user=user)
            report.archived_units.append(source.title)

        target.refresh_from_db()
        moved = {p.pk: p for p in target.get_descendants().specific(defer=True)}
        for page_id, (site_id, path) in old_paths.items():
            page = moved.get(page_id, target)  # the old unit's own page goes to the new unit
            _redirect(site_id, path, page, report)

    target.refresh_from_db()
    _add_former(target, formers)
    _publish(target, user)
    apply_ward(target)
    return report


def find_ward(identifier):
    """A ward by slug, page id or exact title; a clear Vietnamese error otherwise."""
    queryset = WardHomePage.objects.all()
    ward = queryset.filter(slug=identifier).first() or queryset.filter(title=identifier).first()
    if ward is None and str(identifier).isdigit():
        ward = queryset.filter(pk=int(identifier)).first()
    if ward is None:
        raise BoundaryError(
            f"Không tìm thấy phường, xã “{identifier}” (nhập địa chỉ trang, mã trang hoặc tên đầy đủ)."
        )
    return ward


__all__ = ["rename_ward", "merge_wards", "find_ward", "BoundaryError"]
