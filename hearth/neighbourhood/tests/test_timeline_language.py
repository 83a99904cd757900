# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""Antisocial behaviour, fly-tipping and cleaning-concern timelines read in the reader's
language, in English the same words the services stored (issue #14)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from hearth.core.tests.timeline_checks import assert_english_reads_as_stored, page_in
from hearth.core.timeline import events_for
from hearth.estates.tests.factories import BlockFactory
from hearth.neighbourhood import services
from hearth.neighbourhood.models import AsbCase, CleaningConcern, FlyTipReport, Triage

pytestmark = pytest.mark.django_db


@translation.override("en-gb")  # staff and the complainant write in English
def _asb_story(resident, officer) -> AsbCase:  # type: ignore[no-untyped-def]
    case = services.open_asb_case(category="Noise", description="Music", channel="portal", actor=None, complainant=resident.person)  # fmt: skip
    services.triage_asb_case(case=case, outcome=Triage.ASB, reason="Late-night parties", actor=officer)  # fmt: skip
    services.agree_action_plan(case=case, plan="Warning letter", frequency="fortnightly", actor=officer)  # fmt: skip
    services.send_asb_update(case=case, message="We have written to them.", actor=officer)
    services.close_asb_case(case=case, reason="Resolved", satisfaction="satisfied", actor=officer)  # fmt: skip
    return case


@translation.override("en-gb")
def _flytipping_and_cleaning_stories(resident, officer) -> tuple[FlyTipReport, CleaningConcern]:  # type: ignore[no-untyped-def]
    report = services.report_flytipping(block=BlockFactory(), location="Behind block", channel="portal", actor=resident, person=resident.person, user=resident)  # fmt: skip
    services.record_flytipping_removed(report=report, actor=officer)
    services.say_flytipping_still_there(report=report, user=resident, actor=resident, note="Still")  # fmt: skip
    concern = services.report_cleaning_concern(block=BlockFactory(), description="Bins", channel="qr", actor=None, name="Sam", email="sam@example.org")  # fmt: skip
    services.answer_cleaning_concern(concern=concern, response="Emptied.", actor=officer)
    return report, concern


def test_in_english_every_registered_summary_reads_as_the_service_stored_it(
    resident, officer
) -> None:
    case = _asb_story(resident, officer)
    report, concern = _flytipping_and_cleaning_stories(resident, officer)
    assert_english_reads_as_stored(
        [e for c in (case, report, concern) for e in events_for(c)],
        {"asb_reported", "asb_triaged", "action_plan_agreed", "asb_update_sent", "asb_closed",
         "flytipping_reported", "flytipping_removed", "flytipping_reopened",
         "concern_reported", "concern_answered"},
    )  # fmt: skip


def test_a_complainant_who_chose_turkish_reads_their_asb_case_in_turkish(
    client, resident, officer
) -> None:
    case = _asb_story(resident, officer)
    page = page_in(client, resident, reverse("neighbourhood_portal:asb", args=[case.ref]), "tr")
    for turkish in ("Antisosyal davranış bildirildi (internetten, giriş yaparak): Noise",
                    "antisosyal davranış olarak değerlendirildi: Late-night parties",
                    "bilgilendirme sıklığı: iki haftada bir",
                    "Şikâyetçiye bilgi verildi: We have written to them.",
                    "Kapatıldı: Resolved"):  # fmt: skip
        assert turkish in page, turkish
