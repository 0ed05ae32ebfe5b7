"""Permission matrix: every editorial group against every section of the portal.

Allowed actions succeed; forbidden ones answer 403 or send the user away (absent from the admin);
nothing answers 500.
"""

import importlib
import importlib.util
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from units import roles

from home.models import ContentPage, DepartmentPage, HomePage, WardHomePage
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db

OWN, OTHER = "phuong-sao-do", "phuong-ben-tam"

# (role label, how to find its group)
ROLES = {
    "city_news": lambda: Group.objects.get(name=roles.CITY_NEWS_EDITORS),
    "catalogue_editor": lambda: Group.objects.get(name=roles.CATALOGUE_EDITORS),
    "catalogue_approver": lambda: Group.objects.get(name=roles.CATALOGUE_APPROVERS),
    "moderator": lambda: Group.objects.get(name=roles.MODERATORS),
    "reports": lambda: Group.objects.get(name=roles.REPORTERS),
    "ward_editor": lambda: roles.ward_groups(WardHomePage.objects.get(slug=OWN))[0],
    "ward_leader": lambda: roles.ward_groups(WardHomePage.objects.get(slug=OWN))[1],
}

# section -> roles allowed to edit there
EDIT_ALLOWED = {
    "city_page": {"city_news", "moderator"},
    "own_ward": {"ward_editor", "ward_leader"},
    "other_ward": set(),
    "catalogue": {"catalogue_editor", "catalogue_approver"},
}
PUBLISH_ALLOWED = {
    "city_page": {"moderator"},
    "own_ward": {"ward_leader"},
    "other_ward": set(),
    "catalogue": {"catalogue_approver"},
}
REPORTS_ALLOWED = {"reports"}


@pytest.fixture
def portal(demo_site):
    home = HomePage.objects.get()
    sections = {
        "city_page": ContentPage.objects.child_of(home).get(slug="gioi-thieu"),
        "own_ward": WardHomePage.objects.get(slug=OWN),
        "other_ward": WardHomePage.objects.get(slug=OTHER),
    }
    from procedures.models import ProcedureIndexPage

    catalogue = ProcedureIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    sections["catalogue"] = catalogue
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    return sections


def member_of(role):
    user = get_user_model().objects.create_user(f"test-{role}", f"{role}@example.invalid", "x" * 16)
    user.groups.add(ROLES[role]())
    return user


def sign_in(client, user):
    """Log in with a confirmed authenticator app, as the two-factor step would."""
    login_with_second_factor(client, user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_setup_roles_is_idempotent(portal):
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    ) == counts
    # 5 city groups + 2 per unit
    units = WardHomePage.objects.count() + DepartmentPage.objects.count()  # wards and departments alike
    assert Group.objects.filter(name__startswith="Biên tập viên ").count() == units
    assert Group.objects.filter(name__startswith="Lãnh đạo ").count() == units


def check_page_access(client, user, role, section, page):
    """Mismatches between what the role may do in the section and what the admin lets it do."""
    problems = []
    allowed = role in EDIT_ALLOWED[section]
    for url in (f"/quan-tri/pages/{page.pk}/edit/", f"/quan-tri/pages/add/home/contentpage/{page.pk}/"):
        if "/add/" in url and section == "catalogue":
            continue  # the catalogue only takes procedure pages: checked through the edit view
        status = client.get(url).status_code
        if status == 500 or (allowed and status != 200) or (not allowed and status not in (302, 403)):
            problems.append(f"{role} {section} GET {url} → {status}")
    perms = page.permissions_for_user(user)
    if perms.can_edit() != allowed:
        problems.append(f"{role} {section} can_edit={perms.can_edit()}")
    if perms.can_publish() != (role in PUBLISH_ALLOWED[section]):
        problems.append(f"{role} {section} can_publish={perms.can_publish()}")
    return problems


def test_permission_matrix(client, portal):
    """Every group × every section (city pages, own ward, another ward, catalogue, other wards'
    feedback, reports), in one pass because the demo site takes seconds to build."""
    problems = []
    own, other = portal["own_ward"], portal["other_ward"]
    for role in ROLES:
        user = member_of(role)
        sign_in(client, user)
        for section in EDIT_ALLOWED:
            problems += check_page_access(client, user, role, section, portal[section])
        # Reports: allowed → 200 and in the menu; forbidden → 403 or sent away, and not in the menu.
        status = client.get("/quan-tri/bao-cao/").status_code
        menu = client.get("/quan-tri/").content.decode()
        if role in REPORTS_ALLOWED:
            if status != 200 or "/quan-tri/bao-cao/" not in menu:
                problems.append(f"{role} reports → {status}")
        elif status not in (302, 403) or "/quan-tri/bao-cao/" in menu:
            problems.append(f"{role} reports → {status} (menu shown: {'/quan-tri/bao-cao/' in menu})")
        # Feedback of other wards: ward groups see their own ward only; moderators all; others none.
        mine = set(roles.wards_for_user(user).values_list("pk", flat=True))
        expected_ok = (
            mine == {own.pk}
            if role in ("ward_editor", "ward_leader")
            else ({own.pk, other.pk} <= mine if role == "moderator" else mine == set())
        )
        if not expected_ok:
            problems.append(f"{role} units wards_for_user={sorted(mine)[:3]}")
        if apps.is_installed("hotline") and importlib.util.find_spec("hotline.permissions"):
            hotline_permissions = importlib.import_module("hotline.permissions")

            user = get_user_model().objects.get(pk=user.pk)  # fresh permission cache
            scope = hotline_permissions.wards_for_user(user)
            if role in ("ward_editor", "ward_leader"):
                ok = scope == {own.pk}
            elif role in ("moderator", "catalogue_editor"):  # catalogue editors read every unit's
                ok = scope is None
            else:
                ok = not scope
            if not ok:
                problems.append(f"{role} hotline scope={scope}")
        client.logout()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ["ward_editor", "ward_leader"])
def test_ward_editor_explorer_shows_only_own_ward(client, portal, role):
    sign_in(client, member_of(role))
    other = portal["other_ward"]
    listing = client.get(f"/quan-tri/pages/{portal['own_ward'].get_parent().pk}/")
    assert listing.status_code in (200, 302)
    response = client.get(f"/quan-tri/pages/{other.pk}/")
    assert response.status_code != 500
    if response.status_code == 200:
        assert f"/quan-tri/pages/{other.pk}/edit/" not in response.content.decode()


def test_checklist_is_per_ward(client, portal):
    sign_in(client, member_of("ward_editor"))
    response = client.get("/quan-tri/trang-don-vi/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Phường Sao Đỏ" in text and "Phường Bến Tắm" not in text
    assert "Tổ chức bộ máy và lãnh đạo" in text and "Còn thiếu" in text
    sign_in(client, member_of("reports"))
    assert client.get("/quan-tri/trang-don-vi/").status_code in (302, 403)


def test_catalogue_editors_read_all_feedback_about_procedures_but_do_not_handle_it(client, portal):
    """Catalogue editors see what citizens say about procedures, from every unit (view, never change);
    because that shows senders' contact details, they sign in with two factors (as every admin account)."""
    from accounts.models import requires_two_factor

    from hotline.factories import FeedbackSubmissionFactory
    from hotline.models import FeedbackSubmission
    from procedures.models import ProcedurePage

    group = Group.objects.get(name=roles.CATALOGUE_EDITORS)
    codenames = set(group.permissions.filter(content_type__app_label="hotline").values_list("codename", flat=True))
    assert codenames == {"view_feedbacksubmission", "view_all_feedback"}
    member = get_user_model().objects.create_user("bientap.danhmuc")
    member.groups.add(group)
    assert requires_two_factor(member)

    # Idempotent, and an administrator's removal is corrected like any other drift.
    group.permissions.remove(*group.permissions.filter(codename="view_all_feedback"))
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    assert group.permissions.filter(content_type__app_label="hotline").count() == 2

    procedure = ProcedurePage.objects.live().first()
    about_procedure = FeedbackSubmissionFactory(ward=portal["other_ward"], procedure=procedure)
    city = FeedbackSubmissionFactory(ward=None)
    user = member_of("catalogue_editor")
    sign_in(client, user)
    listing = client.get(f"/quan-tri/phan-anh/?procedure={procedure.pk}")
    assert listing.status_code == 200
    assert about_procedure.tracking_code in listing.content.decode()
    assert city.tracking_code in client.get("/quan-tri/phan-anh/").content.decode()
    assert client.get(f"/quan-tri/phan-anh/inspect/{about_procedure.pk}/").status_code == 200
    # The procedure's admin page links to its feedback.
    edit = client.get(f"/quan-tri/pages/{procedure.pk}/edit/").content.decode()
    assert f"/quan-tri/phan-anh/?procedure={procedure.pk}" in edit

    # Reading only: no edit, no delete, and nothing changed by a forged post.
    for url in (f"/quan-tri/phan-anh/edit/{about_procedure.pk}/", f"/quan-tri/phan-anh/delete/{about_procedure.pk}/"):
        response = client.get(url)
        assert response.status_code == 403 or (
            response.status_code == 302 and response["Location"] == "/quan-tri/"
        ), (url, response.status_code)
    response = client.post(
        f"/quan-tri/phan-anh/edit/{about_procedure.pk}/", {"status": FeedbackSubmission.Status.REJECTED}
    )
    assert response.status_code in (302, 403)
    about_procedure.refresh_from_db()
    assert about_procedure.status == FeedbackSubmission.Status.RECEIVED


def wagtail_defaults():
    """Wagtail's default groups, workflow and task (created by its migrations), by their ids."""
    from wagtail.models import Task, Workflow, WorkflowPage

    root_workflow = WorkflowPage.objects.get(page__depth=1).workflow
    moderators = root_workflow.tasks.get().specific.groups.get()
    editors = Group.objects.get(name="Biên tập viên")
    return {
        "moderators": moderators,
        "editors": editors,
        "workflow": Workflow.objects.get(pk=root_workflow.pk),
        "task": Task.objects.get(pk=root_workflow.tasks.get().pk),
    }


def test_wagtail_default_names_become_vietnamese_once(portal):
    from wagtail.models import GroupPagePermission, Task, Workflow

    # load_demo already applied the roles: Wagtail's defaults carry Vietnamese names, same objects.
    items = wagtail_defaults()
    assert items["moderators"].name == "Kiểm duyệt viên"
    assert items["workflow"].name == "Phê duyệt của kiểm duyệt viên"
    assert items["task"].name == "Phê duyệt của kiểm duyệt viên"
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    # Only renamed: Wagtail's page permissions on the root stay with the same groups.
    assert GroupPagePermission.objects.filter(group=items["moderators"], page__depth=1).exists()
    assert GroupPagePermission.objects.filter(group=items["editors"], page__depth=1).exists()
    # "Biên tập viên" alone is no ward's editors group: its members handle no ward's feedback.
    from hotline.permissions import wards_for_user as hotline_wards

    user = get_user_model().objects.create_user("bt-chung", "btc@example.invalid", "x" * 16)
    user.groups.add(items["editors"])
    assert hotline_wards(user) == set() and not roles.wards_for_user(user).exists()

    # An existing install still in English: renamed by setup_roles, and a second run changes nothing.
    Group.objects.filter(pk=items["moderators"].pk).update(name="Moderators")
    Group.objects.filter(pk=items["editors"].pk).update(name="Editors")
    Workflow.objects.filter(pk=items["workflow"].pk).update(name="Moderators approval")
    Task.objects.filter(pk=items["task"].pk).update(name="Moderators approval")
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    assert "Đổi tên nhóm mặc định của Wagtail: Moderators → Kiểm duyệt viên" in out.getvalue()
    assert {k: v.name for k, v in wagtail_defaults().items()} == {
        "moderators": "Kiểm duyệt viên",
        "editors": "Biên tập viên",
        "workflow": "Phê duyệt của kiểm duyệt viên",
        "task": "Phê duyệt của kiểm duyệt viên",
    }
    names = sorted(Group.objects.values_list("name", flat=True))
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    assert "Đổi tên" not in out.getvalue()
    assert sorted(Group.objects.values_list("name", flat=True)) == names

    # Names an administrator chose are never touched, nor is a Vietnamese name someone already took.
    Group.objects.filter(pk=items["moderators"].pk).update(name="Moderators – Sở Nội vụ")
    Workflow.objects.filter(pk=items["workflow"].pk).update(name="Quy trình duyệt chung")
    taken = Group.objects.create(name="Kiểm duyệt viên")
    english = Group.objects.create(name="Moderators")
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    assert Group.objects.get(pk=items["moderators"].pk).name == "Moderators – Sở Nội vụ"
    assert Workflow.objects.get(pk=items["workflow"].pk).name == "Quy trình duyệt chung"
    assert Group.objects.get(pk=taken.pk).name == "Kiểm duyệt viên"
    assert Group.objects.get(pk=english.pk).name == "Moderators"
    assert "Giữ nguyên nhóm “Moderators”: đã có nhóm tên “Kiểm duyệt viên”" in out.getvalue()
