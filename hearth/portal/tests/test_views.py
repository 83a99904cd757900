from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.core import requests as portal_requests
from hearth.core.deadlines import State
from hearth.core.models import Landlord, TimelineEvent
from hearth.core.requests import ResidentRequest, Step
from hearth.tenancies.models import ContactPreference, PreferredChannel
from hearth.tenancies.queries import get_tenancy_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord(db: Any) -> Landlord:
    landlord = Landlord.current()
    landlord.name = "Clapton Park Management Organisation"
    landlord.phone = "020 7946 0000"
    landlord.email = "hello@cpmo.example.org"
    landlord.address = "1 Daubeney Road\nLondon\nE5 0EN"
    landlord.save()
    return landlord


def test_the_public_home_page_needs_no_sign_in_and_shows_how_to_contact_us(
    client: Client, landlord: Any
) -> None:
    html = client.get(reverse("portal:home")).content.decode()

    assert "Clapton Park Management Organisation" in html
    assert "020 7946 0000" in html and "hello@cpmo.example.org" in html
    assert reverse("accounts:sign-in") in html


def test_every_page_has_the_landmarks_skip_link_language_and_footer_links(
    client: Client, landlord: Any
) -> None:
    html = client.get(reverse("portal:home")).content.decode()

    assert '<html lang="en-gb"' in html
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "<header" in html and "<main" in html and "<footer" in html
    assert 'href="/how-to-complain/"' in html
    assert reverse("portal:accessibility") in html
    assert "govuk-header__logotype" not in html  # no crown: the landlord's own header


def test_how_to_complain_is_public_and_gives_phone_email_and_address(
    client: Client, landlord: Any
) -> None:
    html = client.get("/how-to-complain/").content.decode()

    assert "How to complain" in html
    assert (
        "020 7946 0000" in html and "hello@cpmo.example.org" in html and "1 Daubeney Road" in html
    )


def test_resident_pages_send_anyone_not_signed_in_to_sign_in(client: Client, db: Any) -> None:
    for name in (
        "portal:your-home",
        "portal:your-details",
        "portal:your-requests",
        "portal:change-channel",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_resident_pages_are_not_found_for_staff(client: Client, officer: Any) -> None:
    client.force_login(officer)

    assert client.get(reverse("portal:your-home")).status_code == 404


def test_a_resident_sees_their_home_and_tenancy_and_not_anyone_elses(
    client: Client, resident: Any, tenancy: Any, other_tenancy: Any
) -> None:
    client.force_login(resident)

    html = client.get(reverse("portal:your-home")).content.decode()

    assert "T-RITA" in html and tenancy.home.address in html
    assert "Rita Resident" in html
    assert "T-OMAR" not in html and other_tenancy.home.address not in html


def test_a_resident_asking_for_another_tenancy_gets_not_found(
    client: Client, resident: Any, tenancy: Any, other_tenancy: Any
) -> None:
    assert get_tenancy_for_user(resident, tenancy.pk) == tenancy
    with pytest.raises(Http404):
        get_tenancy_for_user(resident, other_tenancy.pk)
    client.force_login(resident)

    assert client.get(reverse("staff:tenancy", args=[other_tenancy.pk])).status_code == 404
    assert (
        client.get(reverse("staff:person", args=[other_tenancy.lead_tenant.pk])).status_code == 404
    )


def test_a_bad_choice_of_channel_shows_a_gov_uk_error_summary_and_changes_nothing(
    client: Client, resident: Any
) -> None:
    client.force_login(resident)

    response = client.post(reverse("portal:change-channel"), {"channel": "carrier-pigeon"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("govuk-error-summary") < html.index("<h1")
    assert "<title>Error: How do you want us to contact you?" in html
    assert 'href="#id_channel"' in html and 'id="id_channel"' in html
    assert "Choose how you want us to contact you" in html
    assert ContactPreference.objects.get(person=resident.person).channel == PreferredChannel.EMAIL


def test_choosing_text_messages_without_a_mobile_number_says_what_to_do_first(
    client: Client, resident: Any
) -> None:
    person = resident.person
    person.phone = "020 7946 0123"
    person.save()
    client.force_login(resident)

    html = client.post(reverse("portal:change-channel"), {"channel": "sms"}).content.decode()

    assert "To get text messages, first give us a UK mobile phone number" in html
    assert ContactPreference.objects.get(person=person).channel == PreferredChannel.EMAIL


def test_a_good_channel_choice_is_saved_and_recorded_on_the_persons_timeline(
    client: Client, resident: Any
) -> None:
    client.force_login(resident)

    response = client.post(reverse("portal:change-channel"), {"channel": "letter"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:your-details")
    assert "We will contact you the way you chose" in response.content.decode()
    assert ContactPreference.objects.get(person=resident.person).channel == PreferredChannel.LETTER
    event = TimelineEvent.objects.get(
        verb="contact_preferences_updated", object_id=str(resident.person.pk)
    )
    assert event.visible_to_resident and event.actor == resident


def test_a_bad_phone_number_is_refused_and_what_was_typed_is_kept(
    client: Client, resident: Any
) -> None:
    client.force_login(resident)

    html = client.post(reverse("portal:change-phone"), {"phone": "call me maybe"}).content.decode()

    assert "Enter a phone number, like 01632 960 001" in html
    assert 'value="call me maybe"' in html
    assert 'autocomplete="tel"' in html and 'type="tel"' in html


def test_a_good_phone_number_is_saved(client: Client, resident: Any) -> None:
    client.force_login(resident)

    client.post(reverse("portal:change-phone"), {"phone": "07700 900 982"})

    resident.person.refresh_from_db()
    assert resident.person.phone == "07700 900 982"


def test_the_email_that_messages_go_to_cannot_be_removed(client: Client, resident: Any) -> None:
    client.force_login(resident)

    html = client.post(reverse("portal:change-email"), {"email": ""}).content.decode()

    assert "To get messages by email, first give us your email address" in html
    resident.person.refresh_from_db()
    assert resident.person.email == "rita@example.org"


def test_help_with_formats_is_saved_from_the_checkboxes(client: Client, resident: Any) -> None:
    client.force_login(resident)

    client.post(reverse("portal:change-help"), {"help": ["large_print", "interpreter_needed"]})

    preference = ContactPreference.objects.get(person=resident.person)
    assert (preference.large_print, preference.easy_read, preference.interpreter_needed) == (
        True,
        False,
        True,
    )
    page = client.get(reverse("portal:change-help")).content.decode()
    assert page.count("checked") == 2


def test_a_representative_needs_a_name(client: Client, resident: Any) -> None:
    client.force_login(resident)

    html = client.post(
        reverse("portal:change-representative"),
        {
            "representative_name": "",
            "representative_relationship": "Daughter",
            "representative_contact": "",
        },
    ).content.decode()

    assert "Enter the name of the person who speaks for you" in html
    assert 'value="Daughter"' in html


def test_language_is_saved(client: Client, resident: Any) -> None:
    client.force_login(resident)

    client.post(reverse("portal:change-language"), {"language": "Turkish"})

    assert ContactPreference.objects.get(person=resident.person).language == "Turkish"


def test_with_no_open_requests_the_page_says_so_plainly(client: Client, resident: Any) -> None:
    client.force_login(resident)

    html = client.get(reverse("portal:your-requests")).content.decode()

    assert "You have no open requests" in html


@pytest.fixture
def a_request_source(monkeypatch: Any) -> Iterator[None]:
    def source(user: Any) -> list[ResidentRequest]:
        if not getattr(user, "person_id", None):
            return []
        due = timezone.localdate() + timedelta(days=4)
        return [
            ResidentRequest(
                title="Repair: dripping kitchen tap",
                reference="R-123",
                kind="Repair",
                opened_on=date(2026, 1, 5),
                promise="We will fix it within 20 working days",
                due=due,
                status="Appointment booked",
                state=State.ON_TRACK,
                steps=(Step("Reported", done=True, on=date(2026, 1, 5)), Step("Fixed")),
            )
        ]

    monkeypatch.setattr(portal_requests._sources, "_items", {"test.source": source})
    yield


def test_open_requests_show_what_we_promised_and_by_when(
    client: Client, resident: Any, a_request_source: None
) -> None:
    client.force_login(resident)

    html = client.get(reverse("portal:your-requests")).content.decode()
    account = client.get(reverse("portal:home")).content.decode()

    assert "Repair: dripping kitchen tap" in html and "R-123" in html
    assert "We will fix it within 20 working days" in html
    assert (timezone.localdate() + timedelta(days=4)).strftime("%B") in html
    assert "Fixed \u2013 not yet" in html
    assert "You have 1 open request." in account


def test_the_household_is_listed_lead_tenant_first(
    client: Client, resident: Any, tenancy: Any
) -> None:
    from hearth.tenancies.models import TenancyMember
    from hearth.tenancies.tests.factories import PersonFactory

    TenancyMember.objects.create(
        tenancy=tenancy, person=PersonFactory(full_name="Aaron Able"), role="household_member"
    )
    client.force_login(resident)

    html = client.get(reverse("portal:your-home")).content.decode()

    assert html.index("Rita Resident") < html.index("Aaron Able")


def test_your_home_shows_the_rent_in_force_today_after_a_rent_change(
    client: Client, resident: Any, officer: Any
) -> None:
    from decimal import Decimal

    from hearth.rents.services.accounts import set_charge_rate

    home = resident.person.memberships.get().tenancy.home
    client.force_login(resident)
    assert "£120.50" in client.get(reverse("portal:your-home")).content.decode()
    set_charge_rate(
        home=home,
        effective_from=timezone.localdate() - timedelta(days=1),
        weekly_rent=Decimal("124.70"),
        weekly_service_charge=Decimal("8.90"),
        reason="April rent change",
        actor=officer,
    )
    html = client.get(reverse("portal:your-home")).content.decode()
    assert "£124.70" in html and "£8.90" in html
