"""What lettings holds about a person, for their subject access export
(`hearth.core.subject_access`): the ending of a tenancy they held (notice, the
pre-termination visit, the forwarding address), and their places on choice-based lettings
shortlists: the applications (bids), offers, viewings and refusals with their reasons.

A shortlist place is theirs when the home was let to a tenancy they hold, or when its email
or phone is theirs; the shortlist holds nothing else that links an applicant to a person."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from hearth.core.subject_access import Part, source
from hearth.lettings.models import Offer, OfferStatus, TenancyEnding
from hearth.tenancies.queries import tenancies_held_by


@source(covers=[TenancyEnding, Offer])
def tenancy_endings(person: Any) -> Iterable[Part]:
    found = TenancyEnding.objects.filter(tenancy__in=tenancies_held_by(person)).select_related(
        "tenancy"
    )
    yield Part(
        "tenancy_endings", "Ending a tenancy",
        ["tenancy reference", "notice given on", "end date", "reason", "visited on",
         "condition", "to put right", "forwarding address", "keys returned on"],
        [[e.tenancy.ref, e.notice_given_on, e.end_date, e.reason, e.visited_on, e.condition,
          e.put_right, e.forwarding_address, e.keys_returned_on] for e in found.order_by("notice_given_on", "pk")],
    )  # fmt: skip
    mine = Q(void__new_tenancy__in=tenancies_held_by(person), status=OfferStatus.SIGNED)
    if person.email:
        mine |= Q(email__iexact=person.email)
    if person.phone:
        mine |= Q(phone=person.phone)
    offers = Offer.objects.filter(mine).select_related("void__home")
    yield Part(
        "lettings", "Homes they bid for: shortlist places, offers, viewings and refusals",
        ["void reference", "address", "place on the shortlist", "name", "band", "band date",
         "bidding number", "status", "offered on", "viewing offered on", "viewed on",
         "decided on", "reason"],
        [[o.void.ref, str(o.void.home), o.position, o.applicant_name, o.band, o.band_date,
          o.bidding_number, o.get_status_display(), o.offered_on, o.viewing_offered_on,
          o.viewing_on, o.decided_on, o.reason]
         for o in offers.order_by("void__previous_tenancy_end", "position", "pk")],
    )  # fmt: skip
