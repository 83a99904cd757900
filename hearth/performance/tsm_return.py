"""The annual Tenant Satisfaction Measures return: every TSM for a reporting year, one row
each, in the return's layout, and the published summary of approach.

The layout is Hearth's own, and is labelled so (the download is named `...-hearth-layout.csv`
and the page says it). The Regulator collects the return from landlords with 1,000 homes or more
through its NROSH+ data collection (gov.uk, "Tenant Satisfaction Measures - Summary of
publication requirements"); the column layout of that collection is not published in any source
we could search (checked 3 December 2026), so we do not claim to match it.

Which measures are TSMs is read from the registry: a measure whose id is a Regulator's code
(two capitals and two digits, like `BS01`, `CH02.stage1`, `TP05`). The landlord-computed ones
come from their domains' measures; the perception ones (TP01-TP12) from the survey.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from hearth.complaints import rules as complaint_rules
from hearth.core.measures import Period, report
from hearth.involvement import queries as involvement
from hearth.performance import reporting
from hearth.repairs import queries as repair_queries

TSM_ID = re.compile(r"^(?P<code>[A-Z]{2}\d{2})(?:\.(?P<part>.+))?$")

COLUMNS = (
    "reporting_year_start",
    "reporting_year_end",
    "tsm",
    "part",
    "description",
    "source",
    "numerator",
    "denominator",
    "result",
    "unit",
    "weighted_result",
    "answers",
    "response_rate",
)


def is_tsm(measure_id: str) -> bool:
    return TSM_ID.match(measure_id) is not None


def rows(start: date, end: date) -> list[dict[str, Any]]:
    found = report(start, end)
    period = Period(start, end)
    weighted = involvement.weighted_results(period)
    participation = involvement.participation(period)
    out = []
    for m in found["measures"]:
        match = TSM_ID.match(m["id"])
        if match is None:
            continue
        survey = involvement.is_survey_measure(m["id"])
        out.append(
            {
                "reporting_year_start": start.isoformat(),
                "reporting_year_end": end.isoformat(),
                "tsm": match["code"],
                "part": match["part"] or "",
                "description": m["title"],
                "source": "tenant perception survey" if survey else "management information",
                "numerator": m["numerator"],
                "denominator": m["denominator"],
                "result": m["value"],
                "unit": m["unit"],
                "weighted_result": weighted[m["id"]].value if survey else None,
                "answers": m["denominator"] if survey else None,
                "response_rate": participation.response_rate if survey else None,
            }
        )
    return out


def as_csv(start: date, end: date) -> str:
    table = [list(COLUMNS)] + [
        ["" if row[col] is None else row[col] for col in COLUMNS] for row in rows(start, end)
    ]
    return reporting.to_csv(table)


@dataclass(frozen=True)
class Approach:
    """The summary of approach the Regulator requires published with the perception measures."""

    responses: int
    invited: int
    response_rate: float | None
    channels: list[tuple[str, int]]
    weighting: str
    fieldwork: str
    rp02_timescales: str
    ch02_timescales: str


def approach(start: date, end: date) -> Approach:
    period = Period(start, end)
    participation = involvement.participation(period)
    channels = involvement.channel_counts(period)
    first, last = involvement.fieldwork_dates(period)
    times = repair_queries.priority_times()
    return Approach(
        responses=participation.responses,
        invited=participation.invited,
        response_rate=participation.response_rate,
        channels=sorted(Counter(channels).items()),
        weighting=_(
            "Results are shown unweighted and, beside them, weighted by estate: each estate "
            "counts in proportion to its share of current tenancies at the end of the year."
        ),
        fieldwork=(
            _("%(first)s to %(last)s")
            % {"first": f"{first:%-d %B %Y}", "last": f"{last:%-d %B %Y}"}
            if first and last
            else _("No answers in the year")
        ),
        rp02_timescales=_(
            "Emergency repairs within %(hours)s hours of being reported; urgent within "
            "%(urgent)s working days; routine within %(routine)s working days; planned within "
            "%(planned)s working days (shorter where the Right to Repair applies)."
        )
        % {
            "hours": times.emergency_hours,
            "urgent": times.urgent_days,
            "routine": times.routine_days,
            "planned": times.planned_days,
        },
        ch02_timescales=_(
            "Housing Ombudsman Complaint Handling Code (2024): stage 1 answered within "
            "%(s1)s working days of acknowledgement (plus up to %(x1)s with an extension); "
            "stage 2 within %(s2)s working days (plus up to %(x2)s)."
        )
        % {
            "s1": complaint_rules.STAGE1_RESPONSE_DAYS,
            "x1": complaint_rules.STAGE1_MAX_EXTENSION_DAYS,
            "s2": complaint_rules.STAGE2_RESPONSE_DAYS,
            "x2": complaint_rules.STAGE2_MAX_EXTENSION_DAYS,
        },
    )
