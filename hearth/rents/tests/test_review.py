"""The annual rent review, end to end through its services: proposed within the Rent
Standard, adjusted, approved by a second person, told to every tenancy in time, and charged
by the weekly debit run from the effective date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.core.models import Message
from hearth.core.timeline import TimelineEvent
from hearth.estates.tests.factories import BlockFactory, HomeFactory
from hearth.rents.models import (
    ChargeRate,
    Kind,
    NoticeStatus,
    RentReview,
    ReviewNotice,
    ReviewStatus,
    ServiceChargeItem,
    Transaction,
)
from hearth.rents.services import review as reviews
from hearth.rents.services.debit_run import post_week
from hearth.rents.tests.factories import pretend_today
from hearth.tenancies.models import MemberRole, TenancyMember
from hearth.tenancies.tests.factories import (
    ContactPreferenceFactory,
    PersonFactory,
    TenancyFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal
APRIL_2027 = date(2027, 4, 5)  # the first Monday in April 2027


@pytest.fixture
def second_manager(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="manager2", first_name="Sam", last_name="Second", role=Role.MANAGER)


def let_home(*, rent: str = "100.00", service: str = "10.00", block=None, channel="email",
             language="English", large_print=False, email="tenant@example.org",
             start=date(2020, 4, 6)):  # type: ignore[no-untyped-def]  # fmt: skip
    home = HomeFactory(weekly_rent=D(rent), weekly_service_charge=D(service),
                       **({"block": block} if block else {}))  # fmt: skip
    person = PersonFactory(email=email, phone="")
    ContactPreferenceFactory(
        person=person, channel=channel, language=language, large_print=large_print
    )
    tenancy = TenancyFactory(home=home, lead_tenant=person, start_date=start)
    return home, tenancy, person


def test_the_first_monday_in_april_is_the_default_effective_date():
    assert reviews.default_effective_date(2027) == date(2027, 4, 5)
    assert reviews.default_effective_date(2030) == date(2030, 4, 1)


def test_a_home_rent_setting_is_kept_with_its_history_and_on_the_home_timeline(manager):
    home = HomeFactory()
    reviews.set_rent_setting(home=home, rent_type="social", formula_rent=D("110.00"),
                             rent_cap=D("190.00"), actor=manager)  # fmt: skip
    setting = reviews.set_rent_setting(home=home, rent_type="social", formula_rent=D("112.40"),
                                       rent_cap=D("190.00"), actor=manager, note="Revalued")  # fmt: skip
    assert setting.formula_rent == D("112.40")
    assert [h.formula_rent for h in setting.history.order_by("history_date")] == [
        D("110.00"),
        D("112.40"),
    ]
    assert (
        TimelineEvent.objects.filter(object_id=str(home.pk), verb="rent_setting_changed").count()
        == 2
    )


def test_hearth_proposes_each_rent_within_the_rent_standard_with_reasons_and_exceptions(manager):
    below, _, _ = let_home(rent="100.00")
    reviews.set_rent_setting(
        home=below, rent_type="social", formula_rent=D("110.00"), rent_cap=None, actor=manager
    )
    capped, _, _ = let_home(rent="100.00")
    reviews.set_rent_setting(
        home=capped,
        rent_type="social",
        formula_rent=D("120.00"),
        rent_cap=D("103.00"),
        actor=manager,
    )
    no_formula, _, _ = let_home(rent="100.00")

    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)

    assert review.effective_from == APRIL_2027
    lines = {line.home_id: line for line in review.lines.all()}
    # 100.00 x 1.048 = 104.80, plus £1 convergence in 2027 = 105.80 (below formula rent 110).
    assert lines[below.pk].proposed_rent == D("105.80")
    assert lines[below.pk].exceptions == []
    assert any("Convergence" in reason for reason in lines[below.pk].reasons)
    assert lines[capped.pk].proposed_rent == D("103.00")
    assert lines[capped.pk].exceptions == ["capped"]
    assert lines[no_formula.pk].proposed_rent == D("104.80")
    assert lines[no_formula.pk].exceptions == ["no_formula_rent"]
    assert TimelineEvent.objects.filter(object_id=str(review.pk), verb="review_created").exists()


def test_the_effective_date_must_be_a_monday_in_the_rent_year(manager):
    with pytest.raises(ValidationError) as error:
        reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager,
                              effective_from=date(2027, 4, 6))  # fmt: skip
    assert "Monday" in str(error.value)


def test_service_charges_change_per_block_and_per_service_at_cost(manager):
    block = BlockFactory()
    home_a, _, _ = let_home(service="10.00", block=block)
    other, _, _ = let_home(service="6.00")
    cleaning = ServiceChargeItem.objects.create(
        name="Cleaning", pays_for="Stairs", weekly_amount=D("4.00")
    )
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)

    reviews.add_service_charge_change(review=review, item=cleaning, new_weekly_amount=D("5.50"),
                                      reason="New cleaning contract", actor=manager)  # fmt: skip
    line_other = review.lines.get(home=other)
    assert line_other.new_service_charge == D("7.50")  # 6.00 + (5.50 - 4.00)
    # 7.50 is 25% more than 6.00: outside the rent limit, but flagged for the manager.
    assert "service_charge_above_limit" in line_other.exceptions

    reviews.add_service_charge_change(review=review, block=block, new_weekly_amount=D("12.00"),
                                      reason="Lift replaced", actor=manager)  # fmt: skip
    assert review.lines.get(home=home_a).new_service_charge == D("12.00")
    assert review.lines.get(home=other).new_service_charge == D("7.50")


def test_a_manager_adjusts_within_the_rules_and_the_adjustment_is_recorded(manager):
    home, _, _ = let_home(rent="100.00")
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    line = review.lines.get(home=home)

    with pytest.raises(ValidationError) as error:
        reviews.adjust_rent(line=line, new_rent=D("104.81"), reason="Round up", actor=manager)
    assert "at most £104.80" in str(error.value)

    reviews.adjust_rent(
        line=line, new_rent=D("103.00"), reason="Board froze rents at 3%", actor=manager
    )
    line.refresh_from_db()
    assert line.new_rent == D("103.00")
    assert line.proposed_rent == D("104.80")
    assert line.adjusted_by == manager
    event = TimelineEvent.objects.get(object_id=str(review.pk), verb="rent_adjusted")
    assert "£100.00 to £103.00" not in event.summary  # from the proposal, not the old rent
    assert "from £104.80 to £103.00" in event.summary
    assert "Board froze rents at 3%" in event.summary


def test_a_second_different_person_must_approve(manager, second_manager):
    let_home()
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.submit_review(review=review, actor=manager)

    with pytest.raises(ValidationError) as error:
        reviews.approve_review(review=review, actor=manager)
    assert "another manager" in str(error.value)

    reviews.approve_review(review=review, actor=second_manager)
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert review.approved_by == second_manager
    verbs = list(
        TimelineEvent.objects.filter(object_id=str(review.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs[-2:] == ["review_submitted", "review_approved"]


def test_an_empty_home_takes_its_new_rate_on_approval(manager, second_manager):
    empty = HomeFactory(weekly_rent=D("100.00"), weekly_service_charge=D("10.00"))
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.submit_review(review=review, actor=manager)
    reviews.approve_review(review=review, actor=second_manager)
    rate = ChargeRate.objects.get(home=empty, effective_from=APRIL_2027)
    assert (rate.weekly_rent, rate.weekly_service_charge) == (D("104.80"), D("10.00"))


def approved(manager, second_manager):  # type: ignore[no-untyped-def]
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.submit_review(review=review, actor=manager)
    return reviews.approve_review(review=review, actor=second_manager)


def test_notices_in_time_change_the_rent_and_the_debit_run_charges_it_from_the_effective_date(
    manager, second_manager, monkeypatch
):
    home, tenancy, person = let_home(rent="100.00", service="10.00")
    review = approved(manager, second_manager)
    assert not ChargeRate.objects.filter(home=home, effective_from=APRIL_2027).exists()

    pretend_today(monkeypatch, date(2027, 3, 8))  # the last day: 28 days before 5 April
    counts = reviews.send_notices(review=review, actor=manager)

    assert counts == {NoticeStatus.SENT: 1}
    notice = ReviewNotice.objects.get(review=review, tenancy=tenancy)
    assert (notice.status, notice.sent_on, notice.channels) == (
        NoticeStatus.SENT,
        date(2027, 3, 8),
        "email",
    )
    message = Message.objects.get(person=person, purpose="rent_review_notice")
    assert message.subject == "Your new rent and service charge from 5 April 2027"
    assert "£100.00      £104.80" in message.body
    assert "goes up by £4.80" in message.body
    assert "on or after 5 April 2027, not before, and by 2 May 2027" in message.body
    # GOV.UK's words for Universal Credit: report a change of circumstances in your account.
    assert (
        "Sign in to your Universal Credit account and report a change of circumstances on or "
        "after 5 April 2027" in message.body
    )
    assert "journal" not in message.body
    assert "section 103 of the Housing Act 1985" in message.body

    post_week(week_commencing=date(2027, 3, 29))
    post_week(week_commencing=APRIL_2027)
    rents = list(Transaction.objects.filter(account__tenancy=tenancy, kind=Kind.RENT)
                 .order_by("date").values_list("date", "amount"))  # fmt: skip
    assert rents == [(date(2027, 3, 29), D("100.00")), (APRIL_2027, D("104.80"))]


def test_a_late_notice_keeps_the_old_rent_and_is_listed_for_action(
    manager, second_manager, monkeypatch
):
    home, tenancy, _ = let_home(rent="100.00")
    review = approved(manager, second_manager)
    pretend_today(monkeypatch, date(2027, 3, 9))  # 27 days before: too late
    assert reviews.send_notices(review=review, actor=manager) == {NoticeStatus.LATE: 1}
    # Nothing is sent: a notice saying the rent changes on 5 April would be untrue.
    assert not Message.objects.filter(purpose="rent_review_notice").exists()
    notice = ReviewNotice.objects.get(review=review, tenancy=tenancy)
    assert (
        notice.detail
        == "Not sent: notices had to go by 8 March 2027. The rent stays at £100.00 a week."
    )
    assert not ChargeRate.objects.filter(home=home, effective_from=APRIL_2027).exists()
    post_week(week_commencing=APRIL_2027)
    assert Transaction.objects.get(account__tenancy=tenancy, kind=Kind.RENT).amount == D("100.00")


def test_a_notice_that_could_not_be_sent_can_be_delivered_by_hand_in_time(
    manager, second_manager, monkeypatch
):
    # A tenancy starting on 1 March 2027, with no email: on 1 February there is no address.
    home, tenancy, _ = let_home(rent="100.00", email="", start=date(2027, 3, 1))
    review = approved(manager, second_manager)
    pretend_today(monkeypatch, date(2027, 2, 1))
    assert reviews.send_notices(review=review, actor=manager) == {NoticeStatus.NOT_SENT: 1}
    notice = ReviewNotice.objects.get(review=review, tenancy=tenancy)
    assert notice.status == NoticeStatus.NOT_SENT
    assert not ChargeRate.objects.filter(home=home, effective_from=APRIL_2027).exists()
    reviews.record_hand_delivery(notice=notice, delivered_on=date(2027, 2, 1), actor=manager)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert ChargeRate.objects.get(home=home, effective_from=APRIL_2027).weekly_rent == D("104.80")


def test_each_joint_tenant_is_sent_the_notice_in_their_language_and_print(
    manager, second_manager, monkeypatch
):
    _, tenancy, _ = let_home(channel="letter", language="Turkish", large_print=True)
    joint = PersonFactory(full_name="Jo Joint", email="jo@example.org", phone="")
    ContactPreferenceFactory(person=joint, channel="email", large_print=False)
    TenancyMember.objects.create(tenancy=tenancy, person=joint, role=MemberRole.JOINT_TENANT)
    review = approved(manager, second_manager)
    pretend_today(monkeypatch, date(2027, 2, 1))
    reviews.send_notices(review=review, actor=manager)

    messages = {m.person_id: m for m in Message.objects.filter(purpose="rent_review_notice")}
    assert len(messages) == 2
    lead = messages[tenancy.lead_tenant.pk]
    assert lead.channel == "letter" and lead.large_print
    assert lead.subject == "5 Nisan 2027 tarihinden itibaren yeni kiranız ve hizmet bedeliniz"  # noqa: RUF001
    assert lead.body.startswith("BÜYÜK PUNTO")
    assert "Universal Credit alıyorsanız" in lead.body  # noqa: RUF001
    assert messages[joint.pk].subject == "Your new rent and service charge from 5 April 2027"


def test_sending_notices_twice_sends_each_tenancy_one(manager, second_manager, monkeypatch):
    let_home()
    review = approved(manager, second_manager)
    pretend_today(monkeypatch, date(2027, 2, 1))
    reviews.send_notices(review=review, actor=manager)
    assert reviews.send_notices(review=review, actor=manager) == {}
    assert Message.objects.filter(purpose="rent_review_notice").count() == 1


def test_my_work_asks_the_second_manager_to_approve_and_then_to_send_the_notices(
    manager, second_manager, monkeypatch
):
    from hearth.core.work import work_for

    def review_work(user, until):  # type: ignore[no-untyped-def]
        # Other domains (building safety, say) also give managers work about the same home.
        return [w.title for w in work_for(user, until=until) if "Rent review" in w.title]

    let_home()
    pretend_today(monkeypatch, date(2027, 1, 11))
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.submit_review(review=review, actor=manager)
    monday_morning = datetime(2027, 1, 11, 10, 0, tzinfo=UTC)
    RentReview.objects.filter(pk=review.pk).update(submitted_at=monday_morning)
    # Due 5 working days after it was sent for approval (11 January 2027): 18 January.
    assert review_work(second_manager, date(2027, 1, 18)) == [
        "Approve or send back: Rent review 2027/28"
    ]
    assert review_work(second_manager, date(2027, 1, 15)) == []
    assert review_work(manager, date(2027, 1, 18)) == []  # they prepared it
    reviews.approve_review(review=review, actor=second_manager)
    RentReview.objects.filter(pk=review.pk).update(approved_at=monday_morning)
    assert review_work(manager, date(2027, 1, 18)) == [
        "Send the notices of variation: Rent review 2027/28"
    ]
    reviews.send_notices(review=review, actor=manager)
    assert review_work(manager, date(2027, 1, 18)) == []


def test_the_background_job_sends_every_notice_in_batches(manager, second_manager, monkeypatch):
    from hearth.rents.tasks import send_review_notices

    for n in range(3):
        let_home(email=f"tenant{n}@example.org")
    review = approved(manager, second_manager)
    pretend_today(monkeypatch, date(2027, 2, 1))
    monkeypatch.setattr(reviews, "NOTICE_BATCH", 2)
    assert reviews.notices_to_send(review) == 3

    result = send_review_notices.enqueue(review.pk, manager.pk)

    assert result.return_value == "sent: 3"
    assert reviews.notices_to_send(review) == 0
    batches = TimelineEvent.objects.filter(object_id=str(review.pk), verb="notices_sent")
    assert [e.details["sent"] for e in batches.order_by("pk")] == [2, 1]


def test_a_services_new_amount_is_written_on_the_effective_date_and_shown_on_the_statement(
    manager, second_manager, monkeypatch
):
    from hearth.rents.queries import statement
    from hearth.rents.queries_review import with_rate_changes
    from hearth.rents.services.accounts import account_for
    from hearth.rents.sweeps import service_charge_items

    block = BlockFactory()
    _, tenancy, _ = let_home(rent="100.00", service="10.00", block=block)
    lift = ServiceChargeItem.objects.create(block=block, name="Lift", pays_for="Lift servicing",
                                            weekly_amount=D("2.65"))  # fmt: skip
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.add_service_charge_change(review=review, item=lift, new_weekly_amount=D("2.80"),
                                      reason="New lift contract", actor=manager)  # fmt: skip
    reviews.submit_review(review=review, actor=manager)
    reviews.approve_review(review=review, actor=second_manager)
    pretend_today(monkeypatch, date(2027, 3, 8))
    reviews.send_notices(review=review, actor=manager)

    # Not before the effective date; on it, once.
    assert reviews.apply_service_charge_items(today=date(2027, 4, 4)) == 0
    lift.refresh_from_db()
    assert lift.weekly_amount == D("2.65")
    assert service_charge_items(now=datetime(2027, 4, 5, 6, tzinfo=UTC)) == {"changed": 1}
    assert reviews.apply_service_charge_items(today=date(2027, 4, 6)) == 0
    lift.refresh_from_db()
    assert lift.weekly_amount == D("2.80")

    account = account_for(tenancy)
    post_week(week_commencing=date(2027, 3, 29))
    post_week(week_commencing=APRIL_2027)
    lines = with_rate_changes(statement(account, date(2027, 3, 29), date(2027, 4, 11)))
    change = next(
        line for line in lines if line.date == APRIL_2027 and "changes" in line.description
    )
    assert change.description == (
        "Weekly charge changes from 5 April 2027: rent £100.00 to £104.80, service charge "
        "£10.00 to £10.15 (Lift £2.65 to £2.80)"
    )
