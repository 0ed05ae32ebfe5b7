from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và bảo mật"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import audit  # noqa: F401  (connects the login/lockout signal receivers)
