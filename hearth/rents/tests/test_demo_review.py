"""The demo includes last April's rent review, consistent with the rents charged all year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from hearth.rents import rules_rent_standard as rs
from hearth.rents.models import (
    ChargeRate,
    HomeRentSetting,
    NoticeStatus,
    RentReview,
    ReviewStatus,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_last_aprils_review_approved_noticed_and_charged():
    call_command("demo", "--homes", "60", "--today", "2026-11-26", stdout=StringIO())
    review = RentReview.objects.get()
    assert (review.ref, review.effective_from, review.status) == (
        "RR-2026",
        date(2026, 4, 6),
        ReviewStatus.APPROVED,
    )
    assert review.approved_by != review.created_by
    assert review.notices.exclude(status=NoticeStatus.SENT).count() == 0
    assert review.notices.filter(sent_on__gt=date(2026, 3, 9)).count() == 0  # 28 days before
    settings = {s.home_id: s for s in HomeRentSetting.objects.all()}
    for line in review.lines.all():
        rate = ChargeRate.objects.get(home_id=line.home_id, effective_from=date(2026, 4, 6))
        assert (rate.weekly_rent, rate.weekly_service_charge) == (
            line.new_rent,
            line.new_service_charge,
        )
        setting = settings[line.home_id]
        facts = rs.HomeFacts(rs.RentType(setting.rent_type), line.current_rent, setting.formula_rent,
                             setting.rent_cap, line.current_service_charge, line.new_service_charge)  # fmt: skip
        assert rs.within_rent_standard(facts, line.new_rent, september_cpi=Decimal("1.8"),
                                       effective_from=date(2026, 4, 6))  # fmt: skip
    assert review.lines.count() == 60
