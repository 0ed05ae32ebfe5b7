"""The Wagtail admin in Vietnamese: key screens, action messages, default language, the catalogue itself."""

import gettext
import html
import importlib.util
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from tests.signin import login_with_second_factor

BASE_DIR = Path(__file__).resolve().parents[1]
LOCALE_DIR = BASE_DIR / "locale" / "vi" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# Words an editor must never meet in English on the screens below (menu, headings, buttons).
ENGLISH = ["Save draft", "Publish", "Pages", "Dashboard", "Snippets", "Images", "Documents", "Settings"]


def load_coverage_module():
    spec = importlib.util.spec_from_file_location(
        "locale_coverage", BASE_DIR / "scripts" / "locale_coverage.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


coverage = load_coverage_module()


def visible_text(response):
    """What a person reads: text nodes, labels read aloud and tooltips, plus the sidebar menu labels
    (the menu is rendered by JavaScript from JSON props). Other scripts and styles are left out."""
    body = response.content.decode()
    menu_labels = []
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', body, re.S
    )
    if props:
        menu_labels = re.findall(r'"label": "((?:[^"\\]|\\.)*)"', props.group(1))
        menu_labels = [json.loads(f'"{label}"') for label in menu_labels]
    body = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", body, flags=re.S)
    pieces = re.findall(r">([^<>]+)<", body)
    pieces += re.findall(r'\b(?:aria-label|title|placeholder|alt|value)="([^"]*)"', body)
    text = " \n ".join(html.unescape(piece) for piece in pieces + menu_labels)
    return re.sub(r"[ \t\r\f\v]+", " ", text)


def assert_english_absent(text, where):
    for word in ENGLISH:
        assert not re.search(rf"\b{re.escape(word)}\b", text), f"English {word!r} on {where}"


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "bientap", "bientap@example.invalid", "mat-khau-rat-dai-2025"
    )
    login_with_second_factor(client, user)
    client.user = user
    return client


@pytest.fixture
def home(db):
    """A city home page as the default site's root: enough tree for the editor screens, and much
    faster than the whole demo."""
    from home.models import HomePage

    root = Page.get_first_root_node()
    page = root.add_child(instance=HomePage(title="Cổng thông tin thành phố Chí Linh", slug="chi-linh"))
    page.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": page, "hostname": "localhost"})
    for other in root.get_children().exclude(pk=page.pk):  # Wagtail's English welcome page
        other.delete()
    return page


@pytest.fixture
def content_page(home):
    from home.models import ContentPage

    page = ContentPage(title="Giới thiệu Bộ phận một cửa", slug="gioi-thieu-bo-phan-mot-cua", lead="Tóm tắt")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def recorder():
    rec = coverage.Recorder()
    rec.install()
    yield rec
    rec.uninstall()


# --- key screens ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_key_admin_screens_are_in_vietnamese(editor_client, home, content_page, recorder):
    screens = {
        "dashboard": (
            reverse("wagtailadmin_home"),
            ["Trang tổng quan", "Trang", "Hình ảnh", "Tài liệu", "Báo cáo"],
        ),
        "explorer of the root": (
            reverse("wagtailadmin_explore_root"),
            ["Trang", "Tiêu đề", "Trạng thái", "đã xuất bản", "Thêm trang con", "Lọc theo", "Trang web"],
        ),
        "explorer of the home page": (
            reverse("wagtailadmin_explore", args=(home.pk,)),
            [
                "Thêm trang con",
                "Cập nhật",
                "Loại",
                "Đã xuất bản",
                "Sắp xếp thứ tự menu",
                "Xem trang đã xuất bản",
            ],
        ),
        "page editor": (
            reverse("wagtailadmin_pages:edit", args=(content_page.pk,)),
            [
                "Lưu bản nháp",
                "Xem trước",
                "Nội dung",
                "Quảng bá",
                "Hủy xuất bản",
                "Xóa",
                "Khóa",
                "Bình luận",
                "Chưa đặt lịch xuất bản",
                "Mọi người đều xem được",
            ],
        ),
        "new page form": (
            reverse("wagtailadmin_pages:add", args=("home", "contentpage", home.pk)),
            ["Lưu bản nháp", "Nội dung", "Quảng bá"],
        ),
        "page history": (reverse("wagtailadmin_pages:history", args=(content_page.pk,)), ["Lịch sử"]),
        "images": (reverse("wagtailimages:index"), ["Hình ảnh", "Thêm hình ảnh", "Bộ sưu tập"]),
        "documents": (reverse("wagtaildocs:index"), ["Tài liệu", "Thêm tài liệu"]),
        "users": (reverse("wagtailusers_users:index"), ["Người dùng", "Thêm người dùng", "Tên đăng nhập"]),
    }
    for name, (url, expected) in screens.items():
        recorder.screen = name
        response = editor_client.get(url)
        assert response.status_code == 200, name
        assert '<html lang="vi"' in response.content.decode(), name
        text = visible_text(response)
        for phrase in expected:
            assert phrase in text, f"{phrase!r} missing on {name}"
        assert_english_absent(text, name)

    # the copy and move actions are in the editor's header menu; the publish button in its action menu
    editor = editor_client.get(reverse("wagtailadmin_pages:edit", args=(content_page.pk,))).content.decode()
    for label in ("Sao chép", "Di chuyển", "Gửi duyệt theo", "Lịch sử", "Xuất bản"):
        assert label in html.unescape(editor), label

    # every Wagtail string looked up while rendering those screens has a Vietnamese translation
    known = coverage.catalogue_keys(("wagtail",))
    seen = {item for name in screens for item in recorder.seen[name] if (item[0], item[1]) in known}
    missing = sorted(item[1] for item in seen if not coverage.is_translated(*item))
    assert len(seen) > 300
    assert len(missing) <= len(seen) * 0.02, f"untranslated on key screens: {missing}"


@pytest.mark.django_db
def test_snippet_screens_are_in_vietnamese(editor_client, home):
    # Show every snippet model on the index, even those with their own menu, so the index renders.
    with override_settings(WAGTAILSNIPPETS_MENU_SHOW_ALL=True):
        response = editor_client.get(reverse("wagtailsnippets:index"))
    assert response.status_code == 200
    text = visible_text(response)
    assert "Mục dữ liệu" in text
    assert_english_absent(text, "snippets index")

    model = get_snippet_models()[0]
    listing = editor_client.get(reverse(model.snippet_viewset.get_url_name("list")))
    assert listing.status_code == 200
    text = visible_text(listing)
    assert f"Thêm {model._meta.verbose_name}" in text
    assert_english_absent(text, "snippet listing")

    errors = editor_client.post(reverse(model.snippet_viewset.get_url_name("add")), {})
    assert errors.status_code == 200
    assert "Trường này là bắt buộc." in errors.content.decode()
    assert f"Không thể tạo {model._meta.verbose_name} do có lỗi." in visible_text(errors)


@pytest.mark.django_db
def test_login_screen_and_wrong_password_are_in_vietnamese(client, home):
    response = client.get(reverse("wagtailadmin_login"))
    text = visible_text(response)
    for phrase in (
        "Đăng nhập trang quản trị",
        "Tên đăng nhập",
        "Quên mật khẩu?",
        "Ghi nhớ đăng nhập",
        "Nhập mật khẩu",
    ):
        assert phrase in text, phrase
    assert not re.search(r"\b(Sign in|Forgotten password|Remember me)\b", text)

    response = client.post(
        reverse("wagtailadmin_login"), {"username": "khong-co", "password": "sai-mat-khau"}
    )
    assert "mật khẩu không đúng. Vui lòng thử lại." in visible_text(response)


@pytest.mark.django_db
def test_login_password_label_is_vietnamese(client, home):
    text = visible_text(client.get(reverse("wagtailadmin_login")))
    assert not re.search(r"\bPassword\b", text)
    assert "Mật khẩu" in text


# --- messages after actions -----------------------------------------------------------------------


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_action_messages_are_in_vietnamese(editor_client, content_page):
    edit_url = reverse("wagtailadmin_pages:edit", args=(content_page.pk,))
    title = content_page.title

    response = editor_client.post(edit_url, edit_form(content_page, lead="Bản nháp mới"), follow=True)
    assert f"Trang '{title}' đã được cập nhật." in visible_text(response)

    response = editor_client.post(edit_url, edit_form(content_page, title=""), follow=True)
    text = visible_text(response)
    assert "Không thể lưu trang do dữ liệu nhập có lỗi." in text
    assert "Trường này là bắt buộc." in text

    response = editor_client.post(edit_url, edit_form(content_page, **{"action-publish": "1"}), follow=True)
    text = visible_text(response)
    assert f"Trang '{title}' đã được xuất bản." in text
    assert "Xem trang đã xuất bản" in text

    response = editor_client.post(edit_url, edit_form(content_page, **{"action-submit": "1"}), follow=True)
    assert f"Trang '{title}' đã được gửi duyệt." in visible_text(response)
    response = editor_client.post(
        edit_url, edit_form(content_page, **{"action-cancel-workflow": "1"}), follow=True
    )
    assert f"Đã hủy quy trình duyệt của trang '{title}'." in visible_text(response)

    editor_client.post(reverse("wagtailadmin_pages:lock", args=(content_page.pk,)))
    text = visible_text(editor_client.get(edit_url))  # the lock status in the editor's side panel
    assert "Bạn đã khóa" in text and "Chỉ bạn được thay đổi khi trang đang khóa" in text
    response = editor_client.post(reverse("wagtailadmin_pages:unlock", args=(content_page.pk,)), follow=True)
    assert f"Trang '{title}' đã được mở khóa." in visible_text(response)

    response = editor_client.post(
        reverse("wagtailadmin_pages:unpublish", args=(content_page.pk,)), follow=True
    )
    assert f"Đã hủy xuất bản trang '{title}'." in visible_text(response)


# --- the language a new editor gets ---------------------------------------------------------------


@pytest.mark.django_db
def test_new_user_without_preference_gets_vietnamese_even_with_an_english_browser(editor_client, home):
    profile = UserProfile.get_for_user(editor_client.user)
    assert profile.preferred_language == ""
    assert profile.get_preferred_language() == "vi"

    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = editor_client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    text = visible_text(response)
    assert "Trang tổng quan" in text
    assert_english_absent(text, "dashboard for an English browser")


@pytest.mark.django_db
def test_english_stays_available_as_a_personal_choice(editor_client, home):
    """Proves the checks above can fail: the same screen in English when the editor asks for it."""
    profile = UserProfile.get_for_user(editor_client.user)
    profile.preferred_language = "en"
    profile.save()
    text = visible_text(editor_client.get(reverse("wagtailadmin_home")))
    assert "Dashboard" in text and "Trang tổng quan" not in text


# --- the catalogue --------------------------------------------------------------------------------


def test_catalogue_loads_and_is_large_enough():
    with MO_FILE.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.info()["plural-forms"] == "nplurals=1; plural=0;"
    assert catalog.info()["language"] == "vi"
    translated = [key for key in catalog._catalog if key != ""]
    assert len(translated) >= 500
    assert catalog.gettext("Save draft") == "Lưu bản nháp"
    assert catalog.gettext("Submit for moderation") == "Gửi duyệt"
    assert (
        catalog.ngettext("Publish 1 page", "Publish %(counter)s pages", 3) % {"counter": 3}
        == "Xuất bản 3 trang"
    )
    assert settings.LOCALE_PATHS and Path(settings.LOCALE_PATHS[0]) == BASE_DIR / "locale"


def test_compiled_catalogue_is_up_to_date(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) is needed to check the catalogue"
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check", "-o", str(fresh), str(PO_FILE)], check=True, capture_output=True)
    with fresh.open("rb") as new, MO_FILE.open("rb") as committed:
        assert gettext.GNUTranslations(new)._catalog == gettext.GNUTranslations(committed)._catalog, (
            "locale/vi/LC_MESSAGES/django.mo is older than django.po: run msgfmt --check -o django.mo django.po"
        )


PLACEHOLDER = re.compile(r"%\([A-Za-z_0-9]+\)[sdfr]|%[sdf]|%%|\{[A-Za-z_0-9]*\}")
TAG = re.compile(r"</?[A-Za-z][^>]*>")


def test_every_entry_is_a_faithful_translation_of_a_real_msgid():
    entries = coverage.read_po(PO_FILE)
    header, entries = entries[0], entries[1:]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"][0]
    known = coverage.catalogue_keys(("wagtail", "django"))
    assert len(entries) >= 500
    assert len({coverage.entry_key(entry) for entry in entries}) == len(entries), "duplicate entries"
    for entry in entries:
        key = coverage.entry_key(entry)
        msgid, msgstrs = entry["msgid"], entry["msgstr"]
        assert key in known, f"not a Wagtail or Django msgid (or a different msgctxt): {msgid!r}"
        assert (known[key]["msgid_plural"] or None) == entry["msgid_plural"], (
            f"plural form differs: {msgid!r}"
        )
        assert "fuzzy" not in entry["flags"], msgid
        assert len(msgstrs) == 1 and msgstrs[0].strip(), f"one non-empty translation expected: {msgid!r}"
        msgstr = msgstrs[0]
        assert unicodedata.is_normalized("NFC", msgstr), f"not NFC: {msgid!r}"
        source = entry["msgid_plural"] or msgid
        assert sorted(set(PLACEHOLDER.findall(msgstr))) == sorted(set(PLACEHOLDER.findall(source))), (
            f"placeholders differ: {msgid!r} -> {msgstr!r}"
        )
        assert sorted(TAG.findall(msgstr)) == sorted(TAG.findall(source)), f"HTML differs: {msgid!r}"


def test_terms_are_used_consistently():
    """One Vietnamese term per Wagtail concept (docs/admin-translation.md)."""
    entries = {entry["msgid"]: entry["msgstr"][0] for entry in coverage.read_po(PO_FILE)[1:]}
    expected = {
        "Pages": "Trang",
        "Publish": "Xuất bản",
        "Unpublish": "Hủy xuất bản",
        "Save draft": "Lưu bản nháp",
        "Preview": "Xem trước",
        "Snippets": "Mục dữ liệu",
        "Images": "Hình ảnh",
        "Documents": "Tài liệu",
        "Settings": "Cấu hình",
        "Workflows": "Quy trình duyệt",
        "Collections": "Bộ sưu tập",
        "Users": "Người dùng",
        "Groups": "Nhóm",
        "Search": "Tìm kiếm",
        "Locale": "Ngôn ngữ",
        "Dashboard": "Trang tổng quan",
        "Delete": "Xóa",
        "Move": "Di chuyển",
        "Copy": "Sao chép",
    }
    for msgid, msgstr in expected.items():
        assert entries[msgid] == msgstr, msgid
    words = {msgid: PLACEHOLDER.sub("", msgstr).lower() for msgid, msgstr in entries.items()}
    # words for the same concept that must not creep back in from older translations
    for stray in ("luồng công việc", "thu hồi xuất bản", "xoá", "văn bản này", "đoạn mã", "snippet"):
        offenders = [msgid for msgid, msgstr in words.items() if stray in msgstr]
        assert not offenders, f"{stray!r} used in {offenders[:5]}"
    # every msgid that names snippets in words says "mục dữ liệu"
    for msgid, msgstr in words.items():
        if re.search(r"\bsnippets?\b", PLACEHOLDER.sub("", msgid), re.I) and "snippet_type_name" not in msgid:
            assert "mục dữ liệu" in msgstr, f"{msgid!r} -> {entries[msgid]!r}"
