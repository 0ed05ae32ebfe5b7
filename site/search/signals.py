"""Events that change what the citizen search must show, connected to the durable queue.

Pages: Wagtail's publish, unpublish, move and delete signals, and privacy (view restriction) edits.
Saving a draft sends none of them, and processing re-reads the live page anyway, so drafts never
reach the index. Other models (published answers): their post_save/post_delete and the extra
signals their adapter names. Snippets a document shows (a field, an agency): their post_save.
Synonym groups: their saves and deletes renew the version the per-process copies are kept by.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import cache as site_cache
from search import indexing, registry


def _on_published(sender, instance, **kwargs):
    indexing.page_changed(instance, "publish")


def _on_unpublished(sender, instance, **kwargs):
    indexing.page_changed(instance, "unpublish")


def _on_moved(sender, instance, **kwargs):
    # URLs of the whole subtree change.
    indexing.page_changed(instance, "move", descendants=True)


def _on_page_deleted(sender, instance, **kwargs):
    adapter = registry.adapter_for_model(instance.specific_class or type(instance))
    if adapter is not None:
        indexing.object_deleted(adapter, instance.pk)


def _on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.page_changed(page, "privacy", descendants=True)


def _on_object_saved(sender, instance, **kwargs):
    adapter = registry.adapter_for_model(type(instance))
    if adapter is not None:
        indexing.object_changed(adapter, instance.pk, "save")


def _on_object_deleted(sender, instance, **kwargs):
    adapter = registry.adapter_for_model(type(instance))
    if adapter is not None:
        indexing.object_deleted(adapter, instance.pk)


def _on_dependency_saved(sender, instance, **kwargs):
    """A snippet a document shows (a field, an agency…) changed: re-read the documents using it."""
    for adapter in registry.adapters():
        objects_of = adapter.dependencies.get(sender)
        if objects_of is None:
            continue
        for pk in list(objects_of(instance)):
            indexing.object_changed(adapter, pk, "dependency")


def connect():
    from search.models import SearchSynonym

    WardHomePage = registry.subsite_model()

    site_cache.clear_when_changed(SearchSynonym)  # synonyms are read from the site cache

    post_save.connect(registry.forget_wards, sender=WardHomePage, dispatch_uid="search_wards_saved")
    post_delete.connect(registry.forget_wards, sender=WardHomePage, dispatch_uid="search_wards_deleted")
    page_published.connect(_on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="search_page_moved")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid="search_page_deleted")
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
        if adapter.is_page:
            continue
        for model in adapter.models:
            label = model._meta.label
            post_save.connect(_on_object_saved, sender=model, dispatch_uid=f"search_saved_{label}")
            post_delete.connect(_on_object_deleted, sender=model, dispatch_uid=f"search_deleted_{label}")
        for signal in adapter.signals:
            signal.connect(_on_object_saved, dispatch_uid=f"search_signal_{adapter.type}_{id(signal)}")
