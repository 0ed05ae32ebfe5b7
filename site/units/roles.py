"""Editorial groups, their page and model permissions, and the approval workflows.

apply_roles() is idempotent: it creates what is missing, corrects what drifted and leaves extra
members and extra permissions added by administrators alone (except on the ward and department
subtree scopes, which it owns).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, GroupPagePermission, Task, Workflow, WorkflowPage, WorkflowTask

from core.installed import installed_model
from core.models import PublicHoliday
from home.models import DepartmentIndexPage, DepartmentPage, HomePage, WardHomePage
from units.models import DepartmentGroup, PlanTask, UnitGroup

CITY_NEWS_EDITORS = "Biên tập tin tức thành phố"
CATALOGUE_EDITORS = "Biên tập danh mục TTHC"
CATALOGUE_APPROVERS = "Phê duyệt danh mục TTHC"
MODERATORS = "Kiểm duyệt thành phố"
REPORTERS = "Phòng Nội vụ - Báo cáo"
CITY_GROUPS = [CITY_NEWS_EDITORS, CATALOGUE_EDITORS, CATALOGUE_APPROVERS, MODERATORS, REPORTERS]

EDIT = ["add_page", "change_page"]
PUBLISH = EDIT + ["publish_page", "lock_page", "unlock_page"]

CITY_WORKFLOW = "Duyệt nội dung thành phố"
CATALOGUE_WORKFLOW = "Duyệt danh mục thủ tục hành chính"

# Wagtail's migrations create these in English; editors work in Vietnamese. Renamed only while they
# still carry Wagtail's default name, so a name an administrator chose is never touched.
WAGTAIL_DEFAULT_NAMES = [
    (Group, "nhóm", "Moderators", "Kiểm duyệt viên"),
    (Group, "nhóm", "Editors", "Biên tập viên"),
    (Workflow, "quy trình", "Moderators approval", "Phê duyệt của kiểm duyệt viên"),
    # The default workflow's only task has the same English name and shows in the moderation lists.
    (Task, "bước duyệt", "Moderators approval", "Phê duyệt của kiểm duyệt viên"),
]


def editors_group_name(ward):
    return f"Biên tập viên {ward.title}"


def leaders_group_name(ward):
    return f"Lãnh đạo {ward.title}"


def ward_workflow_name(ward):
    return f"Duyệt nội dung {ward.title}"


_PERMS = {}


def _perm(codename, app_label="wagtailcore"):
    # Permission rows never change within a run; setup_roles asks for the same few hundreds of times.
    key = (app_label, codename)
    if key not in _PERMS:
        _PERMS[key] = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return _PERMS[key]


def _model_perms(model, actions):
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return list(
        Permission.objects.filter(
            content_type=ct, codename__in=[f"{a}_{model._meta.model_name}" for a in actions]
        )
    )


def _page_perms(group, page, codenames):
    have = set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission_id", flat=True)
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=page, permission=_perm(c))
            for c in codenames
            if _perm(c).pk not in have
        ]
    )


def _group(name, log=None):
    group, created = Group.objects.get_or_create(name=name)
    group.permissions.add(_perm("access_admin", "wagtailadmin"))
    if created and log:
        log(f"Nhóm mới: {name}")
    return group


_catalogue_page_types = []


def register_catalogue_page_type(model):
    """Called by the catalogue app's ready(): pages of `model` under the city home are catalogue roots,
    edited by the catalogue groups and approved in the catalogue workflow."""
    if model not in _catalogue_page_types:
        _catalogue_page_types.append(model)


def catalogue_pages(home):
    """Catalogue roots under the city home (none when no catalogue app registered its page type)."""
    return [page for model in _catalogue_page_types for page in model.objects.child_of(home)]


def city_section_pages(home):
    """City content outside the wards, the departments and the catalogue: news, documents, radio,
    theme and generic pages. The departments' index is left out because page permissions pass down
    the tree: city editors on it would edit every department."""
    excluded = {p.pk for p in catalogue_pages(home)}
    children = home.get_children().not_type(WardHomePage, DepartmentIndexPage)
    return [p for p in children if p.pk not in excluded]


def _hotline_models():
    if not apps.is_installed("hotline"):
        return []
    return list(apps.get_app_config("hotline").get_models())


def _feedback_model():
    return installed_model("hotline", "FeedbackSubmission")


def _snippet_models(app_label):
    if not apps.is_installed(app_label):
        return []
    from wagtail.snippets.models import get_snippet_models

    return [m for m in get_snippet_models() if m._meta.app_label == app_label]


def _approval_workflow(name, task_name, groups, pages):
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=task_name).first() or GroupApprovalTask.objects.create(
        name=task_name
    )
    task.groups.set(groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _linked_groups(link_model, owner_field, unit, log=None):
    """The (editors, leaders) groups linked to a ward or department page, created or renamed to its title."""
    result = []
    for role, name in (
        (UnitGroup.Role.EDITORS, editors_group_name(unit)),
        (UnitGroup.Role.LEADERS, leaders_group_name(unit)),
    ):
        link = link_model.objects.filter(**{owner_field: unit, "role": role}).select_related("group").first()
        if link is None:
            group = _group(name, log)
            link_model.objects.update_or_create(group=group, defaults={owner_field: unit, "role": role})
        else:
            group = link.group
            if group.name != name:
                if log:
                    log(f"Đổi tên nhóm: {group.name} → {name}")
                group.name = name
                group.save(update_fields=["name"])
            group.permissions.add(_perm("access_admin", "wagtailadmin"))
        result.append(group)
    return tuple(result)


def ward_groups(ward, log=None):
    """The (editors, leaders) groups of a ward, created or renamed to its current title."""
    return _linked_groups(UnitGroup, "ward", ward, log)


def department_groups(department, log=None):
    """The (editors, leaders) groups of a department, created or renamed to its current title."""
    return _linked_groups(DepartmentGroup, "department", department, log)


def _apply_subtree(unit, editors, leaders):
    """The unit's page is the only page scope of its two groups; its leaders approve its workflow."""
    GroupPagePermission.objects.filter(group__in=[editors, leaders]).exclude(page=unit).delete()
    _page_perms(editors, unit, EDIT)
    _page_perms(leaders, unit, PUBLISH)
    workflow = _approval_workflow(
        ward_workflow_name(unit), f"Lãnh đạo {unit.title} phê duyệt", [leaders], [unit]
    )
    # A renamed unit keeps its workflow: rename it too.
    for wp in WorkflowPage.objects.filter(page=unit).exclude(workflow=workflow):
        wp.workflow = workflow
        wp.save()


def apply_ward(ward, log=None):
    editors, leaders = ward_groups(ward, log)
    _apply_subtree(ward, editors, leaders)
    feedback = _feedback_model()
    if feedback is not None:
        # hotline.permissions scopes these to the ward by group name ("Biên tập viên <ward>").
        for group in (editors, leaders):
            group.permissions.add(*_model_perms(feedback, ["view", "change"]))
    return editors, leaders


def apply_department(department, log=None):
    """A department is kept like a ward: its editors write, its leaders publish and approve, nothing else."""
    editors, leaders = department_groups(department, log)
    _apply_subtree(department, editors, leaders)
    return editors, leaders


def translate_wagtail_defaults(log=None):
    """Give Wagtail's default groups, workflow and task their Vietnamese names; returns how many."""
    renamed = 0
    for model, label, english, vietnamese in WAGTAIL_DEFAULT_NAMES:
        for obj in model.objects.filter(name=english):
            if model.objects.filter(name=vietnamese).exists():
                # Someone already uses the Vietnamese name: two look-alikes would confuse editors.
                if log:
                    log(f"Giữ nguyên {label} “{english}”: đã có {label} tên “{vietnamese}”")
                continue
            obj.name = vietnamese
            obj.save(update_fields=["name"])
            renamed += 1
            if log:
                log(f"Đổi tên {label} mặc định của Wagtail: {english} → {vietnamese}")
    return renamed


def apply_roles(log=None):
    """Create or correct every group, permission, two-factor policy and workflow. Returns a summary."""
    _PERMS.clear()  # a test database may have recreated them
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Chưa có trang chủ thành phố: chạy load_demo hoặc tạo trang chủ trước.")
    renamed = translate_wagtail_defaults(log)
    groups = {name: _group(name, log) for name in CITY_GROUPS}
    city_pages = city_section_pages(home)
    catalogue = catalogue_pages(home)

    for page in city_pages:
        _page_perms(groups[CITY_NEWS_EDITORS], page, EDIT)
        _page_perms(groups[MODERATORS], page, PUBLISH)
    for page in catalogue:
        _page_perms(groups[CATALOGUE_EDITORS], page, EDIT)
        _page_perms(groups[CATALOGUE_APPROVERS], page, PUBLISH)

    for model in _snippet_models("procedures"):
        groups[CATALOGUE_EDITORS].permissions.add(*_model_perms(model, ["view", "add", "change"]))
        groups[CATALOGUE_APPROVERS].permissions.add(*_model_perms(model, ["view", "add", "change", "delete"]))
    for model in _snippet_models("news"):
        groups[CITY_NEWS_EDITORS].permissions.add(*_model_perms(model, ["view", "add", "change"]))
        groups[MODERATORS].permissions.add(*_model_perms(model, ["view", "add", "change", "delete"]))
    for model in [*_hotline_models(), PublicHoliday]:  # the holiday calendar counts feedback deadlines
        groups[MODERATORS].permissions.add(*_model_perms(model, ["view", "add", "change", "delete"]))
    groups[MODERATORS].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="hotline", codename__in=["view_all_feedback", "publish_feedback"]
        )
    )
    feedback = _feedback_model()
    if feedback is not None:
        # Catalogue editors read what citizens say about procedures, from every unit, without
        # handling it: view only (no change), and every unit's (hotline.permissions scopes by ward).
        groups[CATALOGUE_EDITORS].permissions.add(
            *_model_perms(feedback, ["view"]),
            *Permission.objects.filter(content_type__app_label="hotline", codename="view_all_feedback"),
        )
    groups[REPORTERS].permissions.add(_perm("view_reports", "units"))
    # Home affairs keeps the year's communication plan.
    groups[REPORTERS].permissions.add(*_model_perms(PlanTask, ["view", "add", "change", "delete"]))
    # Images and documents: editors upload into the shared collection (Wagtail's default).
    editing = [groups[n] for n in (CITY_NEWS_EDITORS, CATALOGUE_EDITORS, CATALOGUE_APPROVERS, MODERATORS)]

    wards = list(WardHomePage.objects.child_of(home).order_by("path"))
    for ward in wards:
        editing.extend(apply_ward(ward, log))
    departments = list(DepartmentPage.objects.descendant_of(home).order_by("path"))
    for department in departments:
        editing.extend(apply_department(department, log))
    _collection_perms(editing)

    _approval_workflow(CITY_WORKFLOW, "Kiểm duyệt thành phố phê duyệt", [groups[MODERATORS]], [home])
    if catalogue:
        _approval_workflow(
            CATALOGUE_WORKFLOW, "Phê duyệt danh mục TTHC", [groups[CATALOGUE_APPROVERS]], catalogue
        )

    summary = {
        "groups": Group.objects.filter(name__in=CITY_GROUPS).count()
        + UnitGroup.objects.count()
        + DepartmentGroup.objects.count(),
        "wards": len(wards),
        "departments": len(departments),
        "city_sections": len(city_pages),
        "catalogues": len(catalogue),
        "hotline_models": len(_hotline_models()),
        "renamed_defaults": renamed,
    }
    if log:
        log(
            "Phân quyền: {groups} nhóm, {wards} phường xã, {departments} phòng ban, "
            "{city_sections} chuyên mục thành phố, "
            "{catalogues} danh mục TTHC, {hotline_models} mô hình phản ánh".format(**summary)
        )
    return summary


def _collection_perms(groups):
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    codenames = [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ]
    perms = [_perm(code, app) for app, code in codenames]
    have = set(
        GroupCollectionPermission.objects.filter(group__in=groups, collection=root).values_list(
            "group_id", "permission_id"
        )
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=root, permission=perm)
            for group in groups
            for perm in perms
            if (group.pk, perm.pk) not in have
        ]
    )


def linked_ward_ids(user):
    """Ids of the wards whose editors' or leaders' groups (UnitGroup) the user is a member of: the one
    answer to "which wards are this user's", which each app narrows or widens by its own permission."""
    if not user.is_authenticated:
        return set()
    return set(UnitGroup.objects.filter(group__user=user).values_list("ward_id", flat=True))


def wards_for_user(user):
    """Wards whose content (and assigned citizen feedback) this user may handle."""
    if not user.is_authenticated:
        return WardHomePage.objects.none()
    if user.is_superuser or user.groups.filter(name__in=[MODERATORS]).exists():
        return WardHomePage.objects.all()
    return WardHomePage.objects.filter(pk__in=linked_ward_ids(user))


def can_view_reports(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("units.view_reports"))


__all__ = ["apply_roles", "apply_ward", "apply_department", "wards_for_user", "can_view_reports"]
