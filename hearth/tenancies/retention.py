"""How long former tenants' records are kept (`hearth.core.retention`): a person is anonymised
once every tenancy they were on ended before the cutoff and no domain has an open case for
them (`retention.open_cases`). Their name, date of birth, phone and email go, as do their
support needs, their representative and postal address, the reasons on cautionary alerts
about them and the change history that still holds the old values; their portal account is
disabled. Their tenancies, the rent ledger and case facts stay for the measures, and each
domain removes what else it holds about them (`retention.forget_people`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.accounts.models import ApiToken, User
from hearth.core import retention
from hearth.core.retention import REMOVED
from hearth.tenancies.models import (
    CautionaryAlert,
    ContactPreference,
    Person,
    SupportNeed,
    TenancyMember,
)


def _due(cutoff: date) -> QuerySet[Person]:
    ever_a_member = TenancyMember.objects.filter(person=OuterRef("pk"))
    still_in_period = TenancyMember.objects.filter(person=OuterRef("pk")).filter(
        Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=cutoff)
    )
    people = Person.objects.filter(Exists(ever_a_member)).exclude(Exists(still_in_period))
    for source in retention.open_case_sources:
        # A positive IN inside NOT EXISTS, so a NULL person id in the source excludes no one.
        people = people.exclude(Exists(Person.objects.filter(pk=OuterRef("pk"), pk__in=source())))
    return people.exclude(full_name=REMOVED)


def _anonymise(rows: QuerySet[Any]) -> int:
    ids = list(rows.values_list("pk", flat=True))
    SupportNeed.objects.filter(person_id__in=ids).delete()
    SupportNeed.history.filter(person_id__in=ids).delete()
    ContactPreference.objects.filter(person_id__in=ids).update(
        representative_name="", representative_relationship="", representative_contact="",
        postal_address="",
    )  # fmt: skip
    ContactPreference.history.filter(person_id__in=ids).delete()
    CautionaryAlert.objects.filter(person_id__in=ids).update(reason=REMOVED)
    CautionaryAlert.history.filter(person_id__in=ids).delete()
    users = User.objects.filter(person_id__in=ids)
    ApiToken.objects.filter(user__in=users, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    for user in users:
        user.username = f"former-tenant-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["username", "first_name", "last_name", "email", "is_active",
                                 "password"])  # fmt: skip
    for forget in retention.forgetters:
        forget(ids)
    Person.history.filter(id__in=ids).delete()
    return Person.objects.filter(pk__in=ids).update(
        full_name=REMOVED, date_of_birth=None, phone="", email=""
    )


@retention.rule
def former_tenants() -> retention.Rule:
    return retention.Rule(
        "tenancies.person", "Former tenants", "their last tenancy ended", _due, _anonymise
    )
