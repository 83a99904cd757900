# ruff: noqa: RUF001, RUF002  (Turkish text: its dotless i is meant)
"""Rent messages and letters are given dates and amounts, and write them when they are
rendered, in the reader's language: "Tuesday 8 December 2026" and "Salı 8 Aralık 2026",
"8 Dec 2026" and "8 Ara 2026" in tables and texts. Amounts are written the same way in both
languages ("£1,234.50"), as the portal, the bank and the rent account show them (issue #14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from hearth.core.models import Landlord, Message
from hearth.core.notifications_render import render
from hearth.rents.models import ArrearsCase, Kind
from hearth.rents.services import casework, recovery
from hearth.rents.tests.factories import make_account, post, pretend_today
from hearth.rents.tests.test_turkish_messages import _context as rent_message_context
from hearth.tenancies.tests.factories import ContactPreferenceFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _context(channel: str) -> dict:  # type: ignore[type-arg]
    line = SimpleNamespace(date=date(2026, 12, 7), description="Rent", charge=D("101.50"),
                           credit=D("0"), balance=D("1234.50"))  # fmt: skip
    statement = SimpleNamespace(
        period_from=date(2026, 10, 1), period_to=date(2026, 12, 31),
        opening_balance=D("-20.00"), total_charges=D("1319.50"), total_credits=D("65.00"),
        closing_balance=D("1234.50"), lines=[line],
    )  # fmt: skip
    return {
        **rent_message_context(channel), "balance": D("1234.50"), "weekly_charge": D("101.50"),
        "weekly_total": D("121.50"), "reply_by": date(2026, 12, 8), "statement": statement,
        "plan": SimpleNamespace(starts_on=date(2026, 12, 14), weekly_instalment=D("20.00")),
    }  # fmt: skip


def _both(purpose: str, channel: str) -> tuple[str, str]:
    english = render(purpose=purpose, channel=channel, language="en-gb", context=_context(channel))
    turkish = render(purpose=purpose, channel=channel, language="tr", context=_context(channel))
    return english.subject + "\n" + english.body, turkish.subject + "\n" + turkish.body


@pytest.mark.parametrize("number", [1, 2])
def test_an_arrears_letter_gives_the_reply_date_and_the_arrears_in_the_readers_language(
    number: int,
) -> None:
    english, turkish = _both(f"rent_arrears_letter_{number}", "letter")
    assert "Please contact us by Tuesday 8 December 2026" in english
    assert "en geç Salı 8 Aralık 2026 günü" in turkish
    assert "£1,234.50" in english and "£1,234.50" in turkish
    assert "£101.50 a week" in english and "bedeliniz £101.50." in turkish
    english, turkish = _both(f"rent_arrears_letter_{number}", "sms")
    assert "is £1,234.50 in arrears. Please contact us by 8 Dec 2026" in english
    assert "£1,234.50 borç var." in turkish and "8 Ara 2026 tarihine kadar" in turkish
    assert "December" not in turkish and "Dec " not in turkish


def test_a_payment_plan_gives_its_first_week_in_the_readers_language() -> None:
    english, turkish = _both("rent_payment_plan", "email")
    assert "You owe £1,234.50. From Monday 14 December 2026 please pay each week:" in english
    assert "- plus £20.00 towards the arrears\nThat is £121.50 a week in all." in english
    assert "Borcunuz £1,234.50. Pazartesi 14 Aralık 2026 gününden itibaren" in turkish
    assert "Toplam haftada £121.50." in turkish
    english, turkish = _both("rent_payment_plan", "sms")
    assert "(rent £101.50 + £20.00 towards arrears of £1,234.50) from 14 Dec 2026." in english
    assert "14 Ara 2026 tarihinden itibaren haftada £121.50" in turkish


def test_a_statement_gives_its_period_and_its_lines_in_the_readers_language() -> None:
    english, turkish = _both("rent_statement", "letter")
    assert english.startswith("Your rent statement, 1 October 2026 to 31 December 2026\n")
    assert turkish.startswith("Kira hesap özetiniz, 1 Ekim 2026 - 31 Aralık 2026\n")
    assert "Balance on 1 October 2026: £20.00 in credit" in english
    assert "1 Ekim 2026 tarihindeki bakiye: £20.00 alacak" in turkish
    assert "7 Dec 2026 | Rent | £101.50 | £0.00 | £1,234.50 owed" in english
    assert "7 Ara 2026 | Rent | £101.50 | £0.00 | £1,234.50 borç" in turkish
    english, turkish = _both("rent_statement", "sms")
    assert "your rent statement to 31 Dec 2026." in english
    assert "31 Ara 2026 tarihine kadarki" in turkish


def _notice_context(**extra: object) -> dict:  # type: ignore[type-arg]
    tenancy = SimpleNamespace(ref="T-AYSE", tenure="assured",
                              rent_account=SimpleNamespace(payment_reference="PAY-7781"))  # fmt: skip
    return {
        "landlord": Landlord.current(), "name": "Ayşe Yılmaz", "large_print": False,
        "home": SimpleNamespace(address="Flat 4, 12 Ash Court"), "tenancy": tenancy,
        "effective_from": date(2027, 4, 5), "report_from": date(2027, 4, 5),
        "report_by": date(2027, 5, 1), "old_rent": D("1000.00"), "new_rent": D("1047.00"),
        "old_service_charge": D("5.00"), "new_service_charge": D("4.50"),
        "old_total": D("1005.00"), "new_total": D("1051.50"), "rent_change": D("47.00"),
        "service_charge_change": D("-0.50"), "items": [], "site_url": "https://example.org",
        **extra,
    }  # fmt: skip


def test_the_rent_review_notice_gives_its_dates_and_amounts_in_the_readers_language() -> None:
    for turkish_flag in (False, True):  # a "Türkçe" preference asks for it by the flag
        context = _notice_context(channel="letter", turkish=turkish_flag)
        english = render(purpose="rent_review_notice", channel="letter", language="en-gb",
                         context=context)  # fmt: skip
        turkish = render(purpose="rent_review_notice", channel="letter", language="tr",
                         context=context)  # fmt: skip
        assert (
            turkish.subject == "5 Nisan 2027 tarihinden itibaren yeni kiranız ve hizmet bedeliniz"
        )
        assert "Pazartesi 5 Nisan 2027 gününden itibaren" in turkish.body
        assert "Haftalık toplam:           £1,005.00       £1,051.50" in turkish.body
        assert "en geç 1 Mayıs 2027 tarihine kadar" in turkish.body
        assert "April" not in turkish.body and "May 2027" not in turkish.body
        if turkish_flag:
            assert english == turkish
    english = render(purpose="rent_review_notice", channel="letter", language="en-gb",
                     context=_notice_context(channel="letter"))  # fmt: skip
    assert english.subject == "Your new rent and service charge from 5 April 2027"
    assert "From Monday 5 April 2027 your weekly rent" in english.body
    assert "Total each week:        £1,005.00      £1,051.50" in english.body
    assert "by 1 May 2027 at the latest" in english.body
    sms = _notice_context(channel="sms")
    english = render(purpose="rent_review_notice", channel="sms", language="en-gb", context=sms)
    turkish = render(purpose="rent_review_notice", channel="sms", language="tr", context=sms)
    assert "from 5 Apr 2027 your rent and service charge will be £1,051.50 a week" in english.body
    assert "between 5 Apr 2027 and 1 May 2027." in english.body
    assert "5 Nis 2027 tarihinden itibaren" in turkish.body
    assert "£1,005.00 yerine £1,051.50 olacak" in turkish.body
    assert "5 Nis 2027 ile 1 May 2027 arasında" in turkish.body


def test_a_turkish_tenant_is_sent_the_arrears_letter_and_plan_with_turkish_dates(
    officer,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    # Rent of £100.00 charged on Mondays 7 and 14 December 2026, nothing paid: £200.00 owed.
    pretend_today(monkeypatch, date(2026, 12, 16))
    account = make_account(start=date(2026, 12, 7), weekly_rent="100.00")
    ContactPreferenceFactory(person=account.tenancy.lead_tenant, channel="letter",
                             language="Turkish")  # fmt: skip
    post(account, date(2026, 12, 7), Kind.RENT, "100.00")
    post(account, date(2026, 12, 14), Kind.RENT, "100.00")
    case = ArrearsCase.objects.get(account=account)
    recovery.send_arrears_letter(case=case, number=1, actor=officer)
    letter = Message.objects.get(purpose="rent_arrears_letter_1")
    # 16 December + 14 days = Wednesday 30 December 2026.
    assert letter.language == "tr"
    assert "£200.00 borcunuz bulunuyor" in letter.body
    assert "en geç Çarşamba 30 Aralık 2026 günü" in letter.body
    casework.agree_payment_plan(case=case, weekly_instalment=D("10.00"), starts_on=date(2026, 12, 21),
                        actor=officer)  # fmt: skip
    plan = Message.objects.get(purpose="rent_payment_plan")
    assert "Pazartesi 21 Aralık 2026 gününden itibaren" in plan.body
    assert "Toplam haftada £110.00." in plan.body
