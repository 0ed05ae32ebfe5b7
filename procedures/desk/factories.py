"""Test and demo helpers: a complete procedure page in a minimal page tree, and amending it."""

import itertools

from django.conf import settings
from wagtail.models import Locale, Page, Site

from procedures.models import (
    Agency,
    AnnouncingDecision,
    ProcedureField,
    ProcedureIndexPage,
    ProcedureLevel,
    ProcedurePage,
    StatusChange,
)

_codes = itertools.count(1)


def catalogue():
    """The ProcedureIndexPage, creating a home page and the default site if the tree has none."""
    from home.models import HomePage

    index = ProcedureIndexPage.objects.first()
    if index:
        return index
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = HomePage(title="Cổng thông tin cải cách hành chính", slug="trang-chu")
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.save()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


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
    index = catalogue()
    level_obj, _ = ProcedureLevel.objects.get_or_create(name=level, defaults={"sort_order": 10})
    field_obj, _ = ProcedureField.objects.get_or_create(name=field)
    agency, _ = Agency.objects.get_or_create(name="Ủy ban nhân dân phường, xã")
    page = ProcedurePage(
        code=code or f"1.{next(_codes):06d}",
        official_name=name,
        field=field_obj,
        level=level_obj,
        implementing_agency=agency,
        live=publish,
        **complete_values(**overrides),
    )
    page.full_clean(exclude=["path", "depth"])
    index.add_child(instance=page)
    if decision is not None:
        StatusChange.objects.create(page=page, decision=decision, kind="new", effective_date=decision.date)
        page.save()
    if publish:
        page.save_revision().publish()
    return page


def make_decision(number, date, **extra):
    decision, _ = AnnouncingDecision.objects.get_or_create(
        number=number, defaults={"date": date, "issuer": "Ủy ban nhân dân tỉnh Hải Dương", **extra}
    )
    return decision


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
