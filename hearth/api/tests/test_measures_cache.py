"""`GET /api/v1/measures` is served from the cache while nothing behind it changes, and counted
again on the next call after a change made through a service (issue #17)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.core import data_version, measures
from hearth.rents.models import Kind, RentAccount
from hearth.rents.services.ledger import take_payment
from hearth.rents.tests.factories import make_account, post
from hearth.repairs import services as repairs
from hearth.repairs.models import CatalogueItem

pytestmark = pytest.mark.django_db
URL = "/api/v1/measures?from=2025-04-01&to=2026-03-31"
MEASURED = ("repairs_", "complaints_", "rents_", "tenancies_", "estates_", "contacts_")


def by_id(body: dict, measure_id: str) -> dict:
    return next(m for m in body["measures"] if m["id"] == measure_id)


def test_the_second_call_reads_the_cache_and_counts_nothing(token_client, officer):
    client = token_client(officer)
    make_account(start=date(2025, 4, 7))
    with CaptureQueriesContext(connection) as first:
        body = client.get(URL).json()
    with CaptureQueriesContext(connection) as second:
        again = client.get(URL).json()
    assert again == body == measures.report(date(2025, 4, 1), date(2026, 3, 31))
    counted = [q["sql"] for q in second.captured_queries if any(t in q["sql"] for t in MEASURED)]
    assert counted == []
    # The first call counted every measure (well over one query each); the second asked only
    # for the token, the data version and the cached report.
    assert len(first.captured_queries) > 50
    assert len(second.captured_queries) <= 8


def test_a_payment_posted_changes_the_answer_on_the_next_call(token_client, officer):
    client = token_client(officer)
    account = make_account(start=date(2025, 4, 7))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    before = by_id(client.get(URL).json(), "rent.collected")
    assert (before["numerator"], before["denominator"]) == (0, 100)
    take_payment(
        account=account,
        amount=Decimal("40.00"),
        kind=Kind.PAYMENT_CASH,
        paid_on=date(2025, 4, 8),
        actor=officer,
    )
    after = by_id(client.get(URL).json(), "rent.collected")
    assert (after["numerator"], after["denominator"], after["value"]) == (40, 100, 40.0)


def test_a_repair_completed_changes_the_answer_on_the_next_call(token_client, officer, tenancy):
    client = token_client(officer)
    today = timezone.localdate()
    url = f"/api/v1/measures?from={today.replace(day=1).isoformat()}&to={today.isoformat()}"
    repair = repairs.raise_repair(
        actor=officer,
        home=tenancy.home,
        tenancy=tenancy,
        reporter=tenancy.lead_tenant,
        description="The kitchen sink will not drain",
        channel="phone",
        catalogue_item=CatalogueItem.objects.get(code="K01"),
    )

    def completed(body: dict) -> int:
        return sum(by_id(body, m)["denominator"] for m in ("RP02.emergency", "RP02.non_emergency"))

    assert completed(client.get(url).json()) == 0
    repairs.complete_repair(repair=repair, actor=officer)
    assert completed(client.get(url).json()) == 1


def test_a_bulk_write_moves_the_data_version_on(officer):
    account = make_account(start=date(2025, 4, 7))
    before = data_version.current()
    RentAccount.objects.filter(pk=account.pk).update(balance=Decimal("5.00"))
    assert data_version.current() > before


def test_a_write_elsewhere_leaves_the_data_version_alone(officer):
    before = data_version.current()
    officer.first_name = "Ola"
    officer.save()
    assert data_version.current() == before


def test_rows_copied_in_by_the_bulk_insert_move_the_data_version_on(officer):
    """`core.bulk.insert` copies rows in with the driver's COPY on PostgreSQL, which the
    execute wrapper never sees: it moves the number on itself."""
    from hearth.core import bulk
    from hearth.rents.models import ArrearsCase, ArrearsEpisode

    account = make_account(start=date(2025, 4, 7))
    episode = ArrearsEpisode.objects.create(
        account=account,
        started_on=date(2026, 4, 13),
        balance_at_start=Decimal("250.00"),
        weekly_charge=Decimal("100.00"),
    )
    before = data_version.current()
    (case,) = bulk.insert(
        ArrearsCase,
        [
            ArrearsCase(
                ref="ARR-999001",
                account=account,
                episode=episode,
                opened_on=date(2026, 4, 13),
                first_contact_due=date(2026, 4, 20),
            )
        ],
    )
    assert data_version.current() > before
    assert ArrearsCase.objects.get(pk=case.pk).ref == "ARR-999001"


def test_a_report_cached_before_the_data_was_emptied_is_not_served_for_new_data(officer):
    """The cache outlives the data (a test's flush empties the tables, not the cache; Redis
    is shared): the numbers after an emptying must not meet the cached report's again."""
    account = make_account(start=date(2025, 4, 7))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    take_payment(
        account=account, amount=Decimal("70.00"), kind=Kind.PAYMENT_CASH,
        paid_on=date(2025, 4, 8), actor=officer,
    )  # fmt: skip
    period = (date(2025, 4, 1), date(2026, 3, 31))
    old = by_id(measures.cached_report(*period), "rent.collected")
    assert (old["numerator"], old["denominator"]) == (70, 100)
    cached_at = data_version.current()
    if connection.vendor == "sqlite":  # emptied as a flush empties it (PostgreSQL: a sequence)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_dataversion")
    account.transactions.all().delete()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    # Other writes, until the number is back where the report was cached (if it can be).
    while data_version.current() < cached_at:
        data_version.bump(connection)
    new = by_id(measures.cached_report(*period), "rent.collected")
    assert (new["numerator"], new["denominator"]) == (0, 100)
