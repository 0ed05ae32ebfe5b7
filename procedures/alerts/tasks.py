"""Background tasks (django-tasks): immediate in development and tests, a database worker in production."""

from django_tasks import task

from procedures.alerts import services
from procedures.alerts.delivery import deliver_due_messages

__all__ = ["deliver_due_messages", "notify_decision"]


@task(queue_name="mail")
def notify_decision(decision_id):
    return services.notify_decision(decision_id)
