"""Tree paths for many pages created at once (treebeard's materialised path), computed in one query
instead of one add_child() per page. The only module that uses treebeard's private path helpers
(_str2int, _get_path); tests/test_core_services.py fails loudly if an upgrade changes them."""

from wagtail.models import Page


def next_child_paths(parent, count):
    """Tree paths for `count` new children of `parent`, after its current last child, in order."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, start + i) for i in range(count)]
