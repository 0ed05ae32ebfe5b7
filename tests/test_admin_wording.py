"""What editors read in the admin: Vietnamese words, not English strings or raw values (True, None), names in
Vietnamese dictionary order, and the template overrides of Wagtail that make it so."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from core.snippets import SnippetViewSet
from core.text import vietnamese_key
from tests.test_admin_locale import visible_text

pytestmark = pytest.mark.django_db


def test_vietnamese_key_is_dictionary_order():
    names = ["Biển", "Bảo", "Ân", "An", "Ăn", "Đà", "Dương", "Bắc", "Bà", "Ba", "Xã 10", "Xã 9"]
    assert sorted(names, key=vietnamese_key) == [
        "An", "Ăn", "Ân", "Ba", "Bà", "Bảo", "Bắc", "Biển", "Dương", "Đà", "Xã 9", "Xã 10"
    ]


def test_every_snippet_listing_uses_the_project_viewset():
    """core.snippets.SnippetViewSet gives Vietnamese order and Vietnamese breadcrumbs; Wagtail's own would not."""
    plain = [m.__name__ for m in get_snippet_models() if not isinstance(m.snippet_viewset, SnippetViewSet)]
    assert plain == []


def test_field_list_in_dictionary_order(admin_client):
    from procedures.models import ProcedureField

    # The database's order (ICU collation on PostgreSQL, core.text.vietnamese_key on SQLite) is the same.
    for name in ["Biển đảo", "Bảo hiểm", "An toàn thực phẩm", "Đất đai", "Dân số", "Khu 10", "Khu 9", "Ăn uống"]:
        ProcedureField.objects.create(name=name)
    listed = [f.name for f in ProcedureField.objects.all()]
    assert listed == sorted(listed, key=vietnamese_key)
    assert listed.index("Bảo hiểm") < listed.index("Biển đảo") and listed.index("Dân số") < listed.index("Đất đai")
    assert listed.index("An toàn thực phẩm") < listed.index("Ăn uống") and listed.index("Khu 9") < listed.index("Khu 10")
    response = admin_client.get(reverse(ProcedureField.snippet_viewset.get_url_name("list")))
    text = visible_text(response)
    assert text.index("Bảo hiểm") < text.index("Biển đảo") < text.index("Đất đai")


def test_snippet_breadcrumb_says_muc_du_lieu(admin_client):
    from procedures.desk.models import Desk

    Desk.objects.create(name="Bộ phận một cửa phường Sao Đỏ")
    response = admin_client.get(reverse(Desk.snippet_viewset.get_url_name("list")))
    assert response.status_code == 200
    crumbs = re.search(r'<nav[^>]*aria-label="[^"]*"[^>]*>.*?</nav>', response.content.decode(), re.S)
    text = visible_text(response)
    assert "Mục dữ liệu" in crumbs.group(0) and "Bộ phận một cửa" in text
    assert "Snippets" not in text
    # The root: Wagtail builds the items once, when the URLs load, in whatever language is active then
    # (English for a process whose first admin request came from an editor who chose English).
    from django.utils import translation

    with translation.override("en"):
        items = Desk.snippet_viewset.breadcrumbs_items
    with translation.override("vi"):
        assert [str(item["label"]) for item in items] == ["Trang chủ", "Mục dữ liệu"]


def test_synonyms_list_says_yes_not_true(admin_client):
    from search.models import SearchSynonym

    SearchSynonym.objects.all().delete()  # the seeded list fills more than one page
    SearchSynonym.objects.create(phrases="sổ đỏ\ngiấy chứng nhận quyền sử dụng đất", is_active=True)
    SearchSynonym.objects.create(phrases="cà vẹt\ngiấy đăng ký xe", is_active=False)
    response = admin_client.get(reverse(SearchSynonym.snippet_viewset.get_url_name("list")))
    text = visible_text(response)
    assert "sổ đỏ" in text and "Có" in text and "Không" in text
    assert not re.search(r"\b(True|False|None)\b", text)


def test_aging_pages_report_has_no_raw_none(admin_client, demo_site):
    response = admin_client.get(reverse("wagtailadmin_reports:aging_pages"))
    assert response.status_code == 200
    text = visible_text(response)
    assert "Hệ thống" in text or demo_site.title in text
    assert not re.search(r"\bNone\b", text)


def test_page_search_counts_pages_not_none(admin_client, demo_site):
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "phường"})
    text = visible_text(response)
    assert re.search(r"trong tổng số \d+ trang", text), text[:2000]
    assert "None" not in text


def test_import_page_offers_samples_not_repository_paths(admin_client):
    response = admin_client.get(reverse("nhap-thu-tuc:index"))
    text = visible_text(response)
    assert "phụ lục mẫu (Excel)" in text and "Quyết định số" in text
    for path in ("docs/", "procedures/importing", ".md"):
        assert path not in text
    sample = admin_client.get(reverse("nhap-thu-tuc:sample", args=["phu-luc-mau.xlsx"]))
    assert sample.status_code == 200 and 'filename="phu-luc-mau.xlsx"' in sample["Content-Disposition"]
    assert b"".join(sample.streaming_content)[:2] == b"PK"
    assert admin_client.get(reverse("nhap-thu-tuc:sample", args=["settings.py"])).status_code == 404


def test_sample_download_needs_the_import_right(client, django_user_model):
    from tests.signin import login_with_second_factor

    reader = django_user_model.objects.create_user("doc.gia", "d@example.invalid", "Mat-khau-doc-2026!")
    reader.is_staff = True
    reader.save()
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = login_with_second_factor(client, reader).get(reverse("nhap-thu-tuc:sample", args=["phu-luc-mau.csv"]))
    assert response.status_code in (302, 403)


def test_saving_a_page_autosave_created_says_created(admin_client, demo_site):
    from home.models import ContentPage

    page = ContentPage(title="Lịch tiếp công dân", slug="lich-tiep-cong-dan", lead="Lịch tiếp.")
    demo_site.add_child(instance=page)
    page.save_revision()
    from tests.admin_forms import as_multidict, browser_post_data

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = as_multidict(browser_post_data(admin_client.get(edit_url).content.decode(), ContentPage))
    data["created_by_autosave"] = ["1"]
    response = admin_client.post(edit_url, data, follow=True)
    text = visible_text(response)
    assert "Đã tạo trang 'Lịch tiếp công dân'." in text
    assert "đã được cập nhật" not in text
    # An ordinary save of an existing page still says updated.
    data.pop("created_by_autosave")
    response = admin_client.post(edit_url, data, follow=True)
    assert "đã được cập nhật" in visible_text(response)


def test_javascript_catalogue_is_vietnamese(admin_client):
    response = admin_client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    catalog = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
    catalog = json.loads(catalog)
    assert catalog["Collapse all"] == "Thu gọn tất cả"
    assert catalog["(%(number)s new items in this menu)"] == "(%(number)s mục mới trong menu này)"


def test_ward_listing_in_dictionary_order(client, demo_site):
    from home.models import WardHomePage

    titles = [w.title for w in WardHomePage.objects.live().order_by(*WardHomePage._meta.ordering or ["title"])]
    assert titles  # the demo's 19 wards
    page = Page.objects.get(pk=demo_site.pk).specific
    from home.own_sections import wards_context

    context_wards = [w.title for w in wards_context(page, client.get("/").wsgi_request)["wards"]]
    assert [t for t in context_wards] == sorted(context_wards, key=lambda t: (not t.startswith("Phường"), vietnamese_key(t)))
