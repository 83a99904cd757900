"""Demo landlord: a year of empty homes and lettings, drawn from the tenancies demo's history
(a tenancy ending, the home re-let some weeks later) and the homes empty today.

Mostly minor works voids let within the 21-day target, some major works voids, a few slow
ones, one applicant who refused an offer before the next accepted, and one home that failed
its Letting Standard inspection first. Homes empty today are at every stage, some with works
orders raised through repairs. Everything goes in with bulk inserts."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hearth.accounts.models import Role, User
from hearth.core import bulk, timeline
from hearth.core.demo import DemoContext, demo_step
from hearth.lettings import rules
from hearth.lettings.models import (
    DEFAULT_CHECKLIST,
    LettingStandardInspection,
    Offer,
    OfferStatus,
    SafetyCheck,
    Stage,
    Void,
    VoidWork,
    WorkSource,
    WorksType,
)
from hearth.tenancies.models import Tenancy

MINOR_WORKS = [
    "Clear the home and remove rubbish",
    "Deep clean kitchen and bathroom",
    "Replace damaged kitchen worktop",
    "Ease and adjust front door",
    "Replace broken bathroom tiles",
    "Fill and make good walls in living room",
    "Replace cracked toilet seat and cistern lever",
    "Label stopcock and test",
]
MAJOR_WORKS = [
    "Full electrical rewire",
    "Replace kitchen",
    "Treat damp and replaster bedroom walls",
    "Replace bathroom suite",
]
NAMES = [
    "Amara Okoye", "Burak Aydin", "Chiara Rossi", "Delroy Grant", "Eleni Papadopoulos",
    "Farah Karim", "Gabriel Mensah", "Hana Tesfaye", "Ibrahim Sesay", "Jade Thompson",
    "Kaveh Ahmadi", "Lina Haddad", "Musa Conteh", "Nour Saleh", "Oksana Kovalenko",
    "Pedro Alves", "Rukhsana Miah", "Sade Balogun", "Tunde Bakare", "Yasmin Ali",
]  # fmt: skip


def _checks(void: Void, let_on: date | None, rng: random.Random, gas: bool) -> list[SafetyCheck]:
    """The gates, as the register would hold them: gas and EICR certificates, asbestos
    information, and the alarms tested on the day the tenancy starts."""
    base = void.previous_tenancy_end
    rows = []
    if gas:
        done = base + timedelta(days=rng.randint(2, 8))
        rows.append(SafetyCheck(void=void, kind="gas", done_on=done, outcome="satisfactory",
                                next_due_on=rules.gas_next_due(done),
                                certificate_ref=f"GSR-{void.ref[1:]}"))  # fmt: skip
    eicr = base - timedelta(days=rng.randint(30, 4 * 365))
    rows.append(SafetyCheck(void=void, kind="electrical", done_on=eicr, outcome="satisfactory",
                            next_due_on=rules.years_before(eicr, -rules.EICR_YEARS),
                            certificate_ref=f"EICR-{void.ref[1:]}"))  # fmt: skip
    rows.append(SafetyCheck(void=void, kind="asbestos", done_on=base + timedelta(days=1), outcome="satisfactory",
                            notes="Asbestos register checked: no asbestos-containing materials in the home"))  # fmt: skip
    if let_on is not None:
        rows.append(
            SafetyCheck(
                void=void,
                kind="smoke_alarm",
                done_on=let_on,
                outcome="satisfactory",
                every_storey=True,
            )
        )
        rows.append(SafetyCheck(void=void, kind="co_alarm", done_on=let_on, outcome="satisfactory"))  # fmt: skip
    return rows


def _passed(on: date, void: Void) -> LettingStandardInspection:
    return LettingStandardInspection(
        void=void,
        inspected_on=on,
        passed=True,
        results=[{"item": item, "passed": True, "note": ""} for item in DEFAULT_CHECKLIST],
    )


@demo_step(order=60)
def voids_and_lettings(ctx: DemoContext) -> None:
    # A stream of our own, so adding lettings does not change what later steps draw.
    rng = random.Random(hash(ctx.rng.getstate()[1]))
    today = ctx.today
    year_ago = today - timedelta(days=365)
    tenancies = list(
        Tenancy.objects.order_by("home_id", "start_date", "pk").values_list(
            "pk", "home_id", "start_date", "end_date"
        )
    )
    by_home: dict[int, list[tuple[int, date, date | None]]] = {}
    for pk, home, start, end in tenancies:
        by_home.setdefault(home, []).append((pk, start, end))
    voids: list[Void] = []
    plans: list[dict[str, Any]] = []
    for home, rows in by_home.items():
        for (prev_pk, _s, prev_end), (next_pk, next_start, _e) in pairwise(rows):
            if prev_end is None or not (year_ago <= next_start <= today):
                continue
            gap = (next_start - prev_end).days
            major = gap >= 38 or rng.random() < 0.06
            plans.append({"home": home, "prev": prev_pk, "end": prev_end, "new": next_pk,
                          "let": next_start, "major": major, "gap": gap})  # fmt: skip
        last_pk, _start, last_end = rows[-1]
        if last_end is not None and last_end < today:
            plans.append({"home": home, "prev": last_pk, "end": last_end, "new": None, "let": None,
                          "major": rng.random() < 0.15, "gap": (today - last_end).days})  # fmt: skip
    plans.sort(key=lambda p: (p["end"], p["home"]))
    tick = ctx.tick("Empty homes and lettings", len(plans) + 2)
    for number, plan in enumerate(plans, start=1):
        end, let = plan["end"], plan["let"]
        keys = end + timedelta(days=rng.choice([0, 0, 1, 1, 2]))
        void = Void(
            ref=f"V{number:05d}",
            home_id=plan["home"],
            previous_tenancy_id=plan["prev"],
            previous_tenancy_end=end,
            keys_returned_on=keys if (let is None or keys < let) else end,
            works_type=WorksType.MAJOR if plan["major"] else WorksType.MINOR,
            target_days=60 if plan["major"] else 21,
            gas_supply=rng.random() < 0.9,
            storeys=2 if rng.random() < 0.2 else 1,
        )
        void.inspected_on = min(end + timedelta(days=2), let - timedelta(days=1) if let else today)
        if let is not None:
            span = (let - end).days
            void.works_completed_on = end + timedelta(days=max(1, span * 6 // 10))
            void.letting_standard_passed_on = end + timedelta(days=max(1, span * 7 // 10))
            viewing = end + timedelta(days=max(1, span * 8 // 10))
            void.viewing_offered_on = viewing if rng.random() > 0.03 else None
            void.signed_on = let - timedelta(days=rng.choice([0, 0, 1, 2]) if span > 3 else 0)
            void.new_tenancy_id = plan["new"]
            void.let_on = let
            void.relet_standard_explained = True
            void.certificates_given = True
            void.stage = Stage.LET
        else:
            gap = plan["gap"]
            void.stage = (Stage.INSPECTION if gap < 3 else Stage.WORKS if gap < 14 or plan["major"]
                          else Stage.CHECKS if gap < 20 else Stage.OFFERING)  # fmt: skip
            if void.stage in (Stage.CHECKS, Stage.OFFERING):
                void.works_completed_on = end + timedelta(days=12)
            if void.stage == Stage.OFFERING:
                void.letting_standard_passed_on = end + timedelta(days=16)
        voids.append(void)
    bulk.insert(Void, voids)
    tick(len(plans))

    works, checks, inspections, offers, events = [], [], [], [], []
    failed_first = next(
        (v for v in voids if v.let_on and (v.let_on - v.previous_tenancy_end).days > 20), None
    )
    refused_first = next((v for v in reversed(voids) if v.let_on and v.viewing_offered_on and v is not failed_first), None)  # fmt: skip
    for void in voids:
        end = void.previous_tenancy_end
        pool = MAJOR_WORKS if void.works_type == WorksType.MAJOR else MINOR_WORKS
        jobs = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
        if void.stage != Stage.INSPECTION:
            works += [
                VoidWork(void=void, description=job, source=WorkSource.INSPECTION) for job in jobs
            ]
        checks += (
            _checks(void, void.let_on, rng, void.gas_supply)
            if void.stage in (Stage.LET, Stage.OFFERING)
            else []
        )
        if void is failed_first and void.letting_standard_passed_on:
            failed_on = void.letting_standard_passed_on - timedelta(days=4)
            results = [
                {
                    "item": i,
                    "passed": i != "Stopcock labelled",
                    "note": "" if i != "Stopcock labelled" else "Stopcock not labelled",
                }
                for i in DEFAULT_CHECKLIST
            ]
            inspections.append(
                LettingStandardInspection(
                    void=void, inspected_on=failed_on, passed=False, results=results
                )
            )
            works.append(
                VoidWork(
                    void=void,
                    description="Stopcock labelled: Stopcock not labelled",
                    source=WorkSource.LETTING_STANDARD,
                )
            )
            events.append(
                timeline.Event(
                    void,
                    "letting_standard",
                    f"Letting Standard failed on {failed_on.day} {failed_on:%B %Y}: Stopcock labelled (Stopcock not labelled)",
                    occurred_at=_at(failed_on),
                )
            )
        if void.letting_standard_passed_on:
            inspections.append(_passed(void.letting_standard_passed_on, void))
        events.append(
            timeline.Event(
                void,
                "void_opened",
                f"Void opened: the previous tenancy ended on {end.day} {end:%B %Y}",
                occurred_at=_at(void.keys_returned_on or end),
            )
        )
        if void.stage != Stage.INSPECTION and void.inspected_on:
            events.append(
                timeline.Event(
                    void,
                    "void_inspected",
                    f"Void inspection: {void.get_works_type_display().lower()}, {len(jobs)} jobs needed",
                    occurred_at=_at(void.inspected_on),
                )
            )
        if void.works_completed_on:
            events.append(
                timeline.Event(
                    void,
                    "works_completed",
                    "Works completed",
                    occurred_at=_at(void.works_completed_on),
                )
            )
        if void.letting_standard_passed_on:
            events.append(
                timeline.Event(
                    void,
                    "letting_standard",
                    "Letting Standard passed",
                    occurred_at=_at(void.letting_standard_passed_on),
                )
            )
        if void.let_on:
            name = NAMES[int(void.ref[1:]) % len(NAMES)]
            position = 1
            if void is refused_first:
                offers.append(
                    Offer(
                        void=void,
                        position=1,
                        applicant_name="Kemi Adebayo",
                        band="A",
                        band_date=end - timedelta(days=700),
                        bidding_number=f"{1000000 + int(void.ref[1:]):07d}",
                        status=OfferStatus.REFUSED,
                        reason="Top of the shortlist; refused: the home is too far from her children's school",
                        offered_on=void.viewing_offered_on,
                        viewing_offered_on=void.viewing_offered_on,
                        viewing_on=void.viewing_offered_on,
                        decided_on=void.viewing_offered_on,
                    )
                )
                events.append(
                    timeline.Event(
                        void,
                        "offer_answered",
                        "Kemi Adebayo refused the offer: the home is too far from her children's school",
                        occurred_at=_at(void.viewing_offered_on or void.let_on),
                    )
                )
                position = 2
            offers.append(
                Offer(
                    void=void,
                    position=position,
                    applicant_name=name,
                    band=rng.choice("ABC"),
                    band_date=end - timedelta(days=rng.randint(200, 1500)),
                    bidding_number=f"{2000000 + int(void.ref[1:]):07d}",
                    status=OfferStatus.SIGNED,
                    reason="Top of the shortlist"
                    if position == 1
                    else "Next on the shortlist after a refusal",
                    offered_on=void.viewing_offered_on,
                    viewing_offered_on=void.viewing_offered_on,
                    viewing_on=void.viewing_offered_on,
                    decided_on=void.signed_on,
                )
            )
            if void.viewing_offered_on:
                events.append(
                    timeline.Event(
                        void,
                        "offered",
                        f"Offered to {name} with an accompanied viewing",
                        occurred_at=_at(void.viewing_offered_on),
                    )
                )
            events.append(
                timeline.Event(
                    void,
                    "let",
                    f"Signed up: the new tenancy starts {void.let_on.day} {void.let_on:%B %Y}",
                    occurred_at=_at(void.signed_on or void.let_on),
                )
            )
        elif void.stage == Stage.OFFERING:
            offers.append(
                Offer(
                    void=void,
                    position=1,
                    applicant_name=NAMES[int(void.ref[1:]) % len(NAMES)],
                    band="B",
                    band_date=end - timedelta(days=400),
                    bidding_number=f"{3000000 + int(void.ref[1:]):07d}",
                )
            )
    bulk.insert(VoidWork, works)
    bulk.insert(SafetyCheck, checks)
    bulk.insert(LettingStandardInspection, inspections)
    bulk.insert(Offer, offers)
    timeline.record_many(events)
    tick(1)
    _order_open_works([v for v in voids if v.stage == Stage.WORKS])
    tick(1)


def _at(day: date) -> Any:
    from datetime import datetime, time

    from django.utils import timezone

    return datetime.combine(day, time(10, 0), tzinfo=timezone.get_default_timezone())


def _order_open_works(voids: list[Void]) -> None:
    """The homes in works today have their orders raised through repairs, like any other."""
    from hearth.lettings.services import default_priority
    from hearth.repairs.services import raise_repair

    for void in voids:
        for work in VoidWork.objects.filter(void=void).select_related("void__home"):
            repair = raise_repair(actor=None, description=f"Void works ({void.ref}): {work.description}",
                                  channel="in_person", home=work.void.home, priority=default_priority(void))  # fmt: skip
            work.repair_ref = repair.ref
            work.save(update_fields=["repair_ref"])


@demo_step(order=97)
def void_officers(ctx: DemoContext) -> None:
    """Every void to the demo housing officer."""
    officer = User.objects.filter(role=Role.HOUSING_OFFICER, is_active=True).order_by("pk").first()
    if officer is not None:
        Void.objects.update(owner=officer)
