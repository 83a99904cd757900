from __future__ import annotations

import pytest


@pytest.fixture
def estate_officer(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="estates", first_name="Esme", last_name="Estates", role=Role.ESTATE_OFFICER)  # fmt: skip


@pytest.fixture
def coordinator(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="coordinator", role=Role.REPAIRS_COORDINATOR)
