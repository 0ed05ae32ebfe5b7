from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực 6 chữ số",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={"required": "Vui lòng nhập mã xác thực.", "min_length": "Mã xác thực gồm 6 chữ số."},
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return token


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's login form gives the password field no label; editors must read Vietnamese."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["password"].widget.attrs["placeholder"] = "Nhập mật khẩu"
