"""Editors can save what they open: day-first dates everywhere, and every demo page saves unchanged."""

import datetime
import importlib
import json
import pkgutil
import re

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import translation
from wagtail import blocks
from wagtail.admin.panels import get_edit_handler
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from tests.admin_forms import as_multidict, browser_post_data
from tests.signin import login_with_second_factor

PROJECT_APPS = ("core", "home", "search", "accounts", "units", "procedures", "news", "hotline")
CHRISTMAS = datetime.date(2025, 12, 25)
DAY_FIRST = ["25/12/2025", "2025-12-25"]


def _project_form_classes():
    """Every form class the project defines (public and admin forms), imported from its modules."""
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name or info.name.endswith(".demo"):
                continue
            importlib.import_module(info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {cls for cls in subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in PROJECT_APPS}


def _project_models():
    return [model for model in apps.get_models() if model.__module__.split(".")[0] in PROJECT_APPS]


def _edit_form_classes():
    editable = set(get_page_models()) | set(get_snippet_models())
    return [get_edit_handler(model).get_form_class() for model in _project_models() if model in editable]


def _date_fields(form_class):
    """(name, field) for every date or date-time field of a form class."""
    return [
        (f"{form_class.__name__}.{name}", field)
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    ]


def _date_blocks(block, path):
    if isinstance(block, blocks.DateBlock | blocks.DateTimeBlock):
        yield path, block.field
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from _date_blocks(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield from _date_blocks(block.child_block, f"{path}[]")


def _parses_day_first(field):
    expected = CHRISTMAS if isinstance(field, forms.DateField) else None
    for typed in DAY_FIRST:
        value = field.clean(typed)
        if isinstance(value, datetime.datetime):
            value = value.date()
        assert value == (expected or CHRISTMAS), f"{typed!r} read as {value}"
    if isinstance(field, forms.DateTimeField) or isinstance(field, forms.SplitDateTimeField):
        value = field.clean("25/12/2025 14:30")
        assert (value.date(), value.hour, value.minute) == (CHRISTMAS, 14, 30)


def test_every_date_field_of_every_form_reads_day_first_and_iso():
    """Public forms, admin edit forms, every model date field (inline panels and snippets build their form
    fields from these) and every date block of every StreamField."""
    checked = []
    with translation.override(settings.LANGUAGE_CODE):
        for form_class in _project_form_classes() | set(_edit_form_classes()):
            for label, field in _date_fields(form_class):
                _parses_day_first(field)
                checked.append(label)
        for model in _project_models():
            for model_field in model._meta.get_fields():
                if isinstance(model_field, StreamField):
                    path = f"{model.__name__}.{model_field.name}"
                    for label, field in _date_blocks(model_field.stream_block, path):
                        _parses_day_first(field)
                        checked.append(label)
                elif isinstance(model_field, models.DateField) and model_field.editable:
                    _parses_day_first(model_field.formfield())
                    checked.append(f"{model.__name__}.{model_field.name}")
    # The fields named in the reports: an article's date, a decision's date, legal-basis dates.
    for expected in ("ArticlePageForm.date", "AnnouncingDecision.date", "ProcedurePage.legal_basis.document.date",
                     "StatusChange.effective_date"):
        assert expected in checked, (expected, sorted(checked))


@pytest.mark.parametrize("language", [code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES])
def test_a_day_first_date_is_not_read_month_first_in_any_admin_language(language):
    with translation.override(language):
        assert forms.DateField().clean("08/12/2026") == datetime.date(2026, 12, 8)
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("12/25/2025")  # month first is not how the picker writes it


# What the editor itself rewrites without changing the content: Draftail's block keys, <b>/<i> for
# <strong>/<em>, and the table block's header choice derived from its two header flags.
_EDITOR_FORMS = [
    (re.compile(r'\s?data-block-key=\\*"\w+\\*"'), ""),
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
    (re.compile(r',?\s?\\*"table_header_choice\\*": \\*"\w*\\*"'), ""),
]
# Bookkeeping that every save changes; the content is what must stay as it was.
_BOOKKEEPING = {
    "latest_revision", "latest_revision_created_at", "has_unpublished_changes", "live_revision",
    "draft_title", "locked", "locked_at", "locked_by",
}


def _decoded(value):
    if isinstance(value, str) and value.startswith("[{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _content(data):
    """Page data as JSON values, in the editor's own spelling of rich text and tables."""
    # Stream fields arrive as JSON text; PostgreSQL's jsonb returns their keys in its own order.
    data = {k: _decoded(v) for k, v in data.items() if k not in _BOOKKEEPING}
    text = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True)
    for pattern, replacement in _EDITOR_FORMS:
        text = pattern.sub(replacement, text)
    return json.loads(text)


def _normalise_children(data):
    for value in data.values():
        if isinstance(value, list):
            for child in value:
                if isinstance(child, dict):
                    child.pop("sort_order", None)
    return data


@pytest.mark.django_db
def test_every_demo_page_opens_and_saves_unchanged_in_the_admin(client, monkeypatch):
    """Each page of the demo, every type, opened in the admin and saved as an editor would without editing:
    the form is accepted and the saved draft holds exactly the published content. The CI form loads the
    demo with 60 of its procedures on PostgreSQL, 12 on SQLite; the long form below walks them all."""
    _open_and_save_every_demo_page(client, monkeypatch, 60 if connection.vendor == "postgresql" else 12)


@pytest.mark.slow
@pytest.mark.django_db
def test_every_page_of_the_whole_demo_catalogue_opens_and_saves_unchanged(client, monkeypatch):
    """The long form (`-m slow`, tens of minutes): the whole demo, all 591 procedures."""
    _open_and_save_every_demo_page(client, monkeypatch, None)


def _open_and_save_every_demo_page(client, monkeypatch, procedures_limit):
    options = {} if procedures_limit is None else {"procedures_limit": procedures_limit}
    # The test client copies the context of every template rendered (hundreds per admin edit page) for
    # response.context, which this test never reads (a fifth to a third of each edit page, measured).
    monkeypatch.setattr("django.test.client.store_rendered_templates", lambda *args, **kwargs: None)
    call_command("load_demo", stdout=open("/dev/null", "w"), **options)
    admin = get_user_model().objects.create_superuser("bientap", "bientap@example.invalid", "mat-khau-rat-dai-1")
    login_with_second_factor(client, admin)

    failures, per_type = [], {}
    pages = Page.objects.filter(depth__gt=1, live=True).specific().order_by("path")
    for page in pages:
        kind = type(page).__name__
        per_type[kind] = per_type.get(kind, 0) + 1
        before = _normalise_children(_content(page.serializable_data()))
        url = f"/quan-tri/pages/{page.pk}/edit/"
        response = client.get(url)
        if response.status_code != 200:
            failures.append(f"{kind} {page.pk}: mở trang sửa trả về {response.status_code}")
            continue
        data = as_multidict(browser_post_data(response.content.decode(), type(page)))
        response = client.post(url, data)
        if response.status_code != 302:
            errors = re.findall(r'class="error-message">\s*(.*?)\s*<', response.content.decode(), re.S)
            failures.append(f"{kind} {page.pk} {page.title[:50]!r}: không lưu được: {errors[:3]}")
            continue
        after = _normalise_children(_content(Page.objects.get(pk=page.pk).get_latest_revision().content))
        changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
        if changed:
            failures.append(f"{kind} {page.pk} {page.title[:50]!r}: lưu xong thì đổi {changed}")
    assert not failures, "\n".join(failures[:40])
    from procedures.models import ProcedurePage

    assert per_type.get("ProcedurePage") == ProcedurePage.objects.live().count() >= (procedures_limit or 500)
    # Every page type the demo creates was opened and saved.
    demo_types = {type(page).__name__ for page in Page.objects.filter(depth__gt=1).specific()}
    assert demo_types <= set(per_type), demo_types - set(per_type)
    assert {"DepartmentIndexPage", "DepartmentPage", "ThemePage", "ReformIndicesPage"} <= set(per_type)
