"""Demo landlord: a realistic year (or `ctx.years`) of complaints, about 45 per 1,000 homes a
year: most answered on time, some extended, some late, some escalated to stage 2, a few refused
or withdrawn, with remedies, outstanding actions, lessons learned, their timelines and contact
log, and the year's self-assessment. Bulk inserts only.

Handlers are staff sign-ins, which the accounts step makes at order 90, so a second step at
order 95 gives stage 1 to the complaints officers and stage 2 to the manager.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hearth.accounts.models import Role, User
from hearth.complaints import clocks, demo_texts, rules
from hearth.complaints.models import (
    Answer,
    Category,
    Channel,
    Complaint,
    ComplaintAction,
    ComplaintResponse,
    Outcome,
    Remedy,
    RemedyKind,
    SelfAssessmentAnswer,
    Status,
    financial_year_of,
)
from hearth.complaints.self_assessment import REQUIREMENTS
from hearth.contacts.models import Contact
from hearth.core import bulk
from hearth.core.bulk import chunked
from hearth.core.calendar import add_working_days, is_working_day
from hearth.core.demo import DemoContext, demo_step
from hearth.core.models import TimelineEvent
from hearth.tenancies.models import MemberRole, TenancyMember

PER_1000_HOMES_A_YEAR = 45
CHANNELS = [
    (Channel.ONLINE, 35),
    (Channel.PHONE, 30),
    (Channel.EMAIL, 20),
    (Channel.LETTER, 7),
    (Channel.IN_PERSON, 6),
    (Channel.OTHER, 2),
]


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


@dataclass
class _Made:
    f: dict[str, Any]  # the complaint's fields, until it is made (its status is set once)
    complaint: Complaint | None = None
    events: list[tuple[date, str, str]] = field(default_factory=list)
    contacts: list[tuple[date, str, str]] = field(default_factory=list)
    responses: list[ComplaintResponse] = field(default_factory=list)
    remedies: list[Remedy] = field(default_factory=list)
    actions: list[ComplaintAction] = field(default_factory=list)


def _lag(rng: random.Random, start: date, low: int, high: int) -> date:
    return add_working_days(start, rng.randint(low, high))


def _stage(
    rng: random.Random, made: _Made, stage: int, start: date, today: date, late_rate: float
) -> bool:
    """Acknowledge, maybe extend, and answer one stage (unless `today` comes first)."""
    c = made.f
    ack = _lag(rng, start, 6, 9) if rng.random() < late_rate / 2 else _lag(rng, start, 1, 5)
    if ack > today:
        return False
    c[f"stage{stage}_acknowledged_on"] = ack
    c[f"stage{stage}_definition"] = f"{c['description']} You would like: {c['desired_outcome']}"
    made.events.append((ack, f"stage{stage}_acknowledged", f"Stage {stage} acknowledged"))
    made.contacts.append((ack, "acknowledgement", "email" if rng.random() < 0.6 else "letter"))
    extension = 0
    if rng.random() < 0.1:
        extension = rng.randint(3, rules.max_extension_days(stage))
        reason = rng.choice(demo_texts.EXTENSION_REASONS)
        c[f"stage{stage}_extension_days"] = extension
        c[f"stage{stage}_extension_reason"] = reason
        made.events.append((min(today, ack + timedelta(days=5)), f"stage{stage}_extended", reason))
    allowed = (rules.STAGE1_RESPONSE_DAYS if stage == 1 else rules.STAGE2_RESPONSE_DAYS) + extension
    if rng.random() < late_rate:
        responded = add_working_days(ack, allowed + rng.randint(1, 8))
    else:
        responded = add_working_days(ack, rng.randint(max(2, allowed // 3), allowed))
    if responded > today:
        return False
    decision = _pick(rng, [("upheld", 35), ("partly_upheld", 32), ("not_upheld", 33)])
    c[f"stage{stage}_responded_on"] = responded
    c["outcome"] = decision
    response = ComplaintResponse(
        stage=stage,
        definition=c[f"stage{stage}_definition"],
        decision=decision,
        reasons=demo_texts.REASONS[decision],
        remedy="We apologise." if decision != "not_upheld" else "No remedy is due.",
        outstanding_actions="None.",
        how_to_escalate=(
            "Ask for stage 2 from your account or by contacting us; you need not give reasons."
            if stage == 1
            else f"Contact the Housing Ombudsman on {rules.OMBUDSMAN['phone']}."
        ),
        sent_on=responded,
    )
    made.responses.append(response)
    made.events.append((responded, f"stage{stage}_responded", f"Stage {stage} response sent"))
    made.contacts.append((responded, "response", "letter" if rng.random() < 0.5 else "email"))
    if decision != "not_upheld":
        made.remedies.append(
            Remedy(kind=RemedyKind.APOLOGY, description="We are sorry.", response=response)
        )
        if rng.random() < 0.45:
            amount = Decimal(rng.choice([25, 50, 75, 100, 150, 250])) + Decimal("0.00")
            made.remedies.append(
                Remedy(
                    kind=RemedyKind.COMPENSATION,
                    response=response,
                    description="For the time and trouble this caused you.",
                    amount=amount,
                    paid_on=responded + timedelta(days=14) if responded + timedelta(days=14) < today else None,
                )
            )  # fmt: skip
        if rng.random() < 0.4:
            due = add_working_days(responded, rng.randint(5, 30))
            made.actions.append(
                ComplaintAction(
                    description=rng.choice(demo_texts.ACTIONS),
                    due_on=due,
                    done_on=due - timedelta(days=rng.randint(0, 3)) if due < today - timedelta(days=5) else None,
                )
            )  # fmt: skip
    return True


def _complaint(rng: random.Random, today: date, start: date, days: int, lead: tuple) -> _Made:
    tenancy_id, person_id, home_id = lead
    received = start + timedelta(days=rng.randrange(days))
    if not is_working_day(received) and rng.random() < 0.7:
        received = add_working_days(received, 1)
    received = min(received, today)
    category = _pick(rng, list(demo_texts.CATEGORY_WEIGHTS.items()))
    description, wanted = rng.choice(demo_texts.COMPLAINTS[category])
    c: dict[str, Any] = {
        "tenancy_id": tenancy_id,
        "home_id": home_id,
        "complainant_id": person_id,
        "channel": _pick(rng, CHANNELS),
        "received_on": received,
        "category": category,
        "description": description,
        "desired_outcome": wanted,
    }
    if rng.random() < 0.05:
        c["representative_name"] = "Cllr Sam Rivers"
        c["representative_relationship"] = "Ward councillor"
    made = _Made(c, events=[(received, "received", "Complaint received")])
    roll = rng.random()
    if roll < 0.03:
        reason, explanation = rng.choice(demo_texts.EXCLUSIONS)
        c["exclusion_reason"], c["exclusion_explanation"] = reason, explanation
        c["excluded_on"] = min(today, add_working_days(received, 3))
        if reason == "over_12_months":
            c["issue_date"] = received - timedelta(days=500)
        made.events.append((c["excluded_on"], "excluded", "Not taken on as a complaint"))
        return _finish(made, Status.EXCLUDED)
    if roll < 0.06:
        c["outcome"] = Outcome.WITHDRAWN
        c["withdrawn_on"] = min(today, received + timedelta(days=rng.randint(1, 6)))
        made.events.append((c["withdrawn_on"], "withdrawn", "Complaint withdrawn"))
        return _finish(made, Status.WITHDRAWN)
    answered = _stage(rng, made, 1, received, today, late_rate=0.15)
    escalate = 0.25 if c.get("outcome") == "not_upheld" else 0.1
    if answered and rng.random() < escalate:
        requested = c["stage1_responded_on"] + timedelta(days=rng.randint(1, 20))
        if requested <= today:
            c["stage2_requested_on"] = requested
            made.events.append((requested, "escalated", "Stage 2 requested by the resident"))
            _stage(rng, made, 2, requested, today, late_rate=0.12)
    if answered and rng.random() < 0.6:
        cause = _pick(rng, demo_texts.ROOT_CAUSES)
        c["root_cause"] = cause
        c["lessons_learned"], improvement = demo_texts.LESSONS[cause]
        c["improvement"] = improvement if rng.random() < 0.5 else ""
    compensation = [r.amount for r in made.remedies if r.amount is not None]
    if compensation:
        c["compensation"] = rules.compensation_total(compensation)
    return _finish(made, None)


def _finish(made: _Made, status: str | None) -> _Made:
    c = made.f
    status = status or clocks.status_from_dates(
        outcome=c.get("outcome", ""),
        stage1_acknowledged_on=c.get("stage1_acknowledged_on"),
        stage1_responded_on=c.get("stage1_responded_on"),
        stage2_requested_on=c.get("stage2_requested_on"),
        stage2_acknowledged_on=c.get("stage2_acknowledged_on"),
        stage2_responded_on=c.get("stage2_responded_on"),
    )
    made.complaint = Complaint(**c, status=status)
    clocks.refresh(made.complaint)
    return made


def _leads(tenancy_ids: list[int]) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    for chunk in chunked(tenancy_ids):
        found += TenancyMember.objects.filter(
            tenancy_id__in=chunk, role=MemberRole.LEAD_TENANT
        ).values_list("tenancy_id", "person_id", "tenancy__home_id")
    return sorted(found)


@demo_step(order=50)
def complaints_history(ctx: DemoContext) -> None:
    rng = ctx.rng
    days = 365 * ctx.years
    start = ctx.today - timedelta(days=days - 1)
    count = max(12, round(ctx.homes * PER_1000_HOMES_A_YEAR / 1000 * ctx.years))
    if not ctx.current_tenancy_ids:
        return
    chosen = [rng.choice(ctx.current_tenancy_ids) for _ in range(count)]
    leads = {lead[0]: lead for lead in _leads(sorted(set(chosen)))}
    tick = ctx.tick("Complaints", count)
    made = [
        _complaint(rng, ctx.today, start, days, leads[tenancy_id])
        for tenancy_id in chosen
        if tenancy_id in leads
    ]
    complaints = sorted((m.complaint for m in made if m.complaint), key=lambda c: c.received_on)
    for n, complaint in enumerate(complaints):
        complaint.ref = f"CMP-{complaint.received_on:%y}{n + 1:05d}"
    bulk.insert(Complaint, complaints)
    _children(made, ctx.today)
    _self_assessment(ctx.today)
    tick(count)


def _children(made: list[_Made], today: date) -> None:
    content_type = ContentType.objects.get_for_model(Complaint)
    responses, remedies, actions, events, contacts = [], [], [], [], []
    for item in made:
        complaint = item.complaint
        assert complaint is not None
        for response in item.responses:
            response.complaint = complaint
            responses.append(response)
        for remedy in item.remedies:
            remedy.complaint = complaint
            remedies.append(remedy)
        for action in item.actions:
            action.complaint = complaint
            actions.append(action)
        for day, verb, summary in item.events:
            moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
            events.append(
                TimelineEvent(
                    content_type=content_type,
                    object_id=str(complaint.pk),
                    occurred_at=moment,
                    verb=verb,
                    summary=summary,
                    visible_to_resident=True,
                )
            )
        for k, (day, purpose, channel) in enumerate(item.contacts):
            contacts.append(
                Contact(
                    ref=f"CON-{complaint.ref}-{k + 1}",
                    case_type="complaint",
                    case_ref=complaint.ref,
                    contacted_on=day,
                    channel=channel,
                    purpose=purpose,
                )
            )
    bulk.insert(ComplaintResponse, responses)
    bulk.insert(Remedy, remedies)
    bulk.insert(ComplaintAction, actions)
    bulk.insert(TimelineEvent, events)
    bulk.insert(Contact, contacts)


def _self_assessment(today: date) -> None:
    year = financial_year_of(today)
    rows = [
        SelfAssessmentAnswer(
            year=year,
            clause=requirement.clause,
            answer=Answer.PARTLY if requirement.clause == "6.3" else Answer.YES,
            evidence=requirement.enforced_by
            or "Set out in our complaints policy, reviewed by the board.",
            answered_on=today,
        )
        for requirement in REQUIREMENTS
    ]
    bulk.insert(SelfAssessmentAnswer, rows)


@demo_step(order=95)
def complaint_handlers(ctx: DemoContext) -> None:
    """Stage 1 to the complaints officer (a third to the housing officer), stage 2 to the
    manager: never the same person at both stages (Code 6.15)."""
    staff = {u.role: u for u in User.objects.filter(role__in=[Role.COMPLAINTS_OFFICER, Role.HOUSING_OFFICER, Role.MANAGER])}  # fmt: skip
    officer, housing, manager = (
        staff.get(Role.COMPLAINTS_OFFICER),
        staff.get(Role.HOUSING_OFFICER),
        staff.get(Role.MANAGER),
    )
    if officer is None or manager is None:
        return
    taken = Complaint.objects.exclude(status__in=[Status.EXCLUDED, Status.WITHDRAWN])
    taken.filter(stage1_acknowledged_on__isnull=False).update(stage1_handler=officer)
    if housing is not None:
        taken.filter(stage1_acknowledged_on__isnull=False, category=Category.ANTISOCIAL_BEHAVIOUR).update(stage1_handler=housing)  # fmt: skip
    taken.filter(stage2_acknowledged_on__isnull=False).update(stage2_handler=manager)
    ComplaintResponse.objects.filter(stage=1).update(sent_by=officer)
    ComplaintResponse.objects.filter(stage=2).update(sent_by=manager)
    ComplaintAction.objects.update(owner=officer)
