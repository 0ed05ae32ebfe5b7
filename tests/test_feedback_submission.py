"""The feedback form: stored atomically with its files, checked uploads, CSRF, honeypot, rate limit, email."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import ModelLogEntry

from hotline.codes import ALPHABET, new_tracking_code, normalize_tracking_code
from hotline.factories import make_site, sample_image, sample_pdf
from hotline.models import FeedbackAttachment, FeedbackSubmission, FeedbackTopic
from hotline.storage import PrivateFeedbackStorage

pytestmark = pytest.mark.django_db
URL = "/phan-anh-kien-nghi/"
CODE_RE = re.compile(r"^PA-[0-9A-HJKMNP-TV-Z]{10}$")


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    return make_site()


def form_data(**overrides):
    data = {
        "name": "Lê Văn Thành",
        "phone": "0912 345 678",
        "email": "thanh.le@example.com",
        "address": "Tổ 5, khu dân cư Trần Phú",
        "topic": FeedbackTopic.objects.get(slug="ho-tich-chung-thuc").pk,
        "content": "Tôi nộp hồ sơ đăng ký khai sinh cho con từ thứ Hai nhưng đến nay chưa có kết quả.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def stored_files(settings):
    root = settings.FEEDBACK_PRIVATE_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_submission_with_three_files_is_stored_privately_and_confirmed(
    client, site, settings, django_capture_on_commit_callbacks
):
    files = {
        "attachment_1": SimpleUploadedFile("bien-nhan.pdf", sample_pdf(), "application/pdf"),
        "attachment_2": SimpleUploadedFile("anh chup.JPG", sample_image("JPEG"), "image/jpeg"),
        "attachment_3": SimpleUploadedFile("giay-to.png", sample_image("PNG"), "image/png"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**form_data(ward=site[1]["phuong-sao-do"].pk), **files})
    assert response.status_code == 302 and response["Location"] == "/phan-anh-kien-nghi/da-gui/"

    submission = FeedbackSubmission.objects.get()
    assert CODE_RE.match(submission.tracking_code)
    assert submission.phone == "0912345678" and submission.ward.slug == "phuong-sao-do"
    assert submission.consent_at is not None and submission.consent_version.startswith("ND13")
    assert submission.status == FeedbackSubmission.Status.RECEIVED
    assert submission.due_date > submission.received_date
    attachments = list(submission.attachments.order_by("id"))
    assert [a.content_type for a in attachments] == ["application/pdf", "image/jpeg", "image/png"]
    assert [a.original_name for a in attachments] == ["bien-nhan.pdf", "anh chup.JPG", "giay-to.png"]
    on_disk = stored_files(settings)
    assert len(on_disk) == 3
    assert {p.suffix for p in on_disk} == {".pdf", ".jpg", ".png"}
    assert not any("bien-nhan" in p.name for p in on_disk)  # random names, nothing the citizen typed
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    with pytest.raises(ValueError):
        attachments[0].file.url  # noqa: B018 - private files have no public URL

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert submission.tracking_code in html and "Đã tiếp nhận phản ánh, kiến nghị" in html

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["thanh.le@example.com"]
    assert submission.tracking_code in message.subject and submission.tracking_code in message.body
    html_part, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and submission.tracking_code in html_part
    assert ModelLogEntry.objects.filter(action="hotline.submit", object_id=str(submission.pk)).exists()


def test_no_email_sent_without_address(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(email=""))
    assert response.status_code == 302
    assert FeedbackSubmission.objects.get().email == ""
    assert mail.outbox == []


def test_failure_after_first_file_leaves_no_record_and_no_file(client, site, settings, monkeypatch):
    """Fault injection: the second attachment row fails after its file was written."""
    real_save = FeedbackAttachment.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full (injected)")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(FeedbackAttachment, "save", failing_save)
    files = {
        "attachment_1": SimpleUploadedFile("a.pdf", sample_pdf(), "application/pdf"),
        "attachment_2": SimpleUploadedFile("b.png", sample_image("PNG"), "image/png"),
    }
    with pytest.raises(OSError, match="injected"):
        client.post(URL, {**form_data(), **files})
    assert FeedbackSubmission.objects.count() == 0
    assert FeedbackAttachment.objects.count() == 0
    assert stored_files(settings) == []


def test_storage_failure_on_a_file_leaves_nothing(client, site, settings, monkeypatch):
    real_save = PrivateFeedbackStorage._save
    calls = {"n": 0}

    def flaky(self, name, content):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("storage unavailable (injected)")
        return real_save(self, name, content)

    monkeypatch.setattr(PrivateFeedbackStorage, "_save", flaky)
    files = {f"attachment_{i}": SimpleUploadedFile(f"{i}.pdf", sample_pdf(), "application/pdf") for i in (1, 2, 3)}
    with pytest.raises(OSError):
        client.post(URL, {**form_data(), **files})
    assert FeedbackSubmission.objects.count() == 0
    assert stored_files(settings) == []


def _truncated(data):
    return data[: len(data) // 2]


BAD_FILES = [
    ("exe renamed pdf", "don-thu.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000, "không phải tệp PDF hoặc ảnh"),
    ("html renamed png", "anh.png", b"<html><script>alert(1)</script></html>", "không phải tệp PDF hoặc ảnh"),
    ("truncated jpeg", "anh.jpg", None, "bị hỏng hoặc không đầy đủ"),
    ("truncated png", "anh.png", None, "bị hỏng hoặc không đầy đủ"),
    ("pdf without trailer", "van-ban.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n" + b"x" * 500, "không phải tệp PDF hoàn chỉnh"),
    ("empty", "trong.pdf", b"", "trống"),
]


@pytest.mark.parametrize(("label", "name", "content", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_refused_with_vietnamese_message_and_form_kept(client, site, settings, label, name, content,
                                                                 message):
    if label == "truncated jpeg":
        content = _truncated(sample_image("JPEG", (800, 600)))
    if label == "truncated png":
        content = _truncated(sample_image("PNG", (300, 300)))
    data = form_data()
    response = client.post(URL, {**data, "attachment_2": SimpleUploadedFile(name, content)})
    assert response.status_code == 200  # re-displayed with errors
    html = response.content.decode()
    assert message in html
    if content:
        assert f"«{name}»" in html
    assert "tệp đính kèm cần chọn lại" in html
    # Everything typed is still there.
    assert 'value="Lê Văn Thành"' in html and 'value="Tổ 5, khu dân cư Trần Phú"' in html
    assert data["content"] in html
    assert f'<option value="{data["topic"]}" selected>' in html
    assert 'name="consent" checked' in html or "checked" in html.split('name="consent"')[1].split(">")[0]
    assert FeedbackSubmission.objects.count() == 0
    assert stored_files(settings) == []


def test_fifty_megabyte_file_refused(client, site, settings):
    big = SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024) + b"\nstartxref\n0\n%%EOF")
    response = client.post(URL, {**form_data(), "attachment_1": big})
    assert response.status_code == 200  # re-displayed with errors
    html = response.content.decode()
    assert "vượt quá giới hạn" in html and "10,0" in html or "10.0" in html or "10 MB" in html
    assert 'value="Lê Văn Thành"' in html
    assert FeedbackSubmission.objects.count() == 0
    assert stored_files(settings) == []


def test_csrf_token_is_required(site):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, form_data()).status_code == 403
    assert FeedbackSubmission.objects.count() == 0
    form_page = strict.get(URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.content.decode()).group(1)
    assert strict.post(URL, {**form_data(), "csrfmiddlewaretoken": token}).status_code == 302
    assert FeedbackSubmission.objects.count() == 1


def test_honeypot_filled_stores_nothing(client, site):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 400  # bots get an error status; people never see this field
    assert "dấu hiệu gửi tự động" in response.content.decode()
    assert FeedbackSubmission.objects.count() == 0


def test_rate_limit_gives_clear_message_and_stores_nothing_extra(client, site, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/hour"
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data(content="Nội dung phản ánh thứ hai, đủ dài để hợp lệ.")).status_code == 302
    third = form_data(content="Nội dung phản ánh thứ ba vẫn được giữ lại trên biểu mẫu.")
    response = client.post(URL, {**third, "attachment_1": SimpleUploadedFile("a.pdf", sample_pdf())})
    assert response.status_code == 429
    html = response.content.decode()
    assert "đạt giới hạn cho phép" in html and "2 lần trong 1 giờ" in html
    assert third["content"] in html
    assert FeedbackSubmission.objects.count() == 2
    assert FeedbackAttachment.objects.count() == 0
    # Another client (another address) is not affected; the limited one is told up front.
    other = client.get(URL, REMOTE_ADDR="10.0.0.2")
    assert "đạt giới hạn" not in other.content.decode()
    assert "đạt giới hạn" in client.get(URL).content.decode()


def test_missing_fields_get_vietnamese_messages(client, site):
    response = client.post(URL, form_data(name="", phone="12345", consent="", content="ngắn"))
    assert response.status_code == 200  # re-displayed with errors
    html = response.content.decode()
    for message in (
        "Vui lòng nhập họ và tên.",
        "Số điện thoại chưa đúng",
        "Cần có sự đồng ý xử lý dữ liệu cá nhân",
        "Nội dung quá ngắn",
    ):
        assert message in html
    assert 'aria-invalid="true"' in html
    assert FeedbackSubmission.objects.count() == 0


def test_confirmation_page_needs_the_submitter_session(client, site):
    assert client.get("/phan-anh-kien-nghi/da-gui/").status_code == 302
    client.post(URL, form_data())
    other = Client()
    assert other.get("/phan-anh-kien-nghi/da-gui/")["Location"] == URL


def test_related_procedure_is_linked_by_its_code(client, site):
    from procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory

    home, _ = site
    catalogue = ProcedureIndexPageFactory(parent=home)
    procedure = ProcedurePageFactory(parent=catalogue, code="1.001193", official_name="Đăng ký khai sinh")
    prefilled = client.get(URL + "?thu-tuc=1.001193&don-vi=phuong-ben-tam")
    assert 'value="1.001193"' in prefilled.content.decode()
    response = client.post(URL, form_data(procedure_code=" 1.001193 "))
    assert response.status_code == 302
    assert FeedbackSubmission.objects.get().procedure_id == procedure.pk
    unknown = client.post(URL, form_data(procedure_code="9.999999"))
    assert unknown.status_code == 200 and "Không tìm thấy thủ tục có mã «9.999999»" in unknown.content.decode()


def test_tracking_codes_are_random_and_typed_back_leniently():
    codes = {new_tracking_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all(CODE_RE.match(c) for c in codes)
    assert set("".join(c[3:] for c in codes)) == set(ALPHABET)
    code = "PA-0K1M2N3P4Q"
    assert normalize_tracking_code("pa-0k1m 2n3p4q") == code
    assert normalize_tracking_code("PAOK1M2N3P4Q") == code  # letter O typed for zero
    assert normalize_tracking_code("PA-123") == ""
    assert normalize_tracking_code("PA-UUUUUUUUUU") == ""


@pytest.mark.parametrize("phone", ["00000000000", "0000000000", "+84 000 000 000", "٠٩١٢٣٤٥٦٧٨"])
def test_a_number_no_phone_can_have_is_refused(client, site, phone):
    response = client.post(URL, form_data(phone=phone))
    assert response.status_code == 200
    assert "Số điện thoại chưa đúng" in response.content.decode()
    assert not FeedbackSubmission.objects.exists()


def test_two_files_under_one_attachment_field_are_refused_not_dropped(client, site, settings):
    two = [
        SimpleUploadedFile("mot.pdf", sample_pdf(), "application/pdf"),
        SimpleUploadedFile("hai.pdf", sample_pdf(), "application/pdf"),
    ]
    response = client.post(URL, {**form_data(), "attachment_1": two})
    assert response.status_code == 200
    assert "Mỗi ô đính kèm nhận một tệp" in response.content.decode()
    assert not FeedbackSubmission.objects.exists() and stored_files(settings) == []
