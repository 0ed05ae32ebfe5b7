"""Search tables: editor-maintained synonyms, the durable index queue and the database fallback copy."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.collation import VietnameseOrderManager
from search.vietnamese import fold, normalize


def parse_phrases(text):
    """One phrase per line (commas also separate), normalized, blanks and folded duplicates dropped."""
    phrases, seen = [], set()
    for line in (text or "").replace(",", "\n").splitlines():
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
