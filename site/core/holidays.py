"""Vietnamese public holidays 2025–2027 (Labour Code 2019, art. 112) as seed data for the holiday calendar
(core.models.PublicHoliday).

Dates marked "dự kiến" follow the Labour Code's rules (a holiday on a weekend moves to the next working
day) until the Ministry of Home Affairs announces the year's arrangement; editors then correct them.
"""

from datetime import date

OFF = "off"
MAKEUP = "makeup"
EXPECTED = "Dự kiến theo Bộ luật Lao động; cập nhật theo thông báo hằng năm của Bộ Nội vụ."

# (date, name, kind, note)
SEED = [
    # 2025
    (date(2025, 1, 1), "Tết Dương lịch", OFF, ""),
    (date(2025, 1, 27), "Tết Nguyên đán Ất Tỵ (28 tháng Chạp)", OFF, ""),
    (date(2025, 1, 28), "Tết Nguyên đán Ất Tỵ (29 tháng Chạp)", OFF, ""),
    (date(2025, 1, 29), "Tết Nguyên đán Ất Tỵ (mùng 1)", OFF, ""),
    (date(2025, 1, 30), "Tết Nguyên đán Ất Tỵ (mùng 2)", OFF, ""),
    (date(2025, 1, 31), "Tết Nguyên đán Ất Tỵ (mùng 3)", OFF, ""),
    (date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF, ""),
    (date(2025, 4, 26), "Làm bù cho ngày nghỉ 02/5/2025", MAKEUP, "Hoán đổi ngày làm việc."),
    (date(2025, 4, 30), "Ngày Chiến thắng", OFF, ""),
    (date(2025, 5, 1), "Ngày Quốc tế Lao động", OFF, ""),
    (date(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", OFF, "Hoán đổi ngày làm việc."),
    (date(2025, 9, 1), "Quốc khánh (ngày liền kề)", OFF, ""),
    (date(2025, 9, 2), "Quốc khánh", OFF, ""),
    # 2026
    (date(2026, 1, 1), "Tết Dương lịch", OFF, ""),
    (date(2026, 2, 16), "Tết Nguyên đán Bính Ngọ (29 tháng Chạp)", OFF, ""),
    (date(2026, 2, 17), "Tết Nguyên đán Bính Ngọ (mùng 1)", OFF, ""),
    (date(2026, 2, 18), "Tết Nguyên đán Bính Ngọ (mùng 2)", OFF, ""),
    (date(2026, 2, 19), "Tết Nguyên đán Bính Ngọ (mùng 3)", OFF, ""),
    (date(2026, 2, 20), "Tết Nguyên đán Bính Ngọ (mùng 4)", OFF, ""),
    (date(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật)", OFF, ""),
    (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương", OFF, ""),
    (date(2026, 4, 30), "Ngày Chiến thắng", OFF, ""),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động", OFF, ""),
    (date(2026, 9, 1), "Quốc khánh (ngày liền kề)", OFF, EXPECTED),
    (date(2026, 9, 2), "Quốc khánh", OFF, ""),
    # 2027
    (date(2027, 1, 1), "Tết Dương lịch", OFF, ""),
    (date(2027, 2, 5), "Tết Nguyên đán Đinh Mùi (30 tháng Chạp)", OFF, EXPECTED),
    (date(2027, 2, 6), "Tết Nguyên đán Đinh Mùi (mùng 1, thứ Bảy)", OFF, EXPECTED),
    (date(2027, 2, 7), "Tết Nguyên đán Đinh Mùi (mùng 2, Chủ nhật)", OFF, EXPECTED),
    (date(2027, 2, 8), "Tết Nguyên đán Đinh Mùi (mùng 3)", OFF, EXPECTED),
    (date(2027, 2, 9), "Tết Nguyên đán Đinh Mùi (mùng 4)", OFF, EXPECTED),
    (date(2027, 2, 10), "Nghỉ bù Tết Nguyên đán (mùng 1 thứ Bảy)", OFF, EXPECTED),
    (date(2027, 2, 11), "Nghỉ bù Tết Nguyên đán (mùng 2 Chủ nhật)", OFF, EXPECTED),
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF, ""),
    (date(2027, 4, 30), "Ngày Chiến thắng", OFF, ""),
    (date(2027, 5, 1), "Ngày Quốc tế Lao động (thứ Bảy)", OFF, ""),
    (date(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động", OFF, ""),
    (date(2027, 9, 2), "Quốc khánh", OFF, ""),
    (date(2027, 9, 3), "Quốc khánh (ngày liền kề)", OFF, EXPECTED),
]


def seed_holidays(model):
    """Create the seed rows that are missing; never overwrite an editor's change. Returns how many."""
    existing = set(model.objects.values_list("date", flat=True))
    rows = [
        model(date=day, name=name, kind=kind, note=note)
        for day, name, kind, note in SEED
        if day not in existing
    ]
    model.objects.bulk_create(rows)
    return len(rows)
