"""Two workers sweeping at once (issue #10, PostgreSQL): two real `hearth worker --batch`
processes start together over the same database, with texts waiting in the outbox and
overdue repairs to escalate. No text reaches Notify twice and no reminder email is sent
twice: the sweeps' (name, slot) claim lets one worker run each sweep, and the outbox and the
task queue take their rows with SKIP LOCKED.

The rows here are committed (transaction=True) so the worker processes can see them; the
Notify and SMTP stand-ins run in this process and the workers are pointed at them."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.core import notifications
from hearth.core.models import Message, MessageStatus, SweepRun
from hearth.core.tests.notify_servers import notify_server, smtp_server
from hearth.core.tests.test_calendar_processes import _database_url, _environment
from hearth.core.tests.test_notifications import person_preferring
from hearth.repairs.tests.factories import make_repair

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SKIP LOCKED and row locks are PostgreSQL's"
    ),
]

SMS_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEXTS = 25
OVERDUE = 6


def test_two_workers_at_once_send_each_text_and_each_escalation_once(
    settings: Any, tmp_path: Path
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    coordinator = UserFactory(role=Role.REPAIRS_COORDINATOR, email="cleo@example.org")
    UserFactory(role=Role.MANAGER, email="mira@example.org")
    long_ago = timezone.now() - timedelta(days=60)
    for n in range(OVERDUE):
        make_repair(reported_at=long_ago, owner=coordinator, ref=f"R-LATE{n}")
    with notify_server() as notify, smtp_server() as smtp:
        settings.NOTIFY_API_KEY = notify.api_key
        settings.NOTIFY_BASE_URL = notify.base_url
        settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
        for n in range(TEXTS):
            person = person_preferring("sms", phone=f"07700 9{n:05d}")
            notifications.queue_message(
                person=person, purpose="welcome", context={}, idempotency_key=f"welcome:{n}"
            )
        env = _environment(_database_url(tmp_path))
        env.update(
            NOTIFY_API_KEY=notify.api_key, NOTIFY_BASE_URL=notify.base_url,
            NOTIFY_SMS_TEMPLATE_ID=SMS_TEMPLATE, EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port), EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        )  # fmt: skip
        command = [sys.executable, "-m", "hearth.cli", "worker", "--batch",
                   "--no-startup-delay", "--no-reload"]  # fmt: skip
        workers = [
            subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=300)[0].decode() for worker in workers]
        assert [worker.returncode for worker in workers] == [0, 0], outputs
        emails = smtp.emails()
        posted = [request["body"].get("reference") for request in notify.requests]

    texts = Message.objects.filter(idempotency_key__startswith="welcome:")
    assert set(texts.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert texts.count() == TEXTS
    # Every text went to Notify exactly once: one request per sent text, no reference twice.
    assert [ref for ref, times in Counter(posted).items() if times > 1] == []
    sent_texts = Message.objects.filter(channel="sms", status=MessageStatus.SENT).count()
    assert len(posted) == sent_texts >= TEXTS
    # Each overdue repair was escalated once to its owner and once to the manager.
    escalations = Counter(
        (str(mail["To"]), str(mail["Subject"]))
        for mail in emails
        if "R-LATE" in str(mail["Subject"]) + str(mail.get_body().get_content())  # type: ignore[union-attr]
    )
    assert escalations and set(escalations.values()) == {1}, escalations
    assert len(escalations) == OVERDUE * 2
    # Each sweep ran once in its slot, whichever worker got there first.
    runs = Counter(SweepRun.objects.values_list("name", "slot"))
    assert set(runs.values()) == {1}
