from __future__ import annotations

import itertools
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from hearth.accounts.models import Role, User
from hearth.estates.models import Block, Estate, Home
from hearth.interchange.services import export_folder, import_folder
from hearth.tenancies.models import ContactPreference, MemberRole, Tenancy, TenancyMember


def _snapshot() -> list[tuple]:
    return list(
        Tenancy.objects.order_by("ref", "members__role", "members__person__full_name").values_list(
            "ref",
            "home__ref",
            "home__address",
            "tenure",
            "start_date",
            "end_date",
            "members__person__full_name",
        )
    )


def test_the_demo_landlord_has_estates_blocks_homes_and_a_current_tenancy_in_most_homes(db):
    out = StringIO()
    call_command("demo", "--homes", "300", "--today", "2026-11-26", stdout=out)
    assert "300 homes" in out.getvalue()
    assert Estate.objects.count() == 3
    assert Block.objects.count() >= 3
    assert Home.objects.count() == 300
    current = Tenancy.objects.current_on(date(2026, 11, 26))
    assert 0.9 * 300 <= current.count() <= 300
    assert (
        TenancyMember.objects.filter(role=MemberRole.LEAD_TENANT).count() == Tenancy.objects.count()
    )
    assert ContactPreference.objects.count() == Tenancy.objects.count()
    assert User.objects.filter(role=Role.RESIDENT, person__isnull=False).count() == 2
    assert User.objects.filter(role=Role.MANAGER).exists()


def test_the_same_seed_and_day_give_the_same_landlord(db):
    with transaction.atomic():
        call_command(
            "demo", "--homes", "120", "--seed", "7", "--today", "2026-11-26", stdout=StringIO()
        )
        first = _snapshot()
        transaction.set_rollback(True)
    assert not Home.objects.exists()
    call_command(
        "demo", "--homes", "120", "--seed", "7", "--today", "2026-11-26", stdout=StringIO()
    )
    assert _snapshot() == first


def test_no_two_tenancies_of_a_demo_home_overlap(db):
    call_command(
        "demo", "--homes", "200", "--years", "3", "--today", "2026-11-26", stdout=StringIO()
    )
    by_home: dict[int, list[Tenancy]] = {}
    for tenancy in Tenancy.objects.order_by("start_date"):
        by_home.setdefault(tenancy.home_id, []).append(tenancy)
    for tenancies in by_home.values():
        for earlier, later in itertools.pairwise(tenancies):
            assert earlier.end_date is not None and earlier.end_date < later.start_date


def test_the_demo_goes_only_into_an_empty_database_unless_told_to_skip(db):
    call_command("demo", "--homes", "50", stdout=StringIO())
    with pytest.raises(CommandError, match="already has homes"):
        call_command("demo", "--homes", "50", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "was not loaded again" in out.getvalue()
    assert Home.objects.count() == 50


def test_the_demo_landlord_survives_export_and_import_into_an_empty_database(db, tmp_path):
    with transaction.atomic():
        call_command(
            "demo", "--homes", "120", "--years", "2", "--today", "2026-11-26", stdout=StringIO()
        )
        export_folder(tmp_path / "out")
        before = _snapshot()
        transaction.set_rollback(True)
    assert not Home.objects.exists()
    import_folder(tmp_path / "out")
    after = _snapshot()
    # Tenancy details round-trip exactly; of the people, the files carry lead tenants only.
    assert {r[:6] for r in after} == {r[:6] for r in before}
    assert {(r[0], r[6]) for r in after} <= {(r[0], r[6]) for r in before}
