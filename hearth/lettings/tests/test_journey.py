"""A void run from notice to a new tenancy through the services people use, and every
refusal on the way saying what is outstanding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.core.calendar import add_working_days
from hearth.core.models import Message
from hearth.core.timeline import events_for
from hearth.lettings import services
from hearth.lettings.models import OfferStatus, Stage, Void, VoidWork
from hearth.lettings.tests.factories import accepted_applicant, all_pass, make_void, pass_gates
from hearth.rents.models import ArrearsCase, Kind, MoneyAdviceOffer, RentAccount, Transaction
from hearth.rents.services.accounts import account_for
from hearth.rents.tests.factories import post, pretend_today
from hearth.repairs.models import Repair
from hearth.repairs.services import complete_repair

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    pretend_today(monkeypatch, TODAY)


def test_a_void_runs_from_notice_to_a_new_tenancy_with_rent_account(officer, manager, tenancy):
    account = account_for(tenancy)
    account.income_officer = manager
    account.save()
    post(account, date(2026, 2, 23), Kind.RENT, "128.75")

    ending = services.give_notice(tenancy=tenancy, notice_given_on=date(2026, 2, 2),
                                  end_date=date(2026, 3, 1), actor=officer)  # fmt: skip
    services.book_pre_termination_visit(ending=ending, visit_on=date(2026, 2, 20), actor=officer)
    services.record_pre_termination_visit(
        ending=ending, visited_on=date(2026, 2, 20), condition="Fair, some wear",
        put_right="Remove the shed", forwarding_address="1 New Road, E5 1AA", actor=officer,
    )  # fmt: skip
    void = services.record_keys_returned(
        ending=ending, keys_returned_on=date(2026, 3, 2), actor=officer
    )

    tenancy.refresh_from_db()
    assert tenancy.end_date == date(2026, 3, 1)
    assert void.previous_tenancy_end == date(2026, 3, 1)
    assert void.starts_on == date(2026, 3, 2)
    assert void.let_by == date(2026, 3, 22)
    assert void.owner == officer
    case = ArrearsCase.objects.get(account=account, status="open")
    assert case.owner == manager
    assert case.opened_on == date(2026, 3, 2)

    void = services.record_void_inspection(void=void, inspected_on=date(2026, 3, 3), works_type="minor",
                                           needed_works=["Replace kitchen worktop"], actor=officer)  # fmt: skip
    assert void.stage == Stage.WORKS
    work = void.works.get()
    work = services.order_works(work=work, actor=officer)
    repair = Repair.objects.get(ref=work.repair_ref)
    assert repair.home == void.home
    # Repairs' own void priority: 10 working days from the day it was raised.
    assert repair.priority == "void"
    assert repair.due_on == add_working_days(timezone.localdate(repair.reported_at), 10)

    with pytest.raises(ValidationError) as refused:
        services.record_works_complete(void=void, completed_on=date(2026, 3, 9), actor=officer)
    assert repair.ref in str(refused.value)
    complete_repair(repair=repair, actor=officer)
    void = services.record_works_complete(void=void, completed_on=date(2026, 3, 9), actor=officer)
    assert void.stage == Stage.CHECKS

    failing = all_pass() | {"Stopcock labelled": (False, "No label on the stopcock")}
    services.record_letting_standard(
        void=void, inspected_on=date(2026, 3, 9), results=failing, actor=officer
    )
    void.refresh_from_db()
    assert void.stage == Stage.WORKS
    assert VoidWork.objects.filter(void=void, source="letting_standard").get().description == (
        "Stopcock labelled: No label on the stopcock"
    )

    pass_gates(void, starts_on=TODAY, actor=officer)
    void.refresh_from_db()
    assert void.letting_standard_passed_on == date(2026, 3, 10)
    assert void.stage == Stage.OFFERING

    first = services.add_to_shortlist(void=void, applicant_name="Ann Applicant", band="A",
                                      band_date=date(2023, 6, 1), bidding_number="7654321", actor=officer)  # fmt: skip
    second = services.add_to_shortlist(void=void, applicant_name="Nadia Newcomer", band="B",
                                       band_date=date(2024, 1, 15), bidding_number="1234567",
                                       email="nadia@example.org", actor=officer)  # fmt: skip
    with pytest.raises(ValidationError, match="higher on the shortlist"):
        services.offer_with_viewing(offer=second, offered_on=date(2026, 3, 11), viewing_on=date(2026, 3, 12),
                                    reason="Next", actor=officer)  # fmt: skip
    services.offer_with_viewing(offer=first, offered_on=date(2026, 3, 11), viewing_on=date(2026, 3, 12),
                                reason="Top of the shortlist", actor=officer)  # fmt: skip
    with pytest.raises(ValidationError, match="why the applicant refused"):
        services.record_offer_answer(
            offer=first, accepted=False, decided_on=date(2026, 3, 12), actor=officer
        )
    services.record_offer_answer(offer=first, accepted=False, decided_on=date(2026, 3, 12),
                                 reason="Too far from school", actor=officer)  # fmt: skip
    services.offer_with_viewing(offer=second, offered_on=date(2026, 3, 12), viewing_on=date(2026, 3, 13),
                                reason="Next on the shortlist after a refusal", actor=officer)  # fmt: skip
    services.record_offer_answer(
        offer=second, accepted=True, decided_on=date(2026, 3, 13), actor=officer
    )

    with pytest.raises(ValidationError) as refused:
        services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                         certificates_given=False, actor=officer)  # fmt: skip
    assert "gas and electrical certificates" in str(refused.value)

    new = services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                           certificates_given=True, actor=officer, tenancy_ref="T-NADIA")  # fmt: skip

    void.refresh_from_db()
    assert void.stage == Stage.LET
    assert void.let_on == TODAY
    assert void.viewing_offered_on == date(2026, 3, 12)
    assert new.ref == "T-NADIA"
    assert new.start_date == TODAY
    assert new.lead_tenant.full_name == "Nadia Newcomer"
    new_account = RentAccount.objects.get(tenancy=new)
    charges = Transaction.objects.filter(account=new_account).order_by("kind")
    assert [(c.kind, c.amount, c.date) for c in charges] == [
        ("rent", Decimal("120.50"), TODAY),
        ("service_charge", Decimal("8.25"), TODAY),
    ]
    assert MoneyAdviceOffer.objects.get(tenancy=new).offered_on == TODAY
    welcome = Message.objects.get(purpose="lettings_welcome")
    assert welcome.channel == "email"
    assert "T-NADIA" in welcome.body
    assert second.__class__.objects.get(pk=second.pk).status == OfferStatus.SIGNED
    verbs = list(events_for(void).order_by("occurred_at", "pk").values_list("verb", flat=True))
    assert verbs[0] == "void_opened"
    assert verbs[-1] == "let"
    assert {"void_inspected", "works_ordered", "works_completed", "letting_standard", "offered",
            "offer_answered", "safety_check"} <= set(verbs)  # fmt: skip


def test_letting_is_refused_until_gates_standard_and_viewing_pass_saying_what_is_outstanding(
    officer,
):
    void = make_void(actor=officer)
    with pytest.raises(ValidationError) as refused:
        services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                         certificates_given=True, actor=officer)  # fmt: skip
    messages = refused.value.message_dict["signed_on"]
    assert messages == [
        "A current, satisfactory gas safety record (the home has gas)",
        "A satisfactory electrical installation report (EICR) less than 5 years old",
        "Smoke alarms on every storey tested on the day the tenancy starts, 16 March 2026",
        "A carbon monoxide alarm tested on the day the tenancy starts, 16 March 2026",
        "The home's asbestos information",
        "A passed Letting Standard inspection",
        "An applicant who has accepted the offer",
    ]
    assert Void.objects.get(pk=void.pk).let_on is None
    # The refusal stays on the void's timeline, with what was outstanding.
    event = events_for(void).get(verb="sign_up_refused")
    assert event.summary.startswith("Sign-up refused. Still needed: A current, satisfactory gas")
    assert "A passed Letting Standard inspection" in event.summary


def test_no_offer_or_viewing_before_the_gates_and_the_letting_standard_pass(officer):
    void = make_void(actor=officer)
    offer = services.add_to_shortlist(void=void, applicant_name="Ann Applicant", band="A",
                                      band_date=date(2023, 6, 1), bidding_number="7654321", actor=officer)  # fmt: skip
    services.record_safety_check(void=void, kind="gas", done_on=date(2026, 3, 4),
                                 outcome="satisfactory", certificate_ref="GSR-1", actor=officer)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.offer_with_viewing(offer=offer, offered_on=date(2026, 3, 11), viewing_on=date(2026, 3, 12),
                                    reason="Top of the shortlist", actor=officer)  # fmt: skip
    # The alarms are tested on the day the tenancy starts, so they do not hold up an offer.
    assert refused.value.message_dict["offered_on"] == [
        "The home cannot be offered or viewed yet. Still needed:",
        "A satisfactory electrical installation report (EICR) less than 5 years old",
        "The home's asbestos information",
        "A passed Letting Standard inspection",
    ]
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WAITING

    pass_gates(void, starts_on=TODAY, actor=officer)
    offer = services.offer_with_viewing(offer=offer, offered_on=date(2026, 3, 11), viewing_on=date(2026, 3, 12),
                                        reason="Top of the shortlist", actor=officer)  # fmt: skip
    assert offer.status == OfferStatus.OFFERED


def test_the_gates_use_the_building_safety_registers_checks_for_the_home(officer, manager):
    from hearth.safety import services as safety_services
    from hearth.safety.models import CheckType

    void = make_void(actor=officer)
    for code, done_on in (("gas", date(2026, 3, 2)), ("electrical", date(2023, 9, 1))):
        safety_services.record_check(
            actor=manager, check_type=CheckType.objects.get(code=code), home=void.home,
            done_on=done_on, outcome="satisfactory", certificate_ref=f"REG-{code}",
        )  # fmt: skip
    from hearth.lettings.queries import gates

    passed = {g.name: (g.passed, g.evidence) for g in gates(void, starts_on=TODAY)}
    assert passed["Gas safety record"] == (True, "certificate REG-gas, 2026-03-02")
    assert passed["Electrical installation report (EICR)"] == (
        True,
        "certificate REG-electrical, 2023-09-01",
    )
    assert passed["Asbestos information"][0] is False


def test_an_eicr_five_years_old_does_not_pass_the_gate(officer):
    void = make_void(actor=officer)
    services.record_safety_check(void=void, kind="electrical", done_on=date(2021, 3, 16),
                                 outcome="satisfactory", certificate_ref="OLD", actor=officer)  # fmt: skip
    from hearth.lettings.queries import gates

    eicr = next(g for g in gates(void, starts_on=TODAY) if "EICR" in g.name)
    assert eicr.passed is False
    services.record_safety_check(void=void, kind="electrical", done_on=date(2021, 3, 17),
                                 outcome="satisfactory", certificate_ref="NEWER", actor=officer)  # fmt: skip
    eicr = next(g for g in gates(void, starts_on=TODAY) if "EICR" in g.name)
    assert eicr.passed is True


def test_a_home_without_gas_or_combustion_appliance_needs_no_gas_record_or_co_alarm(officer):
    void = make_void(actor=officer)
    void = services.record_void_inspection(void=void, inspected_on=date(2026, 3, 3), works_type="minor",
                                           needed_works=[], gas_supply=False,
                                           fixed_combustion_appliance=False, actor=officer)  # fmt: skip
    from hearth.lettings.queries import gates

    names = [g.name for g in gates(void, starts_on=TODAY)]
    assert "Gas safety record" not in names
    assert "Carbon monoxide alarm" not in names


def test_works_type_changes_only_with_a_reason_and_moves_the_target(officer):
    void = make_void(actor=officer)
    with pytest.raises(ValidationError, match="Say why"):
        services.change_works_type(void=void, works_type="major", reason=" ", actor=officer)
    void = services.change_works_type(void=void, works_type="major", reason="Full rewire needed",
                                      actor=officer)  # fmt: skip
    assert void.target_days == 60
    assert void.let_by == date(2026, 4, 30)
    event = events_for(void).get(verb="works_type_changed")
    assert "Full rewire needed" in event.summary


def test_the_bidding_number_is_seven_digits(officer):
    void = make_void(actor=officer)
    with pytest.raises(ValidationError) as refused:
        services.add_to_shortlist(void=void, applicant_name="A", band="A", band_date=date(2024, 1, 1),
                                  bidding_number="123456", actor=officer)  # fmt: skip
    assert "7-digit" in refused.value.message_dict["bidding_number"][0]


def test_a_skip_needs_a_reason_and_lets_the_next_applicant_be_offered(officer):
    void = make_void(actor=officer)
    first = services.add_to_shortlist(void=void, applicant_name="A", band="A", band_date=date(2024, 1, 1),
                                      bidding_number="1111111", actor=officer)  # fmt: skip
    second = services.add_to_shortlist(void=void, applicant_name="B", band="A", band_date=date(2024, 2, 1),
                                       bidding_number="2222222", actor=officer)  # fmt: skip
    with pytest.raises(ValidationError):
        services.skip_applicant(offer=first, reason="", actor=officer)
    services.skip_applicant(offer=first, reason="Needs a ground-floor home", actor=officer)
    pass_gates(void, starts_on=TODAY, actor=officer)
    offer = services.offer_with_viewing(offer=second, offered_on=date(2026, 3, 10),
                                        viewing_on=date(2026, 3, 11), reason="Next", actor=officer)  # fmt: skip
    assert offer.status == OfferStatus.OFFERED
    assert offer.viewing_offered_on == date(2026, 3, 10)


def test_sign_up_resets_the_rent_at_re_let_within_the_rent_standards_flexibility(officer, manager):
    from hearth.rents.models import ChargeRate
    from hearth.rents.services.review import set_rent_setting

    void = make_void(actor=officer)
    set_rent_setting(home=void.home, rent_type="social", formula_rent=Decimal("110.00"),
                     rent_cap=None, actor=manager)  # fmt: skip
    pass_gates(void, starts_on=TODAY, actor=officer)
    accepted_applicant(void, on=date(2026, 3, 12), actor=officer)

    # Formula rent + 5% is 115.50: a penny more is refused, and the void is not let.
    with pytest.raises(ValidationError) as refused:
        services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                         certificates_given=True, actor=officer, weekly_rent=Decimal("115.51"))  # fmt: skip
    assert "at most £115.50 a week" in str(refused.value)
    assert Void.objects.get(pk=void.pk).let_on is None

    tenancy = services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                               certificates_given=True, actor=officer, weekly_rent=Decimal("115.50"))  # fmt: skip

    rate = ChargeRate.objects.get(home=void.home, effective_from=TODAY)
    assert (rate.weekly_rent, rate.weekly_service_charge) == (Decimal("115.50"), Decimal("8.25"))
    first = Transaction.objects.get(account__tenancy=tenancy, kind=Kind.RENT)
    assert first.amount == Decimal("115.50")


def test_without_a_chosen_rent_the_re_let_rent_is_formula_rent(officer, manager):
    from hearth.rents.models import ChargeRate
    from hearth.rents.services.review import set_rent_setting

    void = make_void(actor=officer)
    set_rent_setting(home=void.home, rent_type="social", formula_rent=Decimal("112.40"),
                     rent_cap=Decimal("111.00"), actor=manager)  # fmt: skip
    pass_gates(void, starts_on=TODAY, actor=officer)
    accepted_applicant(void, on=date(2026, 3, 12), actor=officer)
    services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                     certificates_given=True, actor=officer)  # fmt: skip
    # Formula rent 112.40 is above the cap, so the cap: 111.00.
    assert ChargeRate.objects.get(home=void.home, effective_from=TODAY).weekly_rent == Decimal(
        "111.00"
    )
