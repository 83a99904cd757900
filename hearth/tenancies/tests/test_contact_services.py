from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.core.models import TimelineEvent
from hearth.tenancies import services
from hearth.tenancies.models import ContactPreference, PreferredChannel
from hearth.tenancies.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "phone", ["07700 900982", "+44 7700 900982", "(020) 7946-0000", "01632960001"]
)
def test_uk_and_international_phone_numbers_are_accepted(phone: str) -> None:
    assert services.clean_phone(phone) == phone


@pytest.mark.parametrize("phone", ["abc", "123", "0770090098212345678", "07700 900982 ext 4"])
def test_things_that_are_not_phone_numbers_are_refused(phone: str) -> None:
    with pytest.raises(ValidationError):
        services.clean_phone(phone)


@pytest.mark.parametrize(
    ("phone", "mobile"), [("07700 900982", True), ("+447700900982", True), ("020 7946 0000", False)]
)
def test_a_uk_mobile_starts_07_or_plus_44_7(phone: str, mobile: bool) -> None:
    assert services.is_uk_mobile(phone) is mobile


def test_changing_a_phone_number_saves_it_and_records_it_for_the_resident(officer: Any) -> None:
    person = PersonFactory(phone="")

    services.update_contact_details(person=person, actor=officer, phone=" 07700  900982 ")

    person.refresh_from_db()
    assert person.phone == "07700 900982"
    event = TimelineEvent.objects.get(verb="contact_details_updated")
    assert event.visible_to_resident and event.details == {"fields": ["phone"]}
    assert "phone number" in event.summary


def test_saving_the_same_details_again_records_nothing(officer: Any) -> None:
    person = PersonFactory(email="a@example.org")

    services.update_contact_details(person=person, actor=officer, email="a@example.org")

    assert not TimelineEvent.objects.exists()


def test_the_mobile_number_text_messages_go_to_cannot_be_removed(officer: Any) -> None:
    person = PersonFactory(phone="07700 900982")
    ContactPreference.objects.create(person=person, channel=PreferredChannel.SMS)

    with pytest.raises(ValidationError) as error:
        services.update_contact_details(person=person, actor=officer, phone="")

    assert "phone" in error.value.message_dict
    person.refresh_from_db()
    assert person.phone == "07700 900982"


def test_preferences_are_created_when_a_person_has_none(officer: Any) -> None:
    person = PersonFactory()

    preference = services.update_contact_preferences(
        person=person, actor=officer, language="Somali", easy_read=True
    )

    assert (preference.language, preference.easy_read, preference.large_print) == (
        "Somali",
        True,
        False,
    )


def test_an_unknown_channel_or_an_empty_language_is_refused(officer: Any) -> None:
    person = PersonFactory()

    with pytest.raises(ValidationError) as error:
        services.update_contact_preferences(
            person=person, actor=officer, channel="fax", language=" "
        )

    assert set(error.value.message_dict) == {"channel", "language"}


def test_a_representative_can_be_removed_by_clearing_every_detail(officer: Any) -> None:
    person = PersonFactory()
    services.update_contact_preferences(
        person=person,
        actor=officer,
        representative_name="Ann",
        representative_relationship="Daughter",
    )

    preference = services.update_contact_preferences(
        person=person,
        actor=officer,
        representative_name="",
        representative_relationship="",
        representative_contact="",
    )

    assert (preference.representative_name, preference.representative_relationship) == ("", "")
