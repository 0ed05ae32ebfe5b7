"""Storing a submission with its attachments as one unit: all rows and files, or nothing."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from hotline.codes import new_tracking_code
from hotline.models import FeedbackAttachment, FeedbackSubmission
from hotline.storage import private_storage

logger = logging.getLogger(__name__)

SUBMISSION_FIELDS = ("name", "phone", "email", "address", "topic", "procedure", "ward", "content")


def create_submission(data, checked_files=(), channel=FeedbackSubmission.Channel.WEB):
    """Create the submission and its attachments in one transaction.

    `checked_files` holds (upload, CheckedFile) pairs already validated by hotline.uploads. A file
    written before a failure is deleted again, so a failed submission leaves no orphan on disk.
    """
    submission = FeedbackSubmission(
        **{name: data.get(name) for name in SUBMISSION_FIELDS if name in data},
        channel=channel,
        consent_at=timezone.now() if data.get("consent") else None,
        consent_version=FeedbackSubmission.CONSENT_VERSION if data.get("consent") else "",
    )
    submission.email = submission.email or ""
    # Reads happen before the transaction, so on SQLite its first statement is a write and the
    # connection waits for the write lock instead of failing to upgrade a read lock.
    submission.compute_deadlines()
    written = []
    try:
        with transaction.atomic():
            _save_with_unique_code(submission)
            for upload, checked in checked_files:
                attachment = FeedbackAttachment(
                    submission=submission,
                    original_name=checked.original_name,
                    content_type=checked.content_type,
                    size=checked.size,
                    sha256=checked.sha256,
                )
                upload.seek(0)
                attachment.file.save(checked.original_name, upload, save=False)
                written.append(attachment.file.name)
                attachment.save()
            log(submission, "hotline.submit", user=None, data={"channel": channel})
    except BaseException:
        for name in written:
            try:
                private_storage.delete(name)
            except OSError:  # report and keep going: the caller gets the original error
                logger.exception("could not remove attachment %s after a failed submission", name)
        raise
    return submission


def _save_with_unique_code(submission, attempts=5):
    for _ in range(attempts):
        submission.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                submission.save()
            return
        except IntegrityError:
            if FeedbackSubmission.objects.filter(tracking_code=submission.tracking_code).exists():
                continue
            raise
    raise IntegrityError("no free tracking code after several attempts")
