"""Support needs are shown, and their showing logged, in one place only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import hearth
from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.tenancies.models import SensitiveAccessLog, SupportNeed
from hearth.tenancies.services import show_support_needs

WRITES_THE_LOG = re.compile(
    r"(?<!class )SensitiveAccessLog\s*\(|SensitiveAccessLog\.objects\.(bulk_)?create"
)


def test_nothing_but_the_tenancies_service_writes_the_sensitive_access_log() -> None:
    root = Path(hearth.__file__).parent
    writers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and WRITES_THE_LOG.search(path.read_text())
    )
    assert writers == ["tenancies/services/sensitive.py"]


@pytest.mark.django_db
def test_an_officer_is_shown_anyones_needs_and_each_person_shown_is_logged(officer, tenancy):
    person = tenancy.lead_tenant
    SupportNeed.objects.create(person=person, kind="hearing", description="Deaf: text only")
    shown = show_support_needs(user=officer, people=[person, person], where="/staff/x/")
    assert shown is not None
    assert [need.description for need in shown[person.pk]] == ["Deaf: text only"]
    assert list(SensitiveAccessLog.objects.values_list("user_id", "person_id", "where")) == [
        (officer.pk, person.pk, "/staff/x/")
    ]


@pytest.mark.django_db
def test_an_operative_with_no_jobs_is_shown_no_ones_needs_and_nothing_is_logged(operative, tenancy):
    SupportNeed.objects.create(person=tenancy.lead_tenant, kind="mobility", description="Stairs")
    assert show_support_needs(user=operative, people=[tenancy.lead_tenant], where="x") == {}
    assert not SensitiveAccessLog.objects.exists()


@pytest.mark.django_db
def test_an_estate_officer_is_shown_no_support_needs_at_all(tenancy):
    estate_officer = UserFactory(role=Role.ESTATE_OFFICER)
    assert show_support_needs(user=estate_officer, people=[tenancy.lead_tenant], where="x") is None
    assert not SensitiveAccessLog.objects.exists()
