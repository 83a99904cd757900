"""What involvement removes for a former tenant being anonymised (`hearth.core.retention`):
their register of interest, with the ways and methods they chose and their diversity answers.
Survey answers stay (they are counted for the TSM returns and name no one)."""

from __future__ import annotations

from hearth.core import retention
from hearth.involvement.models import Interest


@retention.forget_people
def register_of_interest(person_ids: list[int]) -> None:
    Interest.objects.filter(person_id__in=person_ids).delete()
