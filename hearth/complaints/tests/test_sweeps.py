from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hearth.complaints.models import ComplaintAction
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.core.models import Message
from hearth.core.reminders import escalate_overdue, send_due_soon_reminders

# Wednesday 11 June 2025, 9am.
NOW = datetime(2025, 6, 11, 9, tzinfo=ZoneInfo("Europe/London"))


def test_handlers_are_reminded_once_before_a_complaint_falls_due(complaints_officer):
    # Received Thursday 5 June: acknowledgement due Thursday 12 June, tomorrow.
    ComplaintFactory(received_on=date(2025, 6, 5), stage1_handler=complaints_officer)
    # Received 10 June: due 17 June, not soon yet.
    ComplaintFactory(received_on=date(2025, 6, 10), stage1_handler=complaints_officer)
    assert send_due_soon_reminders(now=NOW) == {"queued": 1}
    assert send_due_soon_reminders(now=NOW + timedelta(hours=1)) == {"queued": 0}
    reminder = Message.objects.get(purpose="due_reminder_staff")
    assert reminder.staff_recipient == complaints_officer
    assert "Acknowledge (stage 1)" in reminder.body


def test_overdue_complaints_go_to_the_handler_and_every_manager_once(complaints_officer, manager):
    # Received 30 May: acknowledgement was due 6 June.
    late = ComplaintFactory(received_on=date(2025, 5, 30), stage1_handler=complaints_officer)
    # Nobody has the second one: only the managers hear.
    ComplaintFactory(received_on=date(2025, 5, 29))
    assert escalate_overdue(now=NOW) == {"queued": 3}
    assert escalate_overdue(now=NOW) == {"queued": 0}
    recipients = sorted(
        Message.objects.filter(purpose="overdue_escalation_staff").values_list(
            "staff_recipient__username", "case_id"
        )
    )
    assert ("cara", str(late.pk)) in recipients
    assert sum(1 for user, _case in recipients if user == "manager") == 2


def test_outstanding_actions_are_reminded_to_their_owner(complaints_officer):
    complaint = ComplaintFactory(
        received_on=date(2025, 5, 1),
        stage1_acknowledged_on=date(2025, 5, 2),
        stage1_responded_on=date(2025, 5, 9),
    )
    ComplaintAction.objects.create(
        complaint=complaint,
        description="Replace the tap",
        owner=complaints_officer,
        due_on=date(2025, 6, 12),
    )
    ComplaintAction.objects.create(
        complaint=complaint, description="Done already", owner=complaints_officer,
        due_on=date(2025, 6, 12), done_on=date(2025, 6, 10),
    )  # fmt: skip
    assert send_due_soon_reminders(now=NOW) == {"queued": 1}
    assert "Replace the tap" in Message.objects.get().body
