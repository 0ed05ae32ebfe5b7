"""StreamField blocks shared by the generic pages of every app (one small shared module)."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def phone_block(label="Điện thoại", required=False):
    """A phone number as people write it: digits, spaces, dots, brackets, + and -."""
    optional = {} if required else {"required": False}  # as the blocks were first declared (migrations)
    return blocks.RegexBlock(
        label=label,
        **optional,
        regex=r"^[0-9 .()+-]{3,20}$",
        error_messages={"invalid": "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc +."},
    )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Ảnh")
    alt_text = blocks.CharBlock(
        label="Mô tả ảnh (alt)",
        max_length=250,
        help_text="Bắt buộc: mô tả nội dung ảnh cho người dùng trình đọc màn hình.",
    )
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=300)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise ValidationError("Ảnh cần có mô tả (alt) trước khi xuất bản.")
        return value

    class Meta:
        icon = "image"
        label = "Ảnh"
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    source = blocks.CharBlock(label="Nguồn", required=False)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Tài liệu")
    title = blocks.CharBlock(label="Tên hiển thị", required=False)

    class Meta:
        icon = "doc-full"
        label = "Tài liệu đính kèm"
        template = "blocks/document_link_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label="Tiêu đề mục", form_classname="title", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label="Đoạn văn", features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label="Bảng")

    class Meta:
        label = "Nội dung"
