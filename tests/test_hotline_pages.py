"""Hotline pages of the city and the wards, the home-page section and the procedure-page links."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from core.models import PublicHoliday
from home.models import ContentPage, WardHomePage
from hotline import demo
from hotline.factories import make_site
from hotline.handlers import hotline_page_for
from hotline.models import FeedbackSubmission, HotlineContact, HotlinePage

pytestmark = pytest.mark.django_db


def test_demo_gives_the_city_and_every_ward_a_hotline_page(client, demo_site):
    wards = list(WardHomePage.objects.child_of(demo_site))
    assert len(wards) == 19
    assert HotlinePage.objects.live().count() == 20
    city = HotlinePage.objects.child_of(demo_site).get()
    assert city.slug == "duong-day-nong"
    html = client.get(city.url).content.decode()
    assert 'href="tel:02203882666"' in html and "Phòng Tư pháp" in html and "minh họa" in html
    assert "/phan-anh-kien-nghi/" in html
    for ward in wards:
        page = hotline_page_for(ward)
        assert page.get_parent().pk == ward.pk
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        body = response.content.decode()
        assert ward.title in body and 'href="tel:' in body
        assert f"?don-vi={ward.slug}" in body
        assert page.contacts.count() == 3


def test_demo_answers_and_holidays_and_a_second_run_adds_nothing(client, demo_site):
    published = FeedbackSubmission.objects.published()
    assert published.count() == len(demo.ANSWERS)
    assert FeedbackSubmission.objects.open().count() == len(demo.QUEUE)
    assert PublicHoliday.objects.filter(date__year=2026).exists()
    listing = client.get("/phan-anh-kien-nghi/da-tra-loi/").content.decode()
    assert "Đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn" in listing
    for item in FeedbackSubmission.objects.all():
        assert item.name not in listing and item.address not in listing
    counts = (HotlinePage.objects.count(), HotlineContact.objects.count(), FeedbackSubmission.objects.count(),
              PublicHoliday.objects.count())
    ctx = SimpleNamespace(
        home=demo_site, wards={w.slug: w for w in WardHomePage.objects.child_of(demo_site)},
        log=lambda message: None, options={},
    )
    demo.load(ctx)
    assert counts == (HotlinePage.objects.count(), HotlineContact.objects.count(),
                      FeedbackSubmission.objects.count(), PublicHoliday.objects.count())


def test_home_and_ward_pages_show_the_hotline_section(client, demo_site):
    home_html = client.get("/").content.decode()
    assert "Đường dây nóng, phản ánh kiến nghị" in home_html
    assert 'href="/duong-day-nong/"' in home_html and 'href="tel:02203882666"' in home_html
    ward_html = client.get("/phuong-sao-do/").content.decode()
    assert "/phan-anh-kien-nghi/?don-vi=phuong-sao-do" in ward_html
    assert 'href="/phuong-sao-do/duong-day-nong/"' in ward_html


def test_hotline_page_lives_under_the_city_or_a_ward_once(db):
    home, wards = make_site()
    assert HotlinePage.can_create_at(home)
    assert HotlinePage.can_create_at(wards["phuong-sao-do"])
    content = ContentPage(title="Giới thiệu", slug="gioi-thieu-hl")
    home.add_child(instance=content)
    assert not HotlinePage.can_create_at(content)
    page = HotlinePage(title="Đường dây nóng", slug="duong-day-nong")
    page.contacts.add(HotlineContact(unit="Văn phòng", phone="0220 3882 666"))
    home.add_child(instance=page)
    assert not HotlinePage.can_create_at(home)
    assert HotlinePage.can_create_at(wards["phuong-ben-tam"])


def test_procedure_pages_link_to_their_hotline_and_prefilled_form(db):
    from procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory

    home, _ = make_site()
    hotline = HotlinePage(title="Đường dây nóng", slug="duong-day-nong")
    hotline.contacts.add(HotlineContact(unit="Văn phòng", phone="0220 3882 666"))
    home.add_child(instance=hotline)
    hotline.save_revision().publish()
    catalogue = ProcedureIndexPageFactory(parent=home)
    procedure = ProcedurePageFactory(parent=catalogue, code="1.001193", official_name="Đăng ký khai sinh")
    request = RequestFactory().get(procedure.url)
    html = Template("{% load hotline_tags %}{% feedback_links page %}").render(
        Context({"page": procedure, "request": request})
    )
    assert hotline.url in html and 'href="tel:02203882666"' in html
    assert "/phan-anh-kien-nghi/?thu-tuc=1.001193" in html


def test_a_page_gets_its_wards_hotline_else_the_citys(db):
    home, wards = make_site()
    saodo, bentam = wards["phuong-sao-do"], wards["phuong-ben-tam"]
    pages = {}
    for unit, slug in ((home, "duong-day-nong"), (saodo, "duong-day-nong")):
        page = HotlinePage(title="Đường dây nóng", slug=slug)
        unit.add_child(instance=page)
        page.save_revision().publish()
        pages[unit.pk] = page
    notice = saodo.add_child(instance=ContentPage(title="Thông báo", slug="thong-bao-hl"))
    deeper = notice.add_child(instance=ContentPage(title="Lịch tiếp dân", slug="lich-tiep-hl"))
    assert hotline_page_for(deeper).pk == pages[saodo.pk].pk  # below the ward: the ward's own
    assert hotline_page_for(saodo).pk == pages[saodo.pk].pk
    assert hotline_page_for(bentam).pk == pages[home.pk].pk  # a ward without one: the city's
    assert hotline_page_for(home).pk == pages[home.pk].pk
    pages[saodo.pk].unpublish()
    assert hotline_page_for(deeper).pk == pages[home.pk].pk  # a draft is never shown
