"""The subscription form: an e-mail address and what to follow; nothing else about the person."""

from django import forms
from django.core.validators import EmailValidator

from core.params import IdChoiceField, to_id
from procedures.alerts.models import Subscription
from procedures.models import ProcedureField, ProcedureLevel, ProcedurePage

EMAIL_INVALID = "Địa chỉ thư điện tử không hợp lệ. Vui lòng nhập đúng dạng, ví dụ: ten.ban@gmail.com."


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label="Địa chỉ thư điện tử",
        max_length=254,
        error_messages={"required": "Vui lòng nhập địa chỉ thư điện tử để nhận thông báo."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text="Chúng tôi chỉ lưu địa chỉ này để gửi thông báo; bạn hủy bất cứ lúc nào bằng liên kết trong thư.",
    )
    target = forms.ChoiceField(
        label="Bạn muốn theo dõi",
        choices=Subscription.Target.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn nội dung muốn theo dõi.",
                        "invalid_choice": "Vui lòng chọn nội dung muốn theo dõi."},
    )
    procedure = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    field = IdChoiceField(
        label="Lĩnh vực", queryset=ProcedureField.objects.all(), required=False, empty_label="– Chọn lĩnh vực –",
        error_messages={"invalid_choice": "Lĩnh vực đã chọn không còn tồn tại."},
    )
    level = IdChoiceField(
        label="Cấp thực hiện", queryset=ProcedureLevel.objects.filter(is_active=True), required=False,
        empty_label="– Chọn cấp –", error_messages={"invalid_choice": "Cấp đã chọn không còn tồn tại."},
    )

    def clean_email(self):
        email = " ".join(self.cleaned_data["email"].split()).strip()
        EmailValidator(message=EMAIL_INVALID)(email)
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target == Subscription.Target.PROCEDURE:
            page = ProcedurePage.objects.live().filter(pk=to_id(data.get("procedure")) or 0).first()
            if page is None:
                self.add_error("target", "Không tìm thấy thủ tục để theo dõi; hãy chọn lĩnh vực hoặc cấp thực hiện.")
            data["procedure_page"] = page
        elif target == Subscription.Target.FIELD and not data.get("field"):
            self.add_error("field", "Vui lòng chọn lĩnh vực muốn theo dõi.")
        elif target == Subscription.Target.LEVEL and not data.get("level"):
            self.add_error("level", "Vui lòng chọn cấp thực hiện muốn theo dõi.")
        return data

    def target_kwargs(self):
        data = self.cleaned_data
        target = data["target"]
        return {
            "target": target,
            "procedure": data.get("procedure_page") if target == Subscription.Target.PROCEDURE else None,
            "field": data.get("field") if target == Subscription.Target.FIELD else None,
            "level": data.get("level") if target == Subscription.Target.LEVEL else None,
        }
