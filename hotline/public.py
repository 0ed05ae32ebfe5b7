"""The public face of an answered petition: only fields safe to publish, copied out of the model.

Templates, the CSV export and the search documents use PublicAnswer, so a template can never reach the
sender's name, phone, email, address or original text by accident.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

PUBLIC_FIELDS = (
    "id", "public_title", "public_question", "answer_text", "answering_unit", "created_at", "answered_at",
    "published_at", "classification", "topic__name", "topic__slug", "ward__title", "procedure__id",
    "procedure__title", "procedure__code",
)


@dataclass(frozen=True)
class PublicAnswer:
    id: int
    title: str
    question: str
    answer: str
    answering_unit: str
    topic: str
    topic_slug: str
    unit: str
    classification: str
    received_on: date
    answered_on: date | None
    published_on: date | None
    procedure_id: int | None
    procedure_title: str
    procedure_code: str

    @property
    def url(self):
        return reverse("hotline:answer_detail", args=[self.id])

    def procedure_url(self, request=None):
        from wagtail.models import Page

        page = Page.objects.live().filter(id=self.procedure_id).first() if self.procedure_id else None
        return page.get_url(request) if page else None


def _local_date(value):
    return timezone.localdate(value) if value else None


def public_answers(queryset=None):
    """Published answers as PublicAnswer objects, newest first; `queryset` narrows the selection."""
    from hotline.models import FeedbackSubmission

    queryset = queryset if queryset is not None else FeedbackSubmission.objects.all()
    rows = queryset.published().order_by("-published_at", "-id").values(*PUBLIC_FIELDS)
    labels = dict(FeedbackSubmission.Classification.choices)
    return _Mapped(rows, labels)


class _Mapped:
    """A lazy, sliceable view (for Paginator) that turns value rows into PublicAnswer."""

    def __init__(self, rows, labels):
        self.rows = rows
        self.labels = labels

    def count(self):
        return self.rows.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self._make(row) for row in self.rows[item]]
        return self._make(self.rows[item])

    def __iter__(self):
        return (self._make(row) for row in self.rows)

    def _make(self, row):
        return PublicAnswer(
            id=row["id"],
            title=row["public_title"],
            question=row["public_question"],
            answer=row["answer_text"],
            answering_unit=row["answering_unit"],
            topic=row["topic__name"],
            topic_slug=row["topic__slug"],
            unit=row["ward__title"] or "UBND thành phố",
            classification=self.labels.get(row["classification"], ""),
            received_on=_local_date(row["created_at"]),
            answered_on=_local_date(row["answered_at"]),
            published_on=_local_date(row["published_at"]),
            procedure_id=row["procedure__id"],
            procedure_title=row["procedure__title"] or "",
            procedure_code=row["procedure__code"] or "",
        )
