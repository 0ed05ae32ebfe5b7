"""Demo content of the ground floor: the 2025–2027 holiday calendar (also seeded by migration)."""

from core.holidays import seed_holidays
from core.models import PublicHoliday

ORDER = 0


def load(ctx):
    created = seed_holidays(PublicHoliday)
    ctx.log(f"Ngày nghỉ lễ 2025–2027: {PublicHoliday.objects.count()} (mới tạo {created})")
