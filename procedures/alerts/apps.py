from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "procedures.alerts"
    label = "procedure_alerts"
    verbose_name = "Thông báo thay đổi thủ tục"

    def ready(self):
        from procedures.alerts import signals

        signals.connect()
