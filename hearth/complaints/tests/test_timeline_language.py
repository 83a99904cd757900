# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""A complaint's timeline reads in the reader's language: Turkish on the portal for a resident
who chose it, and in English the same words the services stored (issue #14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from hearth.complaints import services
from hearth.complaints.models import Category, Complaint, ExclusionReason, RemedyKind
from hearth.complaints.services import ActionPromise, RemedyOffer
from hearth.core.tests.timeline_checks import assert_english_reads_as_stored, page_in
from hearth.core.timeline import events_for

pytestmark = pytest.mark.django_db


@translation.override("en-gb")
def _complain(resident, description: str = "My kitchen tap has leaked for six weeks.") -> Complaint:  # type: ignore[no-untyped-def]
    return services.make_complaint(
        actor=resident, tenancy=resident.person.memberships.get().tenancy,
        complainant=resident.person, category=Category.REPAIRS, description=description,
        desired_outcome="Fix the tap.", received_on=date(2025, 4, 17),
    )  # fmt: skip


@translation.override("en-gb")  # staff and the resident write in English
def _a_complaints_story(resident, officer) -> Complaint:  # type: ignore[no-untyped-def]
    complaint = _complain(resident)
    services.acknowledge(complaint=complaint, actor=officer, definition="The tap repair is late.",
                         on=date(2025, 4, 24))  # fmt: skip
    services.extend(complaint=complaint, actor=officer, days=5, reason="We need a report.",
                    on=date(2025, 5, 1))  # fmt: skip
    services.respond(
        complaint=complaint, actor=officer, on=date(2025, 5, 8), decision="partly_upheld",
        reasons="We missed two appointments.", remedy="We apologise and pay £1,250.",
        outstanding_actions="The tap will be replaced.", how_to_escalate="Ask for stage 2.",
        remedies=[RemedyOffer(RemedyKind.COMPENSATION, "Inconvenience", Decimal("1250"))],
        actions=[ActionPromise("Replace the tap", date(2025, 6, 20))],
    )  # fmt: skip
    action = services.add_action(complaint=complaint, actor=officer, description="Check the pipes",
                                 due_on=date(2025, 6, 27))  # fmt: skip
    services.complete_action(action=action, actor=officer)
    services.record_compensation_paid(remedy=complaint.remedies.get(), actor=officer)
    services.escalate(complaint=complaint, actor=resident, on=date(2025, 5, 12))
    return complaint


def test_in_english_every_registered_summary_reads_as_the_service_stored_it(
    resident, complaints_officer
) -> None:
    complaint = _a_complaints_story(resident, complaints_officer)
    withdrawn = _complain(resident, "The lift is broken.")
    services.withdraw(complaint=withdrawn, actor=complaints_officer, note="Sorted")
    excluded = _complain(resident, "The fence was broken.")
    services.exclude(complaint=excluded, actor=complaints_officer,
                     reason=ExclusionReason.LEGAL_PROCEEDINGS, explanation="In court.")  # fmt: skip
    assert_english_reads_as_stored(
        [e for c in (complaint, withdrawn, excluded) for e in events_for(c)],
        {"received", "stage1_acknowledged", "stage1_extended", "stage1_responded",
         "action_added", "action_done", "compensation_paid", "escalated", "withdrawn",
         "excluded"},
    )  # fmt: skip


def test_a_resident_who_chose_turkish_reads_their_complaints_timeline_in_turkish(
    client, resident, complaints_officer
) -> None:
    complaint = _a_complaints_story(resident, complaints_officer)
    url = reverse("complaints_portal:detail", args=[complaint.ref])
    page = page_in(client, resident, url, "tr")
    for turkish in ("Şikâyet alındı: Rita Resident (internet formu)",
                    "1. aşama: şikâyetin alındığı bildirildi; en geç",
                    "1. aşamanın süresi 5 iş günü uzatılarak",
                    "1. aşama yanıtı gönderildi: kısmen haklı bulundu",
                    "Söz verilen iş: Check the pipes (en geç", "Söz verilen iş yapıldı: Check the pipes",
                    "£1,250.00 tazminat sakine ödendi",
                    "Sakin, şikâyetin 2. aşamada ele alınmasını istedi"):  # fmt: skip
        assert turkish in page, turkish
    page = page_in(client, resident, url, "en-gb")
    assert "Compensation of £1,250.00 paid to the resident" in page and "tazminat" not in page
