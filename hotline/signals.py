"""Signals for other apps (the citizen search index): an answer became public, or stopped being public.

Both are sent after the transaction commits, with `instance` = the FeedbackSubmission.
"""

from django.dispatch import Signal

feedback_published = Signal()
feedback_unpublished = Signal()
