from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q

from hearth.contacts.models import Contact
from hearth.contacts.queries import contacted
from hearth.contacts.services import record_contact
from hearth.tenancies.models import Tenancy


def test_a_contact_is_logged_against_a_case_by_its_type_and_reference(officer):
    contact = record_contact(
        case_type="tenancy", case_ref="T-1", channel="phone", purpose="arrears", actor=officer,
        contacted_on=date(2025, 6, 3), notes="Agreed to call back Friday",
    )  # fmt: skip
    assert Contact.objects.get(pk=contact.pk).recorded_by == officer
    assert contact.ref.startswith("CON-")


def test_a_contact_with_a_channel_outside_the_list_is_refused(db):
    with pytest.raises(ValidationError):
        record_contact(case_type="tenancy", case_ref="T-1", channel="pigeon", purpose="arrears")
    assert not Contact.objects.exists()


def test_contacted_finds_only_outbound_contacts_of_the_purpose_inside_the_window(
    tenancy, other_tenancy
):
    record_contact(case_type="tenancy", case_ref=tenancy.ref, channel="letter", purpose="arrears",
                   contacted_on=date(2025, 6, 5))  # fmt: skip
    record_contact(case_type="tenancy", case_ref=other_tenancy.ref, channel="letter", purpose="other",
                   contacted_on=date(2025, 6, 5))  # fmt: skip
    found = Tenancy.objects.annotate(
        contacted=contacted(
            "tenancy", purposes=["arrears"], window=Q(contacted_on__gte=date(2025, 6, 1))
        )
    ).filter(contacted=True)
    assert list(found) == [tenancy]
    later = Tenancy.objects.annotate(
        contacted=contacted(
            "tenancy",
            window=Q(contacted_on__gt=OuterRef("start_date"))
            & Q(contacted_on__gte=date(2025, 7, 1)),
        )
    ).filter(contacted=True)
    assert list(later) == []
