"""Life events ("Tôi muốn…"): curated procedures with the search behind them, linked from the catalogue
and the city home page; their admin; the page in the browser (phone, accessibility)."""

import pytest
from django.urls import reverse

from procedures import life_events
from procedures.factories import AnnouncingDecisionFactory, ProcedurePageFactory, add_status_change
from procedures.models import LifeEvent, LifeEventProcedure, ProcedurePage
from tests.a11y import assert_accessible
from tests.conftest import save_screenshot
from tests.test_procedure_pages import build_catalogue


def _event(catalogue, **kwargs):
    birth = ProcedurePageFactory(parent=catalogue, code="1.001193", official_name="Đăng ký khai sinh")
    insurance = ProcedurePageFactory(
        parent=catalogue, code="2.001023", official_name="Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
    )
    gone = ProcedurePageFactory(parent=catalogue, code="1.999001", official_name="Khai sinh theo mẫu cũ")
    event = LifeEvent.objects.create(
        title="Sinh con", slug="sinh-con", lead="Khi gia đình có thêm em bé.", search_query="khai sinh", **kwargs
    )
    for n, (page, note) in enumerate([(birth, "Trong 60 ngày kể từ ngày sinh"), (insurance, ""), (gone, "")]):
        LifeEventProcedure.objects.create(event=event, procedure=page, note=note, sort_order=n)
    add_status_change(gone, "abolished", decision=AnnouncingDecisionFactory(), effective_date=None)
    return event, birth, insurance, gone


@pytest.mark.django_db
def test_demo_seeds_six_life_events_once(demo_site):
    titles = list(LifeEvent.objects.values_list("title", flat=True))
    assert titles == ["Sinh con", "Kết hôn", "Xây nhà", "Mua bán, tặng cho đất", "Mở hộ kinh doanh", "Khi có người mất"]
    assert all(event.search_query for event in LifeEvent.objects.all())
    LifeEvent.objects.get(slug="xay-nha").delete()

    class Context:
        def log(self, message):
            raise AssertionError("nothing to seed again")

    life_events.seed_demo(Context())  # an editor's deletion is kept
    assert LifeEvent.objects.count() == 5


@pytest.mark.django_db
def test_event_page_lists_the_curated_procedures_and_the_search_behind_them(demo_site, client):
    LifeEvent.objects.all().delete()
    catalogue = build_catalogue(demo_site)
    event, birth, insurance, gone = _event(catalogue)
    html = client.get(reverse("procedures_public:life_event", args=["sinh-con"])).content.decode()
    assert "Tôi muốn: sinh con" in html and "Khi gia đình có thêm em bé." in html
    assert html.index(birth.title) < html.index(insurance.title)
    assert "Trong 60 ngày kể từ ngày sinh" in html
    assert gone.title not in html  # abolished: out of the list
    assert "/tim-kiem/?q=khai+sinh&amp;type=procedure" in html
    assert client.get(reverse("procedures_public:life_event", args=["khong-co"])).status_code == 404
    event.is_active = False
    event.save()
    assert client.get(reverse("procedures_public:life_event", args=["sinh-con"])).status_code == 404


@pytest.mark.django_db
def test_catalogue_and_home_link_the_life_events(demo_site, client):
    catalogue = ProcedurePage.objects.live().first().get_parent()
    for url in ("/", catalogue.url):
        html = client.get(url).content.decode()
        assert "Tôi muốn…" in html, url
        assert f'href="{reverse("procedures_public:life_event", args=["ket-hon"])}"' in html, url
    index = client.get(reverse("procedures_public:life_events")).content.decode()
    assert index.count('class="life-event__group"') == 6
    LifeEvent.objects.filter(slug="ket-hon").update(is_active=False)
    LifeEvent.objects.first().save()  # a save clears the cached list
    assert "/thu-tuc/toi-muon/ket-hon/" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_editors_add_a_life_event_in_the_admin(demo_site, admin_client):
    catalogue = build_catalogue(demo_site)
    page = ProcedurePageFactory(parent=catalogue, code="1.001612", official_name="Đăng ký thành lập hộ kinh doanh")
    response = admin_client.post(
        reverse("wagtailsnippets_procedures_lifeevent:add"),
        {
            "title": "Mở quán ăn",
            "slug": "mo-quan-an",
            "lead": "",
            "search_query": "mở quán ăn",
            "sort_order": "9",
            "is_active": "on",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-procedure": str(page.pk),
            "items-0-note": "Trước khi mở bán",
            "items-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content[:800]
    event = LifeEvent.objects.get(slug="mo-quan-an")
    assert [item.procedure_id for item in event.items.all()] == [page.pk]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_life_event_page_on_a_phone(live_server, transactional_demo_site, phone_page):
    LifeEvent.objects.all().delete()
    _event(build_catalogue(transactional_demo_site))
    phone_page.goto(live_server.url + reverse("procedures_public:life_event", args=["sinh-con"]))
    assert phone_page.locator("h1").inner_text() == "Tôi muốn: sinh con"
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    save_screenshot(phone_page, "life-event-phone")
    assert_accessible(phone_page, "life-event-phone")
    assert not phone_page.console_errors
