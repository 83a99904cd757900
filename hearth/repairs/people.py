"""Who lives where a repair is, as staff need to know before they go: cautionary alerts (for
the safety of whoever visits, always shown first) and, for roles allowed to see them, the
household's support needs, each showing logged."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from hearth.core import deadlines
from hearth.core.permissions import Can, can
from hearth.repairs.models import Repair
from hearth.tenancies.models import CautionaryAlert, Person, SensitiveAccessLog, SupportNeed


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
    """Support needs by person, or None for a role that may not see them. Every person shown
    is logged (SensitiveAccessLog), whether or not they have needs recorded."""
    if not can(user, Can.VIEW_SUPPORT_NEEDS) or not people:
        return None
    needs: dict[int, list[SupportNeed]] = {p.pk: [] for p in people}
    for need in SupportNeed.objects.filter(person__in=people).order_by("person_id", "kind", "pk"):
        needs[need.person_id].append(need)
    now = timezone.now()
    SensitiveAccessLog.objects.bulk_create(
        SensitiveAccessLog(user=user, person=p, viewed_at=now, where=where[:200]) for p in people
    )
    return needs
