"""Tracking look-up: right code and right last four digits only; one message for every wrong answer."""

import pytest
from django.core.cache import cache

from hotline.factories import FeedbackSubmissionFactory, make_site, published
from hotline.models import FeedbackSubmission
from hotline.views import NOT_FOUND

pytestmark = pytest.mark.django_db
URL = "/phan-anh-kien-nghi/tra-cuu/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def answered(db):
    make_site()
    item = FeedbackSubmissionFactory(phone="0912345678")
    item.status = FeedbackSubmission.Status.ANSWERED
    item.answer_text = "Hồ sơ của Ông/Bà đã có kết quả, mời nhận tại Bộ phận một cửa."
    item.answering_unit = "UBND phường Sao Đỏ"
    item.stamp_status_change(FeedbackSubmission.Status.RECEIVED)
    item.save()
    return item


def test_right_code_and_digits_show_status_and_answer(client, answered):
    response = client.post(URL, {"code": answered.tracking_code, "phone_digits": "5678"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã trả lời" in html
    assert answered.answer_text in html and "UBND phường Sao Đỏ" in html
    # The page never echoes the sender's personal data or the original text.
    for private in (answered.name, answered.phone, answered.email, answered.address, answered.content):
        assert private not in html
    assert "no-store" in response["Cache-Control"]


def test_code_is_accepted_as_people_type_it(client, answered):
    typed = answered.tracking_code.lower().replace("pa-", "pa ").replace("0", "o")
    response = client.post(URL, {"code": typed, "phone_digits": "5678"})
    assert response.status_code == 200 and answered.answer_text in response.content.decode()


@pytest.mark.parametrize(
    "code_of, digits",
    [
        (lambda item: item.tracking_code, "5679"),  # wrong digits
        (lambda item: "PA-" + ("0" if item.tracking_code[3] != "0" else "1") + item.tracking_code[4:], "5678"),
        (lambda item: "PA-XYZ", "5678"),  # impossible code
    ],
    ids=["wrong-digits", "wrong-code", "malformed-code"],
)
def test_every_wrong_answer_gets_the_same_message(client, answered, code_of, digits):
    response = client.post(URL, {"code": code_of(answered), "phone_digits": digits})
    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND in html
    assert answered.answer_text not in html and "Đã trả lời" not in html


def test_a_code_stops_answering_after_repeated_wrong_digits(client, answered, settings):
    settings.FEEDBACK_LOOKUP_CODE_FAILURE_LIMIT = "3/day"
    for n, address in enumerate(["10.0.0.1", "10.0.0.2", "10.0.0.3"]):
        response = client.post(URL, {"code": answered.tracking_code, "phone_digits": f"000{n}"}, REMOTE_ADDR=address)
        assert response.status_code == 404
    blocked = client.post(URL, {"code": answered.tracking_code, "phone_digits": "5678"}, REMOTE_ADDR="10.0.0.4")
    assert blocked.status_code == 429
    assert answered.answer_text not in blocked.content.decode()
    # An unknown code is blocked the same way, so the block says nothing about which codes exist.
    for n in range(3):
        client.post(URL, {"code": "PA-0000000ZZZ", "phone_digits": f"111{n}"}, REMOTE_ADDR="10.0.1.1")
    unknown = client.post(URL, {"code": "PA-0000000ZZZ", "phone_digits": "5678"}, REMOTE_ADDR="10.0.1.2")
    assert unknown.status_code == 429


def test_lookups_are_rate_limited_per_client(client, answered, settings):
    settings.FEEDBACK_LOOKUP_RATE_LIMIT = "2/hour"
    for _ in range(2):
        assert client.post(URL, {"code": answered.tracking_code, "phone_digits": "5678"}).status_code == 200
    response = client.post(URL, {"code": answered.tracking_code, "phone_digits": "5678"})
    assert response.status_code == 429
    assert "đạt giới hạn cho phép" in response.content.decode()


def test_published_answer_links_to_its_public_page(client, answered):
    published(answered)
    html = client.post(URL, {"code": answered.tracking_code, "phone_digits": "5678"}).content.decode()
    assert "Đã công khai trả lời" in html
    assert f"/phan-anh-kien-nghi/da-tra-loi/{answered.pk}/" in html


def test_open_item_shows_status_and_due_date_only(client, db):
    make_site()
    item = FeedbackSubmissionFactory(phone="+84 98 765 4321")
    response = client.post(URL, {"code": item.tracking_code, "phone_digits": "4321"})
    html = response.content.decode()
    assert "Đã tiếp nhận" in html and item.due_date.strftime("%d/%m/%Y") in html
    assert "Nội dung trả lời" not in html


def test_code_from_confirmation_link_is_prefilled(client, answered):
    html = client.get(URL + f"?ma={answered.tracking_code}").content.decode()
    assert f'value="{answered.tracking_code}"' in html
    assert answered.answer_text not in html
