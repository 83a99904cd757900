"""Permission-scoped reads of homes: staff who may view homes see any; a resident sees only
homes they hold (or held) a tenancy of. Anything else is a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404

from hearth.core.measures import Scope
from hearth.core.permissions import Can, can
from hearth.estates.models import Home


def visible_homes(user: Any) -> Any:
    if can(user, Can.VIEW_HOMES):
        return Home.objects.all()
    if (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_resident
        and user.person_id
    ):
        return Home.objects.filter(tenancies__members__person_id=user.person_id).distinct()
    return Home.objects.none()


def get_home_for_user(user: Any, pk: int | str) -> Home:
    try:
        return visible_homes(user).select_related("block", "block__estate").get(pk=pk)
    except (Home.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None


def homes_managed_at(day: date, scope: Scope | None = None) -> int:
    """How many homes were on the register on `day` (the measures spec's "homes managed"), in
    one estate or block when `scope` is given (a rate's denominator for that estate or block)."""
    homes = Home.objects.managed_on(day)
    return (homes if scope is None else scope.filter(homes)).count()
