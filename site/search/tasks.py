"""Background work: apply the search queue to Elasticsearch (django-tasks)."""

from django_tasks import task

from search import indexing


@task()
def process_index_queue():
    done, failed = indexing.process_queue()
    return {"done": done, "failed": failed}
