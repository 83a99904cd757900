# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""Every resident message about rent has a Turkish wording on every channel, with the payment
reference, the amounts and Turkish dates (issue #14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from hearth.core.models import Landlord
from hearth.core.notifications_render import render

pytestmark = pytest.mark.django_db
PURPOSES = ["rent_arrears_letter_1", "rent_arrears_letter_2", "rent_payment_plan", "rent_statement"]


def _context(channel: str) -> dict:
    line = SimpleNamespace(
        date=date(2026, 3, 2), description="Kira", charge=Decimal("150.00"),
        credit=Decimal("0"), balance=Decimal("-20.00"),
    )  # fmt: skip
    statement = SimpleNamespace(
        period_from=date(2026, 1, 1), period_to=date(2026, 3, 31),
        opening_balance=Decimal("0"), total_charges=Decimal("1950.00"),
        total_credits=Decimal("1800.00"), closing_balance=Decimal("150.00"), lines=[line],
    )  # fmt: skip
    return {
        "landlord": Landlord.current(), "name": "Ayşe Yılmaz", "channel": channel,
        "payment_reference": "PAY-7781", "balance": Decimal("612.40"),
        "weekly_charge": Decimal("153.10"), "weekly_total": Decimal("173.10"),
        "reply_by": date(2026, 3, 17), "case_url": "https://example.org/rent/",
        "plan": SimpleNamespace(starts_on=date(2026, 3, 16), weekly_instalment=Decimal("20.00")),
        "statement": statement,
    }  # fmt: skip


@pytest.mark.parametrize("channel", ["email", "sms", "letter"])
def test_every_rent_message_reads_in_turkish_on_every_channel(channel: str) -> None:
    for purpose in PURPOSES:
        turkish = render(purpose=purpose, channel=channel, language="tr", context=_context(channel))
        text = turkish.subject + "\n" + turkish.body
        assert "{" not in text, purpose
        if (purpose, channel) != ("rent_statement", "sms"):  # the statement text has no ref
            assert "PAY-7781" in text, purpose
        if channel == "sms":
            assert len(turkish.body) <= 480, (purpose, len(turkish.body))
        else:
            assert turkish.body.startswith("Sayın Ayşe Yılmaz,"), purpose
            assert "Nasıl ödenir:" in turkish.body and "PAY-7781" in turkish.body, purpose


def test_arrears_letters_and_the_plan_give_turkish_dates_and_amounts() -> None:
    first = render(purpose="rent_arrears_letter_1", channel="letter", language="tr",
                   context=_context("letter"))  # fmt: skip
    assert "£612.40 borcunuz" in first.body and "Salı 17 Mart 2026" in first.body
    plan = render(purpose="rent_payment_plan", channel="email", language="tr",
                  context=_context("email"))  # fmt: skip
    assert "Pazartesi 16 Mart 2026 gününden itibaren" in plan.body
    assert "Toplam haftada £173.10." in plan.body


def test_a_statement_says_owed_and_in_credit_in_turkish() -> None:
    letter = render(purpose="rent_statement", channel="letter", language="tr",
                    context=_context("letter"))  # fmt: skip
    assert letter.subject == "Kira hesap özetiniz, 1 Ocak 2026 - 31 Mart 2026"
    assert "1 Ocak 2026 tarihindeki bakiye: £0.00\n" in letter.body
    assert "31 Mart 2026 tarihindeki bakiye: £150.00 borç\n" in letter.body
    assert "2 Mar 2026 | Kira | £150.00 | £0.00 | £20.00 alacak" in letter.body
    text = render(purpose="rent_statement", channel="sms", language="tr",
                  context=_context("sms"))  # fmt: skip
    assert "bakiye £150.00 borç." in text.body


def test_the_turkish_rent_review_notice_gives_the_helpline_how_to_pay_and_our_contacts() -> None:
    landlord = Landlord.current()
    landlord.phone = "020 7946 0000"
    tenancy = SimpleNamespace(
        ref="T-AYSE", tenure="assured",
        rent_account=SimpleNamespace(payment_reference="PAY-7781"),
    )  # fmt: skip
    context = {
        "landlord": landlord, "name": "Ayşe Yılmaz", "channel": "letter", "large_print": False,
        "home": SimpleNamespace(address="Flat 4, 12 Ash Court"), "tenancy": tenancy,
        "effective_from": date(2027, 4, 5), "report_from": date(2027, 4, 5),
        "report_by": date(2027, 4, 30), "old_rent": Decimal("100.00"),
        "new_rent": Decimal("104.80"), "old_service_charge": Decimal("5.00"),
        "new_service_charge": Decimal("5.00"), "old_total": Decimal("105.00"),
        "new_total": Decimal("109.80"), "rent_change": Decimal("4.80"),
        "service_charge_change": Decimal("0"), "items": [],
    }  # fmt: skip
    notice = render(purpose="rent_review_notice", channel="letter", language="tr", context=context)
    assert notice.subject == "5 Nisan 2027 tarihinden itibaren yeni kiranız ve hizmet bedeliniz"
    assert "Universal Credit yardım hattını arayın: 0800 328 5644." in notice.body
    assert "Ödeme referansınızı belirtin: PAY-7781." in notice.body
    assert "Telefon: 020 7946 0000" in notice.body
