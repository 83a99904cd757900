"""Arrears cases: opened and closed automatically as accounts fall into and leave arrears,
and the recommended next step kept up to date for the income officer's queue."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hearth.core import bulk, formats, timeline
from hearth.rents import rules
from hearth.rents.bulk import update_rows
from hearth.rents.models import (
    ArrearsCase,
    ArrearsEpisode,
    CaseStatus,
    PaymentPlan,
    PlanStatus,
    RentAccount,
    Stage,
)
from hearth.rents.queries import facts_for


def timeline_in_bulk(cases: Iterable[ArrearsCase], verb: str, summaries: dict[int, str]) -> None:
    """One timeline event per case, written in bulk (for bulk opening and closing)."""
    timeline.record_many(
        timeline.Event(case=case, verb=verb, summary=summaries[case.pk][:500]) for case in cases
    )


def _by_account(queryset: Any, account_ids: Collection[int] | None) -> dict[int, Any]:
    if account_ids is None:
        return {row.account_id: row for row in queryset.iterator(chunk_size=2000)}
    found = {}
    for chunk in bulk.chunked(sorted(set(account_ids))):
        found.update({row.account_id: row for row in queryset.filter(account_id__in=chunk)})
    return found


@transaction.atomic
def sync_cases(
    account_ids: Collection[int] | None = None, *, today: date | None = None
) -> tuple[int, int]:
    """Open a case for every account in arrears without one, and close the open cases of
    accounts no longer in arrears. Returns (opened, closed)."""
    today = today or timezone.localdate()
    in_arrears = _by_account(ArrearsEpisode.objects.filter(ended_on__isnull=True), account_ids)
    open_cases = _by_account(ArrearsCase.objects.filter(status=CaseStatus.OPEN), account_ids)
    relink = [
        case
        for account_id, case in open_cases.items()
        if account_id in in_arrears and case.episode_id != in_arrears[account_id].pk
    ]
    for case in relink:
        case.episode_id = in_arrears[case.account_id].pk
    ArrearsCase.objects.bulk_update(relink, ["episode"], batch_size=500)
    opened = _open_cases([e for a, e in in_arrears.items() if a not in open_cases])
    closed = _close_cleared([c for a, c in open_cases.items() if a not in in_arrears])
    refresh_cases([case.pk for case in opened], today=today)
    return len(opened), closed


def _open_cases(episodes: list[ArrearsEpisode]) -> list[ArrearsCase]:
    if not episodes:
        return []
    officers = dict(
        RentAccount.objects.filter(pk__in=[e.account_id for e in episodes]).values_list(
            "pk", "income_officer_id"
        )
    )
    cases = []
    due_by: dict[date, date] = {}  # one working-day count per day fallen into arrears
    for episode in episodes:
        due = due_by.get(episode.started_on)
        if due is None:
            due = due_by[episode.started_on] = rules.first_contact_due(episode.started_on)
        cases.append(
            ArrearsCase(
                ref=f"ARR-{episode.pk:06d}",
                account_id=episode.account_id,
                episode=episode,
                opened_on=episode.started_on,
                owner_id=officers.get(episode.account_id),
                first_contact_due=due,
                next_action=rules.Step.CONTACT.value,
                next_action_due=due,
            )
        )
    bulk.create(ArrearsCase, cases)
    words: dict[date, str] = {}  # cases opened together mostly share their dates

    def day(value: date) -> str:
        if value not in words:
            words[value] = formats.day(value)
        return words[value]

    timeline_in_bulk(
        cases,
        "opened",
        {
            case.pk: f"Fell into arrears on {day(episode.started_on)}, owing "
            f"{formats.money(episode.balance_at_start)} against a weekly charge of {formats.money(episode.weekly_charge)}. "
            f"First contact due by {day(case.first_contact_due)}."
            for case, episode in zip(cases, episodes, strict=True)
        },
    )
    return cases


def _close_cleared(cases: list[ArrearsCase]) -> int:
    if not cases:
        return 0
    account_ids = [case.account_id for case in cases]
    cleared_on = dict(
        ArrearsEpisode.objects.filter(account_id__in=account_ids)
        .values_list("account_id")
        .annotate(last=Max("ended_on"))
        .values_list("account_id", "last")
    )
    today = timezone.localdate()
    summaries = {}
    for case in cases:
        case.close()
        case.closed_on = cleared_on.get(case.account_id) or today
        case.close_reason = "Arrears cleared: the balance is £0.00 or in credit"
        summaries[case.pk] = f"Closed: arrears cleared on {formats.day(case.closed_on)}"
    bulk.update(ArrearsCase, cases, ["status", "closed_on", "close_reason"])
    plans = list(
        PaymentPlan.objects.filter(case__in=cases, status=PlanStatus.ACTIVE).select_related("case")
    )
    for plan in plans:
        plan.complete()
        plan.ended_on = cleared_on.get(plan.case.account_id) or today
    bulk.update(PaymentPlan, plans, ["status", "ended_on"])
    timeline_in_bulk(cases, "closed", summaries)
    return len(cases)


def refresh_cases(case_ids: Collection[int] | None = None, *, today: date | None = None) -> int:
    """Work out each open case's next step and risk again (after any change, and daily)."""
    today = today or timezone.localdate()
    cases = ArrearsCase.objects.filter(status=CaseStatus.OPEN)
    chunks: Iterable[list[int]]
    if case_ids is None:
        chunks = bulk.chunked(cases.order_by("pk").values_list("pk", flat=True).iterator())
    else:
        chunks = bulk.chunked(sorted(set(case_ids)))
    changed = 0
    for chunk in chunks:
        rows = list(cases.filter(pk__in=chunk))
        facts = facts_for(rows, today)
        updated = []
        for case in rows:
            if case.pk not in facts:
                continue
            step = rules.recommend_next_step(facts[case.pk])
            score, risk = rules.assess_risk(facts[case.pk])
            values = (step.step.value, step.due, risk.value, score)
            if values != (case.next_action, case.next_action_due, case.risk, case.risk_score):
                case.next_action, case.next_action_due, case.risk, case.risk_score = values
                updated.append(case)
        # Derived fields only: no row history for them (the timeline says what happened).
        update_rows(
            ArrearsCase,
            ["next_action", "next_action_due", "risk", "risk_score"],
            [(c.next_action, c.next_action_due, c.risk, c.risk_score, c.pk) for c in updated],
        )
        changed += len(updated)
    return changed


def recommendation(case: ArrearsCase, today: date | None = None) -> rules.Recommendation:
    facts = facts_for([case], today or timezone.localdate())[case.pk]
    return rules.recommend_next_step(facts)


def case_facts(case: ArrearsCase, today: date | None = None) -> rules.CaseFacts:
    return facts_for([case], today or timezone.localdate())[case.pk]


STAGE_ORDER = [
    Stage.FIRST_CONTACT,
    Stage.SUPPORT,
    Stage.LETTER_1,
    Stage.LETTER_2,
    Stage.NOTICE,
    Stage.COURT,
]


def advance_stage(case: ArrearsCase, stage: str) -> None:
    """Move the case on to `stage` (never back)."""
    if STAGE_ORDER.index(Stage(stage)) > STAGE_ORDER.index(Stage(case.stage)):
        case.stage = stage
