"""Background tasks (django-tasks): immediate in development and tests, a database worker in production."""

from django_tasks import task


@task(queue_name="mail")
def deliver_due_messages():
    from procedures.alerts.services import deliver_due

    sent, failed = deliver_due()
    return {"sent": sent, "failed": failed}


@task(queue_name="mail")
def notify_decision(decision_id):
    from procedures.alerts.services import notify_decision as queue_messages

    return queue_messages(decision_id)
