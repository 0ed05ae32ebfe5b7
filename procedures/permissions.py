"""Who may use the catalogue's admin tools (completeness console, notice boards, alert queue)."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from procedures.models import ProcedurePage


def editable_procedures(user):
    """Procedure pages this user may edit (catalogue editors: all of them)."""
    qs = ProcedurePage.objects.all()
    if user.is_superuser:
        return qs
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    return qs.filter(pk__in=editable.values("pk"))


def can_use_desk_tools(user):
    return user.is_active and (user.is_superuser or editable_procedures(user).exists())
