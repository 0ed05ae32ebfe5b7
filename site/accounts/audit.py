"""Audit trail of sign-ins: logins, failures, lockouts and logouts go to Wagtail's log entries,
next to the page and snippet history, so one report answers "who did what, when"."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log

ACTIONS = {
    "accounts.login": ("Đăng nhập", "Đăng nhập thành công"),
    "accounts.login_failed": ("Đăng nhập sai", "Đăng nhập không thành công"),
    "accounts.lockout": ("Khóa đăng nhập", "Tài khoản bị tạm khóa do đăng nhập sai nhiều lần"),
    "accounts.logout": ("Đăng xuất", "Đăng xuất"),
    "accounts.two_factor": ("Xác thực hai lớp", "Xác thực hai lớp thành công"),
    "accounts.two_factor_setup": ("Kích hoạt xác thực hai lớp", "Đã kích hoạt ứng dụng xác thực"),
    "accounts.two_factor_backup": ("Dùng mã dự phòng", "Xác thực hai lớp bằng một mã dự phòng"),
    "accounts.backup_codes": ("Tạo mã dự phòng", "Đã tạo bộ mã dự phòng mới"),
    "accounts.two_factor_reset": ("Đăng ký lại ứng dụng xác thực", "Đã gỡ ứng dụng xác thực cũ để đăng ký điện thoại mới"),
}


def client_address(request):
    return getattr(request, "axes_ip_address", None) or (request.META.get("REMOTE_ADDR") if request else None)


def _unwrap(user):
    """request.user is a lazy proxy; log entries need the model instance itself."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def record(user, action, request=None, actor=None):
    user, actor = _unwrap(user), _unwrap(actor)
    data = {"ip": client_address(request)} if request is not None else {}
    log(user, action, user=actor, data=data)


def _user_named(username):
    if not username:
        return None
    return get_user_model()._default_manager.filter(username=username).first()


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record(user, "accounts.login", request, actor=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(user, "accounts.logout", request, actor=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    user = _user_named(credentials.get("username"))
    if user is not None:  # unknown usernames have no object to attach the entry to
        record(user, "accounts.login_failed", request)


@receiver(user_locked_out)
def on_lockout(sender, request, username=None, ip_address=None, **kwargs):
    user = _user_named(username)
    if user is not None:
        record(user, "accounts.lockout", request)
