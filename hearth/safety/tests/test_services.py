"""Recording checks, no access and legal access, remedial actions, copies for tenants and
condition surveys, through the services staff pages and the API use."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hearth.core.models import Message, TimelineEvent
from hearth.estates.tests.factories import BlockFactory, HomeFactory
from hearth.safety import queries, services
from hearth.safety.models import AccessAttempt, CheckType, RemedialAction, ResidentCopy
from hearth.safety.services import FindingInput

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _type(code: str) -> CheckType:
    return CheckType.objects.get(code=code)


def _pdf(name: str = "cp12.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_gas_check_with_its_certificate_is_due_again_a_year_later(coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    check = services.record_check(
        actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2026, 1, 15),
        outcome="satisfactory", contractor="Gasway Ltd", engineer="Sam Fitter (Gas Safe 123456)",
        certificate=_pdf(),
    )  # fmt: skip

    assert check.next_due_on == date(2027, 1, 15)
    assert check.certificate.name.endswith(f"{check.ref}.pdf")
    assert TimelineEvent.objects.filter(verb="check_recorded", object_id=str(check.pk)).exists()


def test_a_certificate_that_is_not_a_pdf_or_too_big_is_refused(coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    with pytest.raises(ValidationError) as not_pdf:
        services.record_check(
            actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2026, 1, 15),
            outcome="satisfactory", certificate=_pdf("cp12.pdf", b"MZ\x90\x00 not a pdf"),
        )  # fmt: skip
    assert not_pdf.value.message_dict["certificate"] == ["The selected file must be a PDF"]
    big = PDF[:-6] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"
    with pytest.raises(ValidationError) as too_big:
        services.record_check(
            actor=coordinator, check_type=_type("gas"), home=home, done_on=date(2026, 1, 15),
            outcome="satisfactory", certificate=_pdf("big.pdf", big),
        )  # fmt: skip
    assert too_big.value.message_dict["certificate"] == [
        "The selected file must be smaller than 10MB"
    ]


def test_a_fire_risk_assessment_is_due_again_by_the_risk_it_found(coordinator) -> None:  # type: ignore[no-untyped-def]
    block = BlockFactory()
    low = services.record_check(actor=coordinator, check_type=_type("fire_risk"), block=block,
                                done_on=date(2026, 2, 1), outcome="satisfactory", risk="low")  # fmt: skip
    high = services.record_check(actor=coordinator, check_type=_type("fire_risk"), block=block,
                                 done_on=date(2026, 2, 2), outcome="satisfactory", risk="high")  # fmt: skip

    assert (low.next_due_on, high.next_due_on) == (date(2029, 2, 1), date(2027, 2, 2))


def test_an_unsatisfactory_eicr_raises_actions_due_28_days_from_the_inspection_with_works_orders(  # type: ignore[no-untyped-def]
    coordinator,
) -> None:
    from hearth.repairs.queries import get_repair_for_staff

    home = HomeFactory()
    check = services.record_check(
        actor=coordinator, check_type=_type("electrical"), home=home, done_on=date(2026, 3, 2),
        outcome="unsatisfactory", findings=[
            FindingInput("eicr_c1", "Exposed live conductors at the consumer unit"),
            FindingInput("eicr_c2", "No RCD protection on socket circuits", risk="medium"),
        ],
    )  # fmt: skip

    actions = list(RemedialAction.objects.filter(safety_check=check).order_by("finding"))
    assert [(a.finding, a.risk, a.raised_on, a.due_on) for a in actions] == [
        ("eicr_c1", "immediate", date(2026, 3, 2), date(2026, 3, 3)),
        ("eicr_c2", "medium", date(2026, 3, 2), date(2026, 3, 30)),
    ]
    works = [get_repair_for_staff(a.works_order_ref) for a in actions]
    assert [(w.priority, w.trade, w.home_id) for w in works] == [
        ("emergency", "electrician", home.pk),
        ("routine", "electrician", home.pk),
    ]


def test_an_unsatisfactory_check_must_say_what_needs_putting_right(coordinator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.record_check(actor=coordinator, check_type=_type("gas"), home=HomeFactory(),
                              done_on=date(2026, 3, 2), outcome="unsatisfactory")  # fmt: skip
    assert "findings" in error.value.message_dict


def test_an_overdue_action_cannot_be_closed_without_an_interim_mitigation(coordinator) -> None:  # type: ignore[no-untyped-def]
    check = services.record_check(
        actor=coordinator, check_type=_type("gas"), home=HomeFactory(), done_on=date(2026, 3, 2),
        outcome="unsatisfactory", findings=[FindingInput("gas_ar", "Boiler flue not sealed")],
    )  # fmt: skip
    action = check.actions.get()
    assert action.due_on == date(2026, 3, 9)

    with pytest.raises(ValidationError) as error:
        services.complete_action(actor=coordinator, action=action, completed_on=date(2026, 3, 20))
    assert "mitigation" in error.value.message_dict

    services.record_mitigation(actor=coordinator, action=action,
                               mitigation="Boiler capped off; two electric heaters supplied")  # fmt: skip
    done = services.complete_action(
        actor=coordinator, action=action, completed_on=date(2026, 3, 20)
    )
    assert (done.status, done.completed_on) == ("done", date(2026, 3, 20))


def test_a_no_access_visit_leaves_the_home_overdue_and_logs_the_attempt(coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    services.record_check(actor=coordinator, check_type=_type("gas"), home=home,
                          done_on=date(2025, 3, 1), outcome="satisfactory")  # fmt: skip
    missed = services.record_check(actor=coordinator, check_type=_type("gas"), home=home,
                                   done_on=date(2026, 3, 2), outcome="no_access")  # fmt: skip

    assert missed.next_due_on == date(2026, 3, 1)
    assert AccessAttempt.objects.get(safety_check=missed).channel == "visit"
    row = queries.register(_type("gas"), on=date(2026, 3, 10)).get(pk=home.pk)
    assert (row.due, row.state) == (date(2026, 3, 1), "no_access")


def test_legal_access_needs_three_failed_attempts_by_different_channels(
    coordinator, officer
) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()

    def attempt(channel: str, day: int) -> None:
        services.record_access_attempt(
            actor=officer, home=home, kind="gas", channel=channel, outcome="no_answer",
            attempted_at=datetime(2026, 4, day, 10, 30, tzinfo=LONDON),
        )  # fmt: skip

    attempt("letter", 1)
    attempt("letter", 8)
    attempt("visit", 15)
    with pytest.raises(ValidationError):
        services.escalate_to_legal_access(actor=coordinator, home=home, kind="gas",
                                          reason="Refuses every appointment")  # fmt: skip
    attempt("phone", 16)
    case = services.escalate_to_legal_access(actor=coordinator, home=home, kind="gas",
                                             reason="Refuses every appointment")  # fmt: skip

    assert list(queries.open_legal_access()) == [case]


def test_the_tenant_is_sent_a_copy_of_their_gas_record_and_how_is_recorded(
    coordinator, tenancy
) -> None:  # type: ignore[no-untyped-def]
    check = services.record_check(actor=coordinator, check_type=_type("gas"), home=tenancy.home,
                                  done_on=date(2026, 3, 2), outcome="satisfactory")  # fmt: skip

    copy = services.give_record_copy(actor=coordinator, check=check)

    assert (copy.tenancy, copy.channel, copy.occasion) == (tenancy, "email", "after_check")
    message = Message.objects.get(purpose="safety_record_copy")
    assert "gas appliances" in message.body and "2 March 2026" in message.body


def test_a_new_tenant_handed_their_eicr_before_moving_in_is_recorded(coordinator, tenancy) -> None:  # type: ignore[no-untyped-def]
    check = services.record_check(actor=coordinator, check_type=_type("electrical"),
                                  home=tenancy.home, done_on=date(2026, 3, 2), outcome="satisfactory")  # fmt: skip

    services.give_record_copy(actor=coordinator, check=check, occasion="new_tenant",
                              tenancy=tenancy, handed_over_on=date(2026, 3, 5))  # fmt: skip

    copy = ResidentCopy.objects.get()
    assert (copy.channel, copy.given_on, copy.occasion) == (
        "in_person",
        date(2026, 3, 5),
        "new_tenant",
    )


def test_two_surveys_that_disagree_leave_the_latest_one_in_charge(coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    services.record_survey(
        actor=coordinator, home=home, surveyed_on=date(2024, 1, 10), fails_d=True
    )
    later = services.record_survey(actor=coordinator, home=home, surveyed_on=date(2025, 9, 1),
                                   kitchen="good", window_restrictors_ok=True)  # fmt: skip

    assert queries.latest_survey(home) == later
    assert later.decent is True


def test_frequencies_are_the_landlords_to_change(coordinator) -> None:  # type: ignore[no-untyped-def]
    services.set_frequency(actor=coordinator, check_type=_type("water"), frequency_months=12)
    check = services.record_check(actor=coordinator, check_type=_type("water"),
                                  block=BlockFactory(), done_on=date(2026, 1, 31),
                                  outcome="satisfactory")  # fmt: skip
    assert check.next_due_on == date(2027, 1, 31)
