from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "procedures.desk"
    label = "procedure_desk"
    verbose_name = "Niêm yết và kiểm tra danh mục"
