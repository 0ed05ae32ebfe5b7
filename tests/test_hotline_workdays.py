"""Legal clocks: working days skip weekends and editor-maintained holidays; overdue and forwarding flags."""

from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.holidays import SEED
from core.models import PublicHoliday
from core.workdays import Calendar, add_working_days, load_calendar, working_days_left
from hotline.admin_views import deadline_label, forward_label
from hotline.factories import FeedbackSubmissionFactory
from hotline.models import FeedbackSettings, FeedbackSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def at(day, hour=9):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def test_plain_calendar_skips_weekends():
    calendar = Calendar()
    friday = date(2025, 3, 7)
    assert add_working_days(friday, 1, calendar) == date(2025, 3, 10)  # Monday
    assert add_working_days(friday, 5, calendar) == date(2025, 3, 14)
    assert add_working_days(date(2025, 3, 8), 1, calendar) == date(2025, 3, 10)  # received on a Saturday


def test_seeded_tet_holidays_are_skipped():
    calendar = load_calendar()
    # Tết Ất Tỵ: 27–31/01/2025 off. Received Friday 24/01 → five working days end Friday 07/02.
    assert add_working_days(date(2025, 1, 24), 5, calendar) == date(2025, 2, 7)
    # Tết Bính Ngọ: 16–20/02/2026 off.
    assert add_working_days(date(2026, 2, 13), 1, calendar) == date(2026, 2, 23)
    assert {d for d, *_ in SEED if d.year == 2026 and d.month == 2} == {date(2026, 2, d) for d in range(16, 21)}
    assert PublicHoliday.objects.filter(date__year__in=[2025, 2026, 2027]).count() == len(SEED)


def test_makeup_saturday_counts_and_swapped_friday_does_not():
    calendar = load_calendar()
    # 26/04/2025 (Saturday) was worked in exchange for Friday 02/05/2025.
    assert calendar.is_working_day(date(2025, 4, 26))
    assert not calendar.is_working_day(date(2025, 5, 2))
    # Received Thursday 24/04: 25 (Fri), 26 (Sat, worked), 28 (Mon), 29 (Tue); 30/4, 1/5, 2/5 off.
    assert add_working_days(date(2025, 4, 24), 4, calendar) == date(2025, 4, 29)
    assert add_working_days(date(2025, 4, 24), 5, calendar) == date(2025, 5, 5)


def test_holiday_edit_moves_open_deadlines_only(django_capture_on_commit_callbacks):
    monday = date(2030, 6, 3)
    open_item = FeedbackSubmissionFactory(created_at=at(monday))
    closed = FeedbackSubmissionFactory(created_at=at(monday), status=FeedbackSubmission.Status.REJECTED,
                                       reject_reason="Trùng lặp")
    processing = FeedbackSettings.load().processing_working_days
    assert open_item.due_date == add_working_days(monday, processing, Calendar())
    old_closed_due = closed.due_date
    with django_capture_on_commit_callbacks(execute=True):
        PublicHoliday.objects.create(date=monday + timedelta(days=1), name="Ngày nghỉ thử nghiệm")
    open_item.refresh_from_db()
    closed.refresh_from_db()
    assert open_item.due_date == add_working_days(monday, processing + 1, Calendar())
    assert closed.due_date == old_closed_due


def test_overdue_flags_and_queryset_agree():
    monday = date(2030, 6, 3)
    item = FeedbackSubmissionFactory(created_at=at(monday))
    due = item.due_date  # 10 working days later: Monday 17/06/2030
    assert due == date(2030, 6, 17)
    assert not item.is_overdue(due)
    assert item.days_left(due) == 0
    assert deadline_label(item, due) == "Hết hạn hôm nay"
    assert item.days_left(due - timedelta(days=3)) == 1  # Friday before
    assert item.is_overdue(due + timedelta(days=1))
    assert deadline_label(item, due + timedelta(days=2)) == "Quá hạn 2 ngày làm việc"
    assert list(FeedbackSubmission.objects.overdue(due + timedelta(days=1))) == [item]
    assert not FeedbackSubmission.objects.overdue(due).exists()
    # Answering stops the clock; a late answer is remembered.
    item.status = FeedbackSubmission.Status.ANSWERED
    item.answered_at = at(due + timedelta(days=1))
    item.save()
    assert not FeedbackSubmission.objects.overdue(due + timedelta(days=5)).exists()
    assert item.answered_on_time is False
    assert deadline_label(item, due + timedelta(days=5)) == "Trả lời trễ hạn"


def test_five_day_forwarding_clock_warns_before_it_is_missed():
    monday = date(2030, 6, 3)
    item = FeedbackSubmissionFactory(created_at=at(monday))
    assert item.forward_due_date == date(2030, 6, 10)  # five working days
    warning = FeedbackSettings.load().warning_working_days
    assert warning == 2
    assert not item.forward_at_risk(date(2030, 6, 5))  # 3 left
    assert item.forward_at_risk(date(2030, 6, 6))  # 2 left
    assert forward_label(item, date(2030, 6, 6)) == "Sắp hết hạn chuyển: còn 2 ngày làm việc"
    assert forward_label(item, date(2030, 6, 10)) == "Hết hạn chuyển hôm nay"
    assert forward_label(item, date(2030, 6, 11)) == "Quá hạn chuyển, phân loại"
    assert list(FeedbackSubmission.objects.forward_at_risk(date(2030, 6, 6))) == [item]
    assert not FeedbackSubmission.objects.forward_at_risk(date(2030, 6, 5)).exists()
    # Assigning an in-scope item stops the clock; marking it out of scope keeps it running.
    item.status = FeedbackSubmission.Status.ASSIGNED
    item.assigned_unit = "Phòng Tư pháp"
    item.save()
    assert not FeedbackSubmission.objects.forward_at_risk(date(2030, 6, 6)).exists()
    item.out_of_scope = True
    item.save()
    assert FeedbackSubmission.objects.forward_at_risk(date(2030, 6, 6)).exists()
    item.status = FeedbackSubmission.Status.FORWARDED
    item.forwarded_to = "Sở Giao thông vận tải"
    item.save()
    assert not FeedbackSubmission.objects.forward_at_risk(date(2030, 6, 11)).exists()
    assert forward_label(item, date(2030, 6, 11)) == ""


def test_working_days_left_counts_both_ways():
    calendar = Calendar()
    assert working_days_left(date(2030, 6, 3), date(2030, 6, 7), calendar) == 4
    assert working_days_left(date(2030, 6, 10), date(2030, 6, 7), calendar) == -1  # Friday → Monday
    assert working_days_left(date(2030, 6, 7), date(2030, 6, 7), calendar) == 0


def test_command_recomputes_open_deadlines_after_a_settings_change():
    import io

    from django.core.management import call_command

    monday = date(2030, 6, 3)
    item = FeedbackSubmissionFactory(created_at=at(monday))
    config = FeedbackSettings.load()
    config.processing_working_days = 15
    config.save()
    out = io.StringIO()
    call_command("recompute_feedback_deadlines", stdout=out)
    item.refresh_from_db()
    assert item.due_date == add_working_days(monday, 15, Calendar())
    assert "1 phản ánh thay đổi hạn" in out.getvalue()
