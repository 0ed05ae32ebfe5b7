"""The public feedback form, the tracking look-up form and the admin handling form."""

import re

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from core.collation import vietnamese_order
from core.params import IdChoiceField
from hotline.codes import normalize_tracking_code
from hotline.models import FeedbackSubmission, FeedbackTopic
from hotline.permissions import can_publish, wards_for_user
from hotline.uploads import check_upload, max_attachment_size

MAX_ATTACHMENTS = 3
CONTENT_MAX = 5000
# After the leading 0 (or +84) a Vietnamese number starts with 1–9: "00000000000" is none.
PHONE_RE = re.compile(r"^(?:\+84|84|0)([1-9][0-9]{8,9})$")


def normalize_phone(raw):
    """Vietnamese phone number → "0xxxxxxxxx", or "" when it is not one."""
    compact = re.sub(r"[\s.()\-]", "", raw or "")
    match = PHONE_RE.match(compact)
    return f"0{match.group(1)}" if match else ""


FILE_ERRORS = {
    "empty": "Tệp đã chọn trống (0 byte). Vui lòng chọn tệp khác.",
    "invalid": "Không nhận được tệp. Vui lòng chọn lại tệp.",
    "missing": "Không nhận được tệp. Vui lòng chọn lại tệp.",
    "max_length": "Tên tệp quá dài (tối đa %(max)d ký tự, hiện có %(length)d).",
}


class WardChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class FeedbackForm(forms.Form):
    """What a citizen fills in; every message is Vietnamese and names the field concerned."""

    name = forms.CharField(
        label="Họ và tên", max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Vui lòng nhập họ và tên."},
    )
    phone = forms.CharField(
        label="Số điện thoại", max_length=20,
        help_text="Dùng để liên hệ khi cần và để tra cứu kết quả (4 số cuối).",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": "Vui lòng nhập số điện thoại."},
    )
    email = forms.EmailField(
        label="Thư điện tử (không bắt buộc)", required=False, max_length=254,
        help_text="Nếu có, hệ thống gửi thư xác nhận kèm mã tra cứu.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com."},
    )
    address = forms.CharField(
        label="Địa chỉ", max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": "Vui lòng nhập địa chỉ liên hệ."},
    )
    topic = IdChoiceField(
        label="Lĩnh vực", queryset=FeedbackTopic.objects.none(), empty_label="– Chọn lĩnh vực –",
        error_messages={"required": "Vui lòng chọn lĩnh vực.", "invalid_choice": "Lĩnh vực không hợp lệ."},
    )
    procedure_code = forms.CharField(
        label="Mã thủ tục hành chính liên quan (không bắt buộc)", required=False, max_length=64,
        help_text="Mã in trên trang thủ tục, ví dụ 1.001193. Để trống nếu không rõ.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    ward = WardChoiceField(
        label="Gửi đến phường, xã (không bắt buộc)", required=False, queryset=None,
        empty_label="UBND thành phố",
        help_text="Chọn phường, xã nếu nội dung thuộc phạm vi của đơn vị đó.",
        error_messages={"invalid_choice": "Phường, xã không hợp lệ."},
    )
    content = forms.CharField(
        label="Nội dung phản ánh, kiến nghị", max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Tối đa {CONTENT_MAX:,} ký tự.".replace(",", "."),
        error_messages={
            "required": "Vui lòng nhập nội dung phản ánh, kiến nghị.",
            "max_length": "Nội dung dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        },
    )
    attachment_1 = forms.FileField(label="Tệp đính kèm 1", required=False, error_messages=FILE_ERRORS)
    attachment_2 = forms.FileField(label="Tệp đính kèm 2", required=False, error_messages=FILE_ERRORS)
    attachment_3 = forms.FileField(label="Tệp đính kèm 3", required=False, error_messages=FILE_ERRORS)
    consent = forms.BooleanField(
        label=(
            "Tôi đồng ý để cơ quan tiếp nhận xử lý dữ liệu cá nhân của tôi (họ tên, số điện thoại, thư điện tử, "
            "địa chỉ) chỉ nhằm giải quyết phản ánh, kiến nghị này, theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ "
            "liệu cá nhân."
        ),
        error_messages={"required": "Cần có sự đồng ý xử lý dữ liệu cá nhân để tiếp nhận phản ánh, kiến nghị."},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(label="Không điền vào ô này", required=False)

    ATTACHMENT_FIELDS = ("attachment_1", "attachment_2", "attachment_3")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from home.models import WardHomePage

        self.fields["topic"].queryset = FeedbackTopic.objects.filter(is_active=True)
        self.fields["ward"].queryset = WardHomePage.objects.live().order_by("unit_kind", vietnamese_order("title"))
        limit_mb = max_attachment_size() // (1024 * 1024)
        accept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        for name in self.ATTACHMENT_FIELDS:
            self.fields[name].widget.attrs.update({"accept": accept})
            self.fields[name].help_text = f"PDF, JPEG hoặc PNG, tối đa {limit_mb} MB."
        self.checked_files = []

    @property
    def is_bot(self):
        return bool(self.data.get("website", "").strip())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_address(self):
        return " ".join(self.cleaned_data["address"].split())

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if not phone:
            raise ValidationError("Số điện thoại chưa đúng: nhập 10 chữ số, ví dụ 0912 345 678.")
        return phone

    def clean_procedure_code(self):
        from procedures.models import ProcedurePage

        code = "".join(self.cleaned_data["procedure_code"].split())
        self.cleaned_data["procedure"] = None
        if not code:
            return ""
        page = ProcedurePage.objects.live().filter(code__iexact=code).order_by("-last_published_at").first()
        if page is None:
            raise ValidationError(f"Không tìm thấy thủ tục có mã «{code}». Kiểm tra lại mã hoặc để trống ô này.")
        self.cleaned_data["procedure"] = page
        return code

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 20:
            raise ValidationError("Nội dung quá ngắn: vui lòng mô tả rõ sự việc (ít nhất 20 ký tự).")
        return content

    def _clean_attachment(self, name):
        if hasattr(self.files, "getlist") and len(self.files.getlist(name)) > 1:
            raise ValidationError("Mỗi ô đính kèm nhận một tệp; hãy chọn tệp thứ hai ở ô đính kèm tiếp theo.")
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        checked = check_upload(upload)  # ValidationError lands on this field
        self.checked_files.append((upload, checked))
        return upload

    def clean_attachment_1(self):
        return self._clean_attachment("attachment_1")

    def clean_attachment_2(self):
        return self._clean_attachment("attachment_2")

    def clean_attachment_3(self):
        return self._clean_attachment("attachment_3")

    def clean(self):
        cleaned = super().clean()
        if len(self.checked_files) > MAX_ATTACHMENTS:
            raise ValidationError(f"Chỉ được gửi tối đa {MAX_ATTACHMENTS} tệp đính kèm.")
        return cleaned

    @property
    def had_file_errors(self):
        return any(name in self.errors for name in self.ATTACHMENT_FIELDS)

    @property
    def lost_files(self):
        """Files the citizen chose that a browser cannot keep across a re-displayed form."""
        return bool(self.files) and bool(self.errors)


class LookupForm(forms.Form):
    code = forms.CharField(
        label="Mã tra cứu", max_length=24,
        help_text="Ví dụ: PA-7K3M9Q2X4B (không phân biệt chữ hoa, chữ thường).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": "Vui lòng nhập mã tra cứu."},
    )
    phone_digits = forms.CharField(
        label="4 số cuối của số điện thoại đã khai", min_length=4, max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{4}"}),
        error_messages={
            "required": "Vui lòng nhập 4 số cuối của số điện thoại.",
            "min_length": "Nhập đủ 4 chữ số.",
            "max_length": "Nhập đúng 4 chữ số.",
        },
    )

    def clean_code(self):
        # An impossible code is not an error of its own: it gets the same answer as a wrong one.
        return normalize_tracking_code(self.cleaned_data["code"])

    def clean_phone_digits(self):
        digits = self.cleaned_data["phone_digits"].strip()
        if not digits.isdigit():
            raise ValidationError("Chỉ nhập chữ số (4 số cuối của số điện thoại).")
        return digits


class FeedbackAdminForm(WagtailAdminModelForm):
    """Handling form: a ward's editors only route within their wards; publishing needs its permission."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_status = self.instance.status if self.instance.pk else None
        user = self.for_user
        wards = wards_for_user(user) if user else None
        if "ward" in self.fields:
            field = self.fields["ward"]
            field.label_from_instance = lambda obj: obj.title
            if wards is not None:
                field.queryset = field.queryset.filter(id__in=wards)
                field.required = True
                field.empty_label = None
        if "status" in self.fields and user is not None and not can_publish(user):
            current = self.instance.status
            field = self.fields["status"]
            field.choices = [
                (value, label)
                for value, label in field.choices
                if value != FeedbackSubmission.Status.PUBLISHED or current == FeedbackSubmission.Status.PUBLISHED
            ]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        statuses = FeedbackSubmission.Status
        require = {
            "answer_text": "Nhập nội dung trả lời.",
            "answering_unit": "Nhập đơn vị trả lời.",
        }
        if status == statuses.ASSIGNED and not (cleaned.get("ward") or cleaned.get("assigned_unit")):
            self.add_error("assigned_unit", "Chọn phường, xã hoặc nhập đơn vị được giao xử lý.")
        if status in (statuses.ANSWERED, statuses.PUBLISHED):
            for name, message in require.items():
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, message)
        if status == statuses.PUBLISHED:
            if not (cleaned.get("public_title") or "").strip():
                self.add_error("public_title", "Nhập tiêu đề công khai (không có thông tin cá nhân).")
            if not (cleaned.get("public_question") or "").strip():
                self.add_error("public_question", "Nhập nội dung câu hỏi công khai (đã lược bỏ thông tin cá nhân).")
            if self.for_user is not None and not can_publish(self.for_user) and self.initial_status != status:
                self.add_error("status", "Bạn không có quyền công khai trả lời.")
        if status == statuses.REJECTED and not (cleaned.get("reject_reason") or "").strip():
            self.add_error("reject_reason", "Nêu lý do không xử lý.")
        if status == statuses.FORWARDED and not (cleaned.get("forwarded_to") or "").strip():
            self.add_error("forwarded_to", "Nhập tên cơ quan có thẩm quyền đã chuyển đến.")
        return cleaned
