# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""The copy of a gas or electrical safety record, in Turkish on every channel (issue #14)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.core.models import Landlord
from hearth.core.notifications_render import render

pytestmark = pytest.mark.django_db


def _context(kind: str, outcome: str) -> dict:
    # As the services give it: the kind and outcome in English, mapped to Turkish by the template;
    # the dates as dates, written in Turkish when the message is rendered.
    gas = kind == "gas"
    return {
        "landlord": Landlord.current(), "name": "Ayşe Yılmaz", "address": "12 Ash Court",
        "record_name": "gas safety record" if gas else "electrical safety report",
        "what": "gas appliances" if gas else "electrical installation",
        "done_on": date(2026, 12, 8), "next_due_on": date(2027, 12, 7), "outcome": outcome,
    }  # fmt: skip


@pytest.mark.parametrize("channel", ["email", "sms", "letter"])
def test_a_gas_record_copy_reads_in_turkish(channel: str) -> None:
    copy = render(purpose="safety_record_copy", channel=channel, language="tr",
                  context=_context("gas", "satisfactory"))  # fmt: skip
    assert copy.subject == "12 Ash Court adresi için gaz güvenliği kaydınız"
    assert "8 Aralık 2026 tarihinde" in copy.body and "gaz cihazlarını kontrol ettik" in copy.body
    assert "Sonuç: uygun." in copy.body
    if channel != "sms":
        assert (
            copy.body.startswith("Sayın Ayşe Yılmaz,")
            and "en geç 7 Aralık 2027 tarihinde" in copy.body
        )


def test_an_electrical_report_copy_reads_in_turkish() -> None:
    copy = render(purpose="safety_record_copy", channel="letter", language="tr",
                  context=_context("electrical", "unsatisfactory"))  # fmt: skip
    assert copy.subject == "12 Ash Court adresi için elektrik güvenliği raporunuz"
    assert "elektrik tesisatını kontrol ettik" in copy.body and "Sonuç: uygun değil." in copy.body
