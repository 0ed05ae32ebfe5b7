"""Test data for the hotline app: a small site tree, submissions, and sample attachment files."""

import io

import factory
import wagtail_factories
from django.utils import timezone
from PIL import Image

from hotline.models import FeedbackSubmission, FeedbackTopic, HotlineContact, HotlinePage


def sample_pdf() -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    )
    xref = len(body)
    return body + (
        b"xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n"
        + str(xref).encode()
        + b"\n%%EOF\n"
    )


def sample_image(fmt="JPEG", size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


def make_site():
    """A city home page set as the default site, with two wards: (home, {slug: ward})."""
    from wagtail.models import Page, Site

    from home.factories import HomePageFactory, WardHomePageFactory
    from home.models import HomePage, WardHomePage

    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node(), title="Cổng thông tin thành phố", slug="trang-chu-hl")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chí Linh"},
        )
    wards = {}
    for slug, name in (("phuong-sao-do", "Sao Đỏ"), ("phuong-ben-tam", "Bến Tắm")):
        ward = WardHomePage.objects.filter(slug=slug).first()
        if ward is None:
            ward = WardHomePageFactory(parent=home, unit_name=name, slug=slug)
            ward.save_revision().publish()
        wards[slug] = ward
    return home, wards


class FeedbackSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackSubmission

    name = "Trần Thị Bích Ngọc"
    phone = "0912345678"
    email = "ngoc.tran@example.com"
    address = "Số 12 ngõ 34 đường Trần Hưng Đạo"
    topic = factory.LazyFunction(lambda: FeedbackTopic.objects.order_by("sort_order").first())
    content = "Hồ sơ đăng ký khai sinh nộp từ tuần trước nhưng chưa nhận được kết quả, đề nghị kiểm tra."
    consent_at = factory.LazyFunction(timezone.now)
    consent_version = FeedbackSubmission.CONSENT_VERSION


def published(submission, **fields):
    """Turn a submission into a published answer."""
    now = timezone.now()
    values = {
        "status": FeedbackSubmission.Status.PUBLISHED,
        "answer_text": "Hồ sơ đã được giải quyết và trả kết quả.",
        "answering_unit": "UBND phường",
        "answered_at": now,
        "published_at": now,
        "public_title": "Hỏi về thời hạn đăng ký khai sinh",
        "public_question": "Công dân hỏi về thời hạn trả kết quả đăng ký khai sinh.",
    }
    values.update(fields)
    for key, value in values.items():
        setattr(submission, key, value)
    submission.save()
    return submission


class HotlinePageFactory(wagtail_factories.PageFactory):
    title = "Đường dây nóng"
    slug = "duong-day-nong"

    class Meta:
        model = HotlinePage


class HotlineContactFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(HotlinePageFactory)
    unit = "Văn phòng HĐND và UBND"
    phone = "0220 3882 123"

    class Meta:
        model = HotlineContact
