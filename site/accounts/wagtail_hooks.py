from django.urls import reverse
from wagtail import hooks

from accounts.audit import ACTIONS


@hooks.register("register_log_actions")
def register_account_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_account_menu_item")
def security_menu_item(request):
    return {
        "url": reverse("accounts:security"),
        "label": "Xác thực hai lớp và mã dự phòng",
        "help_text": "Tạo bộ mã dự phòng mới hoặc đăng ký điện thoại mới cho ứng dụng xác thực.",
    }
