from __future__ import annotations

import pytest


@pytest.fixture
def complaints_officer(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="cara", first_name="Cara", last_name="Complaints", role=Role.COMPLAINTS_OFFICER
    )


@pytest.fixture
def second_officer(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(
        username="sol", first_name="Sol", last_name="Second", role=Role.COMPLAINTS_OFFICER
    )
