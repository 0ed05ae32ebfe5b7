"""Accounts that hold up: lockout and cooldown, two-factor per group, CSP, password rules, audit."""

import datetime

import pytest
from accounts.models import GroupSecurityPolicy
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db

PASSWORD = "Đúng-mật-khẩu-2026!"
LOGIN = "/quan-tri/login/"


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("bientap.thu", "thu@example.invalid", PASSWORD)
    group = Group.objects.create(name="Nhóm thử")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def post_login(client, password):
    return client.post(LOGIN, {"username": "bientap.thu", "password": password, "next": "/quan-tri/"})


def test_lockout_after_configured_failures_and_lifts_after_cooloff(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit >= 3
    for _ in range(limit - 1):
        response = post_login(client, "sai-mat-khau")
        assert response.status_code == 200  # the form again, with an error
    locked = post_login(client, "sai-mat-khau")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # Locked: even the right password is refused.
    assert post_login(client, PASSWORD).status_code == 429
    actions = set(ModelLogEntry.objects.filter(object_id=str(editor.pk)).values_list("action", flat=True))
    assert {"accounts.login_failed", "accounts.lockout"} <= actions

    # After the cool-off the lock lifts.
    cooloff = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME) + datetime.timedelta(minutes=1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= cooloff
        attempt.save()
    response = post_login(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200
    assert ModelLogEntry.objects.filter(object_id=str(editor.pk), action="accounts.login").exists()


def test_two_factor_required_group_cannot_reach_admin_without_it(client, editor):
    GroupSecurityPolicy.objects.create(group=editor.groups.get(), require_two_factor=True)
    assert post_login(client, PASSWORD).status_code == 302
    for path in ("/quan-tri/", "/quan-tri/pages/", "/quan-tri/users/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-lop/?next=")
    # First visit: set up the authenticator (QR code and manual key shown).
    setup = client.get("/tai-khoan/xac-thuc-hai-lop/?next=/quan-tri/pages/")
    assert setup.status_code == 200
    text = setup.content.decode()
    assert "<svg" in text and "Mã QR" in text
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": "000000", "next": "/quan-tri/pages/"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get("/quan-tri/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a wrong code
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    ok = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": f"{token:06d}", "next": "/quan-tri/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/quan-tri/pages/"
    assert client.get("/quan-tri/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert ModelLogEntry.objects.filter(object_id=str(editor.pk), action="accounts.two_factor_setup").exists()
    # An offsite "next" is ignored.
    client.logout()
    post_login(client, PASSWORD)
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    device.last_t = -1
    device.save()
    evil = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": f"{token:06d}", "next": "https://example.com/"})
    assert evil.status_code == 302 and evil["Location"] == "/quan-tri/"


def test_group_without_policy_reaches_admin_with_password_only(client, editor):
    assert post_login(client, PASSWORD).status_code == 302
    assert client.get("/quan-tri/").status_code == 200


def test_two_factor_page_requires_sign_in(client):
    response = client.get("/tai-khoan/xac-thuc-hai-lop/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_security_headers_and_csp(client, editor):
    public = client.get("/suc-khoe/")
    policy = public["Content-Security-Policy"]
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy and "base-uri 'self'" in policy
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["Referrer-Policy"] == "same-origin"
    assert "camera=()" in public["Permissions-Policy"]
    client.force_login(editor)
    admin = client.get("/quan-tri/")
    assert "script-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]
    with override_settings(CSP_STRICT_PUBLIC_SCRIPTS=True):
        strict = client.get("/suc-khoe/")["Content-Security-Policy"]
        assert "script-src 'self';" in strict
        # The admin keeps what Wagtail needs even then.
        assert "'unsafe-inline'" in client.get("/quan-tri/")["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    with override_settings(CSP_REPORT_ONLY=True):
        assert "Content-Security-Policy-Report-Only" in client.get("/suc-khoe/")


def test_strong_password_rules():
    user = get_user_model()(username="bientap.vanan")
    for weak in ("12345678901234", "password", "bientap.vanan1", "Ngắn-1"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("Cổng-TTHC-an-toàn-2026", user)


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY
