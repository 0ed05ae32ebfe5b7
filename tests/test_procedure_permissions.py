"""Only catalogue editors edit procedures and their reference data, and import files; a news editor cannot."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import ContentPage
from procedures.importing.apply import import_records
from procedures.models import (
    Agency,
    AnnouncingDecision,
    OnlineServiceKind,
    ProcedureField,
    ProcedureIndexPage,
    ProcedureLevel,
    ProcedurePage,
)
from tests.signin import login_with_second_factor
from tests.test_procedure_import import home, real_records  # noqa: F401

pytestmark = pytest.mark.django_db

SNIPPETS = (ProcedureField, ProcedureLevel, Agency, OnlineServiceKind, AnnouncingDecision)


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _user(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "mat-khau-thu")
    user.groups.add(group)
    return user


@pytest.fixture
def catalogue(home):  # noqa: F811
    import_records(real_records("1.001193", "1.000656"))
    return ProcedureIndexPage.objects.get()


@pytest.fixture
def catalogue_editor(catalogue):
    group = Group.objects.create(name="Biên tập danh mục (kiểm thử)")
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=catalogue, permission=_perm("wagtailcore", codename)
        )
    for model in SNIPPETS:
        name = model._meta.model_name
        group.permissions.add(
            *(_perm("procedures", f"{action}_{name}") for action in ("view", "add", "change"))
        )
    group.permissions.add(
        _perm("procedures", "add_procedurepage"), _perm("procedures", "change_procedurepage")
    )
    return _user("bien-tap-tthc", group)


@pytest.fixture
def news_editor(home):  # noqa: F811
    news = ContentPage(title="Tin cải cách hành chính", slug="tin-cai-cach")
    home.add_child(instance=news)
    group = Group.objects.create(name="Biên tập tin tức (kiểm thử)")
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(group=group, page=news, permission=_perm("wagtailcore", codename))
    return _user("bien-tap-tin", group)


def edit_form(page, **changes):
    values = {
        "code": page.code,
        "code_local": page.code_local,
        "official_name": page.official_name,
        "procedure_type": page.procedure_type,
        "ministry": page.ministry,
        "field": page.field_id,
        "level": page.level_id,
        "keywords": "",
        "implementing_agency": page.implementing_agency_id or "",
        "competent_agency": "",
        "authorised_agency": "",
        "coordinating_agency": "",
        "submission_place": "",
        "steps": streamfield([]),
        "channels": streamfield([]),
        "dossier": streamfield([]),
        "deadline": page.deadline,
        "fee": page.fee,
        "fee_note": page.fee_note,
        "subjects": page.subjects,
        "result": page.result,
        "conditions": page.conditions,
        "legal_basis": streamfield([]),
        "forms": streamfield([]),
        "online_service_url": "",
        "online_service_kind": "",
        "status_changes": inline_formset([]),
        "comments": inline_formset([]),
        "source_url": page.source_url,
        "source_note": page.source_note,
        "data_source": page.data_source,
        "slug": page.slug,
        "search_description": "",
    }
    values.update(changes)
    return nested_form_data(values)


def bare_procedure(catalogue):
    """A procedure without history or blocks, so the edit form needs no nested formsets."""
    page = ProcedurePage(
        code="1.999001",
        official_name="Thủ tục kiểm thử quyền biên tập",
        field=ProcedureField.objects.first(),
        level=ProcedureLevel.objects.get(slug="cap-xa"),
        deadline="03 ngày làm việc",
        fee="Không",
    )
    catalogue.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_catalogue_editor_edits_a_procedure(catalogue, catalogue_editor, client):
    login_with_second_factor(client, catalogue_editor)
    page = bare_procedure(catalogue)
    assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code == 200
    response = client.post(
        f"/quan-tri/pages/{page.pk}/edit/", edit_form(page, deadline="02 ngày làm việc (đã rút ngắn)")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.deadline == "02 ngày làm việc (đã rút ngắn)"
    assert page.get_latest_revision().user == catalogue_editor

    # Reference data and the import page too.
    field = ProcedureField.objects.first()
    assert client.get(f"/quan-tri/snippets/procedures/procedurefield/edit/{field.pk}/").status_code == 200
    assert client.get("/quan-tri/nhap-thu-tuc/").status_code == 200


def test_news_editor_cannot_touch_the_catalogue(catalogue, news_editor, client):
    login_with_second_factor(client, news_editor)
    page = bare_procedure(catalogue)
    response = client.get(f"/quan-tri/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/quan-tri/pages/{page.pk}/edit/", edit_form(page, deadline="Sửa trái phép"))
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.deadline == "03 ngày làm việc"
    assert page.get_latest_revision_as_object().deadline == "03 ngày làm việc"
    assert page.revisions.count() == 1

    field = ProcedureField.objects.first()
    response = client.get(f"/quan-tri/snippets/procedures/procedurefield/edit/{field.pk}/")
    assert response.status_code in (302, 403)

    # The import page refuses both the form and an upload, and writes nothing.
    response = client.get("/quan-tri/nhap-thu-tuc/")
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
    upload = SimpleUploadedFile("ho-so.json", b"[]", content_type="application/json")
    response = client.post("/quan-tri/nhap-thu-tuc/", {"file": upload})
    assert response.status_code == 302
    # And the menu does not offer it.
    assert "nhap-thu-tuc" not in client.get("/quan-tri/").content.decode()


def test_editor_sees_the_import_menu(catalogue, catalogue_editor, client):
    login_with_second_factor(client, catalogue_editor)
    assert "/quan-tri/nhap-thu-tuc/" in client.get("/quan-tri/").content.decode()


def test_editor_without_publishing_rights_cannot_import(catalogue, client):
    """An import publishes at once: an editor whose changes go to approval must not bypass it."""
    group = Group.objects.create(name="Biên tập danh mục, chờ duyệt (kiểm thử)")
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=catalogue, permission=_perm("wagtailcore", codename)
        )
    group.permissions.add(
        _perm("procedures", "add_procedurepage"), _perm("procedures", "change_procedurepage")
    )
    login_with_second_factor(client, _user("bien-tap-cho-duyet", group))
    page = bare_procedure(catalogue)
    assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code == 200
    response = client.get("/quan-tri/nhap-thu-tuc/")
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
