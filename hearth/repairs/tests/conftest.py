from __future__ import annotations

import pytest


@pytest.fixture
def coordinator(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="coordinator", first_name="Cleo", last_name="Coordinator",
                       role=Role.REPAIRS_COORDINATOR)  # fmt: skip


@pytest.fixture
def plumber(operative):  # type: ignore[no-untyped-def]
    """The `operative` persona as a plumber taking two jobs a morning and two an afternoon."""
    from hearth.repairs.tests.factories import OperativeFactory

    return OperativeFactory(user=operative, trade="plumber", am_capacity=2, pm_capacity=2)
