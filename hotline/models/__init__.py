"""Models of the hotline and citizen feedback: contact pages, holidays, topics, submissions, attachments."""

from hotline.models.calendar import PublicHoliday
from hotline.models.feedback import (
    FeedbackAttachment,
    FeedbackSettings,
    FeedbackSubmission,
    FeedbackTopic,
)
from hotline.models.pages import HotlineContact, HotlinePage

__all__ = [
    "FeedbackAttachment",
    "FeedbackSettings",
    "FeedbackSubmission",
    "FeedbackTopic",
    "HotlineContact",
    "HotlinePage",
    "PublicHoliday",
]
