"""Home-affairs report figures against a known fixture, for every period type; XLSX and command agree."""

import datetime
import io
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from units import reports
from wagtail.models import Page

from home.models import HomePage, WardHomePage

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CODES = itertools.count(1)


def at(day):
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=TZ)


def article(index_page, title, day):
    from news.models import ArticlePage

    page = ArticlePage(
        title=title, slug=f"tin-{title.lower().replace(' ', '-')}", lead="Tóm tắt tin.", date=day
    )
    index_page.add_child(instance=page)
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=at(day))
    return page


def feedback(ward, received, due, answered=None):
    from hotline.models import FeedbackSubmission, FeedbackTopic

    topic, _ = FeedbackTopic.objects.get_or_create(name="Hộ tịch", slug="ho-tich")
    return FeedbackSubmission.objects.create(
        tracking_code=f"PA{next(CODES):06d}",
        created_at=at(received),
        name="Người dân",
        phone="0900000000",
        address="Chí Linh",
        topic=topic,
        ward=ward,
        content="Nội dung phản ánh.",
        due_date=due,
        forward_due_date=due,
        answered_at=at(answered) if answered else None,
        status="answered" if answered else "received",
    )


@pytest.fixture
def fixture_site(db):
    from news.models import NewsIndexPage

    root = Page.get_first_root_node()
    home = HomePage(title="Trang chủ", slug="trang-chu-bao-cao")
    root.add_child(instance=home)
    a = WardHomePage(title="Phường Sao Đỏ", slug="phuong-sao-do", unit_name="Sao Đỏ")
    b = WardHomePage(title="Xã Bắc An", slug="xa-bac-an", unit_name="Bắc An", unit_kind="xa")
    for ward in (a, b):
        home.add_child(instance=ward)
    news = {}
    for key, parent in (("city", home), ("a", a), ("b", b)):
        news[key] = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        parent.add_child(instance=news[key])
    article(news["a"], "A1", datetime.date(2026, 2, 10))
    article(news["a"], "A2", datetime.date(2026, 5, 5))
    article(news["a"], "A3", datetime.date(2026, 11, 1))
    article(news["city"], "C1", datetime.date(2026, 3, 15))
    article(news["b"], "B1", datetime.date(2025, 12, 31))
    feedback(a, datetime.date(2026, 1, 5), datetime.date(2026, 1, 20), datetime.date(2026, 1, 15))  # on time
    feedback(a, datetime.date(2026, 4, 2), datetime.date(2026, 4, 16), datetime.date(2026, 4, 20))  # late
    feedback(b, datetime.date(2026, 8, 1), datetime.date(2026, 8, 15))  # still open, overdue
    return home, a, b


def figures(report, unit, *keys):
    row = next(r for r in report["rows"] if r["unit"].pk == unit.pk)
    return tuple(row["values"][k] for k in keys)


KEYS = ("articles", "feedback_received", "feedback_on_time", "feedback_overdue")


@pytest.mark.parametrize(
    "period,expected",
    [
        (
            reports.make_period("quarter", 2026, 1),
            {"city": (1, 0, 0, 0), "a": (1, 1, 1, 0), "b": (0, 0, 0, 0)},
        ),
        (
            reports.make_period("quarter", 2026, 2),
            {"city": (0, 0, 0, 0), "a": (1, 1, 0, 1), "b": (0, 0, 0, 0)},
        ),
        (reports.make_period("half", 2026, 1), {"city": (1, 0, 0, 0), "a": (2, 2, 1, 1), "b": (0, 0, 0, 0)}),
        (reports.make_period("half", 2026, 2), {"city": (0, 0, 0, 0), "a": (1, 0, 0, 0), "b": (0, 1, 0, 1)}),
        (reports.make_period("year", 2026), {"city": (1, 0, 0, 0), "a": (3, 2, 1, 1), "b": (0, 1, 0, 1)}),
        (
            reports.make_period("custom", start=datetime.date(2025, 12, 1), end=datetime.date(2026, 1, 31)),
            {"city": (0, 0, 0, 0), "a": (0, 1, 1, 0), "b": (1, 0, 0, 0)},
        ),
    ],
    ids=["q1", "q2", "h1", "h2", "year", "custom"],
)
def test_figures_per_period(fixture_site, period, expected):
    home, a, b = fixture_site
    report = reports.build_report(period)
    units = {"city": home, "a": a, "b": b}
    for key, unit in units.items():
        assert figures(report, unit, *KEYS) == expected[key], (period.label, key)
    assert report["totals"]["articles"] == sum(v[0] for v in expected.values())


def test_period_labels_and_bad_input():
    assert reports.make_period("quarter", 2026, 3).label == "Quý 3 năm 2026"
    assert reports.make_period("half", 2026, 2).start == datetime.date(2026, 7, 1)
    assert reports.make_period("year", 2024).end == datetime.date(2024, 12, 31)
    with pytest.raises(reports.PeriodError, match="từ 1 đến 4"):
        reports.make_period("quarter", 2026, 5)
    with pytest.raises(reports.PeriodError, match="Ngày bắt đầu phải trước"):
        reports.make_period("custom", start=datetime.date(2026, 2, 1), end=datetime.date(2026, 1, 1))


def test_xlsx_and_command_match_the_table(admin_client, fixture_site):
    period = reports.make_period("year", 2026)
    header, body = reports.as_table(reports.build_report(period))
    response = admin_client.get("/quan-tri/bao-cao/?ky=year&nam=2026&dinh_dang=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows[0] == header
    assert rows[1:] == body
    out = io.StringIO()
    call_command("report_units", "--ky", "year", "--nam", "2026", stdout=out)
    lines = out.getvalue().splitlines()
    assert "\t".join(header) in lines
    for line in body:
        assert "\t".join(str(c) for c in line) in lines
    page = admin_client.get("/quan-tri/bao-cao/?ky=year&nam=2026")
    text = page.content.decode()
    assert page.status_code == 200 and "<svg" in text and "Năm 2026" in text
    bad = admin_client.get("/quan-tri/bao-cao/?ky=quarter&nam=2026&so=9")
    assert bad.status_code == 200 and "Số thứ tự kỳ phải từ 1 đến 4" in bad.content.decode()


def test_plan_progress_shows_who_is_behind(admin_client, fixture_site):
    from units.models import PlanTask
    from units.views import plan_progress

    _home, a, b = fixture_site
    PlanTask.objects.create(year=2026, title="Tin bài phường Sao Đỏ", product="articles", target=4, unit=a)
    PlanTask.objects.create(year=2026, title="Tin bài xã Bắc An", product="articles", target=4, unit=b)
    progress = {row["task"].unit_id: row for row in plan_progress(2026)}
    assert progress[a.pk]["done"] == 3 and progress[a.pk]["percent"] == 75
    assert progress[b.pk]["done"] == 0 and progress[b.pk]["behind"]
