"""Personal data never leaves the admin; HTML and script typed anywhere stay inert on every surface."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.factories import FeedbackSubmissionFactory, make_site, published, sample_pdf
from hotline.models import FeedbackSubmission, FeedbackTopic
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db

XSS = '<script>alert("hl-xss")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;hl-xss&quot;)&lt;/script&gt;"
PRIVATE = {
    "name": "Phạm Thị Riêng Tư",
    "phone": "0987654321",
    "email": "rieng.tu.pham@example.com",
    "address": "Số 99 ngõ Bí Mật, tổ 7",
}
ORIGINAL_TEXT = "Nội dung gốc có chi tiết riêng: con tôi sinh ngày 02/03, mã hồ sơ H29-0001."


@pytest.fixture(autouse=True)
def isolated(feedback_storage):
    yield


@pytest.fixture
def world(db):
    home, wards = make_site()
    hostile = FeedbackSubmissionFactory(
        name="Nguyễn " + XSS, phone="0911222333", email="xss@example.com", address="Phố " + XSS,
        content="Phản ánh " + XSS, ward=wards["phuong-sao-do"],
        assigned_unit="Tổ " + XSS, internal_note=XSS, reject_reason="Lý do " + XSS, forwarded_to="Sở " + XSS,
    )
    published(
        hostile, public_title="Tiêu đề " + XSS, public_question="Câu hỏi " + XSS, answer_text="Trả lời " + XSS,
        answering_unit="Đơn vị " + XSS,
    )
    private = published(
        FeedbackSubmissionFactory(**PRIVATE, content=ORIGINAL_TEXT, ward=wards["phuong-ben-tam"]),
        public_title="Thời hạn trả kết quả đăng ký khai sinh",
        public_question="Công dân hỏi thời hạn trả kết quả đăng ký khai sinh.",
    )
    return home, wards, hostile, private


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("quantri", "qt@example.invalid", "mat-khau-rat-dai-123")
    login_with_second_factor(client, user)
    return client


def assert_no_personal_data(text, item):
    for value in (item.name, item.phone, item.email, item.address, item.content):
        assert value not in text, f"personal data leaked: {value!r}"


def assert_inert(html):
    assert 'alert("hl-xss")</script>' not in html
    assert "<img src=x" not in html


def public_pages(client, home, hostile, private):
    urls = [
        "/phan-anh-kien-nghi/",
        "/phan-anh-kien-nghi/da-tra-loi/",
        f"/phan-anh-kien-nghi/da-tra-loi/?linh-vuc={private.topic.slug}",
        f"/phan-anh-kien-nghi/da-tra-loi/{hostile.pk}/",
        f"/phan-anh-kien-nghi/da-tra-loi/{private.pk}/",
        "/phan-anh-kien-nghi/tra-cuu/",
        "/phan-anh-kien-nghi/da-tra-loi/du-lieu.csv",
        home.url,
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode("utf-8-sig")
    return pages


def test_personal_data_absent_from_every_public_page_and_export(client, world):
    home, _, hostile, private = world
    pages = public_pages(client, home, hostile, private)
    for text in pages.values():
        assert_no_personal_data(text, private)
        assert_no_personal_data(text, hostile)
    assert "Thời hạn trả kết quả đăng ký khai sinh" in pages["/phan-anh-kien-nghi/da-tra-loi/"]
    rows = list(csv.reader(io.StringIO(pages["/phan-anh-kien-nghi/da-tra-loi/du-lieu.csv"])))
    assert rows[0][:3] == ["Số thứ tự", "Tiêu đề", "Lĩnh vực"] and len(rows) == 3
    # The tracking code is half of the look-up secret: never public either.
    for text in pages.values():
        assert private.tracking_code not in text and hostile.tracking_code not in text


def test_unpublished_items_have_no_public_page(client, world):
    _, _, _, private = world
    private.status = FeedbackSubmission.Status.ANSWERED
    private.save()
    assert client.get(f"/phan-anh-kien-nghi/da-tra-loi/{private.pk}/").status_code == 404
    assert private.public_title not in client.get("/phan-anh-kien-nghi/da-tra-loi/").content.decode()


def test_lookup_result_shows_no_personal_data(client, world):
    _, _, _, private = world
    html = client.post(
        "/phan-anh-kien-nghi/tra-cuu/", {"code": private.tracking_code, "phone_digits": "4321"}
    ).content.decode()
    assert private.answer_text in html
    assert_no_personal_data(html, private)


def test_admin_export_has_no_personal_data(admin_client, world):
    _, _, hostile, private = world
    response = admin_client.get("/quan-tri/phan-anh/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert private.tracking_code in text and "Mã tra cứu" in text
    assert_no_personal_data(text, private)
    assert_no_personal_data(text, hostile)

    response = admin_client.get("/quan-tri/phan-anh/?export=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert private.tracking_code in cells
    assert_no_personal_data(cells, private)


def test_script_is_inert_on_public_pages(client, world):
    home, _, hostile, private = world
    pages = public_pages(client, home, hostile, private)
    detail = pages[f"/phan-anh-kien-nghi/da-tra-loi/{hostile.pk}/"]
    assert ESCAPED in detail and "Tiêu đề &lt;script&gt;" in detail
    for url, text in pages.items():
        if not url.endswith(".csv"):
            assert_inert(text)
    # The CSV keeps the raw text but is data, never rendered: a download, not sniffable as HTML.
    csv_response = client.get("/phan-anh-kien-nghi/da-tra-loi/du-lieu.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response["Content-Disposition"].startswith("attachment;")
    assert csv_response["X-Content-Type-Options"] == "nosniff"
    lookup = client.post(
        "/phan-anh-kien-nghi/tra-cuu/", {"code": hostile.tracking_code, "phone_digits": "2333"}
    ).content.decode()
    assert ESCAPED in lookup
    assert_inert(lookup)
    for status, shown in ((FeedbackSubmission.Status.REJECTED, "Lý do &lt;script&gt;"),
                          (FeedbackSubmission.Status.FORWARDED, "Sở &lt;script&gt;")):
        hostile.status = status
        hostile.save()
        page = client.post(
            "/phan-anh-kien-nghi/tra-cuu/", {"code": hostile.tracking_code, "phone_digits": "2333"}
        ).content.decode()
        assert shown in page
        assert_inert(page)
    published(hostile)
    # CSV cells starting with a formula character are neutralised for spreadsheets.
    hostile.public_title = "=HYPERLINK(\"http://evil.example\")"
    hostile.save()
    export = client.get("/phan-anh-kien-nghi/da-tra-loi/du-lieu.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in export


def test_script_is_inert_in_the_admin(admin_client, world):
    _, _, hostile, _ = world
    urls = [
        "/quan-tri/phan-anh/",
        f"/quan-tri/phan-anh/?q={hostile.tracking_code}",
        f"/quan-tri/phan-anh/edit/{hostile.pk}/",
        f"/quan-tri/phan-anh/inspect/{hostile.pk}/",
        f"/quan-tri/phan-anh/history/{hostile.pk}/",
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html)
    edit = admin_client.get(f"/quan-tri/phan-anh/edit/{hostile.pk}/").content.decode()
    assert "Nguyễn " + ESCAPED in edit  # the read-only summary shows the name, escaped


def test_script_is_inert_in_the_confirmation_email(client, world, django_capture_on_commit_callbacks):
    data = {
        "name": "Trần " + XSS,
        "phone": "0912345678",
        "email": "nguoigui@example.com",
        "address": "Thôn Đông " + XSS,
        "topic": FeedbackTopic.objects.first().pk,
        "content": "Nội dung phản ánh có mã độc " + XSS,
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/phan-anh-kien-nghi/", {**data, "attachment_1": SimpleUploadedFile("a.pdf", sample_pdf())}
        )
    assert response.status_code == 302
    message = mail.outbox[0]
    html, _ = message.alternatives[0]
    assert ESCAPED in html
    assert_inert(html)
    assert "<script" not in html
    assert "\n" not in message.subject and XSS not in message.subject
    # The confirmation page shows no personal data either.
    page = client.get("/phan-anh-kien-nghi/da-gui/").content.decode()
    assert "Trần" not in page and "nguoigui@example.com" not in page
