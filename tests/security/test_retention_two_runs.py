"""Two retention runs at once (issue #10, PostgreSQL): the daily sweep on two workers, or the
sweep beside `hearth retention`. Each rule takes its due rows with FOR UPDATE SKIP LOCKED and
anonymises them in the same transaction, so between them the two runs anonymise each record
exactly once, and each record gets exactly one note on its timeline."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db import connection, connections

from hearth.core import retention
from hearth.core.models import Message, TimelineEvent
from hearth.core.retention import REMOVED

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
    ),
]
MESSAGES = 400


def test_two_runs_at_once_anonymise_each_record_once(settings: Any) -> None:
    settings.HEARTH_RETENTION_YEARS = 6
    Message.objects.bulk_create(
        Message(idempotency_key=f"old-{n}", purpose="welcome", channel="email", status="sent",
                to_address=f"person{n}@example.org", subject="Welcome", body=f"Dear person {n}",
                created_at=datetime(2026, 5, 1, 10, 0, tzinfo=UTC))
        for n in range(MESSAGES)
    )  # fmt: skip
    start = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait(timeout=10)
            done = retention.apply(today=date(2032, 6, 1))
            counts.append(sum(line.count for line in done))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(counts) == MESSAGES
    assert Message.objects.filter(body=REMOVED).count() == MESSAGES
    notes = Counter(
        TimelineEvent.objects.filter(verb="anonymised").values_list("object_id", flat=True)
    )
    assert len(notes) == MESSAGES and set(notes.values()) == {1}
