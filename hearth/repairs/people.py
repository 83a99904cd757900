"""Who lives where a repair is, as staff need to know before they go: cautionary alerts (for
the safety of whoever visits, always shown first) and, for roles allowed to see them, the
household's support needs, each showing logged."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hearth.core import deadlines
from hearth.repairs.models import Repair
from hearth.tenancies.models import CautionaryAlert, Person, SupportNeed
from hearth.tenancies.services import show_support_needs


def household(repair: Repair) -> list[Person]:
    """The people of the tenancy the repair is under (and whoever reported it)."""
    people: dict[int, Person] = {}
    if repair.tenancy_id:
        for member in repair.tenancy.members.select_related("person"):  # type: ignore[union-attr]
            people[member.person_id] = member.person
    if repair.reporter_id and repair.reporter_id not in people:
        people[repair.reporter_id] = repair.reporter  # type: ignore[assignment]
    return list(people.values())


def alerts_for(repairs: list[Repair], people: list[Person]) -> list[dict[str, Any]]:
    """Active alerts on the repairs' homes or these people, in the shape staff/_alerts.html
    reads: {"alert": …, "review_state": …}."""
    homes = [r.home_id for r in repairs if r.home_id]
    found = (
        CautionaryAlert.objects.active()
        .filter(Q(home_id__in=homes) | Q(person_id__in=[p.pk for p in people]))
        .select_related("person", "home")
        .order_by("review_on", "pk")
    )
    return [{"alert": a, "review_state": deadlines.state(a.review_on)} for a in found]


def support_needs(
    user: Any, people: list[Person], where: str
) -> dict[int, list[SupportNeed]] | None:
    """Support needs by person, as the tenancies service shows (and logs) them."""
    return show_support_needs(user=user, people=people, where=where)
