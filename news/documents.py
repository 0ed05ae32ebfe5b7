"""What the citizen search indexes of CCHC communications: articles (with radio episodes), directive documents,
and the pages of reform indices and one-stop results."""

from core.text import html_text, stream_text
from news.models import (
    ArticlePage,
    DirectiveDocumentPage,
    OneStopResultsPage,
    RadioEpisodePage,
    ReformIndicesPage,
)
from search.registry import SearchAdapter, SearchDocument, register, ward_of


class ArticleAdapter(SearchAdapter):
    type = "article"
    label = "Tin tức"
    models = (ArticlePage, RadioEpisodePage)
    order = 20

    def get_queryset(self):
        return ArticlePage.objects.live().public().prefetch_related("topics")

    def get_querysets(self):
        # Radio episodes are news too, read with their own queryset.
        return [self.get_queryset(), RadioEpisodePage.objects.live().public()]

    def prepare(self, page):
        if isinstance(page, RadioEpisodePage):
            return SearchDocument(
                title=page.title,
                url=page.get_url() or page.url_path,
                body="\n".join([page.summary, html_text(page.transcript)]),
                summary=page.summary,
                date=page.air_date,
                ward=ward_of(page),
                tags=["Phát thanh"],
            )
        topics = [t.name for t in page.topics.all()]
        # Who it is written for ("Doanh nghiệp", "Người dân"…): searchable like the topics.
        audiences = [a.label for a in page.audiences]
        return SearchDocument(
            title=page.title,
            url=page.get_url() or page.url_path,
            body="\n".join([page.lead, stream_text(page.body)]),
            summary=page.lead,
            date=page.date,
            ward=ward_of(page),
            tags=topics + audiences,
        )


class DirectiveAdapter(SearchAdapter):
    type = "document"
    label = "Văn bản"
    models = (DirectiveDocumentPage,)
    order = 30

    def get_queryset(self):
        return DirectiveDocumentPage.objects.live().public()

    def prepare(self, page):
        return SearchDocument(
            title=page.title,
            url=page.get_url() or page.url_path,
            body="\n".join([page.full_reference, page.summary]),
            summary=page.full_reference,
            keywords=[page.number],
            date=page.issued_date,
            ward=ward_of(page),
            tags=[page.get_doc_type_display(), page.issuing_body],
        )


register(ArticleAdapter())
register(DirectiveAdapter())


class FiguresAdapter(SearchAdapter):
    """The reform-indices and one-stop-results pages: found by what they measure, not only by title."""

    type = "figures"
    label = "Số liệu"
    models = (ReformIndicesPage, OneStopResultsPage)
    order = 40

    def get_queryset(self):
        return ReformIndicesPage.objects.live().public().prefetch_related("scores")

    def get_querysets(self):
        return [self.get_queryset(), OneStopResultsPage.objects.live().public()]

    def prepare(self, page):
        intro = html_text(page.intro)
        if isinstance(page, ReformIndicesPage):
            years = [
                f"Năm {s.year}: Chỉ số CCHC (PAR Index) {_percent(s.par_index)}, Chỉ số hài lòng (SIPAS) "
                f"{_percent(s.sipas)}."
                for s in page.ordered_scores()
            ]
            keywords = ["Chỉ số cải cách hành chính", "PAR Index", "Chỉ số hài lòng", "SIPAS"]
            body = [intro, page.unit_label, *years]
        else:
            keywords = ["Kết quả giải quyết thủ tục hành chính", "Tỷ lệ hồ sơ đúng hạn", "Hồ sơ trực tuyến"]
            body = [intro, "Số hồ sơ tiếp nhận, giải quyết đúng hạn, quá hạn, đang giải quyết theo tháng."]
        return SearchDocument(
            title=page.title,
            url=page.get_url() or page.url_path,
            body="\n".join(part for part in body if part),
            summary=intro,
            keywords=keywords,
            ward=ward_of(page),
            tags=["Số liệu"],
        )


def _percent(value):
    return "–" if value is None else f"{value:.2f}%".replace(".", ",")


register(FiguresAdapter())
