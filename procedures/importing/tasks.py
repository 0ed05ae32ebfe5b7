"""Background work after an import commits: Wagtail's admin search index and reference index ("usage")
for the pages and reference rows it wrote, in one task (inline with the immediate task backend, in the
worker otherwise)."""

import copy
from collections import defaultdict

from django.apps import apps
from django.db import connection, transaction
from django_tasks import task

CHUNK = 500


@task(queue_name="import")
def index_imported_pages(page_ids, snippets=None):
    """page_ids: procedure pages; snippets: {"procedures.agency": [ids], …} of new reference rows."""
    from modelcluster.models import get_all_child_relations
    from modelsearch.backends import get_search_backends

    from procedures.models import ProcedurePage

    # Child relations (status history, comments…) read once per chunk: the reference index walks them.
    # Stream fields that cannot hold a reference are not read: neither index needs them.
    children = [rel.get_accessor_name() for rel in get_all_child_relations(ProcedurePage)]
    for start in range(0, len(page_ids), CHUNK):
        pages = list(
            ProcedurePage.objects.filter(pk__in=page_ids[start : start + CHUNK])
            .select_related("field", "level", "implementing_agency", "online_service_kind")
            .prefetch_related(*children)
            .defer(*reference_free_streams(ProcedurePage))
        )
        with transaction.atomic():
            update_reference_index(pages)
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(ProcedurePage, pages)
    for label, ids in (snippets or {}).items():
        _index_snippets(apps.get_model(label), ids)
    return len(page_ids)


def _index_snippets(model, ids):
    """What their post_save would have done: Wagtail's admin search index and reference index."""
    from modelsearch.backends import get_search_backends
    from modelsearch.index import class_is_indexed

    objects = list(model._default_manager.filter(pk__in=ids))
    with transaction.atomic():
        update_reference_index(objects)
        if objects and class_is_indexed(model) and getattr(model, "search_auto_update", True):
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)


def update_reference_index(objects):
    """What `ReferenceIndex.create_or_update_for_object()` does for each object, for many objects of
    one model at once: the same rows (Wagtail's own extraction of references), written with one read
    of the existing rows, one insert and one delete instead of two or three queries per object."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from core.reference_index import content_path_hash, references_of

    if not objects or not ReferenceIndex.is_indexed(type(objects[0])):
        return
    model = type(objects[0])
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_types = {ct.id for ct in content_types}
    # A reference: (to_content_type_id, to_object_id, model_path, content_path)
    free = reference_free_streams(model)
    wanted = {
        str(obj.pk): references_of(_without(obj, free))
        for obj in objects
    }
    existing = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(base_content_type=base_content_type, object_id__in=list(wanted))
    for pk, type_id, object_id, *reference in rows.values_list(
        "id", "content_type_id", "object_id", "to_content_type", "to_object_id", "model_path", "content_path"
    ):
        existing[object_id][tuple(reference)] = (type_id, pk)
    new, stale = [], []
    for object_id, references in wanted.items():
        have = existing.get(object_id, {})
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=object_id,
                to_content_type_id=to_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=content_path_hash(content_path),
            )
            for to_type_id, to_object_id, model_path, content_path in references - have.keys()
        ]
        # As Wagtail does, a row recorded under a more specific model than this one is left alone.
        stale += [
            pk for ref, (type_id, pk) in have.items() if ref not in references and type_id in known_types
        ]
    ReferenceIndex.objects.bulk_create(
        new, batch_size=1000, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


def reference_free_streams(model):
    """Names of the stream fields whose blocks cannot hold a reference at any depth (no chooser, no
    rich text…). Wagtail's extraction would turn every block of them into Python values to find none,
    which was a large share of the import's indexing time."""
    from wagtail.fields import StreamField

    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, StreamField) and not _may_reference(f.stream_block)
    ]


def _may_reference(block):
    from wagtail.blocks import Block, ListBlock, StreamBlock, StructBlock

    extract = type(block).extract_references
    if extract is Block.extract_references:
        return False
    if isinstance(block, ListBlock) and extract is ListBlock.extract_references:
        return _may_reference(block.child_block)
    for container in (StructBlock, StreamBlock):
        if isinstance(block, container) and extract is container.extract_references:
            return any(_may_reference(child) for child in block.child_blocks.values())
    return True  # a chooser, rich text, or a block with an extraction of its own


def _without(obj, names):
    """A shallow copy of `obj` with these stream fields empty; `obj` itself is left as it is."""
    if not names:
        return obj
    clone = copy.copy(obj)
    for name in names:
        setattr(clone, name, [])
    return clone


@task(queue_name="import")
def delete_import_upload(stored):
    """Delete an import file whose preview was never confirmed (see procedures.import_views)."""
    from procedures.importing.uploads import upload_storage

    storage = upload_storage()
    if storage.exists(stored):
        storage.delete(stored)



def schedule_upload_deletion(stored, seconds):
    """Enqueue the deletion for when the preview times out; a backend that cannot defer (the
    immediate one) leaves it to the purge each visit of the import page runs."""
    import datetime

    from django.utils import timezone

    if delete_import_upload.get_backend().supports_defer:
        when = timezone.now() + datetime.timedelta(seconds=seconds)
        delete_import_upload.using(run_after=when).enqueue(stored)
