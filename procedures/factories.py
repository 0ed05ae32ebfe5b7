"""Factories for catalogue test data (wagtail-factories): reference rows, pages and status history, and
helpers built on them (a complete procedure in a minimal tree, an amendment as an editor makes it)."""

import datetime
import itertools

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


def catalogue():
    """The ProcedureIndexPage, with a city home page and the default site when the tree has none."""
    from home.factories import city_home

    index = ProcedureIndexPage.objects.first()
    if index:
        return index
    index = ProcedureIndexPageFactory(parent=city_home())
    index.save_revision().publish()
    return index


_codes = itertools.count(1)


def _item(name, originals=1, copies=0, form_name=""):
    return {"name": name, "form_name": form_name, "form": None, "originals": originals, "copies": copies, "note": ""}


def complete_values(**overrides):
    values = {
        "procedure_type": "Thủ tục hành chính",
        "competent_agency": "Ủy ban nhân dân cấp xã",
        "submission_place": "Bộ phận một cửa Ủy ban nhân dân phường, xã",
        "steps": [
            ("step", {"title": "Bước 1", "description": "Người yêu cầu nộp hồ sơ tại Bộ phận một cửa."}),
            ("step", {"title": "Bước 2", "description": "Công chức tư pháp - hộ tịch kiểm tra và giải quyết."}),
        ],
        "channels": [
            ("channel", {"method": "truc_tiep", "deadline": "Trong ngày làm việc", "fee": "Không", "description": ""}),
            ("channel", {"method": "truc_tuyen", "deadline": "Trong ngày làm việc", "fee": "Không", "description": ""}),
        ],
        "dossier": [
            ("case", {"case_name": "", "items": [
                _item("Tờ khai đăng ký khai sinh theo mẫu", form_name="Tờ khai đăng ký khai sinh"),
                _item("Giấy chứng sinh", originals=1),
            ]}),
        ],
        "forms": [("form", {"title": "Tờ khai đăng ký khai sinh", "document": None})],
        "deadline": "Ngay trong ngày làm việc",
        "fee": "Miễn lệ phí",
        "subjects": "Công dân Việt Nam",
        "result": "Giấy khai sinh",
        "conditions": "Không",
        "legal_basis": [
            ("document", {"number": "60/2014/QH13", "title": "Luật Hộ tịch", "date": None, "issuer": "Quốc hội"})
        ],
    }
    values.update(overrides)
    return values


def make_procedure(name="Đăng ký khai sinh", code=None, level="Cấp xã", field="Hộ tịch", decision=None,
                   publish=True, **overrides):
    """A procedure with every part of the national template filled, under the catalogue."""
    page = ProcedurePageFactory.build(
        code=code or f"1.{next(_codes):06d}",
        official_name=name,
        title="",
        slug="",
        field=ProcedureFieldFactory(name=field),
        level=ProcedureLevelFactory(name=level),
        implementing_agency=AgencyFactory(name="Ủy ban nhân dân phường, xã"),
        live=publish,
        **complete_values(**overrides),
    )
    page.full_clean(exclude=["path", "depth"])  # title and slug derived as the editor form does
    catalogue().add_child(instance=page)
    if decision is not None:
        StatusChange.objects.create(page=page, decision=decision, kind="new", effective_date=decision.date)
        page.save()
    if publish:
        page.save_revision().publish()
    return page


def make_decision(number, date, **extra):
    return AnnouncingDecisionFactory(number=number, date=date, **extra)


def amend(page, decision, changed_parts="", user=None, **changes):
    """Apply an amendment as an editor would: edit fields, add the status entry, publish a revision."""
    page = ProcedurePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.status_changes.add(
        StatusChange(decision=decision, kind="amended", effective_date=decision.date, changed_parts=changed_parts)
    )
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return ProcedurePage.objects.get(pk=page.pk)
