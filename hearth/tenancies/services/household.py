"""Who is in a household, and when a tenancy ends. Changes go on the tenancy's timeline (and the
person's), where the household can see them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.core.services import clean_phone
from hearth.tenancies.models import (
    ContactPreference,
    MemberRole,
    Person,
    PreferredChannel,
    Tenancy,
    TenancyMember,
    Tenure,
)
from hearth.tenancies.services.contact import clean_email

# People staff may add: the lead tenant is set when the tenancy starts, and changing who holds
# a tenancy (assignment, succession) is a new tenancy, not an edit.
ADDABLE_ROLES = (MemberRole.JOINT_TENANT, MemberRole.HOUSEHOLD_MEMBER)
EARLIEST_BIRTH = date(1900, 1, 1)
# An end date is recorded once notice is given; more than a year ahead is a mistake.
LATEST_END = timedelta(days=366)
REASON_MAX_LENGTH = 300


def _when(day: date) -> str:
    return date_format(day, "j F Y")


def _clean_member(
    *,
    full_name: str,
    role: str,
    relationship: str,
    date_of_birth: date | None,
    phone: str,
    email: str,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    full_name = " ".join(full_name.split())
    relationship = " ".join(relationship.split())
    if not full_name:
        errors["full_name"] = _("Enter their full name")
    elif len(full_name) > Person._meta.get_field("full_name").max_length:  # type: ignore[operator]
        errors["full_name"] = _("The name must be 200 characters or fewer")
    if role not in ADDABLE_ROLES:
        errors["role"] = _("Choose whether they are a joint tenant or a household member")
    if len(relationship) > TenancyMember._meta.get_field("relationship").max_length:  # type: ignore[operator]
        errors["relationship"] = _("The relationship must be 60 characters or fewer")
    if date_of_birth is not None and not EARLIEST_BIRTH <= date_of_birth <= timezone.localdate():
        errors["date_of_birth"] = _("The date of birth must be in the past")
    try:
        phone = clean_phone(phone)
    except ValidationError as error:
        errors["phone"] = error
    try:
        email = clean_email(email)
    except ValidationError as error:
        errors["email"] = error
    if errors:
        raise ValidationError(errors)
    return {
        "full_name": full_name,
        "relationship": relationship,
        "phone": phone,
        "email": email,
    }


@transaction.atomic
def add_household_member(
    *,
    tenancy: Tenancy,
    actor: Actor,
    full_name: str,
    role: str,
    relationship: str = "",
    date_of_birth: date | None = None,
    phone: str = "",
    email: str = "",
) -> TenancyMember:
    """Add a new person to a current tenancy as a joint tenant or a household member."""
    tenancy = Tenancy.objects.select_for_update().get(pk=tenancy.pk)
    if tenancy.end_date is not None and tenancy.end_date < timezone.localdate():
        raise ValidationError(_("This tenancy has ended, so nobody can be added to it"))
    clean = _clean_member(
        full_name=full_name,
        role=role,
        relationship=relationship,
        date_of_birth=date_of_birth,
        phone=phone,
        email=email,
    )
    person = Person.objects.create(
        full_name=clean["full_name"],
        date_of_birth=date_of_birth,
        phone=clean["phone"],
        email=clean["email"],
    )
    member = TenancyMember.objects.create(
        tenancy=tenancy, person=person, role=role, relationship=clean["relationship"]
    )
    what = {
        "name": person.full_name,
        "role": member.get_role_display().lower(),
        "ref": tenancy.ref,
    }
    summary = _("%(name)s added to the household as a %(role)s") % what
    if member.relationship:
        summary += f" ({member.relationship})"
    details = {"person_id": person.pk, "role": role, "relationship": member.relationship}
    timeline.record(
        tenancy,
        verb="household_member_added",
        summary=summary,
        actor=actor,
        details=details,
        visible_to_resident=True,
    )
    timeline.record(
        person,
        verb="household_member_added",
        summary=_("Added to tenancy %(ref)s as a %(role)s") % what,
        actor=actor,
        details={"tenancy_id": tenancy.pk, "role": role},
        visible_to_resident=True,
    )
    return member


@transaction.atomic
def remove_household_member(*, member: TenancyMember, actor: Actor) -> None:
    """Remove a household member who has left. A joint or lead tenant cannot be removed here:
    that changes who holds the tenancy, which needs a new tenancy."""
    member = (
        TenancyMember.objects.select_for_update()
        .select_related("person", "tenancy")
        .get(pk=member.pk)
    )
    if member.role != MemberRole.HOUSEHOLD_MEMBER:
        raise ValidationError(
            _(
                "%(name)s is a %(role)s. Only household members can be removed: a change of "
                "tenant needs a new tenancy."
            )
            % {"name": member.person.full_name, "role": member.get_role_display().lower()}
        )
    person, tenancy = member.person, member.tenancy
    member.delete()
    timeline.record(
        tenancy,
        verb="household_member_removed",
        summary=_("%(name)s removed from the household") % {"name": person.full_name},
        actor=actor,
        details={"person_id": person.pk, "relationship": member.relationship},
        visible_to_resident=True,
    )
    timeline.record(
        person,
        verb="household_member_removed",
        summary=_("Removed from tenancy %(ref)s") % {"ref": tenancy.ref},
        actor=actor,
        details={"tenancy_id": tenancy.pk},
        visible_to_resident=True,
    )


@transaction.atomic
def record_tenancy_end(
    *, tenancy: Tenancy, actor: Actor, end_date: date | None, reason: str = ""
) -> Tenancy:
    """Record (or correct) the day a tenancy ends.

    The end date must be on or after the start date, before the next tenancy of the same home
    starts (a home has one tenancy at a time), and no more than a year from today.
    """
    tenancy = Tenancy.objects.select_for_update().get(pk=tenancy.pk)
    reason = " ".join(reason.split())
    errors: dict[str, str] = {}
    if end_date is None:
        errors["end_date"] = _("Enter the date the tenancy ends")
    elif end_date < tenancy.start_date:
        errors["end_date"] = _(
            "The end date must be on or after the day the tenancy started, %(start)s"
        ) % {"start": _when(tenancy.start_date)}
    elif end_date > timezone.localdate() + LATEST_END:
        errors["end_date"] = _("The end date must be within a year from today")
    else:
        following = (
            Tenancy.objects.filter(home_id=tenancy.home_id, start_date__gt=tenancy.start_date)
            .exclude(pk=tenancy.pk)
            .order_by("start_date")
            .first()
        )
        if following is not None and end_date >= following.start_date:
            errors["end_date"] = _(
                "The end date must be before the next tenancy of this home starts, on %(start)s"
            ) % {"start": _when(following.start_date)}
    if len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = _("The reason must be %(limit)s characters or fewer") % {
            "limit": REASON_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    assert end_date is not None
    previous = tenancy.end_date
    if previous == end_date:
        return tenancy
    tenancy.end_date = end_date
    tenancy.save(update_fields=["end_date"])
    if previous is None:
        summary = _("Tenancy ends on %(end)s") % {"end": _when(end_date)}
    else:
        summary = _("Tenancy end date changed from %(old)s to %(end)s") % {
            "old": _when(previous),
            "end": _when(end_date),
        }
    if reason:
        summary += f". {reason}"
    timeline.record(
        tenancy,
        verb="tenancy_end_recorded",
        summary=summary[:500],
        actor=actor,
        details={
            "end_date": end_date.isoformat(),
            "previous_end_date": previous.isoformat() if previous else None,
            "reason": reason,
        },
        visible_to_resident=True,
    )
    return tenancy


@transaction.atomic
def start_tenancy(
    *,
    home: Any,
    tenure: str,
    start_date: date,
    lead_tenant_name: str,
    actor: Actor,
    ref: str = "",
    phone: str = "",
    email: str = "",
) -> Tenancy:
    """Start a new tenancy of a home (a letting), with its lead tenant as a new person who is
    contacted by email if they gave one, else by text, else by letter.

    The home must have no tenancy on or after `start_date` still running."""
    name = " ".join(lead_tenant_name.split())
    errors: dict[str, str] = {}
    if not name:
        errors["lead_tenant_name"] = _("Enter the new tenant's full name")
    if start_date is None:
        errors["start_date"] = _("Enter the date the tenancy starts")
    else:
        clash = (
            Tenancy.objects.filter(home=home, start_date__lte=start_date)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
            .first()
        )
        later = Tenancy.objects.filter(home=home, start_date__gt=start_date).first()
        if clash is not None or later is not None:
            errors["start_date"] = _("The home has another tenancy running on that date")
    if tenure not in Tenure.values:
        errors["tenure"] = _("Choose the tenure")
    try:
        email = clean_email(email)
    except ValidationError as problem:
        errors["email"] = problem.messages[0]
    try:
        phone = clean_phone(phone)
    except ValidationError as problem:
        errors["phone"] = problem.messages[0]
    if errors:
        raise ValidationError(errors)
    person = Person.objects.create(full_name=name, phone=phone, email=email)
    channel = (
        PreferredChannel.EMAIL
        if email
        else PreferredChannel.SMS
        if phone
        else PreferredChannel.LETTER
    )
    ContactPreference.objects.create(person=person, channel=channel)
    tenancy = Tenancy.objects.create(
        ref=ref or f"T-{home.ref}-{start_date:%Y%m%d}",
        home=home,
        tenure=tenure,
        start_date=start_date,
    )
    TenancyMember.objects.create(tenancy=tenancy, person=person, role=MemberRole.LEAD_TENANT)
    timeline.record(
        tenancy,
        verb="tenancy_started",
        summary=_("Tenancy of %(home)s starts on %(start)s, lead tenant %(name)s")
        % {"home": home, "start": _when(start_date), "name": name},
        actor=actor,
        visible_to_resident=True,
    )
    return tenancy
