"""Boundary changes: merging two demo wards and renaming one keep every old URL working (301),
move content and people, lose and duplicate nothing, and show "formerly …" on the new unit."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from units import roles
from units.models import UnitGroup
from wagtail.models import Page

from home.models import ContentPage, WardHomePage

pytestmark = pytest.mark.django_db


def publish_child(parent, title, slug, lead="Nội dung của đơn vị."):
    page = ContentPage(title=title, slug=slug, lead=lead)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def two_wards(demo_site):
    van_an = WardHomePage.objects.get(slug="phuong-van-an")
    van_duc = WardHomePage.objects.get(slug="phuong-van-duc")
    guide = publish_child(van_an, "Hướng dẫn nộp hồ sơ trực tuyến", "huong-dan-nop-ho-so")
    publish_child(guide, "Đăng ký khai sinh trực tuyến", "dang-ky-khai-sinh")
    publish_child(van_an, "Lịch tiếp công dân", "lich-tiep-cong-dan")
    # Same slug in both wards: the merge must keep both pages, under distinct addresses.
    publish_child(van_duc, "Lịch tiếp công dân", "lich-tiep-cong-dan", lead="Lịch của phường Văn Đức.")
    publish_child(van_duc, "Cơ cấu tổ chức", "co-cau-to-chuc")
    User = get_user_model()
    people = {
        "editor_an": User.objects.create_user("bt-vanan", "a@example.invalid", "x" * 16),
        "editor_duc": User.objects.create_user("bt-vanduc", "b@example.invalid", "x" * 16),
        "leader_duc": User.objects.create_user("ld-vanduc", "c@example.invalid", "x" * 16),
    }
    people["editor_an"].groups.add(roles.ward_groups(van_an)[0])
    people["editor_duc"].groups.add(roles.ward_groups(van_duc)[0])
    people["leader_duc"].groups.add(roles.ward_groups(van_duc)[1])
    return van_an, van_duc, people


def snapshot(wards):
    """Every page under the wards: id → (title, url)."""
    result = {}
    for ward in wards:
        for page in ward.get_descendants(inclusive=True).specific():
            result[page.pk] = (page.title, page.url)
    return result


def test_merge_two_wards_into_a_new_unit(client, two_wards):
    van_an, van_duc, people = two_wards
    before = snapshot([van_an, van_duc])
    content_before = ContentPage.objects.count()
    out = io.StringIO()
    call_command("merge_wards", "phuong-van-an", "phuong-van-duc", "--ten-moi", "Văn An Đức", stdout=out)
    assert "Đã sáp nhập Phường Văn An, Phường Văn Đức vào Phường Văn An Đức" in out.getvalue()

    new = WardHomePage.objects.get(title="Phường Văn An Đức")
    assert not WardHomePage.objects.filter(slug__in=["phuong-van-an", "phuong-van-duc"]).exists()
    # Nothing lost, nothing duplicated: every content page still exists once, now under the new unit.
    assert ContentPage.objects.count() == content_before
    moved_ids = [pk for pk, _ in before.items() if pk not in (van_an.pk, van_duc.pk)]
    for pk in moved_ids:
        assert Page.objects.get(pk=pk).is_descendant_of(new)
    titles = list(Page.objects.descendant_of(new).values_list("title", flat=True))
    assert sorted(titles) == sorted(t for pk, (t, _) in before.items() if pk in moved_ids)

    # Every old URL answers 301 to the page's new URL.
    for pk, (_title, old_url) in before.items():
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        target = new if pk in (van_an.pk, van_duc.pk) else Page.objects.get(pk=pk).specific
        assert response["Location"].rstrip("/").endswith(target.url.rstrip("/")), (
            old_url,
            response["Location"],
        )
        assert client.get(target.url).status_code == 200

    # "Formerly …" on the new unit's page.
    page = client.get(new.url).content.decode()
    assert "Trước đây là: Phường Văn An, Phường Văn Đức" in page

    # People and their permissions follow: old groups are gone, members are in the new unit's groups.
    assert not Group.objects.filter(
        name__in=["Biên tập viên Phường Văn Đức", "Lãnh đạo Phường Văn An"]
    ).exists()
    editors, leaders = roles.ward_groups(new)
    assert set(editors.user_set.values_list("username", flat=True)) == {"bt-vanan", "bt-vanduc"}
    assert set(leaders.user_set.values_list("username", flat=True)) == {"ld-vanduc"}
    moved_page = ContentPage.objects.descendant_of(new).get(slug="co-cau-to-chuc")
    for user in people.values():
        user = get_user_model().objects.get(pk=user.pk)
        assert moved_page.permissions_for_user(user).can_edit()
    assert UnitGroup.objects.filter(ward=new).count() == 2
    assert new.get_workflow().name == "Duyệt nội dung Phường Văn An Đức"

    # Running the merge again is refused with a clear message, nothing changes.
    with pytest.raises(Exception, match="Không tìm thấy phường, xã"):
        call_command("merge_wards", "phuong-van-an", "--vao", new.slug, stdout=io.StringIO())


def test_merge_into_existing_ward_keeps_its_address(client, two_wards):
    van_an, van_duc, _people = two_wards
    old_duc = snapshot([van_duc])
    call_command("merge_wards", "phuong-van-duc", "--vao", "phuong-van-an", stdout=io.StringIO())
    van_an.refresh_from_db()
    assert van_an.url == "/phuong-van-an/"
    assert van_an.former_name_list == ["Phường Văn Đức"]
    for _pk, (_title, old_url) in old_duc.items():
        response = client.get(old_url)
        assert response.status_code == 301
    both = ContentPage.objects.child_of(van_an).filter(title="Lịch tiếp công dân")
    assert both.count() == 2 and len({p.slug for p in both}) == 2


def test_rename_ward(client, two_wards):
    van_an, _van_duc, people = two_wards
    old_urls = snapshot([van_an])
    call_command("rename_ward", "phuong-van-an", "Văn An Mới", stdout=io.StringIO())
    ward = WardHomePage.objects.get(pk=van_an.pk)
    assert ward.title == "Phường Văn An Mới" and ward.slug == "phuong-van-an-moi"
    assert "Phường Văn An" in ward.former_name_list
    for pk, (_title, old_url) in old_urls.items():
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        assert response["Location"].rstrip("/").endswith(Page.objects.get(pk=pk).url.rstrip("/"))
    assert people["editor_an"].groups.get().name == "Biên tập viên Phường Văn An Mới"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Phường Chu Văn An", ("phuong", "Chu Văn An")),
        ("  PHƯỜNG   Chu Văn An ", ("phuong", "Chu Văn An")),
        ("Phường Phường Chu Văn An", ("phuong", "Chu Văn An")),
        ("Phu\u031bo\u031b\u0300ng Chu Văn An", ("phuong", "Chu Văn An")),  # NFD, as some keyboards type it
        ("phuong chu van an", ("phuong", "chu van an")),
        ("Xã Bắc An", ("xa", "Bắc An")),
        ("Chu Văn An", (None, "Chu Văn An")),
        ("Phường Xã Đàn", ("phuong", "Xã Đàn")),
        ("Xá Lợi", (None, "Xá Lợi")),
        ("Phuong Sơn", (None, "Phuong Sơn")),  # a bare "phuong" counts only in a name typed without diacritics
        ("Phường", (None, "Phường")),
    ],
)
def test_a_unit_name_typed_with_its_kind_is_split(typed, expected):
    assert WardHomePage.split_name(typed) == expected


def test_merge_into_a_new_unit_named_with_its_kind(two_wards):
    """`--ten-moi "Phường Chu Văn An"` once gave "Phường Phường Chu Văn An"."""
    call_command("merge_wards", "phuong-van-an", "phuong-van-duc", "--ten-moi", "Phường Chu Văn An", stdout=io.StringIO())
    ward = WardHomePage.objects.get(unit_name="Chu Văn An")
    assert (ward.title, ward.unit_kind, ward.slug) == ("Phường Chu Văn An", "phuong", "phuong-chu-van-an")
    assert not WardHomePage.objects.filter(title__contains="Phường Phường").exists()


def test_merge_into_a_new_commune_named_with_its_kind(two_wards):
    call_command("merge_wards", "phuong-van-an", "phuong-van-duc", "--ten-moi", "Xã Văn An Đức", stdout=io.StringIO())
    ward = WardHomePage.objects.get(unit_name="Văn An Đức")
    assert (ward.title, ward.unit_kind, ward.slug) == ("Xã Văn An Đức", "xa", "xa-van-an-duc")


def test_rename_with_the_kind_typed_in_the_name(two_wards):
    call_command("rename_ward", "phuong-van-an", "Phường Văn An Mới", stdout=io.StringIO())
    ward = WardHomePage.objects.get(slug="phuong-van-an-moi")
    assert (ward.title, ward.unit_name) == ("Phường Văn An Mới", "Văn An Mới")


def test_a_name_whose_kind_contradicts_the_option_is_refused(two_wards):
    from django.core.management.base import CommandError

    before = WardHomePage.objects.count()
    with pytest.raises(CommandError, match="Tên “Phường Chu Văn An” là phường, nhưng đơn vị được chọn là xã"):
        call_command(
            "merge_wards", "phuong-van-an", "phuong-van-duc", "--ten-moi", "Phường Chu Văn An", "--xa", stdout=io.StringIO()
        )
    assert WardHomePage.objects.count() == before


def test_the_ward_form_keeps_the_name_without_its_kind(two_wards):
    from django.core.exceptions import ValidationError

    van_an = two_wards[0]
    van_an.unit_name = "Phường Văn An"
    van_an.full_clean()
    assert van_an.unit_name == "Văn An"
    van_an.unit_name = "Xã Văn An"
    with pytest.raises(ValidationError) as refused:
        van_an.full_clean()
    assert "Tên bắt đầu bằng “Xã” nhưng loại đơn vị đã chọn là “Phường”." in refused.value.message_dict["unit_name"]


def test_bad_boundary_input_is_refused_clearly(two_wards):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy phường, xã “phuong-khong-co”"):
        call_command("merge_wards", "phuong-khong-co", "--vao", "phuong-van-an", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Cần ít nhất một đơn vị khác"):
        call_command("merge_wards", "phuong-van-an", "--vao", "phuong-van-an", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Đã có trang khác"):
        call_command("rename_ward", "phuong-van-an", "Văn Đức", stdout=io.StringIO())


@pytest.mark.search
def test_merge_reaches_the_search_index(client, demo_site, es_client, django_capture_on_commit_callbacks):
    """The merge goes through Wagtail's move signals: the durable queue carries the moved pages into
    Elasticsearch with their new URLs and ward, and nothing answers under the old wards any more."""
    from news.models import ArticlePage
    from search import index, indexing, service
    from search.models import IndexQueueItem, SearchEntry
    from search.results import SearchParams

    old_slugs = ["phuong-sao-do", "phuong-pha-lai"]
    articles = {
        "niêm yết thủ tục hành chính bằng mã QR": "phuong-sao-do-niem-yet-thu-tuc-hanh-chinh-bang-ma-qr",
        "đối thoại với người dân về thủ tục đất đai": "phuong-pha-lai-doi-thoai-nguoi-dan-ve-dat-dai",
    }

    def search(q):
        return service.search(SearchParams(q=q, filters={"type": ["article"]}), engine_name="elasticsearch")

    def ward_count(slugs):
        body = {"query": {"terms": {"ward": slugs}}}
        return es_client.count(index=index.alias_name(), body=body)["count"]

    # Before: the demo articles are indexed under their wards (the test would prove nothing otherwise).
    es_client.indices.refresh(index=index.alias_name())
    assert ward_count(old_slugs) >= len(articles)
    before = search("niêm yết thủ tục hành chính bằng mã QR")
    assert before.hits and before.hits[0].url.startswith("/phuong-sao-do/")

    # The production path: the merge commits, the on-commit hook runs the queue task.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("merge_wards", *old_slugs, "--ten-moi", "Sao Đỏ Phả Lại", stdout=io.StringIO())
    new = WardHomePage.objects.get(title="Phường Sao Đỏ Phả Lại")
    assert IndexQueueItem.objects.count() == 0, list(IndexQueueItem.objects.values("key", "last_error"))
    es_client.indices.refresh(index=index.alias_name())

    moved = ArticlePage.objects.descendant_of(new).live()
    assert moved.count() >= len(articles)
    for query, slug in articles.items():
        page = moved.get(slug=slug)
        assert page.url.startswith(new.url)
        result = search(query)
        assert result.engine == "elasticsearch" and not result.degraded
        urls = [hit.url for hit in result.hits]
        assert page.url in urls, (query, urls)
        assert not [u for u in urls if u.startswith(("/phuong-sao-do/", "/phuong-pha-lai/"))], urls
        key = f"article:{page.pk}"
        source = es_client.get(index=index.alias_name(), id=key)["_source"]
        assert source["ward"] == new.slug and source["url"] == page.url
        assert SearchEntry.objects.get(key=key).ward == new.slug
        # The old address still leads there, permanently.
        old = client.get(f"/{'phuong-sao-do' if 'sao-do' in slug else 'phuong-pha-lai'}/tin-tuc/{slug}/")
        assert old.status_code == 301 and old["Location"].endswith(page.url)

    # No document is left under the old wards, in the engine or in the database copy, and the
    # queue path agrees with a full rebuild: the same documents, the same URLs.
    assert ward_count(old_slugs) == 0
    assert not SearchEntry.objects.filter(ward__in=old_slugs).exists()
    indexed = dict(SearchEntry.objects.filter(ward=new.slug).values_list("key", "url"))
    assert len(indexed) >= len(articles)
    indexing.rebuild()
    assert dict(SearchEntry.objects.filter(ward=new.slug).values_list("key", "url")) == indexed
