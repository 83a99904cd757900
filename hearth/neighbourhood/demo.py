"""Demo landlord: a realistic year (or `ctx.years`) of neighbourhood work, in bulk.

- Every block is inspected monthly (a few months missed), published 7-14 days ahead (a few
  late), graded against the checklist, with defects as actions; the next twelve months are
  scheduled, and the next one or two published.
- Every block has a cleaning schedule; most have the poster up.
- About 40 cleaning concerns and 90 fly-tipping reports per 1,000 homes a year, most answered
  or removed in time; the last few days' are still open.
- About 30 ASB cases per 1,000 homes a year (a tenth hate incidents, about a quarter household
  noise closed at triage), with incidents, updates in the contact log (mostly monthly),
  actions, evidence (some waiting for review) and closure with a satisfaction answer.
- Events and projects through the year, with bookings, and residents' improvements.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hearth.accounts.models import Role, User
from hearth.contacts.models import Contact
from hearth.core import bulk, calendar
from hearth.core.demo import DemoContext, demo_step
from hearth.core.models import TimelineEvent
from hearth.estates.models import Block, Home
from hearth.neighbourhood import rules, services
from hearth.neighbourhood.models import (
    AsbAction,
    AsbCase,
    AsbIncident,
    AsbParty,
    ChecklistItem,
    CleaningConcern,
    CleaningTask,
    CommunityEvent,
    EventResponse,
    FlyTipReport,
    Improvement,
    Inspection,
    InspectionAction,
    InspectionGrade,
)
from hearth.tenancies.models import MemberRole, TenancyMember

ZONE = timezone.get_default_timezone()
CONCERNS_PER_1000 = 40
FLYTIPS_PER_1000 = 90
ASB_PER_1000 = 30
TASKS = [
    ("Sweep and mop stairs and landings", "weekly", 1),
    ("Clean lift car and doors", "daily", None),
    ("Wash down bin chutes and bin store", "fortnightly", 3),
    ("Clean communal windows", "monthly", None),
    ("Litter pick the grounds", "weekly", 4),
]
CONCERNS = ["Stairs not mopped this week", "Lift floor sticky and smells", "Bin store not washed",
            "Landing windows filthy", "Litter left around the entrance"]  # fmt: skip
PLACES = ["By the bin store", "Next to the main entrance", "Behind the garages", "On the grass by the car park",
          "Under the stairwell", "By the recycling bins"]  # fmt: skip
ASB_KINDS = [
    "Noise",
    "Noise",
    "Noise",
    "Harassment or threats",
    "Drugs",
    "Vandalism or graffiti",
    "Violence",
]
UPDATES = ["We have spoken to the household and will keep monitoring.",
           "We have written to the other party and asked them to stop.",
           "We have shared your diary with the police.", "Mediation is booked for next week."]  # fmt: skip


def _moment(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def _leads() -> list[tuple[int, int, int]]:
    """(person id, home id, block id) of current lead tenants."""
    return list(
        TenancyMember.objects.filter(role=MemberRole.LEAD_TENANT, tenancy__end_date__isnull=True)
        .values_list("person_id", "tenancy__home_id", "tenancy__home__block_id")
        .order_by("tenancy_id")
    )


@demo_step(order=60)
def neighbourhood_history(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = ctx.today
    start = today - timedelta(days=365 * ctx.years - 1)
    blocks = list(Block.objects.order_by("pk"))
    if not blocks:
        return
    tick = ctx.tick("Neighbourhood", 5)
    items = services.checklist()
    leads = _leads()
    events: list[TimelineEvent] = []
    _inspections(rng, today, start, blocks, items)
    tick(1)
    _schedules(rng, today, blocks)
    _concerns(rng, ctx, today, start, blocks, leads)
    tick(1)
    _flytipping(rng, ctx, today, start, blocks, leads)
    tick(1)
    _asb(rng, ctx, today, start, leads, events)
    tick(1)
    _community(rng, today, leads)
    bulk.insert(TimelineEvent, events)
    tick(1)


def _inspections(
    rng: Any, today: date, start: date, blocks: list[Block], items: list[ChecklistItem]
) -> None:
    first = date(start.year, start.month, 1)
    inspections: list[Inspection] = []
    for block in blocks:
        day_of_month = rng.randint(3, 25)
        for when in rules.monthly_inspection_dates(
            first.replace(day=day_of_month), 12 * (today.year - first.year + 1) + 14
        ):
            if when > today + timedelta(days=366):
                break
            inspection = Inspection(ref=f"INS-{block.ref}-{when:%Y%m%d}", block=block, scheduled_on=when,
                                    meeting_point="Main entrance", start_time=time(10))  # fmt: skip
            if when <= today:
                inspection.published_on = when - timedelta(
                    days=rng.choice([14, 14, 10, 7, 7, 7, 5])
                )
                if rng.random() < 0.94 and when < today:
                    inspection.completed_on = when
                    grades = [rng.choices("ABCD", weights=[40, 40, 15, 5])[0] for _ in items]
                    inspection.score = rules.overall_score(grades)
                    inspection.grade = rules.overall_grade(inspection.score)
                    inspection.results_published_on = when + timedelta(days=rng.randint(1, 5))
                    inspection._grades = grades  # type: ignore[attr-defined]
            elif when <= today + timedelta(days=14):
                inspection.published_on = max(today - timedelta(days=3), when - timedelta(days=14))
            inspections.append(inspection)
    bulk.insert(Inspection, inspections)
    rows: list[InspectionGrade] = []
    actions: list[InspectionAction] = []
    for inspection in inspections:
        picked = getattr(inspection, "_grades", None)
        if not picked:
            continue
        for item, grade in zip(items, picked, strict=True):
            rows.append(InspectionGrade(inspection=inspection, item=item, grade=grade))
            if rules.is_defect(grade):
                closed = inspection.scheduled_on + timedelta(days=rng.randint(3, 40))
                actions.append(InspectionAction(
                    inspection=inspection, item=item, kind="other",
                    description=f"{item.label}: needs attention", closed_on=closed if closed < today else None,
                ))  # fmt: skip
    bulk.insert(InspectionGrade, rows)
    bulk.insert(InspectionAction, actions)


def _schedules(rng: Any, today: date, blocks: list[Block]) -> None:
    tasks = []
    for block in blocks:
        shown = today - timedelta(days=rng.randint(20, 300)) if rng.random() < 0.9 else None
        for task, frequency, weekday in TASKS:
            if task.startswith("Clean lift") and not block.has_lift:
                continue
            tasks.append(CleaningTask(block=block, task=task, frequency=frequency, weekday=weekday, displayed_on=shown))  # fmt: skip
    bulk.insert(CleaningTask, tasks)


def _spread(rng: Any, start: date, today: date, count: int) -> list[date]:
    span = (today - start).days
    return sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(count))


def _done_by(rng: Any, received: date, days: int, today: date, late_share: float) -> date | None:
    due = calendar.add_working_days(received, days)
    done = calendar.add_working_days(received, rng.randint(0, days)) if rng.random() > late_share else calendar.add_working_days(due, rng.randint(1, 6))  # fmt: skip
    return done if done <= today else None


def _concerns(
    rng: Any, ctx: DemoContext, today: date, start: date, blocks: list[Block], leads: list
) -> None:
    count = max(6, round(ctx.homes * CONCERNS_PER_1000 / 1000 * ctx.years))
    rows = []
    for n, day in enumerate(_spread(rng, start, today, count), start=1):
        person, _home, block_id = (
            rng.choice(leads)
            if leads and rng.random() < 0.7
            else (None, None, rng.choice(blocks).pk)
        )
        responded = _done_by(rng, day, rules.CLEANING_RESPONSE_DAYS, today, 0.12)
        rows.append(CleaningConcern(
            ref=f"CC-{day:%y}{n:05d}", block_id=block_id, received_on=day, due_on=rules.cleaning_response_due(day),
            channel=rng.choice(["portal", "qr", "qr", "phone"]), description=rng.choice(CONCERNS),
            reporter_id=person, responded_on=responded,
            response="Our cleaners have been back and done it again. Sorry it was missed." if responded else "",
        ))  # fmt: skip
    bulk.insert(CleaningConcern, rows)


def _flytipping(
    rng: Any, ctx: DemoContext, today: date, start: date, blocks: list[Block], leads: list
) -> None:
    count = max(10, round(ctx.homes * FLYTIPS_PER_1000 / 1000 * ctx.years))
    rows = []
    for n, day in enumerate(_spread(rng, start, today, count), start=1):
        person, _home, block_id = (
            rng.choice(leads)
            if leads and rng.random() < 0.5
            else (None, None, rng.choice(blocks).pk)
        )
        removed = _done_by(rng, day, rules.FLYTIPPING_REMOVAL_DAYS, today, 0.1)
        rows.append(FlyTipReport(
            ref=f"FT-{day:%y}{n:05d}", block_id=block_id, received_on=day, received_at=_moment(day, rng.randint(7, 20)),
            due_on=rules.flytipping_removal_due(day), channel=rng.choice(["portal", "qr", "phone", "phone", "open311", "inspection"]),
            location=rng.choice(PLACES), description=rng.choice(["Mattress", "Sofa and bags of rubbish", "Fridge", "Builders' rubble"]),
            reporter_id=person, status="removed" if removed else "open", removed_on=removed,
            updated_at=_moment(removed or day, 15),
        ))  # fmt: skip
    bulk.insert(FlyTipReport, rows)


def _asb(
    rng: Any, ctx: DemoContext, today: date, start: date, leads: list, events: list[TimelineEvent]
) -> None:
    if not leads:
        return
    count = max(8, round(ctx.homes * ASB_PER_1000 / 1000 * ctx.years))
    homes = dict(Home.objects.values_list("pk", "block_id"))
    cases: list[AsbCase] = []
    plans: list[tuple[AsbCase, int, list[date]]] = []
    for n, day in enumerate(_spread(rng, start, today, count), start=1):
        person, home_id, _block = rng.choice(leads)
        category = rng.choice(ASB_KINDS)
        noise = category == "Noise" and rng.random() < 0.6
        risk = rng.choices(["high", "medium", "low"], weights=[10, 40, 50])[0]
        case = AsbCase(
            ref=f"ASB-{day:%y}{n:04d}", home_id=home_id, block_id=homes.get(home_id), opened_on=day,
            category=category, description=f"{category} reported by the resident", channel=rng.choice(["portal", "phone", "phone", "staff"]),
            triage="household_noise" if noise else "asb", hate_incident=(not noise and rng.random() < 0.12),
            risk="" if noise else risk, first_contact_due_on=None if noise else rules.first_contact_due(day, risk),
        )  # fmt: skip
        updates: list[date] = []
        if noise:
            case.closed_on = day + timedelta(days=rng.randint(1, 6))
            case.triage_reason = "Footsteps and doors at ordinary times: everyday living noise"
            case.closure_reason = "Everyday household noise: advice given and mediation offered"
            case.closed_on = min(case.closed_on, today)
        else:
            case.first_contact_on = min(
                today,
                calendar.add_working_days(day, rng.randint(0, rules.FIRST_CONTACT_DAYS[risk])),
            )
            cursor = day
            length = rng.randint(20, 240)
            while True:
                gap = rng.randint(20, 31) if rng.random() < 0.9 else rng.randint(32, 45)
                cursor = cursor + timedelta(days=gap)
                if cursor > today or cursor > day + timedelta(days=length):
                    break
                updates.append(cursor)
            end = day + timedelta(days=length)
            if end <= today:
                case.closed_on = end
                case.closure_reason = rng.choice(
                    [
                        "Behaviour stopped after a warning",
                        "Resolved through mediation",
                        "Perpetrator moved out",
                    ]
                )
                case.satisfaction = rng.choice(
                    ["satisfied", "satisfied", "neither", "dissatisfied", "no_answer"]
                )
            last = updates[-1] if updates else day
            case.last_update_on = updates[-1] if updates else None
            case.next_update_due_on = rules.one_month_after(last)
            case.action_plan = "Monitor with diary sheets; warning letter; review monthly."
        cases.append(case)
        plans.append((case, person, updates))
    bulk.insert(AsbCase, cases)
    parties, incidents, contacts, actions, case_type = (
        [],
        [],
        [],
        [],
        ContentType.objects.get_for_model(AsbCase),
    )
    for case, person, updates in plans:
        parties.append(AsbParty(case=case, role="complainant", person_id=person))
        parties.append(
            AsbParty(
                case=case,
                role="perpetrator",
                name="" if rng.random() < 0.3 else "Neighbour (named on file)",
            )
        )
        incidents.append(
            AsbIncident(
                case=case,
                occurred_at=_moment(case.opened_on, 22),
                description=case.description,
                source="staff",
            )
        )
        events.append(TimelineEvent(content_type=case_type, object_id=str(case.pk), verb="asb_reported", summary=f"ASB reported: {case.category}",
                                    occurred_at=_moment(case.opened_on), visible_to_resident=True))  # fmt: skip
        for k, day in enumerate(updates, start=1):
            contacts.append(Contact(ref=f"CON-{case.ref}-{k}", case_type="asb", case_ref=case.ref, contacted_on=day,
                                    channel=rng.choice(["phone", "email", "letter"]), purpose="asb_update"))  # fmt: skip
            events.append(TimelineEvent(content_type=case_type, object_id=str(case.pk), verb="asb_update_sent",
                                        summary="Update to the complainant: " + rng.choice(UPDATES), occurred_at=_moment(day), visible_to_resident=True))  # fmt: skip
            if rng.random() < 0.3:
                incidents.append(AsbIncident(case=case, occurred_at=_moment(day - timedelta(days=3), 23), description="Diary: it happened again late at night", source="diary"))  # fmt: skip
        if case.triage == "asb" and rng.random() < 0.5:
            kind = rng.choice(
                ["warning", "warning", "police_referral", "community_safety", "aba", "mediation"]
            )
            actions.append(
                AsbAction(
                    case=case,
                    kind=kind,
                    on=min(today, case.opened_on + timedelta(days=rng.randint(3, 40))),
                )
            )
        if case.triage == "household_noise":
            actions.append(
                AsbAction(
                    case=case,
                    kind="mediation",
                    on=case.closed_on or today,
                    notes=case.triage_reason,
                )
            )
    bulk.insert(AsbParty, parties)
    bulk.insert(AsbIncident, incidents)
    bulk.insert(Contact, contacts)
    bulk.insert(AsbAction, actions)


def _community(rng: Any, today: date, leads: list) -> None:
    titles = [("Summer fun day", "event", 80), ("Community garden planting", "project", None), ("Coffee morning", "event", 30),
              ("Estate clean-up day", "event", None), ("Youth football sessions", "project", 24), ("Winter lights party", "event", 120)]  # fmt: skip
    events = []
    for n, (title, kind, places) in enumerate(titles):
        day = today + timedelta(days=-300 + n * 70)
        events.append(CommunityEvent(
            title=title, kind=kind, description=f"{title} for residents of every age.", starts_at=_moment(day, 14),
            ends_at=_moment(day, 17), place="Community hall, Mandeville Street",
            accessibility="Step-free access, accessible toilet and a hearing loop. Tell us if you need anything else.",
            places=places,
        ))  # fmt: skip
    bulk.insert(CommunityEvent, events)
    responses = []
    for event in events:
        people = rng.sample(leads, min(len(leads), rng.randint(5, 20))) if leads else []
        for person, _home, _block in people:
            kind = "booking" if event.places else "interest"
            responses.append(
                EventResponse(
                    event=event, person_id=person, kind=kind, places=1 if kind == "booking" else 0
                )
            )
    bulk.insert(EventResponse, responses, ignore_conflicts=True)
    ideas = [("Benches by the play area", "done"), ("More bike storage", "in_progress"), ("Better lighting on the path", "agreed"),
             ("A community noticeboard", "done"), ("Fruit trees", "proposed"), ("Water fountain", "declined")]  # fmt: skip
    bulk.insert(Improvement, [
        Improvement(ref=f"IMP-{n + 1:04d}", title=title, description=f"{title}, suggested by a resident.",
                    proposed_by_id=leads[n % len(leads)][0] if leads else None, proposed_on=today - timedelta(days=200 - n * 20),
                    status=status, done_on=today - timedelta(days=30) if status == "done" else None,
                    status_note="Not possible on this site: no water supply." if status == "declined" else "")
        for n, (title, status) in enumerate(ideas)
    ])  # fmt: skip


@demo_step(order=97)
def neighbourhood_officers(ctx: DemoContext) -> None:
    """ASB cases to the housing officer; a few evidence uploads waiting for review."""
    officer = User.objects.filter(role=Role.HOUSING_OFFICER).order_by("pk").first()
    if officer is not None:
        AsbCase.objects.filter(triage="asb").update(officer=officer)
