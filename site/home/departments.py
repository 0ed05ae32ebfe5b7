"""Pages of the city's departments (phòng, ban chuyên môn): the index that lists them and one page each,
a sub-site its own editors keep, as a ward's."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, phone_block
from home.restrictions import CachedViewRestrictionsMixin, public
from home.sections import sections_for


class ContactBlock(blocks.StructBlock):
    position = blocks.CharBlock(
        label="Chức vụ, việc phụ trách", max_length=160, help_text="Ví dụ: Trưởng phòng – phụ trách chung"
    )
    name = blocks.CharBlock(label="Họ và tên", max_length=120, required=False)
    phone = phone_block()
    email = blocks.EmailBlock(label="Thư điện tử", required=False)

    class Meta:
        icon = "user"
        label = "Người liên hệ"


class DepartmentIndexPage(CachedViewRestrictionsMixin, Page):
    """ "Các phòng, ban chuyên môn": lists the departments. Structure, like the city home: administrators
    edit it; each department's own groups edit the department below it (units.roles)."""

    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.DepartmentPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "Trang các phòng, ban"
        verbose_name_plural = "Trang các phòng, ban"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = public(DepartmentPage.objects.child_of(self).live()).order_by("path")
        return context


class DepartmentPage(CachedViewRestrictionsMixin, Page):
    """One department (Phòng Tư pháp, Phòng Kinh tế…): its duties, contacts, news and theme pages.

    Children are left open, as on the home pages: each page type that may live here says so in its own
    parent_page_types (news, theme pages, generic pages), so the shell does not name the domain apps.
    """

    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)
    duties = RichTextField(
        "Chức năng, nhiệm vụ",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Những việc phòng tham mưu, giúp UBND thành phố quản lý; người dân cần gì thì đến phòng này.",
    )
    address = models.CharField("Địa chỉ làm việc", max_length=300, blank=True)
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    office_hours = models.TextField("Giờ làm việc", blank=True)
    contacts = StreamField(
        [("contact", ContactBlock())], verbose_name="Lãnh đạo và cán bộ đầu mối", blank=True
    )

    parent_page_types = ["home.DepartmentIndexPage"]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("duties"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
                FieldPanel("contacts"),
            ],
            heading="Liên hệ",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("duties")]

    class Meta:
        verbose_name = "Trang phòng, ban"
        verbose_name_plural = "Trang phòng, ban"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for("department", self, request)
        context["children"] = public(self.get_children().live()).specific().order_by("path")
        return context
