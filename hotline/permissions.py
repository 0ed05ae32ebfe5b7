"""Who may see and handle which feedback: city handlers see all, a ward's groups see that ward only.

A ward's groups are those the units app links to it (units.UnitGroup) and, as a fallback, groups named
"<prefix><ward title>" (e.g. "Biên tập viên Phường Sao Đỏ"; prefixes from FEEDBACK_WARD_GROUP_PREFIXES).
"""

from django.conf import settings
from wagtail.permission_policies import ModelPermissionPolicy

VIEW_ALL = "hotline.view_all_feedback"
PUBLISH = "hotline.publish_feedback"
DEFAULT_WARD_GROUP_PREFIXES = ("Biên tập viên ", "Lãnh đạo ")


def ward_group_prefixes():
    return tuple(getattr(settings, "FEEDBACK_WARD_GROUP_PREFIXES", DEFAULT_WARD_GROUP_PREFIXES))


def ward_group_name(ward, prefix=None):
    return f"{prefix or ward_group_prefixes()[0]}{ward.title}"


def wards_for_user(user):
    """None when the user handles every unit's feedback, else the set of WardHomePage ids they handle."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser or user.has_perm(VIEW_ALL):
        return None
    cached = getattr(user, "_hotline_ward_ids", None)
    if cached is not None:
        return cached
    from units.roles import linked_ward_ids

    from home.models import WardHomePage

    ids = linked_ward_ids(user)  # groups linked to wards by the units app; names are the fallback
    titles = set()
    prefixes = ward_group_prefixes()
    for name in user.groups.values_list("name", flat=True):
        for prefix in prefixes:
            if name.startswith(prefix):
                titles.add(name[len(prefix):])
    if titles:
        ids.update(WardHomePage.objects.filter(title__in=titles).values_list("id", flat=True))
    user._hotline_ward_ids = ids
    return ids


def scope_queryset(queryset, user):
    """Feedback the user may see: all, their wards' only, or none."""
    wards = wards_for_user(user)
    if wards is None:
        return queryset
    return queryset.filter(ward_id__in=wards)


def can_handle(user, submission):
    wards = wards_for_user(user)
    return wards is None or (submission.ward_id is not None and submission.ward_id in wards)


def can_publish(user):
    return user.is_superuser or user.has_perm(PUBLISH)


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the user's wards; petitions arrive from citizens, never 'added'."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_handle(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return scope_queryset(self.model.objects.all(), user)
