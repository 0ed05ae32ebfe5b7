"""Site shell pages (city home, ward home, generic page) and the per-site contact settings."""

import copy
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from core.cache import cached
from core.text import folded_slug
from home.blocks import RICH_TEXT_FEATURES, BodyBlock, phone_block
from home.restrictions import CachedViewRestrictionsMixin
from home.routing import DirectRouteMixin
from home.sections import sections_for


class DutyStaffBlock(blocks.StructBlock):
    position = blocks.CharBlock(label="Chức danh, lĩnh vực", max_length=120)
    name = blocks.CharBlock(label="Họ và tên", max_length=120, required=False)
    schedule = blocks.CharBlock(label="Lịch trực", max_length=120, required=False, help_text="Ví dụ: Thứ Hai, thứ Tư")
    phone = phone_block()

    class Meta:
        icon = "user"
        label = "Cán bộ trực"


class PhoneBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Nội dung", max_length=120)
    number = phone_block("Số điện thoại", required=True)

    class Meta:
        icon = "mobile-alt"
        label = "Số điện thoại"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    unit_name = models.CharField(
        "Tên đơn vị", max_length=200, default="Ủy ban nhân dân thành phố"
    )
    parent_unit_name = models.CharField("Cơ quan chủ quản", max_length=200, blank=True)
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    hotline_numbers = StreamField(
        [("phone", PhoneBlock())], verbose_name="Số đường dây nóng", blank=True
    )
    email = models.EmailField("Thư điện tử", blank=True)
    office_hours = models.TextField("Giờ làm việc", blank=True)
    zalo_oa_url = models.URLField("Zalo OA", blank=True)
    facebook_url = models.URLField("Fanpage Facebook", blank=True)
    responsible_person = models.CharField(
        "Chịu trách nhiệm nội dung", max_length=200, blank=True
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("unit_name"), FieldPanel("parent_unit_name"), FieldPanel("responsible_person")],
            heading="Đơn vị",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("hotline_numbers"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading="Liên hệ",
        ),
        MultiFieldPanel([FieldPanel("zalo_oa_url"), FieldPanel("facebook_url")], heading="Mạng xã hội"),
    ]

    class Meta:
        verbose_name = "Thông tin cổng"

    @classmethod
    def for_request(cls, request):
        """As Wagtail's, from the cache: the footer, contacts and hotlines are on every page."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return cls.for_site(site)  # raises DoesNotExist, as Wagtail's does
            # A copy: the cached instance is shared by this process's requests, this one gets _request.
            instance = copy.copy(cached(f"settings:{site.pk}", lambda: cls.for_site(site)))
            instance._request = request
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)


class HomePage(CachedViewRestrictionsMixin, DirectRouteMixin, Page):
    """The city portal's root page.

    Children are constrained by their own parent_page_types, so a domain app adds a section
    without editing this model.
    """

    intro = RichTextField("Lời giới thiệu", blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "Trang chủ thành phố"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for("city", self, request)
        return context


class WardHomePage(CachedViewRestrictionsMixin, DirectRouteMixin, Page):
    """Home page of a ward (phường) or commune (xã) sub-site."""

    class UnitKind(models.TextChoices):
        WARD = "phuong", "Phường"
        COMMUNE = "xa", "Xã"

    unit_kind = models.CharField(
        "Loại đơn vị", max_length=10, choices=UnitKind.choices, default=UnitKind.WARD
    )
    unit_name = models.CharField("Tên đơn vị", max_length=120, help_text="Ví dụ: Sao Đỏ")
    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)
    address = models.CharField("Địa chỉ trụ sở", max_length=300, blank=True)
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    hotline = models.CharField("Đường dây nóng", max_length=40, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    desk_address = models.CharField("Địa chỉ Bộ phận một cửa", max_length=300, blank=True)
    office_hours = models.TextField("Giờ tiếp nhận hồ sơ", blank=True)
    map_url = models.URLField("Liên kết bản đồ", blank=True)
    duty_staff = StreamField(
        [("staff", DutyStaffBlock())],
        verbose_name="Cán bộ trực Bộ phận một cửa",
        blank=True,
    )
    unit_code = models.CharField(
        "Mã đơn vị hành chính",
        max_length=10,
        blank=True,
        help_text="Mã theo danh mục đơn vị hành chính Việt Nam (5 chữ số).",
    )
    former_names = models.TextField(
        "Tên đơn vị trước đây",
        blank=True,
        help_text="Mỗi dòng một đơn vị cũ đã sáp nhập hoặc đổi tên thành đơn vị này, ví dụ: Phường Văn Đức.",
    )

    parent_page_types = ["home.HomePage"]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("unit_kind"), FieldPanel("unit_name"), FieldPanel("unit_code"), FieldPanel("former_names")],
            heading="Đơn vị",
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("desk_address"),
                FieldPanel("office_hours"),
                FieldPanel("map_url"),
                FieldPanel("duty_staff"),
            ],
            heading="Liên hệ và Bộ phận một cửa",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("unit_name"), index.SearchField("intro")]

    class Meta:
        verbose_name = "Trang chủ phường, xã"
        verbose_name_plural = "Trang chủ phường, xã"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for("ward", self, request)
        return context

    @classmethod
    def split_name(cls, text):
        """(kind or None, the name without its kind) of a unit name typed with or without its kind:
        "Phường Chu Văn An", "PHƯỜNG Chu Văn An", "phuong chu van an" (NFC or NFD) give ("phuong",
        "Chu Văn An"); "Xã Bắc An" gives ("xa", "Bắc An"); "Chu Văn An" gives (None, "Chu Văn An"). A bare
        "phuong"/"xa" counts only in a name typed without diacritics ("Xá Lợi" keeps its first word)."""
        name = " ".join(unicodedata.normalize("NFC", text or "").split())
        kind = None
        while True:
            first, _, rest = name.partition(" ")
            word = first.lower()
            plain = name.isascii()
            found = next(
                (k for k, label in cls.UnitKind.choices if word == label.lower() or (plain and word == k)),
                None,
            )
            if found is None or not rest:
                return kind, name
            if kind is not None and found != kind:
                return kind, name  # "Phường Xã Đàn": the second word is the name
            kind, name = found, rest

    def clean(self):
        super().clean()
        kind, name = self.split_name(self.unit_name)
        if kind is not None and kind != self.unit_kind:
            label = dict(self.UnitKind.choices)[kind]
            raise ValidationError(
                {"unit_name": f"Tên bắt đầu bằng “{label}” nhưng loại đơn vị đã chọn là “{self.get_unit_kind_display()}”."}
            )
        self.unit_name = name

    @classmethod
    def slug_for(cls, kind, name):
        """The sub-site's ASCII slug: "phuong-sao-do", "xa-hoang-hoa-tham"."""
        return folded_slug(f"{'phuong' if kind == cls.UnitKind.WARD else 'xa'} {name}", max_length=None, empty="")

    @property
    def full_name(self):
        return f"{self.get_unit_kind_display()} {self.unit_name}"

    @property
    def former_name_list(self):
        return [line.strip() for line in self.former_names.splitlines() if line.strip()]


class ContentPage(CachedViewRestrictionsMixin, Page):
    """A generic page: introduction, organisation, contacts, guidance."""

    lead = models.TextField("Tóm tắt", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Nội dung", blank=True)

    parent_page_types = ["home.HomePage", "home.WardHomePage", "home.DepartmentPage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = "Trang nội dung"


# Department pages live in their own module; imported here so Django registers them with the app.
from home.departments import DepartmentIndexPage, DepartmentPage  # noqa: E402, F401
