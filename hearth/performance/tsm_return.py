"""The annual Tenant Satisfaction Measures return: every TSM for a reporting year, and the
published summary of approach, in three downloads.

- `regulator_rows` / `as_regulator_csv`: the return as the Regulator's published measure list
  sets it out: the 22 TSMs by theme, each part of a two-part measure on its own row (CH01, CH02,
  RP02 and NM01), each with its numerator, denominator and result, and the number of responses
  for a perception measure.
- `approach_rows` / `as_approach_csv`: the summary of approach, item by item (the Regulator's
  Tenant Survey Requirements, paragraph 35, items a to k), with the target timescales used for
  RP02 and CH02.
- `rows` / `as_csv`: Hearth's own layout (one row per measure id, with the weighted figure and
  the response rate beside it).

Sources (docs/involvement.md says what each settles and what stays uncertain): the Regulator's
CEO letter Annex B, "Tenant Satisfaction Measures (large providers and local authorities)", 11
March 2025, and "Tenant Satisfaction Measures - Summary of publication requirements" (gov.uk).
They list what landlords must report through NROSH+ (every TSM, both parts where a TSM has two,
the RP02 and CH02 timescales, the summary of approach items a to k) but not the NROSH+ form's
columns, which we could not find published (searched 3 December 2026); so the measure-list CSV
follows the published lists, not a form we have seen.

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


# The Regulator's themes, in the order its measure list gives them; each TSM code's themes.
THEMES = (
    ("Overall satisfaction", ("TP01",)),
    ("Keeping properties in good repair", ("TP02", "TP03", "TP04", "RP01", "RP02")),
    ("Maintaining building safety", ("TP05", "BS01", "BS02", "BS03", "BS04", "BS05")),
    ("Respectful and helpful engagement", ("TP06", "TP07", "TP08")),
    ("Effective handling of complaints", ("TP09", "CH01", "CH02")),
    ("Responsible neighbourhood management", ("TP10", "TP11", "TP12", "NM01")),
)

# Which of Hearth's measure ids is which part of a two-part TSM, as the Regulator numbers them.
PARTS = {
    "CH01.stage1": "1", "CH01.stage2": "2", "CH02.stage1": "1", "CH02.stage2": "2",
    "RP02.non_emergency": "1", "RP02.emergency": "2", "NM01.asb": "1", "NM01.hate": "2",
}  # fmt: skip

REGULATOR_COLUMNS = (
    "reporting_year_start",
    "reporting_year_end",
    "theme",
    "tsm",
    "part",
    "description",
    "tenure",
    "numerator",
    "denominator",
    "result",
    "unit",
    "responses",
)


def regulator_rows(start: date, end: date) -> list[dict[str, Any]]:
    """Every TSM for the year, by theme in the Regulator's order, one row per part. Tenure is
    low cost rental accommodation (LCRA): Hearth keeps no shared-ownership (LCHO) homes."""
    found = {m["id"]: m for m in report(start, end)["measures"]}
    weighted = involvement.weighted_results(Period(start, end))
    by_code: dict[str, list[dict[str, Any]]] = {}
    for measure_id, m in found.items():
        match = TSM_ID.match(measure_id)
        if match is not None:
            by_code.setdefault(match["code"], []).append(m)
    out = []
    for theme, codes in THEMES:
        for code in codes:
            parts = sorted(by_code.get(code, []), key=lambda m: PARTS.get(m["id"], ""))
            for m in parts:
                survey = involvement.is_survey_measure(m["id"])
                out.append(
                    {
                        "reporting_year_start": start.isoformat(),
                        "reporting_year_end": end.isoformat(),
                        "theme": theme,
                        "tsm": code,
                        "part": PARTS.get(m["id"], ""),
                        "description": m["title"],
                        "tenure": "LCRA",
                        "numerator": m["numerator"],
                        "denominator": m["denominator"],
                        "result": m["value"],
                        "unit": m["unit"],
                        "responses": m["denominator"] if survey else None,
                        # For the page, not the CSV: the weighted figure beside the unweighted.
                        "weighted_result": weighted[m["id"]].value if survey else None,
                    }
                )
    return out


def as_regulator_csv(start: date, end: date) -> str:
    table = [list(REGULATOR_COLUMNS)] + [
        ["" if row[col] is None else row[col] for col in REGULATOR_COLUMNS]
        for row in regulator_rows(start, end)
    ]
    return reporting.to_csv(table)


def approach_rows(start: date, end: date) -> list[tuple[str, str, str]]:
    """The summary of approach as (item, heading, answer): items a to k of the Tenant Survey
    Requirements' paragraph 35 as far as the sources name them, then the RP02 and CH02
    timescales. What Hearth does not record (a contractor, incentives) is said so, for the
    landlord to complete."""
    a = approach(start, end)
    methods = "; ".join(f"{name}: {n}" for name, n in a.channels) or "none"
    rate = "not known" if a.response_rate is None else f"{a.response_rate}%"
    return [
        ("a", "Achieved sample size",
         f"{a.responses} responses from {a.invited} households asked (response rate {rate})"),
        ("b", "Timing of survey", a.fieldwork),
        ("c", "Collection method(s)", methods),
        ("d", "Sample method",
         "Random sample of current tenancies (lead tenants), sized for the margin of error "
         "required for the number of homes; nobody asked twice in 12 months"),
        ("e", "Assessment of representativeness",
         "Responses compared by estate with current tenancies at the end of the year"),
        ("f", "Weighting applied", a.weighting),
        ("g", "Role of any external contractor", "None recorded in Hearth: complete if used"),
        ("h", "Tenant households excluded and why",
         "Leaseholders (not in the perception survey) and lead tenants asked in the last 12 "
         "months"),
        ("i", "Incentives offered", "None recorded in Hearth: complete if offered"),
        ("j", "Other methodological issues, including any affecting comparison with last year",
         "None recorded in Hearth: complete if any"),
        ("k", "Any further item the Regulator's paragraph 35 asks for",
         "Check against the current Tenant Survey Requirements"),
        ("RP02", "Target timescales used for RP02", a.rp02_timescales),
        ("CH02", "Target timescales used for CH02", a.ch02_timescales),
    ]  # fmt: skip


def as_approach_csv(start: date, end: date) -> str:
    return reporting.to_csv([["item", "heading", "answer"], *map(list, approach_rows(start, end))])


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
