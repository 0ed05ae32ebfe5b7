"""Security middleware: two-factor gate for the admin, and the content security policy."""

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.models import requires_two_factor


@cache
def admin_prefixes():
    return (reverse("wagtailadmin_home"), reverse("admin:index"))


@cache
def open_admin_paths():
    """Admin pages a half-signed-in user must still reach: sign in, sign out, password reset."""
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("admin:login"),
        reverse("admin:logout"),
    )


class TwoFactorRequiredMiddleware:
    """Every account that can reach an admin (superusers included) is sent to the two-factor step
    before any admin page; django-otp's OTPMiddleware (earlier in the chain) sets user.is_verified()."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            path.startswith(admin_prefixes())
            and not path.startswith(open_admin_paths())
            and request.user.is_authenticated
            and not request.user.is_verified()
            and requires_two_factor(request.user)
        ):
            return redirect(
                f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)


def build_policy(script_inline):
    scripts = "'self' 'unsafe-inline'" if script_inline else "'self'"
    directives = {
        "default-src": "'self'",
        "script-src": scripts,
        # Wagtail's admin and the rich-text editor set style attributes.
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        # Embedded videos (Wagtail embeds) and the admin's same-origin preview.
        "frame-src": "'self' https://www.youtube.com https://www.youtube-nocookie.com",
        "frame-ancestors": "'self'",
        "form-action": "'self'",
        "base-uri": "'self'",
        "object-src": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy. Wagtail's admin still emits a few inline
    scripts (inline panels, date pickers), so admin pages allow inline script; public pages do not
    in production (CSP_STRICT_PUBLIC_SCRIPTS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        )
        if header not in response:
            is_admin = request.path.startswith(admin_prefixes())
            response[header] = build_policy(script_inline=is_admin or not settings.CSP_STRICT_PUBLIC_SCRIPTS)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response
