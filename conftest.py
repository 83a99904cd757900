"""The fixed cast every test shares: an officer, a manager, an operative, an admin, and two
residents on different tenancies."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HEARTH_TESTING", "1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The heaviest tests first, longest first: pytest-xdist hands tests out in this order, so
    a three-minute walk started last would leave one worker running alone at the end."""

    def seconds(item: pytest.Item) -> float:
        marker = item.get_closest_marker("heavy")
        return float(marker.kwargs.get("seconds", 0)) if marker else 0.0

    items.sort(key=seconds, reverse=True)  # stable: the rest keep their order


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """pytest-django's test databases, and before they are dropped on PostgreSQL, any other
    session still connected to one is named in a warning and ended, so the drop cannot fail
    with "being accessed by other users" and the warning says which session it was."""
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions() -> None:
    import time
    import warnings

    from django.db import connections

    for connection in connections.all():
        if connection.vendor != "postgresql" or connection.settings_dict.get("TEST", {}).get(
            "MIRROR"
        ):
            continue
        others = (
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        with connection.cursor() as cursor:
            for _ in range(50):  # a session that is closing goes within a moment
                cursor.execute(f"SELECT count(*) {others}")
                if not cursor.fetchone()[0]:
                    break
                time.sleep(0.1)
            else:
                cursor.execute(
                    f"SELECT pid, application_name, state, now() - backend_start,"
                    f" left(query, 300), pg_terminate_backend(pid) {others}"
                )
                for pid, app, state, age, query, _ in cursor.fetchall():
                    warnings.warn(
                        f"session {pid} ({app or 'no application name'}, {state}, connected"
                        f" {age}) was still on {connection.settings_dict['NAME']} when the tests"
                        f" ended, and was ended; its last statement: {query!r}",
                        stacklevel=1,
                    )
        connection.close()


@pytest.fixture(autouse=True)
def _test_settings(settings):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from hearth.core import calendar

    calendar.reset_cache()
    yield
    calendar.reset_cache()


@pytest.fixture
def officer(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.HOUSING_OFFICER
    )


@pytest.fixture
def manager(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="manager", first_name="Mira", last_name="Manager", role=Role.MANAGER
    )


@pytest.fixture
def admin_user(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="admin", first_name="Ada", last_name="Admin", role=Role.ADMIN)


@pytest.fixture
def operative(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="operative", first_name="Otto", last_name="Operative", role=Role.OPERATIVE
    )


@pytest.fixture
def tenancy(db):  # type: ignore[no-untyped-def]
    from hearth.tenancies.tests.factories import (
        ContactPreferenceFactory,
        PersonFactory,
        TenancyFactory,
    )

    person = PersonFactory(full_name="Rita Resident", email="rita@example.org")
    ContactPreferenceFactory(person=person, channel="email")
    return TenancyFactory(ref="T-RITA", lead_tenant=person)


@pytest.fixture
def resident(tenancy):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="rita",
        first_name="Rita",
        last_name="Resident",
        role=Role.RESIDENT,
        person=tenancy.lead_tenant,
    )


@pytest.fixture
def other_tenancy(db):  # type: ignore[no-untyped-def]
    from hearth.tenancies.tests.factories import PersonFactory, TenancyFactory

    return TenancyFactory(ref="T-OMAR", lead_tenant=PersonFactory(full_name="Omar Other"))


@pytest.fixture
def other_resident(other_tenancy):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="omar",
        first_name="Omar",
        last_name="Other",
        role=Role.RESIDENT,
        person=other_tenancy.lead_tenant,
    )


@pytest.fixture(autouse=True)
def measures_reconcile_with_their_cases(request, monkeypatch):  # type: ignore[no-untyped-def]
    """In every measures test (a `test_measures.py`), each figure computed for the whole
    landlord is checked against the cases its domain lists behind it (the dashboard's
    drill-down), so a case list cannot drift from its measure: for a percentage, the counted
    cases are the numerator and all of them the denominator; for an average, the cases'
    amounts sum to the numerator and they are the denominator; for a rate, the cases are the
    numerator; for a money measure (cases with amounts), the counted amounts sum to the
    numerator."""
    if (
        request.node.fspath.basename != "test_measures.py"
        or request.node.get_closest_marker("django_db") is None
    ):
        yield
        return
    from decimal import Decimal

    from hearth.core import measures

    evaluate = measures.MeasureRegistry.evaluate

    def checked(self, definition, period, homes, targets, scope=None):  # type: ignore[no-untyped-def]
        found = evaluate(self, definition, period, homes, targets, scope)
        rows = self.cases(definition.id, period) if scope is None and found["numerator"] is not None else None  # fmt: skip
        if rows is None:
            return found
        numerator, denominator = Decimal(str(found["numerator"])), Decimal(str(found["denominator"]))  # fmt: skip
        counted = [r for r in rows if r.counted]
        amounts = any(r.amount is not None for r in rows)
        if definition.kind is measures.Kind.RATE_PER_1000:
            assert len(rows) == numerator, f"{definition.id}: {len(rows)} cases, numerator {numerator}"  # fmt: skip
        elif definition.kind is measures.Kind.AVERAGE:
            total = sum(Decimal(str(r.amount or 0)) for r in rows)
            assert (total, len(rows)) == (numerator, denominator), f"{definition.id}: cases do not add up"  # fmt: skip
        elif amounts:
            total = sum(Decimal(str(r.amount or 0)) for r in counted)
            assert total == numerator, f"{definition.id}: counted amounts {total}, numerator {numerator}"  # fmt: skip
        else:
            assert (len(counted), len(rows)) == (numerator, denominator), f"{definition.id}: cases {len(counted)}/{len(rows)}, figure {numerator}/{denominator}"  # fmt: skip
        return found

    monkeypatch.setattr(measures.MeasureRegistry, "evaluate", checked)
    yield
