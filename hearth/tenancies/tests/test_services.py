from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.core.timeline import events_for
from hearth.estates.tests.factories import HomeFactory
from hearth.tenancies import services
from hearth.tenancies.models import CautionaryAlert, MemberRole, SupportNeed, TenancyMember
from hearth.tenancies.tests.factories import PersonFactory, TenancyFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


# Support needs


def test_a_support_need_is_recorded_without_saying_what_it_is_on_the_timeline(
    officer: Any,
) -> None:
    person = PersonFactory()

    need = services.add_support_need(
        person=person,
        actor=officer,
        kind="mental_health",
        description="  Anxiety: call ahead before any visit ",
        review_on=days(90),
    )

    assert need.description == "Anxiety: call ahead before any visit"
    event = events_for(person).get()
    assert event.summary == "Support need recorded" and event.actor == officer
    assert not event.visible_to_resident
    assert "nxiety" not in str(event.details) and "mental" not in str(event.details)


def test_a_support_need_needs_a_kind_a_description_and_a_review_date_in_the_future(
    officer: Any,
) -> None:
    with pytest.raises(ValidationError) as error:
        services.add_support_need(
            person=PersonFactory(), actor=officer, kind="x", description=" ", review_on=days(0)
        )

    assert set(error.value.message_dict) == {"kind", "description", "review_on"}
    assert not SupportNeed.objects.exists()


def test_changing_a_support_need_keeps_a_past_review_date_but_refuses_a_new_one(
    officer: Any,
) -> None:
    person = PersonFactory()
    need = SupportNeed.objects.create(
        person=person, kind="hearing", description="Deaf", review_on=days(-10)
    )

    services.change_support_need(
        need=need, actor=officer, kind="hearing", description="Deaf: text only", review_on=days(-10)
    )
    with pytest.raises(ValidationError):
        services.change_support_need(
            need=need, actor=officer, kind="hearing", description="Deaf", review_on=days(-1)
        )

    need.refresh_from_db()
    assert need.description == "Deaf: text only"
    assert [e.summary for e in events_for(person)] == ["Support need changed"]


def test_ending_a_support_need_removes_it_but_its_history_keeps_it(officer: Any) -> None:
    person = PersonFactory()
    need = SupportNeed.objects.create(person=person, kind="mobility", description="Wheelchair")

    services.end_support_need(need=need, actor=officer)

    assert not SupportNeed.objects.exists()
    assert SupportNeed.history.filter(id=need.pk, history_type="-").exists()  # type: ignore[attr-defined]
    event = events_for(person).get()
    assert event.verb == "support_need_ended" and not event.visible_to_resident


# Cautionary alerts


def test_an_alert_is_raised_on_a_home_with_a_review_date_and_recorded_for_staff_only(
    officer: Any,
) -> None:
    home = HomeFactory()

    alert = services.raise_alert(
        actor=officer,
        home=home,
        category=" Asbestos ",
        reason="Do not drill the walls",
        review_on=days(180),
    )

    assert alert.category == "Asbestos" and alert.raised_by == officer
    event = events_for(home).get()
    assert event.summary.startswith("Cautionary alert raised: Asbestos. Review by ")
    assert not event.visible_to_resident


@pytest.mark.parametrize(("review_in", "message"), [(0, "future"), (400, "within a year")])
def test_an_alerts_review_date_is_in_the_next_year(
    officer: Any, review_in: int, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        services.raise_alert(
            actor=officer,
            person=PersonFactory(),
            category="Verbal abuse",
            reason="Shouted at an operative",
            review_on=days(review_in),
        )

    assert not CautionaryAlert.objects.exists()


def test_reviewing_an_alert_moves_its_review_date_and_notes_what_was_checked(
    officer: Any,
) -> None:
    person = PersonFactory()
    alert = CautionaryAlert.objects.create(
        person=person, category="Dog", reason="Large dog", review_on=days(-3)
    )

    services.review_alert(alert=alert, actor=officer, review_on=days(100), note="Dog still there")

    alert.refresh_from_db()
    assert alert.review_on == days(100)
    event = events_for(person).get()
    assert "Dog still there" in event.summary
    assert event.details["previous_review_on"] == days(-3).isoformat()


def test_an_ended_alert_cannot_be_reviewed_or_ended_again(officer: Any) -> None:
    alert = CautionaryAlert.objects.create(
        person=PersonFactory(), category="Dog", reason="Large dog", review_on=days(30)
    )
    services.end_alert(alert=alert, actor=officer, note="Dog rehomed")

    with pytest.raises(ValidationError, match="already ended"):
        services.review_alert(alert=alert, actor=officer, review_on=days(60), note="x")
    with pytest.raises(ValidationError, match="already ended"):
        services.end_alert(alert=alert, actor=officer, note="x")

    alert.refresh_from_db()
    assert alert.ended_on == timezone.localdate()
    assert not CautionaryAlert.objects.active().exists()


def test_ending_an_alert_needs_a_reason(officer: Any) -> None:
    alert = CautionaryAlert.objects.create(
        person=PersonFactory(), category="Dog", reason="Large dog", review_on=days(30)
    )

    with pytest.raises(ValidationError) as error:
        services.end_alert(alert=alert, actor=officer, note="  ")

    assert "note" in error.value.message_dict
    alert.refresh_from_db()
    assert alert.ended_on is None


# Households and tenancy ends


def test_a_joint_tenant_is_added_to_a_tenancy_as_a_new_person(officer: Any, tenancy: Any) -> None:
    member = services.add_household_member(
        tenancy=tenancy,
        actor=officer,
        full_name=" Pat  Partner ",
        role=MemberRole.JOINT_TENANT,
        relationship="partner",
        date_of_birth=date(1985, 5, 1),
        phone="07700 900111",
    )

    assert member.person.full_name == "Pat Partner"
    assert member.role == MemberRole.JOINT_TENANT
    assert events_for(tenancy).get().summary == (
        "Pat Partner added to the household as a joint tenant (partner)"
    )
    assert events_for(member.person).get().verb == "household_member_added"


def test_adding_someone_checks_every_answer_and_adds_nobody_when_one_is_wrong(
    officer: Any, tenancy: Any
) -> None:
    with pytest.raises(ValidationError) as error:
        services.add_household_member(
            tenancy=tenancy,
            actor=officer,
            full_name="",
            role=MemberRole.LEAD_TENANT,
            date_of_birth=days(1),
            phone="123",
            email="nope",
        )

    assert set(error.value.message_dict) == {
        "full_name",
        "role",
        "date_of_birth",
        "phone",
        "email",
    }
    assert tenancy.members.count() == 1


def test_nobody_is_added_to_a_tenancy_that_has_ended(officer: Any) -> None:
    ended = TenancyFactory(end_date=days(-1))

    with pytest.raises(ValidationError, match="has ended"):
        services.add_household_member(
            tenancy=ended, actor=officer, full_name="Sam", role=MemberRole.HOUSEHOLD_MEMBER
        )


def test_a_household_member_is_removed_but_a_tenant_is_not(officer: Any, tenancy: Any) -> None:
    child = PersonFactory(full_name="Kid Resident")
    member = TenancyMember.objects.create(
        tenancy=tenancy, person=child, role=MemberRole.HOUSEHOLD_MEMBER
    )
    lead = tenancy.members.get(role=MemberRole.LEAD_TENANT)

    services.remove_household_member(member=member, actor=officer)
    with pytest.raises(ValidationError, match="lead tenant"):
        services.remove_household_member(member=lead, actor=officer)

    assert list(tenancy.members.values_list("person__full_name", flat=True)) == ["Rita Resident"]
    assert events_for(tenancy).get().summary == "Kid Resident removed from the household"
    assert events_for(child).get().summary == "Removed from tenancy T-RITA"


def test_a_tenancy_end_date_is_recorded_and_can_be_corrected(officer: Any, tenancy: Any) -> None:
    services.record_tenancy_end(
        tenancy=tenancy, actor=officer, end_date=days(28), reason="Notice given"
    )
    services.record_tenancy_end(tenancy=tenancy, actor=officer, end_date=days(35))

    tenancy.refresh_from_db()
    assert tenancy.end_date == days(35)
    first, second = events_for(tenancy)
    assert first.summary.startswith("Tenancy ends on ") and first.summary.endswith("Notice given")
    assert second.summary.startswith("Tenancy end date changed from ")


def test_a_tenancy_cannot_end_before_it_starts_or_after_the_next_one_starts(
    officer: Any,
) -> None:
    home = HomeFactory()
    old = TenancyFactory(home=home, start_date=date(2015, 1, 5), end_date=None)
    TenancyFactory(home=home, start_date=date(2020, 4, 6))

    for end, message in [
        (date(2014, 12, 31), "on or after the day the tenancy started, 5 January 2015"),
        (date(2020, 4, 6), "before the next tenancy of this home starts, on 6 April 2020"),
        (days(400), "within a year"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.record_tenancy_end(tenancy=old, actor=officer, end_date=end)

    services.record_tenancy_end(tenancy=old, actor=officer, end_date=date(2020, 4, 5))
    old.refresh_from_db()
    assert old.end_date == date(2020, 4, 5)
