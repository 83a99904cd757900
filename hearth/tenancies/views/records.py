"""A home, a tenancy and a person as staff see them. Cautionary alerts come first on each page,
before anything else, because they are about the safety of whoever visits or calls. Support
needs are shown only to roles that need them, and every showing is logged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.accounts.models import User
from hearth.accounts.services import ACCOUNT_HOLDER_ROLES
from hearth.core import deadlines
from hearth.core.access import staff_view
from hearth.core.notices import home_notices
from hearth.core.permissions import Can, can
from hearth.core.timeline import events_for
from hearth.estates.queries import get_home_for_user
from hearth.tenancies.models import (
    CautionaryAlert,
    Person,
    SupportNeed,
    Tenancy,
    TenancyMember,
)
from hearth.tenancies.queries import get_person_for_user, get_tenancy_for_user, members_in_order
from hearth.tenancies.services import show_support_needs


def _alerts(
    *, home_ids: Iterable[int] = (), person_ids: Iterable[int] = ()
) -> list[dict[str, Any]]:
    """Active alerts on any of these homes or people, each with its review state."""
    condition = Q(home_id__in=list(home_ids)) | Q(person_id__in=list(person_ids))
    alerts = CautionaryAlert.objects.active().filter(condition).select_related("person", "home")
    return [
        {"alert": alert, "review_state": deadlines.state(alert.review_on)}
        for alert in alerts.order_by("review_on", "pk")
    ]


def _support_needs(
    request: HttpRequest, people: list[Person], where: str
) -> dict[int, list[SupportNeed]] | None:
    """Support needs by person, or None if the user's role sees none; shown (and logged) by
    the tenancies service, which leaves out anyone the user may not see."""
    return show_support_needs(user=request.user, people=people, where=where)


def _person_actions(
    request: HttpRequest, person: Person, memberships: list[TenancyMember], today: Any
) -> dict[str, Any]:
    """What the user may change on a person's page, and their online account (for those who
    manage accounts): the account, or whether they may be given one."""
    user = request.user
    manage_users = can(user, Can.MANAGE_USERS)
    account = User.objects.filter(person=person).first() if manage_users else None
    return {
        "can_edit": can(user, Can.EDIT_PEOPLE),
        "can_edit_needs": can(user, Can.EDIT_SUPPORT_NEEDS),
        "can_manage_alerts": can(user, Can.MANAGE_ALERTS),
        "can_manage_users": manage_users,
        "can_export": can(user, Can.EXPORT_PERSONAL_DATA),
        "account": account,
        "may_have_account": any(
            m.role in ACCOUNT_HOLDER_ROLES and m.tenancy.is_current(today) for m in memberships
        ),
    }


@staff_view(Can.VIEW_HOMES)
def home(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_home_for_user(request.user, pk)
    members = members_in_order()
    tenancies = list(
        Tenancy.objects.filter(home=record)
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("-start_date", "pk")
    )
    today = timezone.localdate()
    current_people = [
        m.person_id for t in tenancies if t.is_current(today) for m in t.members.all()
    ]
    return render(
        request,
        "tenancies/staff/home.html",
        {
            "home": record,
            "tenancies": tenancies,
            "alerts": _alerts(home_ids=[record.pk], person_ids=current_people),
            "can_view_people": can(request.user, Can.VIEW_PEOPLE),
            "can_manage_alerts": can(request.user, Can.MANAGE_ALERTS),
        },
    )


@staff_view(Can.VIEW_PEOPLE)
def tenancy(request: HttpRequest, pk: int) -> HttpResponse:
    record: Tenancy = get_tenancy_for_user(request.user, pk)
    members = list(record.members.all())
    people = [member.person for member in members]
    return render(
        request,
        "tenancies/staff/tenancy.html",
        {
            "tenancy": record,
            "members": members,
            "alerts": _alerts(home_ids=[record.home_id], person_ids=[p.pk for p in people]),
            "home_notices": home_notices([record.home_id]),
            "support_needs": _support_needs(request, people, request.path),
            "events": events_for(record),
            "can_manage_alerts": can(request.user, Can.MANAGE_ALERTS),
            "can_edit": can(request.user, Can.EDIT_PEOPLE),
            "can_view_rent": can(request.user, Can.VIEW_RENT),
            "has_ended": record.end_date is not None and record.end_date < timezone.localdate(),
        },
    )


@staff_view(Can.VIEW_PEOPLE)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_person_for_user(request.user, pk)
    memberships = list(
        record.memberships.select_related("tenancy", "tenancy__home").order_by(
            "-tenancy__start_date"
        )
    )
    today = timezone.localdate()
    home_ids = [m.tenancy.home_id for m in memberships if m.tenancy.is_current(today)]
    needs = _support_needs(request, [record], request.path)
    return render(
        request,
        "tenancies/staff/person.html",
        {
            **_person_actions(request, record, memberships, today),
            "person": record,
            "preference": getattr(record, "contact_preference", None),
            "memberships": memberships,
            "alerts": _alerts(home_ids=home_ids, person_ids=[record.pk]),
            "support_needs": None if needs is None else needs.get(record.pk),
            "events": events_for(record),
            "messages_to_person": record.messages.order_by("-created_at", "-pk")[:20]
            if can(request.user, Can.VIEW_OUTBOX)
            else None,
        },
    )
