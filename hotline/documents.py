"""What the citizen search indexes of feedback: published answers only, through PublicAnswer.

PublicAnswer copies only fields safe to publish, so the sender's name, phone, address and original
text can never reach the index.
"""

from hotline.models import FeedbackSubmission
from hotline.public import public_answers
from hotline.signals import feedback_published, feedback_unpublished
from search.registry import SearchAdapter, SearchDocument, register


class AnswerAdapter(SearchAdapter):
    type = "answer"
    label = "Trả lời phản ánh"
    models = (FeedbackSubmission,)
    order = 40
    signals = (feedback_published, feedback_unpublished)

    def get_queryset(self):
        return FeedbackSubmission.objects.published().select_related("ward")

    def prepare(self, submission):
        answers = list(public_answers(FeedbackSubmission.objects.filter(pk=submission.pk)))
        if not answers:
            return None
        answer = answers[0]
        return SearchDocument(
            title=answer.title or answer.question[:120],
            url=answer.url,
            body="\n".join([answer.question, answer.answer, answer.answering_unit]),
            summary=answer.question,
            field=answer.topic,
            date=answer.published_on,
            ward=submission.ward.slug if submission.ward_id else "",
            tags=[answer.topic, answer.unit, answer.procedure_title],
        )


register(AnswerAdapter())
