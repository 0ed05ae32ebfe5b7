"""Hotline contact pages: one per unit (city or ward), contacts grouped by unit and topic."""

from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.restrictions import CachedViewRestrictionsMixin

phone_validator = RegexValidator(
    r"^[0-9 .()+-]{3,20}$", "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, dấu gạch ngang hoặc +."
)


class HotlinePage(CachedViewRestrictionsMixin, Page):
    """"Đường dây nóng" of the city or of one ward, maintained by that unit's editors."""

    intro = models.TextField(
        "Giới thiệu",
        blank=True,
        help_text="Ví dụ: phạm vi tiếp nhận, thời gian trực đường dây nóng.",
    )
    note = models.TextField("Ghi chú cuối trang", blank=True)

    parent_page_types = ["home.HomePage", "home.WardHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("contacts", heading="Đầu mối liên hệ", label="Đầu mối", min_num=1),
        FieldPanel("note"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "Trang đường dây nóng"
        verbose_name_plural = "Trang đường dây nóng"

    def contact_groups(self):
        """Contacts grouped by unit, in editor order: [(unit, [contact, …]), …]."""
        groups = {}
        for contact in self.contacts.all():
            groups.setdefault(contact.unit, []).append(contact)
        return list(groups.items())

    def unit_page(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        from home.models import WardHomePage

        context = super().get_context(request, *args, **kwargs)
        unit = self.unit_page()
        context["unit"] = unit
        context["ward"] = unit if isinstance(unit, WardHomePage) else None
        return context


class HotlineContact(Orderable):
    page = ParentalKey(HotlinePage, on_delete=models.CASCADE, related_name="contacts")
    unit = models.CharField("Đơn vị", max_length=200, help_text="Ví dụ: Văn phòng HĐND và UBND, Công an phường.")
    topic = models.CharField(
        "Lĩnh vực tiếp nhận", max_length=255, blank=True, help_text="Ví dụ: thủ tục hành chính, đất đai, hộ tịch."
    )
    position = models.CharField(
        "Chức danh đầu mối", max_length=200, blank=True, help_text="Chức danh, không ghi thông tin cá nhân."
    )
    phone = models.CharField("Số điện thoại", max_length=40, validators=[phone_validator])
    email = models.EmailField("Thư điện tử", blank=True)
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    office_hours = models.TextField("Thời gian tiếp nhận", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("topic")]),
        FieldPanel("position"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("address"),
             FieldPanel("office_hours")],
            heading="Liên hệ",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Đầu mối liên hệ"
        verbose_name_plural = "Đầu mối liên hệ"

    def __str__(self):
        return f"{self.unit}: {self.phone}"
