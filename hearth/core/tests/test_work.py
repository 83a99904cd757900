"""My work's sources build hundreds of items a visit; `url_for` reverses each kind of URL once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hearth.core.work import url_for


@pytest.mark.parametrize(
    ("name", "arg"),
    [
        ("safety:home", 42),  # <int:pk>
        ("repairs:repair", "R-000123"),  # <str:ref>
        ("repairs:repair", "R 12?&#ü%"),  # what reverse quotes, it quotes the same
        ("safety:drilldown", "gas-safety"),  # <slug:code>
    ],
)
def test_url_for_gives_what_reverse_gives(name: str, arg: object) -> None:
    assert url_for(name)(arg) == reverse(name, args=[arg])


def test_url_for_puts_each_rows_argument_in_place() -> None:
    url = url_for("repairs:repair")
    assert [url(ref) for ref in ("R-1", "R-2")] == [
        reverse("repairs:repair", args=["R-1"]),
        reverse("repairs:repair", args=["R-2"]),
    ]
