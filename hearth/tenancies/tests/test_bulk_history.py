"""Bulk writes of records that keep history (`hearth.core.bulk`): each record gets one history
row, with the values it was written with, the kind of change and who made it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hearth.core import bulk
from hearth.tenancies.models import Person

pytestmark = pytest.mark.django_db


def test_bulk_create_writes_one_history_row_per_record_with_its_values(officer: Any) -> None:
    people = [
        Person(full_name="Ayşe Demir", ref="P1", date_of_birth=date(1980, 2, 29)),
        Person(full_name="Tom Okafor", ref="P2"),
    ]

    bulk.create(Person, people, actor=officer)

    assert all(person.pk for person in people)
    rows = list(
        Person.history.order_by("history_id").values_list(  # type: ignore[attr-defined]
            "id", "full_name", "ref", "date_of_birth", "history_type", "history_user_id"
        )
    )
    assert rows == [
        (people[0].pk, "Ayşe Demir", "P1", date(1980, 2, 29), "+", officer.pk),
        (people[1].pk, "Tom Okafor", "P2", None, "+", officer.pk),
    ]


def test_bulk_update_writes_the_new_values_as_a_change_by_nobody_when_hearth_did_it() -> None:
    people = [Person(full_name="Ayşe Demir", ref="P1"), Person(full_name="Tom Okafor", ref="P2")]
    bulk.create(Person, people)
    people[1].phone = "020 7946 0000"

    bulk.update(Person, people[1:], ["phone"])

    assert Person.objects.get(ref="P2").phone == "020 7946 0000"
    assert Person.objects.get(ref="P1").phone == ""
    changes = list(
        Person.history.filter(history_type="~").values_list(  # type: ignore[attr-defined]
            "id", "phone", "history_user_id"
        )
    )
    assert changes == [(people[1].pk, "020 7946 0000", None)]
    assert Person.history.filter(history_type="+").count() == 2  # type: ignore[attr-defined]
