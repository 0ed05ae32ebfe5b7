"""Approval workflows: ward content by that ward's leaders, city content by the moderators,
the catalogue by its approvers; rejection returns the page with a comment."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from units import roles

from home.models import ContentPage, HomePage, WardHomePage
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db


def user_in(group, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.invalid", "x" * 16)
    user.groups.add(group)
    return user


def submit(parent, editor, title, slug):
    page = ContentPage(title=title, slug=slug, lead="Nội dung chờ duyệt.", live=False)
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    workflow.start(page, editor)
    page.refresh_from_db()
    return page, workflow


def actions_for(page, user):
    state = page.current_workflow_state
    return [name for name, *_ in state.current_task_state.task.specific.get_actions(page, user)]


def test_ward_page_waits_for_its_own_leader(demo_site):
    sao_do = WardHomePage.objects.get(slug="phuong-sao-do")
    ben_tam = WardHomePage.objects.get(slug="phuong-ben-tam")
    editors, leaders = roles.ward_groups(sao_do)
    editor = user_in(editors, "bt-saodo")
    leader = user_in(leaders, "ld-saodo")
    other_leader = user_in(roles.ward_groups(ben_tam)[1], "ld-bentam")
    moderator = user_in(Group.objects.get(name=roles.MODERATORS), "kd-tp")

    page, workflow = submit(sao_do, editor, "Lịch tiếp công dân tháng 12", "lich-tiep-cong-dan")
    assert workflow.name == "Duyệt nội dung Phường Sao Đỏ"
    assert not page.live and page.current_workflow_state.status == "in_progress"
    # Only Sao Đỏ's leaders may act; the editor, another ward's leader and the moderators may not.
    assert "approve" in actions_for(page, leader)
    for outsider in (editor, other_leader, moderator):
        assert actions_for(page, outsider) == []
    assert not page.permissions_for_user(editor).can_publish()

    state = page.current_workflow_state.current_task_state
    state.task.specific.on_action(state, leader, "approve", comment="Đồng ý đăng.")
    page.refresh_from_db()
    assert page.live
    assert page.workflow_states.get().status == "approved"


def test_rejection_returns_page_with_comment(client, demo_site):
    sao_do = WardHomePage.objects.get(slug="phuong-sao-do")
    editors, leaders = roles.ward_groups(sao_do)
    editor = user_in(editors, "bt-saodo")
    leader = user_in(leaders, "ld-saodo")
    page, _ = submit(sao_do, editor, "Thông báo nghỉ lễ", "thong-bao-nghi-le")
    state = page.current_workflow_state.current_task_state
    # Through the admin, as a leader would: the reject action with a comment.

    login_with_second_factor(client, leader)
    response = client.post(
        f"/quan-tri/pages/workflow/action/{page.pk}/reject/{state.pk}/",
        {"comment": "Bổ sung số điện thoại liên hệ."},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    workflow_state = page.workflow_states.get()
    assert workflow_state.status == "needs_changes"
    state.refresh_from_db()
    assert state.status == "rejected" and state.comment == "Bổ sung số điện thoại liên hệ."
    # The editor sees the comment on the page's edit view.
    login_with_second_factor(client, editor)
    edit = client.get(f"/quan-tri/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "Bổ sung số điện thoại liên hệ." in edit.content.decode()


def test_city_and_catalogue_workflows(demo_site):
    home = HomePage.objects.get()
    intro = ContentPage.objects.child_of(home).get(slug="gioi-thieu")
    news_editor = user_in(Group.objects.get(name=roles.CITY_NEWS_EDITORS), "bt-tp")
    moderator = user_in(Group.objects.get(name=roles.MODERATORS), "kd-tp")
    approver = user_in(Group.objects.get(name=roles.CATALOGUE_APPROVERS), "pd-tthc")
    page, workflow = submit(intro, news_editor, "Cơ cấu tổ chức", "co-cau-to-chuc")
    assert workflow.name == roles.CITY_WORKFLOW
    assert "approve" in actions_for(page, moderator)
    assert actions_for(page, approver) == []

    from procedures.models import ProcedureIndexPage

    catalogue = ProcedureIndexPage.objects.child_of(home).first()
    if catalogue is None:  # the catalogue's demo may not have created it
        catalogue = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    roles.apply_roles()
    assert catalogue.get_workflow().name == roles.CATALOGUE_WORKFLOW
    task = catalogue.get_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.CATALOGUE_APPROVERS]
