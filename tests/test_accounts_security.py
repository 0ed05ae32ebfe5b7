"""Accounts that hold up: lockout and cool-off, two factors for every admin account, backup codes, CSP,
password rules, audit."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.signin import login_with_second_factor

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
    assert client.get("/quan-tri/")["Location"].startswith("/tai-khoan/xac-thuc-hai-lop/")  # then the second factor
    assert ModelLogEntry.objects.filter(object_id=str(editor.pk), action="accounts.login").exists()


def _token(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_admin_account_cannot_reach_admin_without_second_factor(client, editor):
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
    # The right code: the backup codes are shown once, then on to where the editor was going.
    ok = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": _token(device), "next": "/quan-tri/pages/"})
    assert ok.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", ok.content.decode())
    assert len(codes) == 10 and 'href="/quan-tri/pages/"' in ok.content.decode()
    assert client.get("/quan-tri/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert ModelLogEntry.objects.filter(object_id=str(editor.pk), action="accounts.two_factor_setup").exists()
    # An offsite "next" is ignored.
    client.logout()
    post_login(client, PASSWORD)
    device.last_t = -1
    device.save()
    evil = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": _token(device), "next": "https://example.com/"})
    assert evil.status_code == 302 and evil["Location"] == "/quan-tri/"


def test_a_superuser_without_second_factor_reaches_no_admin_page(client):
    """Every admin route (Wagtail's and Django's, found by walking the URL resolver) sends a superuser
    who signed in with a password only to the two-factor step."""
    from django.urls import reverse

    from tests.fuzzing import walk_patterns

    user = get_user_model().objects.create_superuser("sieu.quantri", "sq@example.invalid", PASSWORD)
    client.force_login(user)  # the password step only
    open_paths = {reverse(name) for name in ("wagtailadmin_login", "wagtailadmin_logout", "admin:login", "admin:logout")}
    checked = 0
    for route, _name, _pattern in walk_patterns():
        if not route.startswith(("quan-tri/", "django-admin/")):
            continue
        path = "/" + re.sub(r"<[^>]+>", "1", route).replace("^", "").replace("$", "")
        if re.search(r"[()\\[?*+]", path):
            path = "/" + route.split("(")[0].split("^")[0]  # the fixed part of a regex route
        if path.startswith(tuple(open_paths)):  # signing in and out stay open
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            checked += 1
            assert response.status_code == 302, (method, path, response.status_code)
            assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-lop/?next="), (method, path)
    assert checked > 400  # Wagtail's and Django's admin routes, not a handful


def test_backup_code_gets_in_once_then_a_new_phone(client, editor):
    from accounts import twofactor

    old_phone = TOTPDevice.objects.create(user=editor, name="Điện thoại cũ", confirmed=True)
    codes = twofactor.new_backup_codes(editor)
    post_login(client, PASSWORD)
    page = client.get("/tai-khoan/xac-thuc-hai-lop/").content.decode()
    assert "mã dự phòng" in page
    used = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": codes[0].upper()[:4] + "-" + codes[0][4:]})
    assert used.status_code == 302 and used["Location"].startswith("/tai-khoan/bao-mat/")
    assert client.get("/quan-tri/").status_code == 200
    assert "Xác thực hai lớp và mã dự phòng" in client.get("/quan-tri/account/").content.decode()
    assert twofactor.backup_codes_left(editor) == 9
    assert ModelLogEntry.objects.filter(object_id=str(editor.pk), action="accounts.two_factor_backup").exists()
    # A used code does not work twice.
    client.logout()
    post_login(client, PASSWORD)
    again = client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": codes[0]})
    assert "Mã dự phòng không đúng hoặc đã được dùng" in again.content.decode()
    StaticDevice.objects.filter(user=editor).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client.post("/tai-khoan/xac-thuc-hai-lop/", {"token": codes[1]})
    # The security page: a new set of codes (the old ones stop), then a new phone.
    security = client.get("/tai-khoan/bao-mat/").content.decode()
    assert "Mã dự phòng còn lại: <strong>8</strong>" in security
    renewed = client.post("/tai-khoan/bao-mat/", {"hanh-dong": "ma-moi"}).content.decode()
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", renewed)) == 10
    assert not StaticToken.objects.filter(token=codes[2]).exists()
    new_phone = client.post("/tai-khoan/bao-mat/", {"hanh-dong": "dien-thoai-moi"})
    assert new_phone["Location"].startswith("/tai-khoan/xac-thuc-hai-lop/")
    assert not TOTPDevice.objects.filter(pk=old_phone.pk).exists()
    assert "Mã QR" in client.get(new_phone["Location"]).content.decode()
    assert client.get("/quan-tri/").status_code == 302


def test_an_account_lock_leaves_the_office_address_open(client, editor):
    """Five wrong passwords lock that account (from any address) but not the colleagues behind the
    same office address; the address itself is locked only at its own, higher count."""
    colleague = get_user_model().objects.create_user("dongnghiep", "dn@example.invalid", PASSWORD)
    colleague.groups.add(editor.groups.get())
    office = {"REMOTE_ADDR": "203.0.113.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "bientap.thu", "password": "sai"}, **office)
    assert client.post(LOGIN, {"username": "bientap.thu", "password": PASSWORD}, **office).status_code == 429
    elsewhere = client.post(LOGIN, {"username": "bientap.thu", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9")
    assert elsewhere.status_code == 429  # the account is locked wherever the attempt comes from
    colleague_in = client.post(LOGIN, {"username": "dongnghiep", "password": PASSWORD}, **office)
    assert colleague_in.status_code == 302  # the office is not locked out
    client.logout()


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=12)
def test_one_address_guessing_many_accounts_is_locked(client, editor):
    guesser = {"REMOTE_ADDR": "192.0.2.66"}
    for n in range(11):
        response = client.post(LOGIN, {"username": f"ten-doan-{n // 3}", "password": "sai"}, **guesser)
        assert response.status_code == 200  # no single account reached its limit
    assert client.post(LOGIN, {"username": "ten-doan-9", "password": "sai"}, **guesser).status_code == 429
    locked = client.post(LOGIN, {"username": "bientap.thu", "password": PASSWORD}, **guesser)
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    assert client.post(LOGIN, {"username": "bientap.thu", "password": PASSWORD}, REMOTE_ADDR="192.0.2.1").status_code == 302


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
    login_with_second_factor(client, editor)
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


def test_demo_administrator_keeps_usable_backup_codes(editor):
    """load_demo prints the demo administrator's backup codes: the same ones run after run, a new set
    once fewer than three are left."""
    from accounts import twofactor

    first = twofactor.demo_backup_codes(editor)
    assert len(first) == twofactor.BACKUP_CODE_COUNT
    assert twofactor.demo_backup_codes(editor) == first
    for code in first[:8]:
        assert twofactor.verify_backup_code(editor, code) is not None
        StaticDevice.objects.filter(user=editor).update(throttling_failure_count=0)
    renewed = twofactor.demo_backup_codes(editor)
    assert len(renewed) == twofactor.BACKUP_CODE_COUNT and not set(renewed) & set(first)
