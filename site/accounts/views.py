"""Two-factor step: set up an authenticator app (QR code) the first time, then verify a code or a
backup code; the security page renews backup codes and registers a new phone."""

import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.audit import record
from accounts.forms import TokenForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _qr_svg(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]


def _show_codes(request, codes, next_url, *, first_time):
    context = {"codes": codes, "next": next_url, "first_time": first_time}
    return render(request, "accounts/backup_codes.html", context)


@never_cache
@login_required(login_url="wagtailadmin_login")
def two_factor(request):
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    device = twofactor.authenticator(user)
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="Ứng dụng xác thực", confirmed=False
        )
    form = TokenForm(request.POST or None, allow_backup=not setting_up)
    if request.method == "POST" and form.is_valid():
        kind, token = form.cleaned_data["token"]
        if kind == "backup":
            used = twofactor.verify_backup_code(user, token)
            if used is not None:
                otp_login(request, used)
                record(user, "accounts.two_factor_backup", request, actor=user)
                return redirect(f"{reverse('accounts:security')}?{urlencode({'next': _next_url(request)})}")
            form.add_error("token", "Mã dự phòng không đúng hoặc đã được dùng.")
        elif not device.verify_is_allowed()[0]:
            form.add_error("token", "Bạn đã nhập sai nhiều lần. Vui lòng đợi ít giây rồi thử lại với mã mới.")
        elif device.verify_token(token):
            otp_login(request, device)
            record(user, "accounts.two_factor", request, actor=user)
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record(user, "accounts.two_factor_setup", request, actor=user)
                return _show_codes(request, twofactor.new_backup_codes(user), _next_url(request), first_time=True)
            return redirect(_next_url(request))
        else:
            form.add_error("token", "Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại với mã mới.")
    context = {"form": form, "setting_up": setting_up, "next": _next_url(request)}
    if setting_up:
        context["qr_svg"] = _qr_svg(device)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def security(request):
    """Backup codes left, a new set (shown once), or a new phone (the old authenticator stops working)."""
    user = request.user
    if not user.is_verified():
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}")
    action = request.POST.get("hanh-dong") if request.method == "POST" else None
    if action == "ma-moi":
        record(user, "accounts.backup_codes", request, actor=user)
        return _show_codes(request, twofactor.new_backup_codes(user), _next_url(request), first_time=False)
    if action == "dien-thoai-moi":
        TOTPDevice.objects.filter(user=user).delete()
        request.session.pop(DEVICE_ID_SESSION_KEY, None)  # back in only with the new phone
        record(user, "accounts.two_factor_reset", request, actor=user)
        return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': _next_url(request)})}")
    context = {
        "codes_left": twofactor.backup_codes_left(user),
        "has_authenticator": twofactor.authenticator(user) is not None,
        "next": _next_url(request),
    }
    return render(request, "accounts/security.html", context)
