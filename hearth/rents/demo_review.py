"""Demo landlord: last April's rent review. Every home gets a rent setting (mostly social
rent with a formula rent and the rent cap for its size, a few affordable rents, a few with
no formula rent yet); the review of the current rent year is worked out by the real rules
(September CPI 1.8%), the board's 2.7% rise is recorded as an adjustment within the limit,
the income manager's review is approved by the administrator, and every tenancy's notice of
variation went out five weeks before the first Monday in April. The new rates are the ones
the rent history step charged all year. Bulk inserts throughout."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from hearth.accounts.models import User
from hearth.core import bulk
from hearth.core.demo import DemoContext, demo_step
from hearth.core.timeline import Event, record_many
from hearth.estates.models import Home
from hearth.rents.charges import RateBook
from hearth.rents.demo_payments import money
from hearth.rents.models import (
    HomeRentSetting,
    NoticeStatus,
    RentReview,
    RentReviewLine,
    RentType,
    ReviewNotice,
    ReviewStatus,
)
from hearth.rents.services.review import _propose
from hearth.rents.weeks import rent_year_of, rent_year_start
from hearth.tenancies.models import MemberRole, TenancyMember

DEMO_CPI = Decimal("1.8")
# Demo figures for the weekly rent caps by bedrooms (not the published ones).
CAPS = {0: "190.00", 1: "190.00", 2: "201.00", 3: "212.00", 4: "223.00", 5: "234.00"}
CHANNEL_WORDS = {"email": "email", "sms": "text", "letter": "letter"}


@demo_step(order=97)
def last_aprils_review(ctx: DemoContext) -> None:
    rng = ctx.rng
    tick = ctx.tick("Rent: last April's rent review", 3)
    year = rent_year_of(ctx.today)
    april = rent_year_start(year)
    book = RateBook.load()
    settings = []
    for pk, bedrooms in Home.objects.order_by("pk").values_list("pk", "bedrooms"):
        rent, service = book.rates_on(pk, april)
        roll = rng.random()
        cap = Decimal(CAPS.get(min(bedrooms or 1, 5), "190.00"))
        if roll < 0.03:
            settings.append(HomeRentSetting(home_id=pk, rent_type=RentType.SOCIAL, rent_cap=cap))
        elif roll < 0.06:
            market = money(rent * Decimal(str(rng.uniform(1.4, 1.7))))
            settings.append(HomeRentSetting(home_id=pk, rent_type=RentType.AFFORDABLE,
                                            rent_cap=money(market * Decimal("0.8")) + service))  # fmt: skip
        else:
            formula = money(rent * Decimal(str(rng.uniform(0.97, 1.12))))
            settings.append(HomeRentSetting(home_id=pk, rent_type=RentType.SOCIAL,
                                            formula_rent=formula, rent_cap=cap))  # fmt: skip
    bulk.insert(HomeRentSetting, settings, ignore_conflicts=True)
    tick(1)

    manager = User.objects.filter(username="manager").first()
    approver = User.objects.filter(username="admin").first()
    zone = timezone.get_current_timezone()
    started = datetime.combine(april - timedelta(days=60), time(10, 12), zone)
    approved = datetime.combine(april - timedelta(days=45), time(15, 40), zone)
    sent_on = april - timedelta(days=35)
    review = RentReview.objects.create(
        ref=f"RR-{year}", rent_year=year, september_cpi=DEMO_CPI, effective_from=april,
        created_by=manager, created_at=started, submitted_by=manager,
        submitted_at=started + timedelta(days=10), notices_sent_on=sent_on,
    )  # fmt: skip
    _propose(review)
    lines = list(review.lines.all())
    adjusted = []
    for line in lines:
        charged, _service = book.rates_on(line.home_id, april)
        if (
            charged != line.new_rent
            and line.maximum_rent is not None
            and charged <= line.maximum_rent
        ):
            line.new_rent = charged
            line.adjusted_by = manager
            line.adjusted_at = started + timedelta(days=7)
            line.adjustment_reason = (
                "The board set this year's rise at 2.7%, below the CPI + 1% limit."
            )
            adjusted.append(line)
        line.applied_on = sent_on
    bulk.update_columns(
        RentReviewLine,
        lines,
        ["new_rent", "adjusted_by", "adjusted_at", "adjustment_reason", "applied_on"],
    )
    tick(1)

    channels = dict(
        TenancyMember.objects.filter(role=MemberRole.LEAD_TENANT).values_list(
            "tenancy_id", "person__contact_preference__channel"
        )
    )
    bulk.insert(ReviewNotice,
        [
            ReviewNotice(review=review, line=line, tenancy_id=line.tenancy_id, status=NoticeStatus.SENT,
                         sent_on=sent_on, channels=CHANNEL_WORDS.get(channels.get(line.tenancy_id) or "", "letter"))
            for line in lines
            if line.tenancy_id is not None
        ],
    )  # fmt: skip
    review.status = ReviewStatus.APPROVED
    review.approved_by = approver
    review.approved_at = approved
    review.save(update_fields=["status", "approved_by", "approved_at"])
    noticed = sum(1 for line in lines if line.tenancy_id is not None)
    events = [
        Event(review, "review_created", f"Review started: September CPI {DEMO_CPI}%, new rents from "
              f"{april:%-d %B %Y}; Hearth proposed rents for {len(lines)} homes.", manager, occurred_at=started),
        Event(review, "rent_adjusted", f"{len(adjusted)} rents set at the board's 2.7% rise, below the "
              "CPI + 1% limit.", manager, occurred_at=started + timedelta(days=7)),
        Event(review, "review_submitted", "Sent for approval.", manager, occurred_at=started + timedelta(days=10)),
        Event(review, "review_approved", "Approved.", approver, occurred_at=approved),
        Event(review, "notices_sent", f"Notices of variation on {sent_on:%-d %B %Y}: {noticed} sent in time, "
              "0 too late, 0 could not be sent.", manager,
              occurred_at=datetime.combine(sent_on, time(9, 5), zone)),
    ]  # fmt: skip
    record_many(events)
    tick(1)
