"""Structured parts of a procedure (steps, channels, dossier by case, legal basis, forms).

Kept as blocks rather than rich text so they can be printed as a checklist, exported, compared and indexed.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

CHANNEL_CHOICES = [
    ("truc_tiep", "Trực tiếp"),
    ("truc_tuyen", "Trực tuyến"),
    ("buu_chinh", "Dịch vụ bưu chính"),
]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Tên bước", required=False, max_length=255)
    description = blocks.TextBlock(label="Nội dung")

    class Meta:
        icon = "list-ol"
        label = "Bước thực hiện"


class ChannelBlock(blocks.StructBlock):
    method = blocks.ChoiceBlock(label="Cách thức", choices=CHANNEL_CHOICES)
    deadline = blocks.TextBlock(label="Thời hạn giải quyết", required=False)
    fee = blocks.TextBlock(label="Phí, lệ phí", required=False)
    description = blocks.TextBlock(label="Mô tả", required=False)

    class Meta:
        icon = "mail"
        label = "Cách thức thực hiện"


class DossierItemBlock(blocks.StructBlock):
    name = blocks.TextBlock(label="Tên giấy tờ")
    form_name = blocks.CharBlock(label="Mẫu đơn, tờ khai", required=False, max_length=255)
    form = DocumentChooserBlock(label="Tệp mẫu", required=False)
    originals = blocks.IntegerBlock(label="Số bản chính", required=False, min_value=0)
    copies = blocks.IntegerBlock(label="Số bản sao", required=False, min_value=0)
    note = blocks.CharBlock(label="Ghi chú", required=False, max_length=500)

    class Meta:
        icon = "doc-full"
        label = "Giấy tờ"


class DossierCaseBlock(blocks.StructBlock):
    case_name = blocks.CharBlock(
        label="Trường hợp",
        required=False,
        max_length=500,
        help_text="Để trống nếu hồ sơ áp dụng cho mọi trường hợp.",
    )
    items = blocks.ListBlock(DossierItemBlock(), label="Thành phần hồ sơ")

    class Meta:
        icon = "folder-open-inverse"
        label = "Hồ sơ theo trường hợp"


class LegalBasisBlock(blocks.StructBlock):
    number = blocks.CharBlock(label="Số, ký hiệu", required=False, max_length=120)
    title = blocks.TextBlock(label="Trích yếu")
    date = blocks.DateBlock(label="Ngày ban hành", required=False)
    issuer = blocks.CharBlock(label="Cơ quan ban hành", required=False, max_length=255)

    class Meta:
        icon = "doc-full-inverse"
        label = "Căn cứ pháp lý"


class FormBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Tên mẫu", max_length=500)
    document = DocumentChooserBlock(label="Tệp", required=False)

    class Meta:
        icon = "download"
        label = "Mẫu đơn, tờ khai"
