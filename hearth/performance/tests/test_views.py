from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hearth.accounts.tests.otp import sign_in_verified
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.estates.tests.factories import HomeFactory
from hearth.involvement.models import Invitation, TsmSurvey
from hearth.involvement.tests.factories import SurveyFactory, respond

# Every id of the measures spec (shared/spec/measures.md), in the spec's order.
SPEC_IDS = [
    "complaints.stage1_average_working_days", "CH01.stage1", "CH01.stage2", "CH02.stage1", "CH02.stage2",
    "complaints.acknowledged_on_time", "RP02.emergency", "RP02.non_emergency", "repairs.first_visit_fix",
    "repairs.appointments_offered", "repairs.appointments_kept", "repairs.progress_updates",
    "BS01", "BS02", "BS03", "BS04", "BS05", "safety.electrical", "RP01", "homes.condition_surveyed",
    "voids.average_relet_days", "voids.average_relet_days_major", "voids.rent_lost", "lettings.letting_standard_met",
    "lettings.viewing_offered", "rent.collected", "rent.current_arrears", "arrears.contacted_in_5_days",
    "tenancy.money_advice_offered", "estate.inspections_completed", "estate.inspections_publicised",
    "estate.flytipping_removed", "estate.cleaning_concerns_answered", "estate.cleaning_schedules_displayed",
    "asb.monthly_updates", "NM01.asb", "NM01.hate",
    *[f"TP{n:02d}" for n in range(1, 13)],
]  # fmt: skip

YEAR = {
    "date_from_day": "1",
    "date_from_month": "4",
    "date_from_year": "2025",
    "date_to_day": "31",
    "date_to_month": "3",
    "date_to_year": "2026",
}


def _ids_in(page: str) -> list[str]:
    return re.findall(r'data-measure="([^"]+)"', page)


@pytest.fixture
def year_of_figures(db):
    for _n in range(4):
        HomeFactory()
    # Stage 1: received Thursday 17 April 2025 and acknowledged the same day; due 10 working
    # days later on Tuesday 6 May (Good Friday 18 April, Easter Monday 21 April and Monday 5
    # May are bank holidays).
    ComplaintFactory(
        ref="CMP-ON-TIME",
        received_on=date(2025, 4, 17),
        stage1_acknowledged_on=date(2025, 4, 17),
        stage1_responded_on=date(2025, 5, 2),
    )
    ComplaintFactory(
        ref="CMP-LATE",
        received_on=date(2025, 4, 17),
        stage1_acknowledged_on=date(2025, 4, 17),
        stage1_responded_on=date(2025, 5, 7),
    )
    survey = SurveyFactory()
    respond(survey, date(2025, 6, 10), TP01="very_satisfied")
    respond(survey, date(2025, 6, 11), TP01="very_dissatisfied")


def test_every_measure_of_the_spec_is_on_the_dashboard_by_its_title_in_the_spec_order(
    client, manager, year_of_figures
):
    sign_in_verified(client, manager)
    page = client.get(reverse("performance:dashboard"), YEAR).content.decode()
    assert _ids_in(page) == SPEC_IDS
    assert "Stage 1 complaints answered on time" in page
    # Titles are what people read: no internal id is shown as a label.
    assert ">CH01.stage1<" not in page and "CH02.stage1</" not in page


def test_every_measure_of_the_spec_is_on_the_public_page_in_the_spec_order(client, year_of_figures):
    page = client.get(reverse("performance_public:home"))
    assert page.status_code == 200  # no sign-in
    assert _ids_in(page.content.decode()) == SPEC_IDS


def test_the_dashboard_shows_value_target_and_whether_met(client, manager, year_of_figures):
    sign_in_verified(client, manager)
    page = client.get(reverse("performance:dashboard"), YEAR).content.decode()
    row = page.split('data-measure="CH02.stage1"')[1].split("</tr>")[0]
    assert "50.0%" in row and "1 / 2" in row and "Not met" in row


def test_a_satisfaction_figure_shows_its_answers_and_response_rate(
    client, manager, year_of_figures, tenancy
):
    survey = TsmSurvey.objects.get()
    Invitation.objects.create(
        survey=survey,
        tenancy=tenancy,
        person=tenancy.lead_tenant,
        channel="email",
        invited_on=date(2025, 6, 1),
        token="t1",
    )
    sign_in_verified(client, manager)
    page = client.get(reverse("performance:dashboard"), YEAR).content.decode()
    row = page.split('data-measure="TP01"')[1].split("</tr>")[0]
    # 2 answers; the 1 household invited to the round has not answered: 0%.
    assert "2 answers" in row and "0.0% response rate" in row
    public = client.get(reverse("performance_public:home"), {"year": "2025"}).content.decode()
    assert "from 2 answers" in public.split('data-measure="TP01"')[1].split("</tr>")[0]


def test_a_manager_traces_a_figure_to_its_cases(client, manager, year_of_figures):
    sign_in_verified(client, manager)
    url = reverse("performance:measure", args=["CH02.stage1"])
    everything = client.get(url, YEAR).content.decode()
    assert 'data-case="CMP-ON-TIME"' in everything and 'data-case="CMP-LATE"' in everything
    numerator = client.get(url, {**YEAR, "show": "numerator"}).content.decode()
    assert 'data-case="CMP-ON-TIME"' in numerator and 'data-case="CMP-LATE"' not in numerator
    assert "April 2025" in everything  # the monthly trend


def test_every_measure_can_be_traced_to_its_cases(client, manager, year_of_figures):
    from hearth.core.measures import registry

    # Each domain registers its case lists with `@lists_cases`: none is left without one.
    assert [m for m in SPEC_IDS if registry.case_list(m) is None] == []
    sign_in_verified(client, manager)
    page = client.get(reverse("performance:measure", args=["BS01"]), YEAR).content.decode()
    assert "Drill-down not available yet" not in page


def test_the_dashboard_exports_to_csv_and_excel(client, manager, year_of_figures):
    sign_in_verified(client, manager)
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("performance:export-csv"), YEAR).content.decode())
        )
    )
    assert [r[0] for r in rows[1:]] == SPEC_IDS
    ch02 = next(r for r in rows if r[0] == "CH02.stage1")
    assert ch02[1:8] == [
        "Stage 1 complaints answered on time",
        "50.0",
        "%",
        "1",
        "2",
        "100.0",
        "no",
    ]
    book = load_workbook(io.BytesIO(client.get(reverse("performance:export-xlsx"), YEAR).content))
    sheet = book.active
    assert [c.value for c in sheet["A"]][1:] == SPEC_IDS


def test_the_tsm_return_lists_every_tsm_for_the_year(client, manager, year_of_figures):
    sign_in_verified(client, manager)
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(reverse("performance:tsm-csv", args=[2025])).content.decode())
        )
    )
    codes = [r["tsm"] for r in rows]
    assert codes == [
        "CH01", "CH01", "CH02", "CH02", "RP02", "RP02", "BS01", "BS02", "BS03", "BS04", "BS05",
        "RP01", "NM01", "NM01", *[f"TP{n:02d}" for n in range(1, 13)],
    ]  # fmt: skip
    tp01 = next(r for r in rows if r["tsm"] == "TP01")
    assert (tp01["source"], tp01["result"], tp01["answers"]) == (
        "tenant perception survey",
        "50.0",
        "2",
    )
    summary = client.get(reverse("performance:tsm-year", args=[2025])).content.decode()
    assert "Summary of approach" in summary and "10 working days" in summary
    # Hearth's own layout is labelled so; the page says the NROSH+ form itself was not seen.
    download = client.get(reverse("performance:tsm-csv", args=[2025]))
    assert "hearth-layout" in download["Content-Disposition"]
    assert 'id="tsm-layout"' in summary and "NROSH+" in summary


def test_the_tsm_return_follows_the_regulators_measure_list(client, manager, year_of_figures):
    sign_in_verified(client, manager)
    download = client.get(reverse("performance:tsm-regulator-csv", args=[2025]))
    assert 'filename="tsm-return-2025-2026.csv"' in download["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    # The 22 TSMs by the Regulator's themes, both parts of CH01, CH02, RP02 and NM01.
    assert [(r["tsm"], r["part"]) for r in rows] == [
        ("TP01", ""), ("TP02", ""), ("TP03", ""), ("TP04", ""), ("RP01", ""), ("RP02", "1"),
        ("RP02", "2"), ("TP05", ""), ("BS01", ""), ("BS02", ""), ("BS03", ""), ("BS04", ""),
        ("BS05", ""), ("TP06", ""), ("TP07", ""), ("TP08", ""), ("TP09", ""), ("CH01", "1"),
        ("CH01", "2"), ("CH02", "1"), ("CH02", "2"), ("TP10", ""), ("TP11", ""), ("TP12", ""),
        ("NM01", "1"), ("NM01", "2"),
    ]  # fmt: skip
    assert len({r["tsm"] for r in rows}) == 22
    ch02 = next(r for r in rows if (r["tsm"], r["part"]) == ("CH02", "1"))
    # One of the two stage 1 complaints answered by its due date (worked out above).
    assert (ch02["theme"], ch02["numerator"], ch02["denominator"], ch02["result"]) == (
        "Effective handling of complaints", "1", "2", "50.0",
    )  # fmt: skip
    rp02 = [r["description"] for r in rows if r["tsm"] == "RP02"]
    assert rp02 == ["Non-emergency repairs completed on time", "Emergency repairs completed within 24 hours"]  # fmt: skip
    tp01 = next(r for r in rows if r["tsm"] == "TP01")
    assert (tp01["result"], tp01["responses"], tp01["tenure"]) == ("50.0", "2", "LCRA")
    approach = client.get(reverse("performance:tsm-approach-csv", args=[2025]))
    items = {r["item"]: r for r in csv.DictReader(io.StringIO(approach.content.decode()))}
    assert list(items) == [*"abcdefghijk", "RP02", "CH02"]
    assert items["a"]["answer"].startswith("2 responses from 0 households asked")
    assert items["b"]["answer"] == "10 June 2025 to 11 June 2025"
    assert "10 working days" in items["CH02"]["answer"] and "24 hours" in items["RP02"]["answer"]


def test_residents_cannot_open_the_dashboard(client, resident):
    client.force_login(resident)
    assert client.get(reverse("performance:dashboard")).status_code == 404
    assert client.get(reverse("performance:export-csv")).status_code == 404
