"""Every file of the interchange layout (`docs/interchange.md`), whether or not a part of Hearth
imports it yet. A folder may hold files of the layout that no domain has registered (voids.csv
before lettings lands): those are set aside, not refused. A file that is not in the layout at
all is a problem (a misspelt name, most often)."""

from __future__ import annotations

LAYOUT_FILES: tuple[str, ...] = (
    "estates.csv",
    "blocks.csv",
    "homes.csv",
    "rent_rates.csv",
    "tenancies.csv",
    "transactions.csv",
    "contacts.csv",
    "repairs.csv",
    "appointments.csv",
    "visits.csv",
    "complaints.csv",
    "voids.csv",
    "inspections.csv",
    "flytipping.csv",
    "cleaning_concerns.csv",
    "cleaning_schedules.csv",
    "asb_cases.csv",
    "survey_answers.csv",
    "safety_checks.csv",
    "home_conditions.csv",
)

# A file may be a CSV file or an Excel workbook of the same name (its first sheet).
SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")
