"""Killed mid-run (issue #10): a real process is killed with SIGKILL in the middle of an
import, a debit run and a message send, at a pause point it names (`hearth.core.faults`:
started with HEARTH_PAUSE_AT, it stops there and waits), so the kill lands at the same place
every time. Afterwards nothing is half-written, running the job again does it once, and a text
handed to Notify before the kill is not sent again: the retry asks Notify for its reference.

The processes share the test database: on PostgreSQL the test database itself, on SQLite a
copy in a file (see `hearth.core.tests.test_calendar_processes`); the counts are read by a
process of their own, so they are the same on both."""

from __future__ import annotations

import json
import signal
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hearth.core import notifications
from hearth.core.faults import ENV
from hearth.core.tests.notify_servers import notify_server
from hearth.core.tests.test_calendar_processes import _database_url, _environment, _shell
from hearth.core.tests.test_notifications import person_preferring
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.rents.tests.factories import make_account

pytestmark = pytest.mark.django_db(transaction=True)
SMS_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"

COUNTS = """
import json
from decimal import Decimal
from hearth.core.models import Message
from hearth.estates.models import Block, Estate, Home
from hearth.interchange.models import ImportRun
from hearth.rents.models import PostingBatch, RentAccount, Transaction
from hearth.tenancies.models import Person, Tenancy
print(json.dumps({
    "estates": Estate.objects.count(), "blocks": Block.objects.count(),
    "homes": Home.objects.count(), "tenancies": Tenancy.objects.count(),
    "people": Person.objects.count(), "import_runs": ImportRun.objects.count(),
    "transactions": Transaction.objects.count(), "batches": PostingBatch.objects.count(),
    "balances": sorted(str(b) for b in RentAccount.objects.values_list("balance", flat=True)),
    "messages": sorted(Message.objects.values_list("status", "attempts")),
}))
"""


def _run(script: str, env: dict[str, str]) -> str:
    done = subprocess.run(_shell(script), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _counts(env: dict[str, str]) -> dict[str, Any]:
    return dict(json.loads(_run(COUNTS, env).strip().splitlines()[-1]))


def _kill_at(point: str, script: str, env: dict[str, str]) -> None:
    """Start `script`, wait until it reaches the pause point, and SIGKILL it there."""
    process = subprocess.Popen(
        _shell(script), env={**env, ENV: point}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.strip() == f"paused at {point}":
            break
    else:
        process.wait(timeout=30)
        pytest.fail(f"never reached {point}: {''.join(seen)}")
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL


def test_an_import_killed_half_way_leaves_nothing_and_a_second_run_loads_it_all(
    tmp_path: Path,
) -> None:
    folder = write_folder(tmp_path / "files", GOOD)
    env = _environment(_database_url(tmp_path))
    before = _counts(env)
    script = (
        f"from hearth.interchange.services import import_folder; import_folder({str(folder)!r})"
    )

    _kill_at("interchange.import.loaded", script, env)  # estates.csv loaded, not committed

    assert _counts(env) == before
    _run(script, env)
    after = _counts(env)
    assert (after["estates"], after["blocks"], after["homes"], after["tenancies"]) == (2, 2, 3, 3)
    assert after["import_runs"] == before["import_runs"] + 1


def test_a_debit_run_killed_after_charging_leaves_no_charge_and_then_charges_once(
    tmp_path: Path,
) -> None:
    make_account(weekly_rent="100.00", service_charge="5.50", start=date(2025, 4, 7))
    env = _environment(_database_url(tmp_path))
    before = _counts(env)
    assert before["balances"] == ["0.00"]
    script = (
        "from datetime import date; from hearth.rents.services.debit_run import post_week; "
        "post_week(week_commencing=date(2025, 4, 14))"
    )

    _kill_at("rents.debit_run.charged", script, env)  # rows inserted, balances not yet added

    assert _counts(env) == before
    _run(script, env)
    _run(script, env)  # the week is charged once however often it runs
    after = _counts(env)
    assert after["transactions"] == before["transactions"] + 2  # rent and service charge
    assert after["batches"] == before["batches"] + 1
    assert after["balances"] == ["105.50"]


def test_a_text_handed_to_notify_before_the_kill_is_not_sent_again(
    tmp_path: Path, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    with notify_server() as notify:
        settings.NOTIFY_API_KEY = notify.api_key
        settings.NOTIFY_BASE_URL = notify.base_url
        settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
        person = person_preferring("sms", phone="07700 900123")
        message = notifications.queue_message(
            person=person, purpose="welcome", context={}, idempotency_key="welcome:killed"
        )
        env = {
            **_environment(_database_url(tmp_path)), "NOTIFY_API_KEY": notify.api_key,
            "NOTIFY_BASE_URL": notify.base_url, "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE,
        }  # fmt: skip
        send = (
            f"from hearth.core.notifications import send_message; print(send_message({message.pk}))"
        )

        _kill_at("notifications.sent.unrecorded", send, env)  # Notify has it; we do not know

        assert len(notify.accepted) == 1
        assert _counts(env)["messages"] == [["queued", 1]]  # claimed once, outcome unknown
        # After its claim lapses the outbox tries again: it asks Notify first.
        retry = (
            "from datetime import timedelta; from django.utils import timezone; "
            "from hearth.core.notifications import send_message; "
            f"print(send_message({message.pk}, now=timezone.now() + timedelta(hours=2)))"
        )
        assert _run(retry, env).strip().splitlines()[-1] == "sent"
        assert _run(retry, env).strip().splitlines()[-1] == "skipped"

        posted = [r for r in notify.requests if r["path"] == "/v2/notifications/sms"]
        assert len(posted) == 1 and len(notify.accepted) == 1
        assert notify.lookups == [posted[0]["body"]["reference"]]
    assert _counts(env)["messages"] == [["sent", 2]]
