"""Factories for catalogue test data (wagtail-factories): reference rows, pages and status history."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from procedures.models import (
    Agency,
    AnnouncingDecision,
    OnlineServiceKind,
    ProcedureField,
    ProcedureIndexPage,
    ProcedureLevel,
    ProcedurePage,
    StatusChange,
)


class ProcedureFieldFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")

    class Meta:
        model = ProcedureField
        django_get_or_create = ("name",)


class ProcedureLevelFactory(DjangoModelFactory):
    """Levels are seeded by migration 0002; the factory reuses them by name."""

    name = "Cấp xã"
    sort_order = 10

    class Meta:
        model = ProcedureLevel
        django_get_or_create = ("name",)


class AgencyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân cấp xã số {n}")

    class Meta:
        model = Agency
        django_get_or_create = ("name",)


class OnlineServiceKindFactory(DjangoModelFactory):
    name = "Toàn trình"
    is_full_online = True

    class Meta:
        model = OnlineServiceKind
        django_get_or_create = ("name",)


class AnnouncingDecisionFactory(DjangoModelFactory):
    number = factory.Sequence(lambda n: f"{100 + n}/QĐ-UBND")
    date = factory.LazyFunction(datetime.date.today)
    issuer = "Ủy ban nhân dân tỉnh Hải Dương"
    summary = "Công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung, bãi bỏ"

    class Meta:
        model = AnnouncingDecision
        django_get_or_create = ("number",)


class ProcedureIndexPageFactory(wagtail_factories.PageFactory):
    title = "Thủ tục hành chính"
    slug = "thu-tuc-hanh-chinh"

    class Meta:
        model = ProcedureIndexPage


class ProcedurePageFactory(wagtail_factories.PageFactory):
    code = factory.Sequence(lambda n: f"1.{900000 + n:06d}")
    official_name = factory.Sequence(lambda n: f"Đăng ký thủ tục mẫu số {n}")
    title = factory.LazyAttribute(lambda o: o.official_name[:255])
    slug = factory.LazyAttribute(lambda o: f"thu-tuc-{o.code.replace('.', '-').lower()}")
    field = factory.SubFactory(ProcedureFieldFactory, name="Hộ tịch")
    level = factory.SubFactory(ProcedureLevelFactory)
    deadline = "03 ngày làm việc"
    fee = "Không"
    live = True

    class Meta:
        model = ProcedurePage


def add_status_change(page, kind, *, decision=None, effective_date=None, replacement=None, **extra):
    """Append a history entry and re-derive the page's current status from it."""
    position = page.status_changes.count()
    change = StatusChange.objects.create(
        page=page,
        kind=kind,
        decision=decision,
        effective_date=effective_date,
        replacement=replacement,
        sort_order=position,
        **extra,
    )
    page = ProcedurePage.objects.get(pk=page.pk)
    page.save()
    return change
