"""Change alerts: double opt-in, one message per announcing decision, unsubscribe from the link, retries."""

import re
import socket
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from procedures.alerts.delivery import deliver_due
from procedures.alerts.models import OutgoingMessage, Subscription
from procedures.factories import amend, make_decision, make_procedure
from procedures.models import ProcedurePage, StatusChange
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db


def _link(body, kind):
    return re.search(rf"https?://[^\s]+/thu-tuc/theo-doi/{kind}/[^\s/]+/", body).group(0)


def _path(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def procedure():
    return make_procedure(decision=make_decision("1/QĐ-UBND", date(2026, 1, 5)))


def _subscribe(client, procedure, email="nguoi.dan@example.com", capture=None):
    with capture(execute=True):
        return client.post("/thu-tuc/theo-doi/", {"email": email, "target": "procedure", "procedure": procedure.pk})


def test_subscription_needs_confirmation(client, procedure, django_capture_on_commit_callbacks):
    response = _subscribe(client, procedure, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Vui lòng kiểm tra hộp thư" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert len(mail.outbox) == 1
    confirm_url = _link(mail.outbox[0].body, "xac-nhan")
    # Before confirming, a decision touching the procedure sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, make_decision("2/QĐ-UBND", date(2026, 6, 1)), fee="Lệ phí 8.000 đồng")
    assert len(mail.outbox) == 1
    # Opening the link shows a button (mail scanners must not confirm); the click confirms.
    assert client.get(_path(confirm_url)).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    client.post(_path(confirm_url))
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def _confirmed(email, **target):
    return Subscription.objects.create(email=email, confirmed_at=timezone.now(), **target)


def test_one_message_per_decision(client, procedure, django_capture_on_commit_callbacks):
    _confirmed("a@example.com", target="procedure", procedure=procedure)
    _confirmed("b@example.com", target="field", field=procedure.field)
    other = make_procedure(name="Đăng ký kết hôn")
    decision = make_decision("3/QĐ-UBND", date(2026, 7, 1))
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, decision, fee="Lệ phí 8.000 đồng")
        amend(other, decision, result="Giấy chứng nhận kết hôn (bản điện tử)")
        # Republishing the same procedure with the same decision sends nothing more.
        ProcedurePage.objects.get(pk=procedure.pk).save_revision().publish()
    by_recipient = {}
    for message in mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message)
    assert sorted(by_recipient) == ["a@example.com", "b@example.com"]
    assert len(by_recipient["a@example.com"]) == 1 and len(by_recipient["b@example.com"]) == 1
    field_mail = by_recipient["b@example.com"][0]
    # The field subscriber's one message lists both procedures of the decision.
    assert "3/QĐ-UBND" in field_mail.subject
    assert procedure.code in field_mail.body and other.code in field_mail.body
    assert "/thu-tuc/lich-su/" in field_mail.body
    assert field_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutgoingMessage.objects.filter(decision=decision).count() == 2
    # A second decision is a second message.
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, make_decision("4/QĐ-UBND", date(2026, 8, 3)), deadline="02 ngày làm việc")
    assert len([m for m in mail.outbox if m.to == ["a@example.com"]]) == 2


def test_unsubscribe_works_from_the_link(client, procedure, django_capture_on_commit_callbacks):
    subscription = _confirmed("a@example.com", target="procedure", procedure=procedure)
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, make_decision("5/QĐ-UBND", date(2026, 7, 1)), fee="Lệ phí 8.000 đồng")
    url = _link(mail.outbox[-1].body, "huy")
    assert mail.outbox[-1].extra_headers["List-Unsubscribe"] == f"<{url}>"
    page = client.get(_path(url))
    assert page.status_code == 200 and "a@example.com" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    # One click: a POST without any form token, as mail clients send it (RFC 8058).
    client.handler.enforce_csrf_checks = True
    done = client.post(_path(url), {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Đã hủy nhận thông báo" in done.content.decode()
    assert not Subscription.objects.filter(email="a@example.com").exists()
    assert not OutgoingMessage.objects.filter(to="a@example.com").exists()
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, make_decision("6/QĐ-UBND", date(2026, 9, 1)), fee="Lệ phí 10.000 đồng")
    assert not [m for m in mail.outbox if "6/QĐ-UBND" in m.subject]


@pytest.mark.parametrize("email", ["khong-phai-email", "ten@", "ten @example.com", "a@b"])
def test_invalid_email_is_refused_with_a_clear_message(client, procedure, email):
    response = client.post("/thu-tuc/theo-doi/", {"email": email, "target": "procedure", "procedure": procedure.pk})
    assert response.status_code == 200
    assert "Địa chỉ thư điện tử không hợp lệ" in response.content.decode()
    assert not Subscription.objects.exists() and not OutgoingMessage.objects.exists()


def test_missing_choice_is_refused_in_vietnamese(client):
    response = client.post("/thu-tuc/theo-doi/", {"email": "a@example.com", "target": "field"})
    assert "Vui lòng chọn lĩnh vực muốn theo dõi." in response.content.decode()


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_mail_server_is_retried_not_lost(settings, procedure, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    _confirmed("a@example.com", target="procedure", procedure=procedure)
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, make_decision("7/QĐ-UBND", date(2026, 7, 1)), fee="Lệ phí 8.000 đồng")
    message = OutgoingMessage.objects.get(decision__number="7/QĐ-UBND")
    assert message.sent_at is None and message.attempts == 1
    assert "Connection refused" in message.last_error or "ConnectionRefused" in message.last_error
    assert message.next_try > timezone.now()
    # Not due yet: nothing is attempted.
    assert deliver_due() == (0, 0)
    # Still down when due again: a second failed attempt, a longer wait.
    assert deliver_due(now=message.next_try + timedelta(seconds=1)) == (0, 1)
    message.refresh_from_db()
    assert message.attempts == 2 and message.sent_at is None
    # The server is back: the periodic command delivers it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMessage.objects.filter(pk=message.pk).update(next_try=timezone.now())
    call_command("send_alert_mail", stdout=open("/dev/null", "w"))
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 3
    assert [m.to for m in mail.outbox] == [["a@example.com"]]


def test_unconfirmed_addresses_are_purged_after_a_week(procedure):
    from procedures.alerts.services import purge_unconfirmed

    old = Subscription.objects.create(email="cu@example.com", target="procedure", procedure=procedure,
                                      created_at=timezone.now() - timedelta(days=8))
    Subscription.objects.create(email="moi@example.com", target="procedure", procedure=procedure)
    assert purge_unconfirmed() == 1
    assert not Subscription.objects.filter(pk=old.pk).exists()


def test_abolished_procedure_also_alerts(procedure, django_capture_on_commit_callbacks):
    _confirmed("a@example.com", target="level", level=procedure.level)
    page = ProcedurePage.objects.get(pk=procedure.pk)
    page.status_changes.add(StatusChange(decision=make_decision("8/QĐ-UBND", date(2026, 10, 1)), kind="abolished"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    [message] = mail.outbox
    assert "Bị bãi bỏ" in message.body


def test_queue_page_in_admin_masks_addresses(client, settings, procedure, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    _confirmed("nguoi.dan@example.com", target="procedure", procedure=procedure)
    with django_capture_on_commit_callbacks(execute=True):
        amend(procedure, make_decision("9/QĐ-UBND", date(2026, 7, 1)), fee="Lệ phí 8.000 đồng")
    login_with_second_factor(client, get_user_model().objects.create_superuser("qt", "qt@example.invalid", "mat-khau-rat-dai-1"))
    html = client.get("/quan-tri/thong-bao-thu-tuc/").content.decode()
    assert "Đang chờ gửi: <strong>1</strong>" in html
    assert "n…@example.com" in html and "nguoi.dan@example.com" not in html
