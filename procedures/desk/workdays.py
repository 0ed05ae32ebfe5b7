"""Working days in Vietnam, for the legal window of publishing procedures.

The editors' holiday calendar lives in hotline/ (PublicHoliday, hotline.workdays); this module uses it
when that app provides it, and otherwise falls back to a small built-in table: weekends plus public
holidays (Labour Code 2019 Art. 112), with the lunar-calendar days off listed per year.
"""

from datetime import date, timedelta

FIXED_HOLIDAYS = {(1, 1), (4, 30), (5, 1), (9, 2)}

# Days off announced each year: Tết (lunar new year), Hùng Kings' day, and the day next to 2/9.
ANNOUNCED_HOLIDAYS = {
    2024: ["2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13",
           "2024-02-14", "2024-04-18", "2024-09-03"],
    2025: ["2025-01-25", "2025-01-26", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30",
           "2025-01-31", "2025-02-01", "2025-02-02", "2025-04-07", "2025-09-01"],
    2026: ["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
           "2026-02-20", "2026-02-21", "2026-02-22", "2026-04-27", "2026-09-01"],
    2027: ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10",
           "2027-02-11", "2027-04-16", "2027-09-03"],
}
_ANNOUNCED = {date.fromisoformat(day) for days in ANNOUNCED_HOLIDAYS.values() for day in days}


def is_working_day(day):
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS and day not in _ANNOUNCED


def _builtin_add_working_days(start, count):
    """The date `count` working days after `start` (the start day itself is not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


try:  # the shared, editor-maintained calendar
    from hotline.workdays import add_working_days as _calendar_add_working_days
except ImportError:  # pragma: no cover - hotline without a calendar
    _calendar_add_working_days = None


def add_working_days(start, count):
    """The date `count` working days after `start` (the start day itself is not counted)."""
    if _calendar_add_working_days is not None:
        return _calendar_add_working_days(start, count)
    return _builtin_add_working_days(start, count)
