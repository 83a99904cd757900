"""Background jobs for core: thin wrappers that call services (run by `hearth worker`)."""

from __future__ import annotations

from django_tasks import task

from hearth.core import notifications


@task()
def send_message_task(message_id: int) -> str:
    """Send one outbox message (queued by `notifications.queue_message` after commit)."""
    return notifications.send_message(message_id)
