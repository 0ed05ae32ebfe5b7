"""Factories for the site shell's pages (wagtail-factories), used by tests and benches."""

import factory
import wagtail_factories

from home.models import ContentPage, HomePage, WardHomePage


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
