"""Search parameters and results shared by the Elasticsearch engine and the database fallback."""

from dataclasses import dataclass, field

from core.facets import Facet, FacetValue  # noqa: F401 (the engine and the fallback import them from here)
from core.params import MAX_ID, clean_text, integer

PER_PAGE = 10
MAX_PAGE = 50  # deep pages are never useful to a citizen and cost the engine

# (URL parameter, document field, Vietnamese heading), in the order the page shows them.
FACETS = [
    ("type", "type", "Loại nội dung"),
    ("field", "field", "Lĩnh vực"),
    ("level", "level", "Cấp thực hiện"),
    ("agency", "agency", "Cơ quan thực hiện"),
    ("online", "online_kind", "Dịch vụ công trực tuyến"),
    ("status", "status", "Tình trạng"),
]
FACET_FIELDS = {param: doc_field for param, doc_field, _ in FACETS}
FACET_SIZE = 30


@dataclass
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # URL parameter -> list of selected values
    page: int = 1
    per_page: int = PER_PAGE
    include_hidden: bool = False  # abolished procedures too, unfiltered (the admin's search)

    @classmethod
    def from_querydict(cls, data, per_page=PER_PAGE):
        filters = {}
        for param in FACET_FIELDS:
            values = [clean_text(v, max_length=255) for v in data.getlist(param)[:20]]
            values = [v for v in values if v]
            if values:
                filters[param] = list(dict.fromkeys(values))
        page = integer(data, "page", low=-MAX_ID, default=1)
        return cls(
            q=clean_text(data.get("q") or "", max_length=500),
            filters=filters,
            page=min(max(page, 1), MAX_PAGE),
            per_page=per_page,
        )

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def field_filters(self):
        """Document field -> selected values."""
        return {FACET_FIELDS[param]: values for param, values in self.filters.items()}


@dataclass
class Hit:
    key: str  # "<type>:<id>"
    type: str
    type_label: str
    title: str
    url: str
    code: str = ""
    status: str = ""
    status_label: str = ""
    title_html: str = ""  # title with <mark> around matched words (escaped HTML)
    highlight: str = ""  # snippet of the original Vietnamese text with <mark> (escaped HTML)
    summary: str = ""
    field: str = ""
    level: str = ""
    agency: str = ""
    date: str | None = None
    score: float = 0.0

    def as_json(self):
        return {
            "type": self.type,
            "title": self.title,
            "url": self.url,
            "code": self.code,
            "status": self.status,
            "highlight": self.highlight,
        }


@dataclass
class SearchResult:
    engine: str  # "elasticsearch" or "database"
    params: SearchParams
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    suggestion: str = ""  # "did you mean": the query with misspelled words corrected
    degraded: bool = False  # the engine is configured but failed: results come from the fallback
    hidden_count: int = 0  # matching documents left out by default (abolished procedures)
    took_ms: float = 0.0

    @property
    def num_pages(self):
        return max(1, min(-(-self.total // self.params.per_page), 50))

    def as_json(self):
        return {
            "engine": self.engine,
            "total": self.total,
            "results": [hit.as_json() for hit in self.hits],
            "facets": {
                facet.param: [{"value": v.value, "label": v.label, "count": v.count} for v in facet.values]
                for facet in self.facets
            },
        }
