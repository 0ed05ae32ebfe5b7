"""The "was this page useful?" control: anonymous, rate-limited, results in the completeness console."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory

from procedures.alerts.models import UsefulnessVote
from procedures.factories import make_procedure
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A browser on the site's own page: it sends the Origin the vote checks."""
    from django.test import Client

    return Client(HTTP_ORIGIN="http://testserver")


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_control_renders_a_form_that_works_without_javascript():
    page = make_procedure()
    request = RequestFactory().get(page.url)
    html = Template("{% load procedure_alerts_tags %}{% useful_control page %}").render(
        Context({"page": page, "request": request})
    )
    assert f'action="/thu-tuc/danh-gia/{page.pk}/"' in html
    assert 'name="useful" value="1"' in html and 'name="useful" value="0"' in html
    # No per-visitor token: the page is cached for everyone; the vote checks the Origin instead.
    assert "csrfmiddlewaretoken" not in html
    thanked = Template("{% load procedure_alerts_tags %}{% useful_control page %}").render(
        Context({"page": page, "request": RequestFactory().get(page.url + "?danh-gia=cam-on")})
    )
    assert "Cảm ơn bạn đã đánh giá" in thanked


def test_vote_is_recorded_once_per_visitor_and_page(client):
    page = make_procedure()
    response = client.post(f"/thu-tuc/danh-gia/{page.pk}/", {"useful": "1"})
    assert response.status_code == 302 and response["Location"] == f"{page.url}?danh-gia=cam-on#danh-gia"
    client.post(f"/thu-tuc/danh-gia/{page.pk}/", {"useful": "0"})
    assert list(UsefulnessVote.objects.values_list("useful", flat=True)) == [True]
    # Another visitor counts.
    client.post(f"/thu-tuc/danh-gia/{page.pk}/", {"useful": "0"}, REMOTE_ADDR="10.0.0.9")
    assert UsefulnessVote.objects.count() == 2


def test_vote_from_another_site_is_refused_and_same_origin_needs_no_token():
    from django.test import Client

    page = make_procedure()
    strict = Client(enforce_csrf_checks=True)
    url = f"/thu-tuc/danh-gia/{page.pk}/"
    refused = strict.post(url, {"useful": "1"}, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403 and "không đến từ trang của cổng" in refused.content.decode()
    assert strict.post(url, {"useful": "1"}).status_code == 403  # neither Origin nor Referer
    assert not UsefulnessVote.objects.exists()
    accepted = strict.post(url, {"useful": "1"}, HTTP_ORIGIN="http://testserver")
    assert accepted.status_code == 302
    # An old browser without Origin: its Referer names the page.
    other = strict.post(url, {"useful": "0"}, HTTP_REFERER=f"http://testserver{page.url}", REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302
    assert UsefulnessVote.objects.count() == 2


def test_flood_from_one_address_is_capped(client):
    pages = [make_procedure(name=f"Thủ tục {i}") for i in range(32)]
    for page in pages:
        client.post(f"/thu-tuc/danh-gia/{page.pk}/", {"useful": "1"})
    assert UsefulnessVote.objects.count() == 30


def test_bad_input_records_nothing(client):
    page = make_procedure()
    assert client.post(f"/thu-tuc/danh-gia/{page.pk}/", {"useful": "có"}).status_code == 302
    assert client.get(f"/thu-tuc/danh-gia/{page.pk}/").status_code == 405
    assert client.post("/thu-tuc/danh-gia/999999/", {"useful": "1"}).status_code == 404
    assert not UsefulnessVote.objects.exists()


def test_results_per_procedure_in_the_console(client):
    page = make_procedure(name="Thủ tục được đánh giá")
    UsefulnessVote.objects.bulk_create([UsefulnessVote(page=page, useful=v) for v in (True, True, True, False)])
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "mat-khau-rat-dai-1")
    login_with_second_factor(client, user)
    html = client.get("/quan-tri/kiem-tra-thu-tuc/").content.decode()
    assert "75% hữu ích (3 có / 1 không)" in html
