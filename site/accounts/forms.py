from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from accounts.twofactor import normalize_backup_code


class TokenForm(forms.Form):
    """A 6-digit code from the authenticator app or, once one is set up, an 8-character backup code.
    cleaned_data["token"] is ("totp", code) or ("backup", code)."""

    token = forms.CharField(
        label="Mã xác thực 6 chữ số",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
        error_messages={"required": "Vui lòng nhập mã xác thực."},
    )

    def __init__(self, *args, allow_backup=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_backup = allow_backup
        if allow_backup:
            self.fields["token"].label = "Mã xác thực 6 chữ số, hoặc một mã dự phòng"
        else:
            self.fields["token"].widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9]{6}"})

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if len(token) == 6 and token.isascii() and token.isdigit():
            return ("totp", token)
        if self.allow_backup and normalize_backup_code(token):
            return ("backup", normalize_backup_code(token))
        if self.allow_backup:
            raise forms.ValidationError(
                "Nhập mã 6 chữ số từ ứng dụng xác thực, hoặc một mã dự phòng gồm 8 chữ cái và chữ số."
            )
        raise forms.ValidationError("Mã xác thực gồm 6 chữ số.")


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's login form gives the password field no label; editors must read Vietnamese."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["password"].widget.attrs["placeholder"] = "Nhập mật khẩu"
