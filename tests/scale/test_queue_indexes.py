"""Every work queue's filter has an index that starts with the filtered columns, so a queue
stays an index scan at 100,000 homes. The list is of the filters the queues and "my work"
run (see each app's queries.py and work.py); an index found in the database itself counts,
whether it came from a field (`db_index`, a foreign key, `unique`) or a model's Meta."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db

# (model, leading columns an index must start with, which queue filters on them)
QUEUE_FILTERS = [
    ("repairs.Repair", ["status", "due_on"], "repairs queue: open, soonest due"),
    ("repairs.Repair", ["status", "priority", "due_on"], "repairs queue by priority"),
    ("repairs.Repair", ["owner_id"], "my work: repairs I own"),
    ("repairs.Repair", ["operative_id", "status"], "an operative's jobs"),
    ("repairs.Repair", ["block_id"], "repairs in a block"),
    ("repairs.Visit", ["update_due_on"], "my work: residents owed an update"),
    ("repairs.SpendApproval", ["decision", "requested_at"], "approvals waiting"),
    ("complaints.Complaint", ["status", "next_due_on"], "complaints queue"),
    ("complaints.Complaint", ["stage1_handler_id"], "my work: complaints I handle"),
    ("complaints.ComplaintAction", ["done_on", "due_on"], "my work: complaint actions"),
    ("complaints.ComplaintAction", ["owner_id"], "my work: actions I own"),
    ("rents.ArrearsCase", ["status", "owner_id", "next_action_due"], "arrears queue"),
    ("rents.RentAccount", ["income_officer_id"], "an income officer's accounts"),
    ("rents.SuspenseItem", ["status", "received_on"], "suspense queue"),
    ("rents.DirectDebitReturn", ["followed_up_at", "returned_on"], "returned direct debits"),
    ("rents.MoneyAdviceOffer", ["due_on"], "money advice offers due"),
    ("rents.PaymentPlan", ["status"], "plans to check"),
    ("rents.AdviceReferral", ["outcome"], "referrals waiting"),
    ("lettings.Void", ["let_on"], "voids board: not yet let"),
    ("lettings.Void", ["stage", "owner_id"], "voids board by stage, my voids"),
    ("lettings.TenancyEnding", ["keys_returned_on", "end_date"], "tenancies ending"),
    ("neighbourhood.AsbCase", ["closed_on"], "open ASB cases"),
    ("neighbourhood.AsbCase", ["officer_id"], "my ASB cases"),
    ("neighbourhood.AsbCase", ["block_id"], "ASB in a block"),
    ("neighbourhood.CleaningConcern", ["responded_on", "due_on"], "estates queue: concerns"),
    ("neighbourhood.FlyTipReport", ["status", "due_on"], "estates queue: fly-tipping"),
    ("neighbourhood.Inspection", ["block_id", "scheduled_on"], "a block's inspections"),
    ("safety.SafetyCheck", ["next_due_on"], "safety checks coming up"),
    ("safety.RemedialAction", ["status", "due_on"], "open remedial actions"),
    ("involvement.Suggestion", ["status", "received_on"], "suggestions to answer"),
    ("core.Message", ["status", "created_at"], "the outbox by status"),
    ("estates.Home", ["block_id"], "homes in a block (estate and block filters)"),
    ("estates.Block", ["estate_id"], "blocks on an estate"),
    ("tenancies.Tenancy", ["home_id", "start_date"], "a home's current tenancy"),
]


def _indexes(table: str) -> list[list[str]]:
    """Each index's columns in order, as the database has them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Django's SQLite introspection cannot parse some of our check constraints.
            cursor.execute(f"PRAGMA index_list({connection.ops.quote_name(table)})")
            names = [row[1] for row in cursor.fetchall()]
            columns = []
            for name in names:
                cursor.execute(f"PRAGMA index_info({connection.ops.quote_name(name)})")
                columns.append([row[2] for row in sorted(cursor.fetchall())])
            return columns
        found = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in found.values() if c["index"] or c["unique"]]


@pytest.mark.parametrize(("label", "columns", "queue"), QUEUE_FILTERS)
def test_each_queue_filter_has_an_index_starting_with_its_columns(label, columns, queue):
    table = apps.get_model(label)._meta.db_table
    leading = [found[: len(columns)] for found in _indexes(table)]
    assert columns in leading, f"{queue}: no index on {table} starts with {columns}"
