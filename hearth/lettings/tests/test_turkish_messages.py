# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""The welcome to a new home, in Turkish on every channel (issue #14)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from hearth.core.models import Landlord
from hearth.core.notifications_render import render

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("channel", ["email", "sms", "letter"])
def test_the_welcome_to_a_new_home_reads_in_turkish(channel: str) -> None:
    context = {
        "landlord": Landlord.current(), "name": "Ayşe Yılmaz", "home": "Flat 4, 12 Ash Court",
        "tenancy": SimpleNamespace(ref="T-AYSE"), "start": date(2026, 12, 8),
        "payment_reference": "PAY-4410",
    }  # fmt: skip
    welcome = render(purpose="lettings_welcome", channel=channel, language="tr", context=context)
    assert welcome.subject == "Yeni evinize hoş geldiniz"
    assert "Flat 4, 12 Ash Court adresindeki yeni evinize hoş geldiniz" in welcome.body
    assert "8 Aralık 2026 tarihinde başlıyor" in welcome.body and "PAY-4410" in welcome.body
    if channel != "sms":
        assert welcome.body.startswith("Sayın Ayşe Yılmaz,") and "T-AYSE" in welcome.body
