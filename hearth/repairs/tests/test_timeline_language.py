# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""A repair's timeline reads in the reader's language: a resident who chose Turkish reads the
Turkish summaries on their repair's page; staff and English readers read English, the same
words the services stored; an event nobody says how to read shows what was stored (issue #14)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from hearth.core import calendar, timeline
from hearth.core.tests.timeline_checks import assert_english_reads_as_stored, page_in
from hearth.core.timeline import events_for, summary_of
from hearth.repairs import services
from hearth.repairs.models import CatalogueItem, Repair

pytestmark = pytest.mark.django_db


def _report(tenancy, actor) -> Repair:  # type: ignore[no-untyped-def]
    return services.raise_repair(
        actor=actor, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description="The kitchen sink will not drain", channel="phone",
        catalogue_item=CatalogueItem.objects.get(code="K01"),
    )  # fmt: skip


@translation.override("en-gb")  # staff and the resident write in English
def _a_repairs_story(tenancy, resident, coordinator, operative, plumber) -> Repair:  # type: ignore[no-untyped-def]
    repair = _report(tenancy, coordinator)
    day = calendar.add_working_days(timezone.localdate(), 1)
    appointment = services.book_appointment(repair=repair, day=day, slot="am", actor=resident)
    services.reschedule_appointment(
        appointment=appointment, day=day, slot="pm", actor=resident, by_resident=True
    )
    services.change_priority(repair=repair, priority="routine", actor=coordinator)
    services.send_progress_update(repair=repair, actor=coordinator, update="Parts ordered.")
    services.record_visit(
        repair=repair, actor=operative, outcome="further_work",
        further_work="The waste pipe is cracked", further_trade="plumber",
    )  # fmt: skip
    services.complete_repair(repair=repair, actor=coordinator, note="Pipe replaced")
    services.resident_confirms_fix(repair=repair, actor=resident, fixed=False, note="Still slow")
    repair = services.complete_repair(repair=repair, actor=coordinator)
    services.record_satisfaction(repair=repair, actor=resident, answer="fairly_satisfied")
    return repair


def test_in_english_every_registered_summary_reads_as_the_service_stored_it(
    tenancy, resident, coordinator, operative, plumber
) -> None:
    repair = _a_repairs_story(tenancy, resident, coordinator, operative, plumber)
    assert_english_reads_as_stored(
        list(events_for(repair)),
        {"repair_reported", "appointment_booked", "appointment_cancelled", "priority_changed",
         "progress_update", "visit_recorded", "repair_completed", "repair_reopened",
         "satisfaction_recorded", "message_queued"},
    )  # fmt: skip


def test_a_resident_who_chose_turkish_reads_their_repairs_timeline_in_turkish(
    client, tenancy, resident, coordinator, operative, plumber
) -> None:
    repair = _a_repairs_story(tenancy, resident, coordinator, operative, plumber)
    page = page_in(client, resident, reverse("repairs_portal:repair", args=[repair.ref]), "tr")
    for turkish in ("Onarım bildirildi (telefon):", "Randevu ayarlandı:", "Öğleden sonra",
                    "Öncelik Acil yerine Normal yapıldı",
                    "tarihli randevu sakin tarafından iptal edildi: Başka bir saate alındı",
                    "E-posta gönderildi (alıcı: Rita Resident):", "Sakine bilgi verildi: Parts ordered.",
                    "Ziyaret: Başka iş gerekiyor. The waste pipe is cracked",
                    "Onarım tamamlandı: Pipe replaced", "Memnuniyet: Oldukça memnunum"):  # fmt: skip
        assert turkish in page, turkish
    for english in ("Repair reported", "Appointment booked", "Repair completed", "Satisfaction:",
                    "Email to", "Moved to another time"):  # fmt: skip
        assert english not in page, english


def test_staff_and_english_readers_read_the_timeline_in_english(
    client, tenancy, resident, coordinator, operative, plumber
) -> None:
    repair = _a_repairs_story(tenancy, resident, coordinator, operative, plumber)
    page = page_in(client, resident, reverse("repairs_portal:repair", args=[repair.ref]), "en-gb")
    assert "Repair reported (phone):" in page and "Onarım" not in page
    page = page_in(client, coordinator, reverse("repairs:repair", args=[repair.ref]), "en-gb")
    assert "Repair completed: Pipe replaced" in page and "Onarım tamamlandı" not in page


def test_an_event_with_no_registered_summary_or_older_details_reads_as_stored(
    tenancy, resident, coordinator
) -> None:
    repair = _report(tenancy, coordinator)
    unknown = timeline.record(repair, verb="something_new", summary="Kept as written",
                              visible_to_resident=True)  # fmt: skip
    older = timeline.record(repair, verb="repair_completed", summary="Repair completed: old",
                            details={}, visible_to_resident=True)  # fmt: skip
    with translation.override("tr"):
        assert summary_of(unknown) == "Kept as written"
        assert summary_of(older) == "Repair completed: old"
        reported = events_for(repair).get(verb="repair_reported")
        assert summary_of(reported).startswith("Onarım bildirildi (telefon):")
