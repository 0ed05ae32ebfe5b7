"""Wagtail's reference index rows for many objects at once: the references Wagtail itself extracts
from an object, and the hash it stores with a content path. Both calls are private to Wagtail
(ReferenceIndex has no public per-object extraction), so they are made here only; a test compares
what they give with the rows Wagtail's public create_or_update_for_object() writes
(tests/test_core_services.py), and fails when an upgrade changes either."""

from wagtail.models import ReferenceIndex


def references_of(obj):
    """{(to_content_type_id, to_object_id, model_path, content_path)} that Wagtail indexes for `obj`."""
    return set(ReferenceIndex._extract_references_from_object(obj))


def content_path_hash(content_path):
    return ReferenceIndex._get_content_path_hash(content_path)
