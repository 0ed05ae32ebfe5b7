from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.audit import ACTIONS
from accounts.models import GroupSecurityPolicy


@hooks.register("register_log_actions")
def register_account_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


class GroupSecurityPolicyViewSet(SnippetViewSet):
    model = GroupSecurityPolicy
    icon = "lock"
    menu_label = "Bảo mật nhóm"
    add_to_settings_menu = True
    list_display = ["group", "require_two_factor"]


register_snippet(GroupSecurityPolicyViewSet)
