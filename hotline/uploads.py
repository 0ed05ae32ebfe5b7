"""Checks of citizens' attachments by content: PDF, JPEG or PNG recognised by their magic bytes and parsed.

The extension a file arrives with is never trusted; the stored name gets the extension of what it is.
"""

import hashlib
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "pdf" | "jpeg" | "png"
    content_type: str
    extension: str
    size: int
    sha256: str
    original_name: str


def max_attachment_size() -> int:
    return getattr(settings, "FEEDBACK_MAX_ATTACHMENT_SIZE", getattr(settings, "MAX_UPLOAD_SIZE", 10 * 1024 * 1024))


def max_image_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 64_000_000)


def clean_original_name(name: str) -> str:
    """A display name: last path part, NFC, no control characters, at most 120 characters."""
    base = PurePath(str(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    return base.strip()[:120] or "tep-dinh-kem"


def _read_all(upload):
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _check_pdf(upload, label):
    size = upload.size
    upload.seek(max(0, size - 2048))
    tail = upload.read()
    upload.seek(0)
    # A complete PDF ends with its cross-reference pointer and the %%EOF marker.
    if b"%%EOF" not in tail or b"startxref" not in tail:
        raise ValidationError(
            f"Tệp {label} không phải tệp PDF hoàn chỉnh (tệp bị hỏng hoặc tải lên chưa hết). "
            "Vui lòng lưu lại tệp PDF và chọn lại.",
            code="broken_pdf",
        )


def _check_image(upload, label, expected_format):
    broken = ValidationError(
        f"Tệp ảnh {label} bị hỏng hoặc không đầy đủ, không đọc được. Vui lòng chụp hoặc lưu lại ảnh và chọn lại.",
        code="broken_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                if image.format != expected_format:
                    raise broken
                width, height = image.size
                if width * height > max_image_pixels():
                    raise ValidationError(
                        f"Ảnh {label} quá lớn ({width}×{height} điểm ảnh). Vui lòng gửi ảnh nhỏ hơn.",
                        code="too_many_pixels",
                    )
                image.verify()
            # verify() checks structure only; decoding the data catches a truncated file.
            upload.seek(0)
            with Image.open(upload) as image:
                if expected_format == "JPEG":
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise broken from None
    finally:
        upload.seek(0)


def check_upload(upload) -> CheckedFile:
    """Validate one uploaded file; raises ValidationError with a Vietnamese message naming the file."""
    original = clean_original_name(getattr(upload, "name", ""))
    label = f"«{original}»"
    limit = max_attachment_size()
    if upload.size == 0:
        raise ValidationError(f"Tệp {label} trống (0 byte).", code="empty")
    if upload.size > limit:
        raise ValidationError(
            f"Tệp {label} có dung lượng {filesizeformat(upload.size)}, vượt quá giới hạn "
            f"{filesizeformat(limit)} cho mỗi tệp. Vui lòng nén hoặc chia nhỏ tệp rồi chọn lại.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        _check_pdf(upload, label)
        kind, content_type, extension = "pdf", "application/pdf", ".pdf"
    elif head.startswith(JPEG_MAGIC):
        _check_image(upload, label, "JPEG")
        kind, content_type, extension = "jpeg", "image/jpeg", ".jpg"
    elif head.startswith(PNG_MAGIC):
        _check_image(upload, label, "PNG")
        kind, content_type, extension = "png", "image/png", ".png"
    else:
        raise ValidationError(
            f"Tệp {label} không phải tệp PDF hoặc ảnh JPEG, PNG (hệ thống kiểm tra nội dung tệp, "
            "không dựa vào phần đuôi tên tệp). Vui lòng chọn tệp đúng định dạng.",
            code="bad_type",
        )
    return CheckedFile(kind, content_type, extension, upload.size, _read_all(upload), original)
