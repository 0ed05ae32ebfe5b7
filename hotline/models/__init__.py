"""Models of the hotline and citizen feedback: contact pages, topics, submissions, attachments."""

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
]
