"""When a closure day is added or removed, the due dates rent work stores move with it.

Registered with `hearth.core.calendar.register_recount` in the app's ready(); the closure-day
services call it once, in the transaction of the change. Each date is worked out again from its
start and its fixed period, as the rules say:

- an open arrears case's first contact, 5 working days after it fell into arrears;
- an open case's recommended next step and its due date (`refresh_cases`);
- a money advice offer not yet made, 20 working days after the tenancy started.
"""

from __future__ import annotations

from django.db import transaction

from hearth.core.calendar import CalendarChange
from hearth.rents import rules
from hearth.rents.models import ArrearsCase, CaseStatus, MoneyAdviceOffer
from hearth.rents.services.arrears import refresh_cases


@transaction.atomic
def recount_due_dates(change: CalendarChange) -> int:
    """Recount the stored due dates counted across `change`; how many cases and tasks moved."""
    cases = []
    for case in ArrearsCase.objects.filter(
        status=CaseStatus.OPEN, opened_on__lt=change.day, first_contact_due__gte=change.day
    ).only("pk", "opened_on", "first_contact_due"):
        due = rules.first_contact_due(case.opened_on)
        if due != case.first_contact_due:
            case.first_contact_due = due
            cases.append(case)
    ArrearsCase.objects.bulk_update(cases, ["first_contact_due"], batch_size=500)

    offers = []
    for offer in MoneyAdviceOffer.objects.filter(
        offered_on__isnull=True, due_on__gte=change.day, tenancy__start_date__lt=change.day
    ).select_related("tenancy"):
        due = rules.money_advice_offer_due(offer.tenancy.start_date)
        if due != offer.due_on:
            offer.due_on = due
            offers.append(offer)
    MoneyAdviceOffer.objects.bulk_update(offers, ["due_on"], batch_size=500)

    refreshed = refresh_cases()
    return len(cases) + len(offers) + refreshed
