# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""Every resident message about a repair has a Turkish wording on every channel, with the
repair's reference and every detail the English one gives (issue #14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from hearth.core.models import Landlord
from hearth.core.notifications_render import render
from hearth.repairs.tests.factories import london, make_repair

pytestmark = pytest.mark.django_db
PURPOSES = [
    "repair_reported", "repair_appointment_booked", "repair_appointment_cancelled",
    "repair_appointment_reminder", "repair_on_the_way", "repair_no_access",
    "repair_further_work", "repair_completed", "repair_cancelled", "repair_recharge",
    "repair_update",
]  # fmt: skip


@pytest.mark.parametrize("channel", ["email", "sms", "letter"])
def test_every_repair_message_reads_in_turkish_on_every_channel(channel: str) -> None:
    repair = make_repair(reported_at=london(2026, 2, 23, 9, 30), ref="R-TR001")
    context = {
        "landlord": Landlord.current(), "name": "Ayşe Yılmaz", "repair": repair,
        "case_ref": repair.ref, "case_url": "https://example.org/repairs/R-TR001/",
        "channel": channel,
        "appointment": SimpleNamespace(date=date(2026, 12, 8), get_slot_display="WHEN-TEXT"), "calendar_url": "https://example.org/ics",
        "by_resident": False, "reason": "REASON-TEXT", "further_work": "FURTHER-TEXT",
        "trade_label": "Plumber", "card_left": True, "eta": "10:30am", "update": "UPDATE-TEXT",
        "recharge": SimpleNamespace(amount=Decimal("85.00"), reason="RECHARGE-REASON"),
        "priority_label": "Routine",
    }  # fmt: skip
    for purpose in PURPOSES:
        english = render(purpose=purpose, channel=channel, language="en-gb", context=context)
        turkish = render(purpose=purpose, channel=channel, language="tr", context=context)
        assert "{" not in turkish.subject + turkish.body, purpose
        assert turkish.subject != english.subject and turkish.body != english.body, purpose
        for detail in ("R-TR001", "WHEN-TEXT", "REASON-TEXT", "FURTHER-TEXT", "UPDATE-TEXT",
                       "8 December 2026", "£85.00"):  # fmt: skip
            if detail in english.subject + english.body:
                in_turkish = detail.replace("December", "Aralık")
                assert in_turkish in turkish.subject + turkish.body, (purpose, detail)
        if channel == "sms":
            assert len(turkish.body) <= 480, (purpose, len(turkish.body))
        else:
            assert turkish.body.startswith("Sayın Ayşe Yılmaz,"), purpose
            assert ("Saygılarımızla," in turkish.body) == (channel == "letter"), purpose
            if purpose == "repair_further_work":  # the trade in Turkish, not "plumber"
                assert "Bu iş için gereken usta: tesisatçı." in turkish.body
            if purpose == "repair_reported":  # the priority in Turkish, not "Routine"
                assert "Ne kadar acil: normal\n" in turkish.body
