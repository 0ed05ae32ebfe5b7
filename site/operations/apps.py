from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Vận hành: sao lưu, khôi phục, thời hạn lưu dữ liệu cá nhân"
