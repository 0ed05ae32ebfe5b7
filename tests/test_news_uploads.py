"""Bad input through the Wagtail admin: images that are not images, decompression bombs, 50 MB uploads,
audio that is not audio, missing alt text or audio at publication, and a broken audio file on a live page."""

import io
import struct
import xml.etree.ElementTree as ET
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from news.factories import NewsIndexPageFactory, RadioColumnPageFactory, RadioEpisodePageFactory
from news.models import ArticlePage, AudioClip, OneStopResult, RadioEpisodePage, Topic
from tests.test_news_audio import wav_bytes
from tests.test_news_fixtures import tree_root

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024
Image = get_image_model()
Document = get_document_model()


@pytest.fixture(autouse=True)
def _wagtail_roots(db):
    tree_root()  # the root collection images and documents go to


@pytest.fixture
def home():
    root = tree_root()
    home = root.add_child(instance=HomePage(title="Cổng thông tin thành phố", slug="trang-chu-thu"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def png_bytes(size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that claims a huge canvas: only the header is read before it is refused."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(
        b"IEND", b""
    )


def image_form_errors(admin_client, name, data):
    before = Image.objects.count()
    response = admin_client.post(
        reverse("wagtailimages:add"), {"title": "Ảnh thử", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200, "an invalid upload re-displays the form"
    assert Image.objects.count() == before, "nothing was stored"
    errors = response.context["form"].errors.as_data()["file"]
    html = response.content.decode()
    for error in errors:
        assert str(error.message) in html or error.message % (error.params or {}) in html
    return [e.code for e in errors], " ".join(str(e.message) for e in errors)


def test_a_text_file_named_jpg_is_refused(admin_client):
    codes, _message = image_form_errors(admin_client, "anh.jpg", b"Day la van ban, khong phai anh.\n" * 50)
    assert codes == ["invalid_image"]


def test_a_png_named_jpg_is_refused_for_its_real_format(admin_client):
    codes, message = image_form_errors(admin_client, "anh.jpg", png_bytes())
    assert codes == ["invalid_image_known_format"]
    assert "png" in message.lower()


def test_a_decompression_bomb_is_refused_by_pixel_count(admin_client):
    # 10 000 × 8 000 one-bit pixels: a few kB on disk, 80 megapixels once decoded (limit 64).
    buffer = io.BytesIO()
    PILImage.new("1", (10_000, 8_000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 200_000
    codes, message = image_form_errors(admin_client, "bom.png", buffer.getvalue())
    assert codes == ["file_too_many_pixels"]
    assert "80000000" in message.replace(".", "").replace(",", "").replace("\u00a0", "")


def test_a_huge_claimed_canvas_is_refused_without_decoding(admin_client):
    codes, _message = image_form_errors(admin_client, "bom-lon.png", png_header_only(40_000, 40_000))
    assert codes and codes[0] in {"file_too_many_pixels", "invalid_image"}


def test_a_50_mb_image_is_refused(admin_client):
    codes, message = image_form_errors(admin_client, "lon.png", png_bytes() + b"\x00" * FIFTY_MB)
    assert codes == ["file_too_large"]
    assert "50" in message and "10" in message  # its size and the limit


def test_the_multiple_upload_view_refuses_too_with_a_message(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("anh.jpg", b"khong phai anh" * 100)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    payload = response.json()
    assert payload["success"] is False
    assert payload["error_message"]
    assert Image.objects.count() == 0


def test_a_50_mb_document_is_refused(admin_client):
    before = Document.objects.count()
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Văn bản lớn", "file": SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * FIFTY_MB)},
    )
    assert response.status_code == 200
    assert Document.objects.count() == before
    errors = response.context["form"].errors.as_data()["file"]
    assert "file_too_large" in [e.code for e in errors], [e.messages for e in errors]


# Audio --------------------------------------------------------------------------------------------


def audio_add(admin_client, name, data):
    url = reverse(AudioClip.snippet_viewset.get_url_name("add"))
    return admin_client.post(url, {"title": "Bản tin thử", "file": SimpleUploadedFile(name, data)})


def test_admin_refuses_a_file_that_is_not_audio(admin_client):
    response = audio_add(admin_client, "ban-tin.mp3", b"<html>khong phai am thanh</html>" * 40)
    assert response.status_code == 200
    assert "Tệp không phải là âm thanh hợp lệ" in response.content.decode()
    assert AudioClip.objects.count() == 0


def test_admin_refuses_a_50_mb_audio_file(admin_client):
    response = audio_add(admin_client, "dai.wav", wav_bytes(1) + b"\x80" * FIFTY_MB)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp quá lớn" in html and "Dung lượng tối đa là 20" in html
    assert AudioClip.objects.count() == 0


def test_admin_accepts_real_audio_and_measures_it(admin_client):
    response = audio_add(admin_client, "ban-tin.wav", wav_bytes(3.0))
    assert response.status_code == 302
    clip = AudioClip.objects.get()
    try:
        assert clip.mime_type == "audio/wav"
        assert clip.duration_seconds == 3
        assert clip.file_size == len(wav_bytes(3.0))
    finally:
        clip.file.delete(save=False)


# Publication rules through the page editor ---------------------------------------------------------


def page_form(**fields):
    data = {
        "slug": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def image():
    made = Image.objects.create(title="Ảnh", file=ContentFile(png_bytes(), name="anh-bai.png"), width=40, height=30)
    yield made
    made.file.delete(save=False)


def article_form(**fields):
    """The add-article form of a dated article with a lead and no image, with `fields` changed."""
    values = {"date": "2024-05-02", "lead": "Tóm tắt.", "lead_image": "", "lead_image_alt": "",
              "lead_image_caption": "", "publishing_unit": "", "body": streamfield([])}  # fmt: skip
    return page_form(**{**values, **fields})


def test_an_article_with_a_lead_image_but_no_alt_text_cannot_be_published(admin_client, home, image):
    index = NewsIndexPageFactory(parent=home)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk))
    data = article_form(title="Tin có ảnh chưa mô tả", slug="tin-co-anh-chua-mo-ta", lead_image=image.pk)
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "cần có mô tả (alt)" in response.content.decode()
    assert set(response.context["form"].errors) == {"lead_image_alt"}
    assert not ArticlePage.objects.exists()

    # A draft may wait for its alt text; it is not live.
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    draft = ArticlePage.objects.get()
    assert not draft.live

    # The same article with its alt text publishes.
    edit = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    data["lead_image_alt"] = "Người dân nộp hồ sơ tại quầy một cửa"
    response = admin_client.post(edit, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    assert ArticlePage.objects.get().live


def test_an_image_in_the_body_without_alt_text_cannot_be_published(admin_client, home, image):
    index = NewsIndexPageFactory(parent=home)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk))
    data = article_form(
        title="Tin có ảnh trong bài",
        slug="tin-co-anh-trong-bai",
        body=streamfield([("image", {"image": image.pk, "alt_text": "", "caption": ""})]),
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"body"}
    assert not ArticlePage.objects.filter(live=True).exists()


def test_an_episode_cannot_be_published_without_audio(admin_client, home):
    column = RadioColumnPageFactory(parent=home)
    url = reverse("wagtailadmin_pages:add", args=("news", "radioepisodepage", column.pk))
    data = page_form(
        title="Số phát thanh chưa có tệp",
        slug="so-chua-co-tep",
        air_date="2024-05-02",
        episode_number="",
        summary="Tóm tắt.",
        audio="",
        transcript=rich_text("<p>Bản ghi lời.</p>"),
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "cần có tệp âm thanh trước khi xuất bản" in response.content.decode()
    assert set(response.context["form"].errors) == {"audio"}
    assert not RadioEpisodePage.objects.exists()


# A broken file on a live page ----------------------------------------------------------------------


def test_a_malformed_or_missing_audio_file_does_not_break_the_page_or_the_feed(client, home):
    column = RadioColumnPageFactory(parent=home)
    garbage = AudioClip(title="Tệp hỏng", mime_type="audio/mpeg", file_size=2048, duration_seconds=None)
    garbage.file.save("hong.mp3", ContentFile(b"\x00\xffNOT AUDIO" * 200), save=True)
    missing = AudioClip.objects.create(title="Tệp đã mất", file="phat-thanh/khong-con.mp3", mime_type="audio/mpeg", file_size=999)
    try:
        broken = RadioEpisodePageFactory(parent=column, audio=garbage, transcript="<p>Lời của số hỏng tệp.</p>")
        lost = RadioEpisodePageFactory(parent=column, audio=missing, transcript="<p>Lời của số mất tệp.</p>")
        without = RadioEpisodePageFactory(parent=column, audio=None, transcript="<p>Lời của số chưa có tệp.</p>")
        for episode, words in [(broken, "số hỏng tệp"), (lost, "số mất tệp"), (without, "số chưa có tệp")]:
            response = client.get(episode.url)
            assert response.status_code == 200
            html = response.content.decode()
            assert words in html, "the transcript is always there"
            assert 'id="ban-ghi-loi"' in html
        assert "<audio" in client.get(broken.url).content.decode()
        assert "Tệp âm thanh đang được cập nhật" in client.get(without.url).content.decode()
        assert client.get(column.url).status_code == 200

        feed = client.get(reverse("news:podcast"))
        assert feed.status_code == 200
        root = ET.fromstring(feed.content)
        titles = [item.findtext("title") for item in root.iter("item")]
        assert without.title not in titles, "an item without a file has no enclosure to offer"
    finally:
        garbage.file.delete(save=False)


def test_index_scores_are_edited_inline_and_a_year_only_once(admin_client, home):
    from news.models import ReformIndicesPage

    url = reverse("wagtailadmin_pages:add", args=("news", "reformindicespage", home.pk))

    def score(year, par="85.5", sipas="88"):
        return {"year": year, "par_index": par, "par_rank": "", "par_rank_total": "", "sipas": sipas, "note": ""}

    data = page_form(
        title="Chỉ số cải cách hành chính",
        slug="chi-so",
        intro=rich_text(""),
        unit_label="UBND thành phố",
        source_note=rich_text(""),
        scores=inline_formset([score(2023), score(2023, "90")]),
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "Năm 2023 đã có một dòng điểm" in response.content.decode()
    assert not ReformIndicesPage.objects.exists()

    data = page_form(
        title="Chỉ số cải cách hành chính",
        slug="chi-so",
        intro=rich_text(""),
        unit_label="UBND thành phố",
        source_note=rich_text(""),
        scores=inline_formset([score(2023), score(2024, "90.25", "91")]),
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    page = ReformIndicesPage.objects.get()
    assert [(s.year, str(s.par_index)) for s in page.ordered_scores()] == [(2023, "85.50"), (2024, "90.25")]


def test_every_news_editor_form_opens(admin_client, home):
    from news.factories import (
        ArticlePageFactory,
        DirectiveDocumentPageFactory,
        DirectiveLibraryPageFactory,
    )

    index = NewsIndexPageFactory(parent=home)
    library = DirectiveLibraryPageFactory(parent=home)
    column = RadioColumnPageFactory(parent=home)
    adds = [
        ("newsindexpage", home), ("articlepage", index), ("directivelibrarypage", home),
        ("directivedocumentpage", library), ("radiocolumnpage", home), ("radioepisodepage", column),
        ("reformindicespage", home), ("onestopresultspage", home),
    ]
    for model, parent in adds:
        if model in {"newsindexpage", "directivelibrarypage", "radiocolumnpage"}:
            continue  # one per parent, already created above
        response = admin_client.get(reverse("wagtailadmin_pages:add", args=("news", model, parent.pk)))
        assert response.status_code == 200, model
    for page in [index, ArticlePageFactory(parent=index), library, DirectiveDocumentPageFactory(parent=library), column]:
        assert admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    for model in (AudioClip, OneStopResult, Topic):
        viewset = model.snippet_viewset
        assert admin_client.get(reverse(viewset.get_url_name("list"))).status_code == 200
        assert admin_client.get(reverse(viewset.get_url_name("add"))).status_code == 200
    listing = admin_client.get(reverse(OneStopResult.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Nhập từ bảng tính" in listing
