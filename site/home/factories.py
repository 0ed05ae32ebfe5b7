"""Factories for the site shell's pages (wagtail-factories), used by tests and benches."""

import factory
import wagtail_factories

from home.models import ContentPage, DepartmentIndexPage, DepartmentPage, HomePage, WardHomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Cổng thông tin cải cách hành chính"
    slug = "trang-chu"

    class Meta:
        model = HomePage


class WardHomePageFactory(wagtail_factories.PageFactory):
    unit_kind = WardHomePage.UnitKind.WARD
    unit_name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    title = factory.LazyAttribute(lambda o: f"Phường {o.unit_name}")
    slug = factory.LazyAttribute(lambda o: WardHomePage.slug_for(o.unit_kind, o.unit_name))

    class Meta:
        model = WardHomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang giới thiệu {n}")
    slug = factory.Sequence(lambda n: f"trang-gioi-thieu-{n}")
    lead = "Giới thiệu chung về đơn vị."

    class Meta:
        model = ContentPage


class DepartmentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Các phòng, ban chuyên môn"
    slug = "phong-ban"

    class Meta:
        model = DepartmentIndexPage


class DepartmentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Phòng Thử Nghiệm {n}")
    slug = factory.Sequence(lambda n: f"phong-thu-nghiem-{n}")
    intro = "<p>Tham mưu, giúp UBND thành phố quản lý nhà nước về một lĩnh vực.</p>"

    class Meta:
        model = DepartmentPage


def tree_root():
    """The page tree's root: Wagtail's migrations create it, a flushed test database has none."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(title="Root", slug="root")
    return root


def city_home(title="Cổng thông tin cải cách hành chính thành phố Chí Linh", slug="trang-chu"):
    """The city home page, published, as the default site (localhost:80); made when the tree has none."""
    from wagtail.models import Site

    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=tree_root(), title=title, slug=slug)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chí Linh"},
    )
    return home
