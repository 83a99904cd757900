"""Money on repair pages and in repair messages is written the GOV.UK way, "£1,250.00", with
the one shared `money` format (issue #14)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from hearth.accounts.tests.otp import sign_in_verified
from hearth.core.models import Message
from hearth.repairs import services
from hearth.repairs.tests.factories import london, make_repair

pytestmark = pytest.mark.django_db


def _charged(tenancy, manager):  # type: ignore[no-untyped-def]
    repair = make_repair(reported_at=london(2025, 6, 2, 9), home=tenancy.home, tenancy=tenancy)
    recharge = services.raise_recharge(
        repair=repair, actor=manager, reason="Door kicked in", amount=Decimal("1250")
    )
    services.decide_recharge(recharge=recharge, actor=manager, charge=True)
    return repair


def test_a_recharge_message_shows_the_amount_with_a_thousands_comma(tenancy, manager) -> None:
    _charged(tenancy, manager)
    [message] = Message.objects.filter(purpose="repair_recharge")
    assert "£1,250.00" in message.body
    assert "£1250" not in message.body


def test_the_staff_repair_page_shows_the_recharge_with_a_thousands_comma(
    client, tenancy, manager
) -> None:
    repair = _charged(tenancy, manager)
    sign_in_verified(client, manager)
    response = client.get(reverse("repairs:repair", args=[repair.ref]))
    page = response.content.decode()
    assert "Recharge £1,250.00" in page
    assert "£1250" not in page
