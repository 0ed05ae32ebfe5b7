"""What the HTTP cache may keep of the published answers, and what to purge when one changes."""

from django.urls import reverse

from core import frontcache, httpcache
from hotline.models import FeedbackTopic
from hotline.signals import feedback_published, feedback_unpublished

# The form, its confirmation and the look-up stay private (never_cache): they hold one citizen's data.
httpcache.declare_views(
    httpcache.PUBLIC, "hotline:answer_list", "hotline:answer_detail", "hotline:answers_csv"
)


@frontcache.model_rule(signals=(feedback_published, feedback_unpublished))
def answer_paths(submission):
    """A published (or withdrawn) answer: its page and the lists of answers."""
    yield reverse("hotline:answer_detail", args=[submission.pk])
    yield reverse("hotline:answer_list")
    yield reverse("hotline:answers_csv")


@frontcache.model_rule(FeedbackTopic)
def topic_paths(topic):
    yield reverse("hotline:answer_list") + "*"
