"""Demo content of CCHC communications: news on the city and three wards, directive documents, radio
episodes with a short generated audio jingle, reform indices (sample figures) and one-stop results."""

import datetime
import hashlib
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.demo_content import (
    ARTICLES,
    DIRECTIVES,
    EPISODES,
    FORMER_SLUGS,
    IMAGES,
    INDICES_ARTICLE,
    period_words,
    published_articles,
)
from news.demo_media import IMAGE_SIZE, illustration, jingle, pdf
from news.demo_themes import ARTICLE_AUDIENCES, THEME_ARTICLES, THEME_PAGES
from news.models import (
    ArticlePage,
    AudioClip,
    DirectiveDocumentPage,
    DirectiveLibraryPage,
    IndexScore,
    NewsIndexPage,
    OneStopResult,
    OneStopResultsPage,
    RadioColumnPage,
    RadioEpisodePage,
    ReformIndicesPage,
    ThemePage,
    Topic,
)
from news.models.audiences import AUDIENCES
from news.models.topics import ensure_default_topics

ORDER = 30
MEDIA_DIR = "demo/news"
WARD_NEWS = ["phuong-sao-do", "phuong-pha-lai", "xa-le-loi"]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _store(name, data):
    """Save demo media once under a fixed name, so repeated loads (and test runs) reuse the file."""
    path = f"{MEDIA_DIR}/{name}"
    if not default_storage.exists(path) or default_storage.size(path) != len(data):
        if default_storage.exists(path):
            default_storage.delete(path)
        path = default_storage.save(path, ContentFile(data))
    return path


def _ensure_root_collection():
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # a flushed test database has none
        Collection.add_root(name="Root")


def _images():
    _ensure_root_collection()
    Image = get_image_model()
    found = {}
    for filename, title, alt, motif in IMAGES:
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = illustration(motif)
            image = Image(
                title=title,
                file=_store(filename, data),
                width=IMAGE_SIZE[0],
                height=IMAGE_SIZE[1],
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
                description=alt,
            )
            image.save()
        found[filename] = (image, alt)
    return [found[f] for f, *_rest in IMAGES]


# Loaders ------------------------------------------------------------------------------------------


def _news_indexes(ctx):
    """The news index of the city, the demo wards and every demo department: {unit slug or "city": page}."""
    departments = getattr(ctx, "departments", {})
    units = [("city", ctx.home), *((slug, ctx.wards.get(slug)) for slug in WARD_NEWS), *departments.items()]
    indexes = {}
    for unit, parent in units:
        if parent is None:
            continue
        index = NewsIndexPage.objects.child_of(parent).first()
        if index is None:
            title = "Tin tức cải cách hành chính" if unit == "city" else "Tin cải cách hành chính"
            if unit in departments:
                title = "Tin hoạt động"
            index = _publish(
                parent,
                NewsIndexPage(
                    title=title,
                    slug="tin-tuc",
                    show_in_menus=True,
                    intro="<p>Tin tức, hoạt động, mô hình hay và hỏi – đáp về cải cách hành chính.</p>",
                ),
            )
        indexes[unit] = index
    return indexes


def _news(ctx, images):
    topics = {t.slug: t for t in Topic.objects.all()}
    today = timezone.localdate()
    indexes = _news_indexes(ctx)

    procedures = []
    try:
        from procedures.models import ProcedurePage

        procedures = list(ProcedurePage.objects.live().filter(title__icontains="khai sinh")[:2])
    except Exception:  # the catalogue is optional in the demo (load_demo --skip procedures)
        procedures = []

    existing = {unit: set(ArticlePage.objects.child_of(i).values_list("slug", flat=True)) for unit, i in indexes.items()}
    created = 0
    articles = published_articles(today, ARTICLES + THEME_ARTICLES)
    for position, (slug, title, topic_slugs, lead, paragraphs, featured, unit, image, days) in enumerate(articles):
        if unit not in indexes or slug in existing[unit] or FORMER_SLUGS.get(slug) in existing[unit]:
            continue
        date = today - datetime.timedelta(days=days)
        body = [("paragraph", f"<p>{p}</p>") for p in paragraphs]
        if position == 0:
            body.insert(1, ("quote", {
                "text": "Lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ.",
                "source": "Phương châm của kế hoạch cải cách hành chính",
            }))
        if position == 1:
            body.append(("heading", "Kết quả theo lĩnh vực (số liệu minh họa)"))
            body.append(("table", {
                "data": [
                    ["Lĩnh vực", "Tiếp nhận", "Đúng hạn", "Quá hạn"],
                    ["Chứng thực", "6.120", "6.120", "0"],
                    ["Hộ tịch", "3.845", "3.838", "2"],
                    ["Đất đai", "2.410", "2.301", "41"],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": f"Hồ sơ quý {period_words(date)['quy']} theo lĩnh vực (số liệu minh họa)",
            }))
        if position == 2:
            picture, alt = images[0]
            body.append(("image", {"image": picture, "alt_text": alt,
                                   "caption": "Người chưa quen thao tác được hướng dẫn tại Bộ phận một cửa."}))
        lead_image, lead_alt = images[image] if image is not None else (None, "")
        page = ArticlePage(
            title=title,
            slug=slug,
            date=date,
            lead=lead,
            body=body,
            lead_image=lead_image,
            lead_image_alt=lead_alt,
            featured=featured,
        )
        for audience in AUDIENCES:
            setattr(page, audience.field, audience.slug in ARTICLE_AUDIENCES.get(slug, ()))
        page.topics = [topics[s] for s in topic_slugs if s in topics]
        if "khai-sinh" in slug and procedures:
            page.related_procedures = procedures
        _publish(indexes[unit], page)
        created += 1
    ctx.log(f"Tin tức: {len(indexes)} trang tin, {len(articles)} bài (mới tạo {created})")


def _themes(ctx):
    """The theme pages: under the department that keeps the theme, or under the city home."""
    topics = {t.slug: t for t in Topic.objects.all()}
    created = 0
    for slug, owner, title, topic, lead, body in THEME_PAGES:
        parent = ctx.home if owner == "city" else getattr(ctx, "departments", {}).get(owner)
        if parent is None or ThemePage.objects.child_of(parent).filter(slug=slug).exists():
            continue
        blocks = [
            (kind, {"text": text, "source": ""} if kind == "quote" else text if kind == "heading" else f"<p>{text}</p>")
            for kind, text in body
        ]
        _publish(parent, ThemePage(title=title, slug=slug, topic=topics[topic], lead=lead, body=blocks))
        created += 1
    ctx.log(f"Chuyên đề: {len(THEME_PAGES)} (mới tạo {created})")


def _directives(ctx):
    library = DirectiveLibraryPage.objects.child_of(ctx.home).first()
    if library is None:
        library = _publish(
            ctx.home,
            DirectiveLibraryPage(
                title="Văn bản chỉ đạo",
                slug="van-ban-chi-dao",
                show_in_menus=True,
                intro=(
                    "<p>Văn bản chỉ đạo, điều hành cải cách hành chính của Trung ương, tỉnh, thành phố và các "
                    "phường, xã. Tệp đính kèm trong nội dung mẫu là bản minh họa; toàn văn văn bản Trung ương "
                    "xem tại Cổng thông tin điện tử Chính phủ.</p>"
                ),
            ),
        )
    Document = get_document_model()
    articles = {a.slug: a for a in ArticlePage.objects.live()}
    existing = set(DirectiveDocumentPage.objects.child_of(library).values_list("slug", flat=True))
    created = 0
    for slug, doc_type, number, date, body, level, subject, summary, related in DIRECTIVES:
        if slug in existing:
            continue
        pdf_data = pdf([
            "Ban minh hoa - noi dung mau cua cong thong tin",
            f"So, ky hieu: {number.replace('Đ', 'D')}",
            f"Ngay ban hanh: {date}",
            "Toan van van ban xem tai co quan ban hanh.",
        ])
        document = Document.objects.filter(title=f"Văn bản {number}").first()
        if document is None:
            document = Document(title=f"Văn bản {number}", file=_store(f"{slug}.pdf", pdf_data), file_size=len(pdf_data))
            document.file_hash = hashlib.sha1(pdf_data).hexdigest()
            document.save()
        page = DirectiveDocumentPage(
            title=subject,
            slug=slug,
            number=number,
            issued_date=datetime.date.fromisoformat(date),
            issuing_body=body,
            level=level,
            doc_type=doc_type,
            summary=summary,
            attachment=document,
        )
        page.related_articles = [articles[s] for s in related if s in articles]
        _publish(library, page)
        created += 1
    ctx.log(f"Văn bản chỉ đạo: {len(DIRECTIVES)} (mới tạo {created})")


def _radio(ctx):
    column = RadioColumnPage.objects.child_of(ctx.home).first()
    if column is None:
        column = _publish(
            ctx.home,
            RadioColumnPage(
                title="Phát thanh cải cách hành chính",
                slug="phat-thanh-cchc",
                # Listed under "Chuyên mục" on the home page: the main menu keeps one row on a desktop.
                show_in_menus=False,
                podcast_author="Phòng Văn hóa - Thông tin thành phố",
                intro=(
                    "<p>Chuyên mục phát thanh về cải cách hành chính, phát hằng tháng trên Đài truyền thanh "
                    "thành phố. Mỗi số có bản ghi lời đầy đủ. Trong nội dung mẫu, tệp âm thanh là đoạn nhạc "
                    "hiệu ngắn thay cho bản thu thật.</p>"
                ),
            ),
        )
    elif column.show_in_menus:  # a demo loaded before the menu was trimmed to one row
        column.show_in_menus = False
        column.save_revision().publish()
    today = timezone.localdate()
    existing = set(RadioEpisodePage.objects.child_of(column).values_list("slug", flat=True))
    created = 0
    for slug, number, title, summary, transcript, days, notes in EPISODES:
        if slug in existing:
            continue
        data = jingle(notes)
        clip = AudioClip.objects.filter(title=f"Nhạc hiệu – số {number}").first()
        if clip is None:
            clip = AudioClip(title=f"Nhạc hiệu – số {number}")
            clip.set_from_bytes(data, f"{slug}.wav")
            clip.file = _store(f"{slug}.wav", data)
            clip.save()
        _publish(
            column,
            RadioEpisodePage(
                title=title,
                slug=slug,
                episode_number=number,
                air_date=today - datetime.timedelta(days=days),
                summary=summary,
                audio=clip,
                transcript="".join(f"<p>{p}</p>" for p in transcript),
            ),
        )
        created += 1
    ctx.log(f"Phát thanh: {len(EPISODES)} số (mới tạo {created})")


# Sample figures, labelled as such on the page: (PAR Index, rank of 12, SIPAS) for four years in a row.
SCORES = [("84.12", 5, "86.50"), ("86.35", 4, "88.20"), ("88.07", 3, "89.64"), ("89.51", 2, "91.02")]


def sample_scores(last_year):
    """(year, PAR Index, rank, SIPAS) of the sample figures, the last for `last_year`."""
    first = last_year - len(SCORES) + 1
    return [(first + i, par, rank, sipas) for i, (par, rank, sipas) in enumerate(SCORES)]


def _indices_year():
    """The year the demo's indices article announces (the year before its date), so the page agrees."""
    article = ArticlePage.objects.filter(slug=INDICES_ARTICLE).only("date").first()
    return period_words(article.date if article else timezone.localdate())["nam_truoc"]


INDICES_NOTE = (
    "<p><strong>Số liệu mẫu:</strong> các con số trên trang này là số liệu minh họa của nội dung mẫu, "
    "không phải kết quả công bố chính thức.</p>"
)


def _indices(ctx):
    last = _indices_year()
    if not ReformIndicesPage.objects.child_of(ctx.home).exists():
        page = ReformIndicesPage(
            title="Chỉ số cải cách hành chính",
            slug="chi-so-cai-cach-hanh-chinh",
            unit_label="UBND thành phố Chí Linh",
            intro=(
                "<p>Chỉ số cải cách hành chính (PAR Index) và Chỉ số hài lòng của người dân, tổ chức đối với sự "
                "phục vụ của cơ quan hành chính nhà nước (SIPAS) do UBND tỉnh công bố hằng năm.</p>" + INDICES_NOTE
            ),
            source_note="<p>Nguồn: số liệu mẫu để minh họa cách trình bày.</p>",
        )
        scores = sample_scores(last)
        page.scores = [
            IndexScore(year=y, par_index=p, par_rank=r, par_rank_total=12, sipas=s, note="Số liệu mẫu")
            for y, p, r, s in scores
        ]
        _publish(ctx.home, page)
        ctx.log(f"Chỉ số cải cách hành chính: {scores[0][0]}–{scores[-1][0]} (số liệu mẫu)")
    _ward_indices(ctx, last)


def _ward_indices(ctx, last):
    """Each ward's own indices page: three years of sample scores up to the city's last year, ranked among
    the wards (as the city scores them)."""
    wards = [w for w in ctx.wards.values() if not ReformIndicesPage.objects.child_of(w).exists()]
    if not wards:
        return
    years = range(last - 2, last + 1)
    figures = {}
    for ward in ctx.wards.values():
        for year in years:
            rng = random.Random(f"chi-so-{ward.slug}-{year}")
            figures[ward.pk, year] = (round(rng.uniform(78, 92), 2), round(rng.uniform(84, 96), 2))
    for ward in wards:
        name = f"{ward.title[:1].lower()}{ward.title[1:]}"
        page = ReformIndicesPage(
            title="Chỉ số cải cách hành chính",
            slug="chi-so-cai-cach-hanh-chinh",
            show_in_menus=True,
            unit_label=f"UBND {name}",
            intro=(
                f"<p>Chỉ số cải cách hành chính (PAR Index) và Chỉ số hài lòng (SIPAS) của UBND {name} do UBND "
                f"thành phố đánh giá, xếp hạng hằng năm trong {len(ctx.wards)} phường, xã.</p>" + INDICES_NOTE
            ),
            source_note="<p>Nguồn: số liệu mẫu để minh họa cách trình bày.</p>",
        )
        scores = []
        for year in years:
            par, sipas = figures[ward.pk, year]
            rank = 1 + sum(1 for (other, y), (p, _s) in figures.items() if y == year and p > par and other != ward.pk)
            scores.append(
                IndexScore(year=year, par_index=par, par_rank=rank, par_rank_total=len(ctx.wards), sipas=sipas,
                           note="Số liệu mẫu")
            )
        page.scores = scores
        _publish(ward, page)
    ctx.log(f"Chỉ số cải cách hành chính của phường, xã: {len(ctx.wards)} (mới tạo {len(wards)})")


def _onestop(ctx):
    if not OneStopResultsPage.objects.child_of(ctx.home).exists():
        _publish(
            ctx.home,
            OneStopResultsPage(
                title="Kết quả giải quyết thủ tục hành chính",
                slug="ket-qua-giai-quyet-tthc",
                intro=(
                    "<p>Số hồ sơ thủ tục hành chính tiếp nhận và giải quyết hằng tháng tại Bộ phận một cửa "
                    "thành phố và các phường, xã. Trong nội dung mẫu, các con số là số liệu minh họa.</p>"
                ),
            ),
        )
    for ward in ctx.wards.values():
        if not OneStopResultsPage.objects.child_of(ward).exists():
            name = f"{ward.title[:1].lower()}{ward.title[1:]}"
            _publish(
                ward,
                OneStopResultsPage(
                    title="Kết quả giải quyết thủ tục hành chính",
                    slug="ket-qua-giai-quyet-tthc",
                    show_in_menus=True,
                    intro=(
                        f"<p>Số hồ sơ thủ tục hành chính tiếp nhận và giải quyết hằng tháng tại Bộ phận một cửa "
                        f"{name}. Trong nội dung mẫu, các con số là số liệu minh họa.</p>"
                    ),
                ),
            )
    units = [ctx.home, *ctx.wards.values()]
    first = timezone.localdate().replace(day=1)
    months = []
    for _ in range(6):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        months.append((first.year, first.month))
    rows = []
    for unit in units:
        city = unit.pk == ctx.home.pk
        for year, month in months:
            rng = random.Random(f"{unit.slug}-{year}-{month}")
            received = rng.randint(900, 1400) if city else rng.randint(140, 460)
            pending = round(received * rng.uniform(0.02, 0.07))
            late = rng.choice([0, 0, 0, 1, 2, 3]) if not city else rng.randint(2, 15)
            on_time = received - pending - late - rng.randint(0, 3)
            online = round(received * rng.uniform(0.55, 0.9))
            rows.append(OneStopResult(unit_id=unit.pk, year=year, month=month, received=received,
                                      on_time=on_time, late=late, pending=pending, online=online))
    before = OneStopResult.objects.count()
    OneStopResult.objects.bulk_create(rows, ignore_conflicts=True)
    ctx.log(f"Kết quả giải quyết TTHC: {len(units)} đơn vị × 6 tháng (mới tạo {OneStopResult.objects.count() - before})")


def load(ctx):
    ensure_default_topics()
    images = _images()
    _news(ctx, images)
    _themes(ctx)
    _directives(ctx)
    _radio(ctx)
    _indices(ctx)
    _onestop(ctx)
