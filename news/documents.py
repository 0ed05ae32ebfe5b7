"""What the citizen search indexes of CCHC communications: articles (with radio episodes) and directive documents."""

from core.text import html_text, stream_text
from news.models import ArticlePage, DirectiveDocumentPage, RadioEpisodePage
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
        return SearchDocument(
            title=page.title,
            url=page.get_url() or page.url_path,
            body="\n".join([page.lead, stream_text(page.body)]),
            summary=page.lead,
            date=page.date,
            ward=ward_of(page),
            tags=topics,
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
