"""Money advice for all: an offer task for every new tenancy, recording the offer (a contact
with purpose "money_advice"), and referrals to in-house or partner advisers with outcomes."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.contacts.models import Direction, Purpose
from hearth.contacts.services import record_contact
from hearth.core import formats, timeline
from hearth.core.casework import Actor, actor_of
from hearth.rents import rules
from hearth.rents.models import AdviceReferral, ArrearsCase, CaseStatus, MoneyAdviceOffer, Outcome
from hearth.tenancies.models import Tenancy

# A tenancy Hearth first hears of more than this long after it started is not "new": no
# offer task is made for it (an import of old tenancies must not flood the work queue).
NEW_TENANCY_DAYS = 28


def open_offer_tasks(*, today: date | None = None) -> int:
    """Give every new tenancy (started in the last 4 weeks, or starting later) without one a
    money advice offer task, due 20 working days after its start. Returns how many."""
    today = today or timezone.localdate()
    tenancies = Tenancy.objects.filter(
        money_advice_offer__isnull=True, start_date__gte=today - timedelta(days=NEW_TENANCY_DAYS)
    ).values_list("pk", "start_date")
    offers = [
        MoneyAdviceOffer(tenancy_id=pk, due_on=rules.money_advice_offer_due(start))
        for pk, start in tenancies
    ]
    MoneyAdviceOffer.objects.bulk_create(offers, batch_size=2000, ignore_conflicts=True)
    return len(offers)


@transaction.atomic
def offer_money_advice(
    *,
    tenancy: Tenancy,
    channel: str,
    actor: Actor,
    offered_on: date | None = None,
    accepted: bool | None = None,
    notes: str = "",
) -> MoneyAdviceOffer:
    """Record that we offered the tenant benefits, debt and money advice (charter: "offer
    advice on benefits, debt and money management to all tenants")."""
    on = offered_on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"offered_on": "The date cannot be in the future."})
    contact = record_contact(
        case_type="tenancy",
        case_ref=tenancy.ref,
        channel=channel,
        purpose=Purpose.MONEY_ADVICE,
        actor=actor,
        contacted_on=on,
        direction=Direction.OUTBOUND,
        notes=notes,
    )
    offer, _ = MoneyAdviceOffer.objects.get_or_create(
        tenancy=tenancy, defaults={"due_on": rules.money_advice_offer_due(tenancy.start_date)}
    )
    if offer.offered_on is None or on < offer.offered_on:
        offer.offered_on = on
        offer.channel = channel
        offer.contact_ref = contact.ref
        offer.offered_by = actor_of(actor)
    if accepted is not None:
        offer.accepted = accepted
    offer.save()
    answer = {True: "accepted", False: "declined", None: "no answer yet"}[accepted]
    timeline.record(
        tenancy,
        verb="money_advice_offered",
        summary=f"Money advice offered by {contact.get_channel_display().lower()} on {formats.day(on)} ({answer})",
        actor=actor,
    )
    return offer


@transaction.atomic
def refer_for_advice(
    *,
    tenancy: Tenancy,
    topic: str,
    provider: str,
    actor: Actor,
    referred_on: date | None = None,
    case: ArrearsCase | None = None,
    notes: str = "",
) -> AdviceReferral:
    """Refer the tenant to an adviser. On an open arrears case this is also the protocol's
    "advise the tenant to seek debt advice"."""
    if not provider.strip():
        raise ValidationError({"provider": "Say who the tenant is referred to."})
    on = referred_on or timezone.localdate()
    referral = AdviceReferral.objects.create(
        ref=f"ADV-{uuid.uuid4().hex[:10].upper()}",
        tenancy=tenancy,
        case=case,
        topic=topic,
        provider=provider,
        referred_on=on,
        notes=notes,
        referred_by=actor_of(actor),
    )
    summary = (
        f"Referred for {referral.get_topic_display().lower()} to {provider} on {formats.day(on)}"
    )
    timeline.record(tenancy, verb="advice_referral", summary=summary, actor=actor)
    if case is not None and case.status == CaseStatus.OPEN:
        if case.advice_signposted_on is None:
            case.advice_signposted_on = on
            case.save(update_fields=["advice_signposted_on"])
            from hearth.rents.services.arrears import refresh_cases

            refresh_cases([case.pk])
        timeline.record(case, verb="advice_referral", summary=summary, actor=actor)
    return referral


@transaction.atomic
def record_referral_outcome(
    *,
    referral: AdviceReferral,
    outcome: str,
    actor: Actor,
    outcome_on: date | None = None,
    yearly_gain: Decimal = Decimal("0.00"),
    notes: str = "",
) -> AdviceReferral:
    if outcome == Outcome.PENDING:
        raise ValidationError({"outcome": "Choose what happened."})
    if yearly_gain < 0:
        raise ValidationError({"yearly_gain": "The gain cannot be negative."})
    referral.outcome = outcome
    referral.outcome_on = outcome_on or timezone.localdate()
    referral.yearly_gain = yearly_gain
    if notes:
        referral.notes = f"{referral.notes}\n{notes}".strip()
    referral.save()
    gain = f", {formats.money(yearly_gain)} a year more income" if yearly_gain else ""
    timeline.record(
        referral.tenancy,
        verb="advice_outcome",
        summary=f"{referral.get_topic_display()} referral: {referral.get_outcome_display().lower()}{gain}",
        actor=actor,
    )
    return referral
