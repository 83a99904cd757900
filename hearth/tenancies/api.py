"""Tenancies and people over the API.

Staff who may view people see every tenancy; a resident sees only the tenancies they belong
to, and anyone else's is a 404, exactly as if it did not exist. People's records are for staff.
Support needs are not served here: they are shown, and logged, only on the staff pages.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hearth.accounts.models import User
from hearth.core.api.access import current_user, require
from hearth.core.api.pagination import Pages
from hearth.core.api.params import RecordId, id_filter
from hearth.core.permissions import Can
from hearth.tenancies import queries
from hearth.tenancies.models import Person, Tenancy, TenancyMember, TenancyQuerySet

router = Router(tags=["tenancies"])


class MemberOut(Schema):
    person_id: int
    name: str
    role: str = Field(description="lead_tenant, joint_tenant or household_member.")
    relationship: str

    @staticmethod
    def resolve_name(member: TenancyMember) -> str:
        return member.person.full_name


class HomeSummaryOut(Schema):
    id: int
    ref: str
    address: str
    postcode: str


class TenancyOut(Schema):
    id: int
    ref: str = Field(description="The landlord's own tenancy reference.")
    tenure: str
    start_date: date
    end_date: date | None
    is_current: bool
    home: HomeSummaryOut
    members: list[MemberOut]

    @staticmethod
    def resolve_is_current(tenancy: Tenancy) -> bool:
        return tenancy.is_current(timezone.localdate())

    @staticmethod
    def resolve_members(tenancy: Tenancy) -> list[TenancyMember]:
        return list(tenancy.members.all())


def _tenancies_for(user: User) -> TenancyQuerySet:
    members = TenancyMember.objects.select_related("person")
    return (
        queries.visible_tenancies(user)
        .select_related("home")
        .prefetch_related(Prefetch("members", queryset=members))
    )


@router.get("/tenancies", response=list[TenancyOut], summary="Tenancies you may see")
@paginate(Pages)
def list_tenancies(
    request: HttpRequest,
    home_id: int | None = id_filter("Only tenancies of this home."),
    current: bool | None = Query(None, description="Only current (true) or ended (false)."),
) -> TenancyQuerySet:
    tenancies = _tenancies_for(current_user(request)).order_by("-start_date", "ref", "pk")
    if home_id is not None:
        tenancies = tenancies.filter(home_id=home_id)
    if current is not None:
        today = timezone.localdate()
        ongoing = tenancies.current_on(today)
        tenancies = ongoing if current else tenancies.exclude(pk__in=ongoing.values("pk"))
    return tenancies


@router.get("/tenancies/{tenancy_id}", response=TenancyOut, summary="One tenancy")
def get_tenancy(request: HttpRequest, tenancy_id: RecordId) -> Tenancy:
    return get_object_or_404(_tenancies_for(current_user(request)), pk=tenancy_id)


class ContactPreferenceOut(Schema):
    channel: str = Field(description="email, sms or letter.")
    language: str
    large_print: bool
    easy_read: bool
    interpreter_needed: bool
    representative_name: str
    representative_relationship: str
    representative_contact: str


class MembershipOut(Schema):
    tenancy_id: int
    tenancy_ref: str
    role: str

    @staticmethod
    def resolve_tenancy_ref(member: TenancyMember) -> str:
        return member.tenancy.ref


class PersonOut(Schema):
    id: int
    full_name: str
    date_of_birth: date | None
    phone: str
    email: str
    contact_preference: ContactPreferenceOut | None
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_contact_preference(person: Person) -> object:
        return getattr(person, "contact_preference", None)

    @staticmethod
    def resolve_memberships(person: Person) -> list[TenancyMember]:
        return list(person.memberships.all())


@router.get("/people/{person_id}", response=PersonOut, summary="One person (staff)")
def get_person(request: HttpRequest, person_id: RecordId) -> Person:
    require(request, Can.VIEW_PEOPLE)
    people = Person.objects.select_related("contact_preference").prefetch_related(
        Prefetch("memberships", queryset=TenancyMember.objects.select_related("tenancy"))
    )
    return get_object_or_404(people, pk=person_id)
