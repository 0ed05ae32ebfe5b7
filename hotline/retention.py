"""How long citizens' feedback keeps their personal data (see operations.retention, docs/operations.md).

A closed petition (answered, published, forwarded or rejected) keeps its topic, unit, dates, status and
the published answer for the reports; after the period its author's name, phone, e-mail, address,
own words and attachments are erased.
"""

from django.db import transaction

from hotline.models import FeedbackAttachment, FeedbackSubmission
from operations.retention import RetentionRule

ANONYMISED_NAME = "(đã ẩn danh)"
ERASED_CONTENT = "(Nội dung đã được xóa khi hết thời hạn lưu dữ liệu cá nhân.)"


def closed_feedback_due(cutoff):
    return (
        FeedbackSubmission.objects.exclude(status__in=FeedbackSubmission.OPEN_STATUSES)
        .filter(updated_at__lt=cutoff)
        .exclude(name=ANONYMISED_NAME)
    )


def anonymise(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    attachments = list(FeedbackAttachment.objects.filter(submission_id__in=ids))
    names = [attachment.file.name for attachment in attachments]
    storage = FeedbackAttachment._meta.get_field("file").storage
    FeedbackAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    FeedbackSubmission.objects.filter(pk__in=ids).update(
        name=ANONYMISED_NAME, phone="", email="", address="", content=ERASED_CONTENT, internal_note=""
    )

    def remove_files():  # only once the rows are gone for good
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return len(ids)


RULES = [
    RetentionRule(
        name="Phản ánh, kiến nghị đã đóng",
        action="ẩn danh hóa",
        setting="RETENTION_CLOSED_FEEDBACK_DAYS",
        default_days=365,
        due=closed_feedback_due,
        apply=anonymise,
    ),
]
