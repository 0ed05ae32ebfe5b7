from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Trang chủ và cấu hình cổng"

    def ready(self):
        from home import navigation

        navigation.connect()
