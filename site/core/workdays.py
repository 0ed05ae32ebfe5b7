"""Working-day arithmetic for legal deadlines (feedback answers, the window for publishing procedures):
weekends and the holidays editors maintain (core.models.PublicHoliday) are skipped.

A deadline of N working days "kể từ ngày nhận" starts counting on the first working day after receipt.
The calendar is cached (shared cache, so every process sees an edit) and dropped when a holiday changes.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache

CACHE_KEY = "core:workday-calendar:v1"


@dataclass(frozen=True)
class Calendar:
    days_off: frozenset = field(default_factory=frozenset)
    makeup_days: frozenset = field(default_factory=frozenset)  # Saturdays worked in exchange

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_days:
            return True
        return day.weekday() < 5 and day not in self.days_off


def load_calendar() -> Calendar:
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    from core.models import PublicHoliday

    off, makeup = set(), set()
    for day, kind in PublicHoliday.objects.values_list("date", "kind"):
        (makeup if kind == PublicHoliday.Kind.MAKEUP else off).add(day)
    calendar = Calendar(frozenset(off), frozenset(makeup))
    cache.set(CACHE_KEY, calendar, 3600)
    return calendar


def forget_calendar(**kwargs):
    cache.delete(CACHE_KEY)


def add_working_days(start: date, days: int, calendar: Calendar | None = None) -> date:
    """The date of the `days`-th working day after `start` (start itself is not counted)."""
    calendar = calendar or load_calendar()
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            remaining -= 1
    return current


def working_days_left(today: date, due: date, calendar: Calendar | None = None) -> int:
    """Working days from today until due, counting due itself; 0 when due today, negative once late."""
    calendar = calendar or load_calendar()
    if due >= today:
        count = 0
        current = today
        while current < due:
            current += timedelta(days=1)
            if calendar.is_working_day(current):
                count += 1
        return count
    count = 0
    current = due
    while current < today:
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            count -= 1
    return count
