"""Department sub-sites: each department's editors work on its subtree only, its leaders approve.

A department's editor can write on the department's own pages and nothing else: not another department,
not a ward, not the city's pages or the departments' index; drafts wait in the department's workflow,
which only that department's leaders can approve. Checked through the admin views and Wagtail's
permission objects, on the demo site.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from units import roles
from units.models import DepartmentGroup
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from home.models import ContentPage, DepartmentIndexPage, DepartmentPage, HomePage, WardHomePage
from news.models import NewsIndexPage, ThemePage
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db

OWN, OTHER = "phong-tu-phap", "phong-kinh-te"


def quiet():
    return open("/dev/null", "w")


@pytest.fixture
def site(demo_site):
    home = HomePage.objects.get()
    return {
        "home": home,
        "index": DepartmentIndexPage.objects.get(),
        "own": DepartmentPage.objects.get(slug=OWN),
        "other": DepartmentPage.objects.get(slug=OTHER),
        "ward": WardHomePage.objects.get(slug="phuong-sao-do"),
        "city_page": ContentPage.objects.child_of(home).get(slug="gioi-thieu"),
        "city_theme": ThemePage.objects.child_of(home).get(slug="phong-chong-tham-nhung"),
        "city_news": NewsIndexPage.objects.child_of(home).get(),
    }


def member(group, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.invalid", "x" * 16)
    user.groups.add(group)
    return user


def test_setup_roles_gives_every_department_its_groups_scope_and_workflow(site):
    departments = list(DepartmentPage.objects.all())
    assert len(departments) == 4
    for department in departments:
        editors, leaders = roles.department_groups(department)
        assert (editors.name, leaders.name) == (f"Biên tập viên {department.title}", f"Lãnh đạo {department.title}")
        # The department's page is the only page these groups hold permissions on.
        assert set(GroupPagePermission.objects.filter(group__in=[editors, leaders]).values_list("page_id", flat=True)) == {
            department.pk
        }
        workflow = WorkflowPage.objects.get(page=department).workflow
        assert workflow.name == f"Duyệt nội dung {department.title}"
        assert list(workflow.tasks.get().specific.groups.all()) == [leaders]
    # No city group holds a permission on a department or on a page above it (page permissions pass down).
    above = site["own"].get_ancestors(inclusive=True)
    assert not GroupPagePermission.objects.filter(group__name__in=roles.CITY_GROUPS, page__in=above).exists()

    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count(), DepartmentGroup.objects.count())
    call_command("setup_roles", stdout=quiet())
    assert (
        Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count(), DepartmentGroup.objects.count()
    ) == counts

    # A renamed department keeps its groups and workflow, under the new name.
    own = site["own"]
    editors_before = roles.department_groups(own)[0].pk
    own.title = "Phòng Tư pháp - Hộ tịch"
    own.save_revision().publish()
    call_command("setup_roles", stdout=quiet())
    editors, leaders = roles.department_groups(DepartmentPage.objects.get(pk=own.pk))
    assert editors.pk == editors_before and editors.name == "Biên tập viên Phòng Tư pháp - Hộ tịch"
    assert WorkflowPage.objects.get(page=own).workflow.name == "Duyệt nội dung Phòng Tư pháp - Hộ tịch"
    assert Group.objects.count() == counts[0]


# (section, may the own department's editors edit it, may its leaders publish it)
SECTIONS = {
    "own": (True, True),
    "own_news": (True, True),
    "own_theme": (True, True),
    "other": (False, False),
    "other_theme": (False, False),
    "ward": (False, False),
    "city_page": (False, False),
    "city_theme": (False, False),
    "city_news": (False, False),
    "index": (False, False),
}


def test_a_department_editor_touches_only_its_own_department(client, site):
    own, other = site["own"], site["other"]
    pages = {
        **site,
        "own_news": NewsIndexPage.objects.child_of(own).get(),
        "own_theme": ThemePage.objects.child_of(own).get(),
        "other_theme": ThemePage.objects.child_of(other).get(),
    }
    editors, leaders = roles.department_groups(own)
    problems = []
    for role, group in (("editor", editors), ("leader", leaders)):
        user = member(group, f"tp-{role}")
        login_with_second_factor(client, user)
        for section, (edit, publish) in SECTIONS.items():
            page = pages[section]
            perms = page.permissions_for_user(user)
            if perms.can_edit() != edit:
                problems.append(f"{role} {section}: can_edit={perms.can_edit()}")
            if perms.can_publish() != (publish and role == "leader"):
                problems.append(f"{role} {section}: can_publish={perms.can_publish()}")
            for url in (f"/quan-tri/pages/{page.pk}/edit/", f"/quan-tri/pages/add/home/contentpage/{page.pk}/"):
                if "/add/" in url and not ContentPage.can_create_at(page):
                    continue
                status = client.get(url).status_code
                if (edit and status != 200) or (not edit and status not in (302, 403)):
                    problems.append(f"{role} {section}: GET {url} → {status}")
        client.logout()
    assert not problems, "\n".join(problems)


def test_a_forged_edit_of_another_department_changes_nothing(client, site):
    editor = member(roles.department_groups(site["own"])[0], "tp-bientap")
    login_with_second_factor(client, editor)
    other = site["other"]
    response = client.post(
        f"/quan-tri/pages/{other.pk}/edit/", {"title": "Đã bị sửa", "slug": other.slug, "action-publish": "1"}
    )
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Phòng Kinh tế" and other.get_latest_revision().content["title"] == "Phòng Kinh tế"
    # The city's groups do not reach the departments either.
    city_editor = member(Group.objects.get(name=roles.CITY_NEWS_EDITORS), "tp-city")
    moderator = member(Group.objects.get(name=roles.MODERATORS), "tp-moderator")
    for user in (city_editor, moderator):
        assert not other.permissions_for_user(user).can_edit()
        assert site["city_theme"].permissions_for_user(user).can_edit()  # the city's own themes stay theirs


def test_department_drafts_wait_for_that_departments_leaders(client, site):
    own = site["own"]
    editors, leaders = roles.department_groups(own)
    editor, leader = member(editors, "tp-bt"), member(leaders, "tp-ld")
    other_leader = member(roles.department_groups(site["other"])[1], "kt-ld")
    ward_leader = member(roles.ward_groups(site["ward"])[1], "sd-ld")
    moderator = member(Group.objects.get(name=roles.MODERATORS), "tp-kd")

    # The editor writes a page under the department and submits it through the admin; asking to
    # publish directly is not theirs to do.
    login_with_second_factor(client, editor)
    data = {"title": "Lịch tiếp công dân của Phòng Tư pháp", "slug": "lich-tiep-cong-dan", "lead": "Hằng tuần.",
            "body-count": "0"}
    response = client.post(f"/quan-tri/pages/add/home/contentpage/{own.pk}/", {**data, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:500]
    page = ContentPage.objects.child_of(own).get(slug="lich-tiep-cong-dan")
    assert not page.live
    state = page.current_workflow_state
    assert state.status == "in_progress" and state.workflow.name == "Duyệt nội dung Phòng Tư pháp"
    assert not page.permissions_for_user(editor).can_publish()

    def actions(user):
        task_state = page.current_workflow_state.current_task_state
        return [name for name, *_ in task_state.task.specific.get_actions(page, user)]

    assert "approve" in actions(leader)
    for outsider in (editor, other_leader, ward_leader, moderator):
        assert actions(outsider) == [], outsider.username

    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, leader, "approve", comment="Đồng ý đăng.")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
