from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị, phân quyền và báo cáo"
    default_auto_field = "django.db.models.BigAutoField"
