"""The one holiday calendar: public holidays and make-up working days that legal deadlines skip or count."""

from django.db import models


class PublicHoliday(models.Model):
    class Kind(models.TextChoices):
        OFF = "off", "Ngày nghỉ lễ, Tết, nghỉ bù"
        MAKEUP = "makeup", "Ngày làm bù (thứ Bảy đi làm)"

    date = models.DateField("Ngày", unique=True)
    name = models.CharField("Tên ngày lễ", max_length=200)
    kind = models.CharField("Loại", max_length=10, choices=Kind.choices, default=Kind.OFF)
    note = models.CharField("Ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "Ngày nghỉ lễ, làm bù"
        verbose_name_plural = "Ngày nghỉ lễ, làm bù"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"
