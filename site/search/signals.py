"""Wagtail page events to the search queue: publish, unpublish, move, delete and privacy changes.

Drafts never reach the index: saving a draft sends none of these signals, and processing re-reads
the page's live state anyway.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing, registry


def _on_published(sender, instance, **kwargs):
    indexing.page_changed(instance, "publish")


def _on_unpublished(sender, instance, **kwargs):
    indexing.page_changed(instance, "unpublish")


def _on_moved(sender, instance, **kwargs):
    # URLs of the whole subtree change.
    indexing.page_changed(instance, "move", descendants=True)


def _on_deleted(sender, instance, **kwargs):
    if registry.adapter_for_model(instance.specific_class or type(instance)) is not None:
        indexing.page_deleted(instance.pk)


def _on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.page_changed(page, "privacy", descendants=True)


def _on_dependency_saved(sender, instance, **kwargs):
    """A snippet a document shows (a field, an agency…) changed: re-read the pages using it."""
    for adapter in registry.adapters():
        pages_of = adapter.dependencies.get(sender)
        if pages_of is None:
            continue
        for page in Page.objects.filter(pk__in=list(pages_of(instance))):
            indexing.page_changed(page, "dependency")


def connect():
    page_published.connect(_on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="search_page_moved")
    post_delete.connect(_on_deleted, sender=Page, dispatch_uid="search_page_deleted")
    post_save.connect(
        _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved"
    )
    post_delete.connect(
        _on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted"
    )
    for adapter in registry.adapters():
        for model in adapter.dependencies:
            post_save.connect(
                _on_dependency_saved, sender=model, dispatch_uid=f"search_dep_{model._meta.label}"
            )
