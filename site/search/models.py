"""Search tables: editor-maintained synonyms and everyday vocabulary, the durable index queue and the
database fallback copy."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin
from wagtail.search import index

from core.collation import VietnameseOrderManager
from search.vietnamese import fold, normalize


def parse_phrases(text, commas=True):
    """One phrase per line (commas also separate unless commas=False), normalized, blanks and folded
    duplicates dropped."""
    phrases, seen = [], set()
    if commas:
        text = (text or "").replace(",", "\n")
    for line in (text or "").splitlines():
        phrase = normalize(line).strip(" .;")
        key = fold(phrase)
        if phrase and key not in seen:
            seen.add(key)
            phrases.append(phrase)
    return phrases


class SearchSynonym(index.Indexed, models.Model):
    """A group of phrases citizens use for the same thing ("sổ đỏ" ↔ "giấy chứng nhận quyền sử dụng đất").

    Read by every search request, so an edit takes effect at once, with no rebuild.
    """

    phrases = models.TextField(
        "Các cách gọi tương đương",
        help_text=(
            "Mỗi dòng một cách gọi, ví dụ: «sổ đỏ» rồi «giấy chứng nhận quyền sử dụng đất». "
            "Gõ có dấu; tìm kiếm tự hiểu cả khi người dân gõ không dấu."
        ),
    )
    note = models.CharField("Ghi chú", max_length=255, blank=True)
    is_active = models.BooleanField("Đang dùng", default=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    objects = VietnameseOrderManager()

    search_fields = [index.SearchField("phrases"), index.AutocompleteField("phrases")]
    panels = [FieldPanel("phrases"), FieldPanel("note"), FieldPanel("is_active")]

    class Meta:
        verbose_name = "Từ đồng nghĩa tìm kiếm"
        verbose_name_plural = "Từ đồng nghĩa tìm kiếm"
        ordering = ["phrases"]

    def __str__(self):
        return " ↔ ".join(self.phrase_list()) or "(trống)"

    def phrase_list(self):
        return parse_phrases(self.phrases)

    def clean(self):
        super().clean()
        phrases = self.phrase_list()
        if len(phrases) < 2:
            raise ValidationError({"phrases": "Cần ít nhất hai cách gọi khác nhau, mỗi cách gọi một dòng."})
        too_long = [p for p in phrases if len(p) > 120]
        if too_long:
            raise ValidationError({"phrases": f"Cách gọi quá dài (tối đa 120 ký tự): «{too_long[0][:40]}…»."})
        self.phrases = "\n".join(phrases)


class EverydayTerm(PreviewableMixin, index.Indexed, models.Model):
    """How citizens say something ("cưới", "cà vẹt xe", "sổ hộ khẩu") and what the catalogue calls it.

    One way: a request holding one of the phrases is also searched with each meaning in its place.
    Read by every search from the site cache, so an edit applies at once, with no rebuild.
    """

    class Kind(models.TextChoices):
        DOCUMENT = "giay-to", "Tên thường gọi của giấy tờ, tài sản, cơ sở"
        LIFE_EVENT = "su-kien", "Sự kiện, hoàn cảnh trong cuộc sống"
        OLD_NAME = "ten-cu", "Tên gọi cũ (trước cải cách)"
        ACTION = "viec-can-lam", "Cách nói việc cần làm"

    class Origin(models.TextChoices):
        SEED = "mac-dinh", "Có sẵn khi cài đặt"
        MINED = "trich-xuat", "Trích từ văn bản thủ tục"
        EDITOR = "bien-tap", "Biên tập viên thêm"

    phrases = models.TextField(
        "Cách người dân nói",
        help_text="Mỗi dòng một cách nói, ví dụ: «cưới vợ», «lấy chồng». Gõ có dấu; người dân gõ không dấu vẫn khớp.",
    )
    means = models.TextField(
        "Tên gọi trong danh mục thủ tục",
        help_text="Mỗi dòng một cách gọi như trong tên thủ tục, ví dụ: «kết hôn». Mỗi dòng được tìm thay cho cách nói.",
    )
    kind = models.CharField("Loại", max_length=16, choices=Kind.choices, default=Kind.LIFE_EVENT)
    note = models.CharField("Ghi chú", max_length=255, blank=True)
    origin = models.CharField("Nguồn", max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    is_active = models.BooleanField("Đang dùng", default=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    search_fields = [
        index.SearchField("phrases"),
        index.SearchField("means"),
        index.AutocompleteField("phrases"),
        index.AutocompleteField("means"),
    ]
    panels = [
        FieldPanel("phrases"),
        FieldPanel("means"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("note"), FieldPanel("is_active")], heading="Phân loại"
        ),
    ]

    class Meta:
        verbose_name = "Cách nói đời thường"
        verbose_name_plural = "Cách nói đời thường"
        ordering = ["kind", "phrases"]

    def __str__(self):
        said, meant = self.phrase_list(), self.meaning_list()
        if not said:
            return "(trống)"
        return f"{', '.join(said[:3])}{'…' if len(said) > 3 else ''} → {', '.join(meant[:2])}"

    def phrase_list(self):
        return parse_phrases(self.phrases, commas=False)

    def meaning_list(self):
        return parse_phrases(self.means, commas=False)

    def clean(self):
        super().clean()
        errors = {}
        said, meant = self.phrase_list(), self.meaning_list()
        if not said:
            errors["phrases"] = "Cần ít nhất một cách nói, mỗi cách nói một dòng."
        if not meant:
            errors["means"] = "Cần ít nhất một tên gọi trong danh mục, mỗi tên gọi một dòng."
        for field, phrases in (("phrases", said), ("means", meant)):
            too_long = [p for p in phrases if len(p) > 120]
            if too_long and field not in errors:
                errors[field] = f"Cách gọi quá dài (tối đa 120 ký tự): «{too_long[0][:40]}…»."
        same = {fold(p) for p in said} & {fold(p) for p in meant}
        if same and "means" not in errors:
            errors["means"] = "Tên gọi trong danh mục phải khác cách người dân nói."
        if errors:
            raise ValidationError(errors)
        self.phrases = "\n".join(said)
        self.means = "\n".join(meant)

    # Preview in the admin editor: what the requests holding these phrases find, with this entry as
    # edited (saved or not) and without it.
    preview_modes = [("", "Kết quả tìm kiếm")]

    def get_preview_template(self, request, mode_name):
        return "search/everyday_term_preview.html"

    # Set by SearchConfig.ready() to search.preview.everyday_rows: the preview searches, and the models
    # never import the modules above them.
    preview_rows = None

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["rows"] = type(self).preview_rows(self) if type(self).preview_rows else []
        return context


class IndexQueueItem(models.Model):
    """A document whose search copy must be brought up to date in Elasticsearch.

    One row per document (key "<type>:<id>"): whatever happened (publish, unpublish, move, delete),
    processing reads the object's current state and indexes or removes it. Rows stay until
    Elasticsearch accepted the change, so an engine outage delays updates but never loses them.
    """

    key = models.CharField("Tài liệu", max_length=80, unique=True)
    reason = models.CharField("Lý do", max_length=32)
    enqueued_at = models.DateTimeField("Thời điểm xếp hàng", db_index=True)
    attempts = models.PositiveIntegerField("Số lần thử", default=0)
    last_error = models.TextField("Lỗi gần nhất", blank=True)
    next_try = models.DateTimeField("Thử lại lúc", db_index=True)

    class Meta:
        verbose_name = "Việc cập nhật chỉ mục"
        verbose_name_plural = "Hàng đợi cập nhật chỉ mục"
        ordering = ["next_try", "id"]

    def __str__(self):
        return f"{self.key} ({self.reason}, {self.attempts} lần thử)"


class SearchEntry(models.Model):
    """The database copy of a search document, folded the same way as the index, for the fallback."""

    key = models.CharField("Tài liệu", max_length=80, primary_key=True)  # "<type>:<id>", as in the index
    # Pages only: deleting a page deletes its copy even if no signal reached us.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entries"
    )
    type = models.CharField("Loại", max_length=32, db_index=True)
    title = models.TextField("Tiêu đề")
    code = models.CharField("Mã", max_length=64, blank=True, db_index=True)
    status = models.CharField("Tình trạng", max_length=32, blank=True, db_index=True)
    field = models.CharField("Lĩnh vực", max_length=255, blank=True)
    level = models.CharField("Cấp thực hiện", max_length=255, blank=True)
    agency = models.CharField("Cơ quan", max_length=255, blank=True)
    online_kind = models.CharField("Dịch vụ công trực tuyến", max_length=255, blank=True)
    ward = models.CharField("Phường, xã", max_length=255, blank=True)
    hidden = models.BooleanField("Ẩn khỏi kết quả mặc định", default=False)
    url = models.CharField("Đường dẫn", max_length=1000)
    date = models.DateField("Ngày", null=True, blank=True)
    summary = models.TextField("Tóm tắt", blank=True)
    body = models.TextField("Nội dung", blank=True)
    # " tok tok tok ": folded tokens between single spaces, so LIKE '% khai sinh %' is a whole-word phrase.
    title_folded = models.TextField(blank=True)
    keywords_folded = models.TextField(blank=True)
    text_folded = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Bản sao tìm kiếm trong cơ sở dữ liệu"
        verbose_name_plural = "Bản sao tìm kiếm trong cơ sở dữ liệu"

    def __str__(self):
        return self.title
