"""A resident sees their home's certificates and next check dates and their block's fire
safety, and can download only their own home's certificates."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from hearth.safety.tests.factories import SafetyCheckFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def _with_certificate(**fields):  # type: ignore[no-untyped-def]
    check = SafetyCheckFactory(**fields)
    check.certificate.save(f"{check.ref}.pdf", ContentFile(PDF))
    return check


def test_a_resident_sees_and_downloads_their_gas_certificate_and_next_check_dates(  # type: ignore[no-untyped-def]
    client, resident, tenancy
) -> None:
    gas = _with_certificate(kind="gas", home=tenancy.home, done_on=date(2026, 2, 3),
                            next_due_on=date(2027, 2, 3))  # fmt: skip
    SafetyCheckFactory(kind="fire_risk", home=None, block=tenancy.home.block,
                       done_on=date(2026, 1, 12), next_due_on=date(2028, 1, 12), risk="medium")  # fmt: skip
    client.force_login(resident)

    text = client.get(reverse("safety_portal:home")).content.decode()
    assert "Gas safety, 3 February 2026 (PDF)" in text
    assert "3 February 2027" in text
    assert "Last done on 12 January 2026. Next review by 12 January 2028." in text
    download = client.get(reverse("safety_portal:certificate", args=[gas.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_another_homes_certificate_is_a_404_for_a_resident_and_staff_pages_too(  # type: ignore[no-untyped-def]
    client, resident, other_tenancy
) -> None:
    theirs = _with_certificate(kind="gas", home=other_tenancy.home)
    client.force_login(resident)

    assert client.get(reverse("safety_portal:certificate", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("safety:certificate", args=[theirs.ref])).status_code == 404
    assert (
        "Gas safety"
        not in client.get(reverse("safety_portal:home"))
        .content.decode()
        .split("Your certificates")[1]
        .split("Fire safety")[0]
    )


def test_the_residents_account_page_links_to_their_homes_safety_page(client, resident) -> None:  # type: ignore[no-untyped-def]
    client.force_login(resident)
    text = client.get(reverse("portal:home")).content.decode()
    assert (
        f'<a class="govuk-link" href="{reverse("safety_portal:home")}">Your home&#x27;s safety</a>'
        in text
    )
