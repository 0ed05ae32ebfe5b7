"""Topics ("chủ đề") that classify CCHC articles, seeded with the themes of the communication plan."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.collation import VietnameseOrderManager

# The plan's themes, in the order the plan lists them (slug, name). Seeded by migrations 0002 and 0004.
DEFAULT_TOPICS = [
    ("chi-dao-dieu-hanh", "Chỉ đạo, điều hành và kế hoạch cải cách hành chính"),
    ("cai-cach-the-che", "Cải cách thể chế"),
    ("cai-cach-thu-tuc-hanh-chinh", "Cải cách thủ tục hành chính"),
    ("cai-cach-to-chuc-bo-may", "Cải cách tổ chức bộ máy hành chính"),
    ("cai-cach-che-do-cong-vu", "Cải cách chế độ công vụ"),
    ("cai-cach-tai-chinh-cong", "Cải cách tài chính công"),
    ("chinh-quyen-dien-tu-chinh-quyen-so", "Xây dựng chính quyền điện tử, chính quyền số"),
    ("co-che-mot-cua", "Cơ chế một cửa, một cửa liên thông"),
    ("mo-hinh-dien-hinh", "Mô hình, cách làm hay, điển hình tiên tiến"),
    ("chi-so-par-index-sipas", "Chỉ số CCHC (PAR Index) và Chỉ số hài lòng (SIPAS)"),
    ("trung-tam-dieu-hanh-thong-minh", "Trung tâm giám sát, điều hành đô thị thông minh"),
    ("hoi-dap", "Hỏi – đáp cải cách hành chính"),
    # Themes the plan names that each have a standing page (news.ThemePage); seeded by migration 0004.
    ("pho-bien-giao-duc-phap-luat", "Phổ biến, giáo dục pháp luật"),
    ("iso-9001", "Hệ thống quản lý chất lượng ISO 9001"),
    ("phong-chong-tham-nhung", "Phòng, chống tham nhũng, tiêu cực"),
    ("mat-tran-to-quoc-doan-the", "Mặt trận Tổ quốc và các đoàn thể tham gia cải cách hành chính"),
    ("bieu-duong-phe-phan", "Biểu dương cách làm tốt, phê phán việc làm chưa tốt"),
]


class Topic(index.Indexed, models.Model):
    name = models.CharField("Tên chủ đề", max_length=120, unique=True)
    slug = models.SlugField(
        "Đường dẫn", max_length=80, unique=True, help_text="Chữ thường không dấu, ví dụ: co-che-mot-cua."
    )
    description = models.TextField("Mô tả", blank=True)
    sort_order = models.PositiveSmallIntegerField("Thứ tự hiển thị", default=0)

    objects = VietnameseOrderManager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Chủ đề tin"
        verbose_name_plural = "Chủ đề tin"

    def __str__(self):
        return self.name


def all_topics():
    """Every topic in display order, from the site cache (cleared when a topic is saved or deleted,
    see news.apps)."""
    from core.cache import cached

    return cached("news-topics", lambda: list(Topic.objects.all()))


def ensure_default_topics():
    """Create the plan's topics that are missing (a flushed test database has none)."""
    existing = set(Topic.objects.values_list("slug", flat=True))
    Topic.objects.bulk_create(
        [
            Topic(slug=slug, name=name, sort_order=order)
            for order, (slug, name) in enumerate(DEFAULT_TOPICS, start=1)
            if slug not in existing
        ]
    )
