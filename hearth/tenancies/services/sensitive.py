"""Showing support needs: the one place that decides whose needs a user may see and that
writes the log of every showing (`SensitiveAccessLog`). Pages and the API call
`show_support_needs` and render what it returns; nothing else writes the log.

Who sees what:
- roles holding `Can.VIEW_SUPPORT_NEEDS` (officers, managers, coordinators) see anyone's;
- roles holding only `Can.VIEW_SUPPORT_NEEDS_AT_WORK` (operatives) see the needs of people in
  current tenancies at the homes of their own jobs (`hearth.tenancies.workplaces`), because
  that is what matters for a visit, and no one else's;
- every other role sees none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.core.permissions import Can, can
from hearth.tenancies.models import Person, SensitiveAccessLog, SupportNeed, Tenancy
from hearth.tenancies.workplaces import homes_worked_by


def _people_at_work(user: Any, people: list[Person]) -> list[Person]:
    """Those of `people` living (in a current tenancy) at a home where the user has a job."""
    homes = homes_worked_by(user)
    if not homes:
        return []
    living_there = set(
        Tenancy.objects.current_on(timezone.localdate())
        .filter(home_id__in=homes, members__person__in=people)
        .values_list("members__person_id", flat=True)
    )
    return [person for person in people if person.pk in living_there]


def may_see_support_needs(user: Any) -> bool:
    """Whether the user's role sees any support needs at all (some people's, or everyone's)."""
    return can(user, Can.VIEW_SUPPORT_NEEDS) or can(user, Can.VIEW_SUPPORT_NEEDS_AT_WORK)


@transaction.atomic
def show_support_needs(
    *, user: Any, people: Iterable[Person], where: str
) -> dict[int, list[SupportNeed]] | None:
    """The support needs the user may see, by person id, and a log row for each person shown
    (whether or not they have needs recorded). None when the role sees no support needs; a
    person the user may not see is left out of the answer (and not logged)."""
    people = list({person.pk: person for person in people}.values())
    if not may_see_support_needs(user) or not people:
        return None
    if not can(user, Can.VIEW_SUPPORT_NEEDS):
        people = _people_at_work(user, people)
    needs: dict[int, list[SupportNeed]] = {person.pk: [] for person in people}
    if not people:
        return needs
    for need in SupportNeed.objects.filter(person__in=people).order_by("person_id", "kind", "pk"):
        needs[need.person_id].append(need)
    now = timezone.now()
    SensitiveAccessLog.objects.bulk_create(
        SensitiveAccessLog(user=user, person=person, viewed_at=now, where=where[:200])
        for person in people
    )
    return needs
