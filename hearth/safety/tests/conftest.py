from __future__ import annotations

import pytest


@pytest.fixture
def coordinator(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="coordinator", first_name="Cleo", last_name="Coordinator",
                       role=Role.REPAIRS_COORDINATOR)  # fmt: skip


@pytest.fixture
def income_officer(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="ivy", first_name="Ivy", last_name="Income",
                       role=Role.INCOME_OFFICER)  # fmt: skip
