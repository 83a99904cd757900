"""Permission-scoped reads of people and tenancies. Views and the API fetch through these, so a
record the user may not see is a 404 whether or not it exists."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from hearth.core.permissions import Can, can
from hearth.tenancies.models import MemberRole, Person, Tenancy, TenancyMember


def members_in_order() -> QuerySet[TenancyMember]:
    """A household as people read it: lead tenant, joint tenants, then everyone else by name."""
    rank = Case(
        When(role=MemberRole.LEAD_TENANT, then=Value(0)),
        When(role=MemberRole.JOINT_TENANT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return TenancyMember.objects.select_related("person").order_by(rank, "person__full_name", "pk")


def _resident_person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not getattr(user, "is_resident", False):
        return None
    return user.person_id  # type: ignore[no-any-return]


def visible_tenancies(user: Any) -> Any:
    """Tenancies the user may see: all of them for staff who may view people, otherwise only
    the tenancies a resident belongs to (current or past)."""
    if can(user, Can.VIEW_PEOPLE):
        return Tenancy.objects.all()
    return Tenancy.objects.for_person(_resident_person_id(user))


def resident_tenancies(user: Any) -> Any:
    """Only the tenancies a signed-in resident belongs to (current or past); none for staff,
    whatever their role."""
    return Tenancy.objects.for_person(_resident_person_id(user))


def get_tenancy_for_user(user: Any, pk: int | str) -> Tenancy:
    """The tenancy, with its home and members, or Http404 if the user may not see it."""
    members = members_in_order().select_related("person__contact_preference")
    try:
        return (
            visible_tenancies(user)
            .select_related("home", "home__block", "home__block__estate")
            .prefetch_related(Prefetch("members", queryset=members))
            .get(pk=pk)
        )
    except (Tenancy.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None


def get_person_for_user(user: Any, pk: int | str) -> Person:
    """A person: any person for staff who may view people; a resident sees only themselves."""
    if can(user, Can.VIEW_PEOPLE):
        people = Person.objects.all()
    else:
        person_id = _resident_person_id(user)
        people = Person.objects.filter(pk=person_id) if person_id else Person.objects.none()
    try:
        return people.get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None


def current_tenancies_for_resident(user: Any) -> Any:
    """A signed-in resident's current tenancies, with home and household, newest first."""
    person_id = _resident_person_id(user)
    members = members_in_order()
    return (
        Tenancy.objects.for_person(person_id)
        .current_on(timezone.localdate())
        .select_related("home", "home__block", "home__block__estate")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def household_cold_facts(tenancy_id: int | None) -> tuple[list[Any], bool]:
    """What a household's record says about its risk from the cold, for a rule elsewhere to
    weigh: its members' dates of birth, and whether any of them has a support need recorded.
    Nothing is shown, so no sensitive-access log is written."""
    if tenancy_id is None:
        return [], False
    people = list(
        TenancyMember.objects.filter(tenancy_id=tenancy_id).values_list("person_id", flat=True)
    )
    births = list(Person.objects.filter(pk__in=people).values_list("date_of_birth", flat=True))
    has_need = Person.objects.filter(pk__in=people, support_needs__isnull=False).exists()
    return births, has_need


def tenancies_held_by(person: Any) -> QuerySet[Tenancy]:
    """The tenancies (current or past) a person holds as lead or joint tenant: whose rent,
    repairs and letters are theirs too (a subject access export, say)."""
    return Tenancy.objects.filter(
        members__person=person, members__role__in=[MemberRole.LEAD_TENANT, MemberRole.JOINT_TENANT]
    ).distinct()
