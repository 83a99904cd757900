"""The timeline's summaries are written when read, from the verb and details, where a domain
registered how its verb reads; otherwise the stored summary is shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils.translation import gettext_lazy

from hearth.core import timeline
from hearth.core.models import Landlord
from hearth.core.timeline import EVERY_APP, register_summary, summary_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered() -> Iterator[None]:
    register_summary("core", "test_text", gettext_lazy("Moved to %(where)s"))
    register_summary("core", "test_function", lambda d: f"{d['n']} done")
    register_summary(EVERY_APP, "test_anywhere", lambda d: "for every case")
    yield
    for key in ("core:test_text", "core:test_function", f"{EVERY_APP}:test_anywhere"):
        timeline._summaries.unregister(key)


def _event(verb: str, details: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    return timeline.record(Landlord.current(), verb=verb, summary="As stored", details=details)


def test_a_registered_text_or_function_writes_the_summary_from_the_details(registered) -> None:
    assert summary_of(_event("test_text", {"where": "Flat 2"})) == "Moved to Flat 2"
    assert summary_of(_event("test_function", {"n": 3})) == "3 done"
    assert summary_of(_event("test_anywhere")) == "for every case"


def test_a_verb_nobody_registered_or_an_event_missing_a_detail_reads_as_stored(
    registered,
) -> None:
    assert summary_of(_event("test_unknown", {"where": "Flat 2"})) == "As stored"
    assert summary_of(_event("test_text")) == "As stored"
    assert summary_of(_event("test_function", {"m": 3})) == "As stored"


def test_a_domain_cannot_take_a_verb_another_registration_holds(registered) -> None:
    with pytest.raises(ValueError):
        register_summary("core", "test_text", gettext_lazy("Something else"))
