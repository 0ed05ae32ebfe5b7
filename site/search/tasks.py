"""Background work on the "search" queue (django-tasks): apply the index queue, heal or rebuild the index.

The search queue has its own worker in production, so a hung engine never delays e-mails or imports;
inside these tasks every engine call has the short ELASTICSEARCH_TASK_TIMEOUT.
"""

import logging

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from search import indexing

logger = logging.getLogger(__name__)

QUEUE = "search"
HEAL_REQUEST_SECONDS = 60


@task(queue_name=QUEUE)
def process_index_queue():
    done, failed = indexing.process_queue()
    return {"done": done, "failed": failed}


@task(queue_name=QUEUE)
def rebuild_index():
    """A full rebuild of the index and the database copy (after a restore, or asked by an operator)."""
    stats = indexing.rebuild()
    return {"indexed": stats["indexed"], "index": stats["index"]}


def runs_in_background():
    """False with the immediate backend (a laptop), where a task runs inside the request that asks."""
    try:
        return not isinstance(process_index_queue.get_backend(), ImmediateBackend)
    except ImproperlyConfigured:
        return False


def request_heal():
    """The search service found the index not whole: ask the search worker to heal it, at most once a
    minute, and never inline in a citizen's request."""
    if not runs_in_background() or not cache.add("search:heal-requested", True, HEAL_REQUEST_SECONDS):
        return False
    try:
        process_index_queue.enqueue()
    except Exception as exc:
        logger.warning("Could not enqueue the search index task: %s", exc)
        return False
    return True
