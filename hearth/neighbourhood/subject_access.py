"""What neighbourhood holds about a person, for their subject access export
(`hearth.core.subject_access`): the ASB cases where they are the complainant (what the case
holds about alleged perpetrators and witnesses is theirs, not this person's, and is left out,
as are those cases' timelines), the cleaning concerns and fly-tipping they reported,
improvements they proposed, events they answered, estate walkabouts they joined and the
inspections they asked to hear about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.core.subject_access import Part, source
from hearth.neighbourhood.models import (
    AsbParty,
    CleaningConcern,
    EventResponse,
    FlyTipReport,
    Improvement,
    InspectionNoticeRequest,
    PartyRole,
    WalkaboutSignup,
)


@source(
    covers=[AsbParty, CleaningConcern, FlyTipReport, Improvement, EventResponse,
            WalkaboutSignup, InspectionNoticeRequest]
)  # fmt: skip
def neighbourhood(person: Any) -> Iterable[Part]:
    theirs = AsbParty.objects.filter(person=person, role=PartyRole.COMPLAINANT).select_related(
        "case"
    )
    yield Part(
        "asb_cases", "Antisocial behaviour cases they reported",
        ["case reference", "opened on", "closed on", "category", "what they reported",
         "their contact email", "their contact phone"],
        [[p.case.ref, p.case.opened_on, p.case.closed_on, p.case.category, p.case.description,
          p.email, p.phone] for p in theirs.order_by("case__opened_on", "pk")],
    )  # fmt: skip
    concerns = list(CleaningConcern.objects.filter(reporter=person).order_by("received_on", "pk"))
    yield Part(
        "cleaning_concerns", "Cleaning concerns they reported",
        ["reference", "received on", "what they said", "name", "email", "phone", "our answer"],
        [[c.ref, c.received_on, c.description, c.reporter_name, c.reporter_email,
          c.reporter_phone, c.response] for c in concerns],
        cases=concerns,
    )  # fmt: skip
    reports = list(FlyTipReport.objects.filter(reporter=person).order_by("received_on", "pk"))
    yield Part(
        "flytipping", "Fly-tipping they reported",
        ["reference", "received on", "where", "what they said", "name", "email", "phone"],
        [[r.ref, r.received_on, r.location, r.description, r.reporter_name, r.reporter_email,
          r.reporter_phone] for r in reports],
        cases=reports,
    )  # fmt: skip
    yield Part(
        "improvements", "Improvements they proposed",
        ["reference", "proposed on", "title", "description", "status"],
        [[i.ref, i.proposed_on, i.title, i.description, i.get_status_display()]
         for i in Improvement.objects.filter(proposed_by=person).order_by("proposed_on", "pk")],
    )  # fmt: skip
    yield Part(
        "event_responses", "Community events they answered",
        ["event", "starts at", "answer", "places", "answered at"],
        [[r.event.title, r.event.starts_at, r.get_kind_display(), r.places, r.responded_at]
         for r in EventResponse.objects.filter(person=person).select_related("event").order_by("responded_at", "pk")],
    )  # fmt: skip
    yield Part(
        "estate_walkabouts", "Estate inspections they signed up to walk round",
        ["inspection reference", "block", "on", "signed up at"],
        [[w.inspection.ref, str(w.inspection.block), w.inspection.scheduled_on, w.signed_up_at]
         for w in WalkaboutSignup.objects.filter(person=person).select_related("inspection__block").order_by("signed_up_at", "pk")],
    )  # fmt: skip
    yield Part(
        "inspection_notices", "Blocks whose inspections they asked to be told about",
        ["block"],
        [[str(n.block)] for n in InspectionNoticeRequest.objects.filter(person=person).select_related("block").order_by("pk")],
    )  # fmt: skip
