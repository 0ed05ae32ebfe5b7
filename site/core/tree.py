"""Tree paths for many pages created at once (treebeard's materialised path), computed in one query
instead of one add_child() per page. The only module that uses treebeard's private path helpers
(_str2int, _get_path); tests/test_core_services.py fails loudly if an upgrade changes them."""

from wagtail.models import Page


def next_child_paths(parent, count):
    """Tree paths for `count` new children of `parent`, after its current last child, in order."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, start + i) for i in range(count)]


def new_live_children(parent, items, content_type):
    """Unsaved live Page rows for `items` [(title, slug)], as the next children of `parent`, for one
    bulk_create of the base rows (the caller then writes the specific rows and the parent's numchild)."""
    import uuid

    from django.utils import timezone
    from wagtail.models import Locale

    locale = Locale.get_default()
    now = timezone.now()
    paths = next_child_paths(parent, len(items))
    return [
        Page(
            title=title[:255],
            draft_title=title[:255],
            slug=slug,
            content_type=content_type,
            path=path,
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        for (title, slug), path in zip(items, paths, strict=True)
    ]
