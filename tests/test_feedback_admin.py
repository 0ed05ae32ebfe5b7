"""The handling queue: ward editors see and answer only their ward's feedback; every step is logged."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.models import ModelLogEntry

from hotline.factories import FeedbackSubmissionFactory, make_site, sample_pdf
from hotline.models import FeedbackAttachment, FeedbackSubmission
from hotline.permissions import wards_for_user
from hotline.wagtail_hooks import procedure_feedback_button
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db
Status = FeedbackSubmission.Status


@pytest.fixture(autouse=True)
def isolated(feedback_storage):
    yield


def perms(*codenames):
    result = []
    for codename in codenames:
        app, code = codename.split(".")
        result.append(Permission.objects.get(content_type__app_label=app, codename=code))
    return result


def make_user(username, group_name, *codenames):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "mat-khau-rat-dai-123")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*perms("wagtailadmin.access_admin", *codenames))
    user.groups.add(group)
    return user


@pytest.fixture
def world(db):
    home, wards = make_site()
    sao_do, ben_tam = wards["phuong-sao-do"], wards["phuong-ben-tam"]
    items = {
        "sao_do": FeedbackSubmissionFactory(ward=sao_do, content="Phản ánh gửi UBND phường Sao Đỏ về hộ tịch."),
        "ben_tam": FeedbackSubmissionFactory(ward=ben_tam, content="Phản ánh gửi UBND phường Bến Tắm về đất đai."),
        "city": FeedbackSubmissionFactory(content="Phản ánh gửi UBND thành phố về giao thông."),
    }
    for key, item in items.items():
        attachment = FeedbackAttachment(
            submission=item, original_name=f"{key}.pdf", content_type="application/pdf", size=10, sha256="0" * 64
        )
        attachment.file.save("x.pdf", ContentFile(sample_pdf()), save=False)
        attachment.save()
    users = {
        "sao_do": make_user("bientap.saodo", "Biên tập viên Phường Sao Đỏ",
                            "hotline.view_feedbacksubmission", "hotline.change_feedbacksubmission"),
        "ben_tam": make_user("bientap.bentam", "Biên tập viên Phường Bến Tắm",
                             "hotline.view_feedbacksubmission", "hotline.change_feedbacksubmission"),
        "city": make_user("xuly.thanhpho", "Xử lý phản ánh thành phố",
                          "hotline.view_feedbacksubmission", "hotline.change_feedbacksubmission",
                          "hotline.view_all_feedback", "hotline.publish_feedback"),
        "outsider": make_user("bientap.tintuc", "Biên tập tin tức"),
    }
    return home, wards, items, users


def refused(response):
    """Wagtail answers a forbidden admin URL with 403 or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/quan-tri/")


def edit_data(item, **changes):
    data = {
        "status": item.status, "classification": item.classification, "ward": item.ward_id or "",
        "assigned_unit": item.assigned_unit, "procedure": "", "out_of_scope": "", "forwarded_to": "",
        "reject_reason": "", "internal_note": "", "answer_text": item.answer_text,
        "answering_unit": item.answering_unit, "public_title": item.public_title,
        "public_question": item.public_question,
    }
    data.update(changes)
    return data


def test_group_membership_decides_the_wards(world):
    _, wards, _, users = world
    assert wards_for_user(users["sao_do"]) == {wards["phuong-sao-do"].pk}
    assert wards_for_user(users["city"]) is None
    assert wards_for_user(users["outsider"]) == set()


def test_ward_editor_sees_only_their_wards_queue(client, world):
    _, _, items, users = world
    login_with_second_factor(client, users["sao_do"])
    html = client.get("/quan-tri/phan-anh/").content.decode()
    assert items["sao_do"].tracking_code in html
    assert items["ben_tam"].tracking_code not in html and items["city"].tracking_code not in html
    # Every view of another ward's item is refused, never a 500.
    other = items["ben_tam"].pk
    for url in (f"/quan-tri/phan-anh/edit/{other}/", f"/quan-tri/phan-anh/inspect/{other}/",
                f"/quan-tri/phan-anh/history/{other}/", f"/quan-tri/phan-anh/delete/{other}/",
                f"/quan-tri/phan-anh-tep/{items['ben_tam'].attachments.get().pk}/",
                f"/quan-tri/phan-anh/edit/{items['city'].pk}/"):
        assert refused(client.get(url)), url
    assert refused(client.post(f"/quan-tri/phan-anh/edit/{other}/", edit_data(items["ben_tam"])))
    items["ben_tam"].refresh_from_db()
    assert items["ben_tam"].status == Status.RECEIVED
    # Petitions come from citizens: no "add" for anyone.
    assert refused(client.get("/quan-tri/phan-anh/new/"))
    export = b"".join(client.get("/quan-tri/phan-anh/?export=csv").streaming_content).decode("utf-8-sig")
    assert items["sao_do"].tracking_code in export and items["ben_tam"].tracking_code not in export


def test_users_without_feedback_permission_see_nothing(client, world):
    _, _, items, users = world
    login_with_second_factor(client, users["outsider"])
    assert refused(client.get("/quan-tri/phan-anh/"))
    assert refused(client.get(f"/quan-tri/phan-anh-tep/{items['city'].attachments.get().pk}/"))


def test_ward_editor_answers_their_ward_and_it_is_logged(client, world):
    _, wards, items, users = world
    item = items["sao_do"]
    login_with_second_factor(client, users["sao_do"])
    assert client.get(f"/quan-tri/phan-anh/edit/{item.pk}/").status_code == 200
    response = client.post(
        f"/quan-tri/phan-anh/edit/{item.pk}/",
        edit_data(item, status=Status.ANSWERED, classification="delay", ward=wards["phuong-sao-do"].pk,
                  answer_text="Hồ sơ đã giải quyết xong, mời Ông/Bà nhận kết quả.", answering_unit="UBND phường Sao Đỏ"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and item.answered_at is not None and item.answered_on_time
    entry = ModelLogEntry.objects.get(action="hotline.status", object_id=str(item.pk))
    assert entry.user == users["sao_do"]
    assert entry.data["from"] == "received" and entry.data["to"] == "answered"
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(item.pk), user=users["sao_do"]).exists()
    history = client.get(f"/quan-tri/phan-anh/history/{item.pk}/").content.decode()
    assert "Đổi trạng thái: Đã tiếp nhận → Đã trả lời" in history


def test_ward_editor_cannot_publish_or_route_elsewhere(client, world):
    _, wards, items, users = world
    item = items["sao_do"]
    login_with_second_factor(client, users["sao_do"])
    form = client.get(f"/quan-tri/phan-anh/edit/{item.pk}/").content.decode()
    assert 'value="published"' not in form
    response = client.post(
        f"/quan-tri/phan-anh/edit/{item.pk}/",
        edit_data(item, status=Status.PUBLISHED, ward=wards["phuong-sao-do"].pk, answer_text="Trả lời",
                  answering_unit="UBND phường", public_title="Tiêu đề", public_question="Câu hỏi"),
    )
    assert response.status_code == 200  # form redisplayed with an error
    response = client.post(
        f"/quan-tri/phan-anh/edit/{item.pk}/",
        edit_data(item, status=Status.ASSIGNED, ward=wards["phuong-ben-tam"].pk),
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == Status.RECEIVED and item.ward == wards["phuong-sao-do"]


def test_city_handler_routes_to_a_ward_whose_editor_then_sees_it(client, world):
    _, wards, items, users = world
    item = items["city"]
    login_with_second_factor(client, users["city"])
    html = client.get("/quan-tri/phan-anh/").content.decode()
    assert all(i.tracking_code in html for i in items.values())
    response = client.post(
        f"/quan-tri/phan-anh/edit/{item.pk}/",
        edit_data(item, status=Status.ASSIGNED, ward=wards["phuong-ben-tam"].pk, assigned_unit="Công chức tư pháp"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED and item.assigned_at is not None
    assign = ModelLogEntry.objects.get(action="hotline.assign", object_id=str(item.pk))
    assert assign.user == users["city"] and "Phường Bến Tắm" in assign.data["to"]
    login_with_second_factor(client, users["ben_tam"])
    assert item.tracking_code in client.get("/quan-tri/phan-anh/").content.decode()
    login_with_second_factor(client, users["sao_do"])
    assert item.tracking_code not in client.get("/quan-tri/phan-anh/").content.decode()


def test_publishing_needs_a_public_question_and_records_the_time(client, world):
    _, _, items, users = world
    item = items["city"]
    login_with_second_factor(client, users["city"])
    base = edit_data(item, status=Status.PUBLISHED, answer_text="Đã xử lý.", answering_unit="Văn phòng UBND")
    refused = client.post(f"/quan-tri/phan-anh/edit/{item.pk}/", base)
    assert refused.status_code == 200
    assert "Nhập tiêu đề công khai" in refused.content.decode()
    accepted = client.post(
        f"/quan-tri/phan-anh/edit/{item.pk}/",
        {**base, "public_title": "Sửa đường liên xã", "public_question": "Người dân đề nghị sửa đường."},
    )
    assert accepted.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.published_at and item.answered_at
    assert client.get(f"/phan-anh-kien-nghi/da-tra-loi/{item.pk}/").status_code == 200
    rejected = client.post(f"/quan-tri/phan-anh/edit/{items['ben_tam'].pk}/",
                           edit_data(items["ben_tam"], status=Status.REJECTED))
    assert "Nêu lý do không xử lý." in rejected.content.decode()


def test_attachment_served_only_to_staff_who_may_handle_it(client, world):
    _, _, items, users = world
    attachment = items["sao_do"].attachments.get()
    url = f"/quan-tri/phan-anh-tep/{attachment.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    login_with_second_factor(client, users["sao_do"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sample_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and "sao_do.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    download = ModelLogEntry.objects.get(action="hotline.download", object_id=str(items["sao_do"].pk))
    assert download.user == users["sao_do"]


def test_queue_filters_by_clock_and_by_procedure(client, world):
    from procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory

    home, _, items, users = world
    catalogue = ProcedureIndexPageFactory(parent=home)
    procedure = ProcedurePageFactory(parent=catalogue, code="1.001193", official_name="Đăng ký khai sinh")
    items["sao_do"].procedure = procedure
    items["sao_do"].save()
    late = items["city"]
    late.due_date = late.received_date.replace(year=late.received_date.year - 1)
    late.save()
    login_with_second_factor(client, users["city"])
    overdue = client.get("/quan-tri/phan-anh/?clock=overdue").content.decode()
    assert late.tracking_code in overdue and items["sao_do"].tracking_code not in overdue
    by_procedure = client.get(f"/quan-tri/phan-anh/?procedure={procedure.pk}").content.decode()
    assert items["sao_do"].tracking_code in by_procedure and late.tracking_code not in by_procedure
    [button] = procedure_feedback_button(procedure, users["city"], "edit")
    assert button.label.endswith("(1)") and button.url.endswith(f"?procedure={procedure.pk}")
    assert procedure_feedback_button(procedure, users["ben_tam"], "edit")[0].label.endswith("(0)")
    assert procedure_feedback_button(procedure, users["outsider"], "edit") == []
    dashboard = client.get("/quan-tri/").content.decode()
    assert "Quá hạn xử lý: 1" in dashboard


def test_deleting_a_submission_removes_its_private_files(client, world, settings, django_capture_on_commit_callbacks):
    _, _, items, _ = world
    item = items["city"]
    path = settings.FEEDBACK_PRIVATE_ROOT / item.attachments.get().file.name
    assert path.exists()
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.invalid", "mat-khau-rat-dai-123")
    login_with_second_factor(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/quan-tri/phan-anh/delete/{item.pk}/")
    assert response.status_code == 302
    assert not FeedbackSubmission.objects.filter(pk=item.pk).exists()
    assert not FeedbackAttachment.objects.filter(submission_id=item.pk).exists()
    assert not path.exists()
