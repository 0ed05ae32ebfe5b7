"""Background work after an import commits: Wagtail's admin search index and reference index ("usage")
for the pages it wrote, in one task (inline with the immediate task backend, in the worker otherwise)."""

from django.db import transaction
from django_tasks import task


@task()
def index_imported_pages(page_ids):
    from modelsearch.backends import get_search_backends
    from wagtail.models import ReferenceIndex

    from procedures.models import ProcedurePage

    for start in range(0, len(page_ids), 500):
        pages = list(
            ProcedurePage.objects.filter(pk__in=page_ids[start : start + 500]).select_related(
                "field", "level", "implementing_agency", "online_service_kind"
            )
        )
        with transaction.atomic():
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(ProcedurePage, pages)
    return len(page_ids)
