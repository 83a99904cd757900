"""Default reference data: the check types a new landlord starts with (each frequency theirs to
change) and the Awaab's Law hazards with the dates their phases came in."""

from __future__ import annotations

from datetime import date

# code, kind, applies_to, scope, name, months, at_tenancy_start, copy_to_resident, FRA months
CHECK_TYPES = (
    ("gas", "gas", "home", "homes_with_gas", "Gas safety check", 12, False, True, None),
    ("electrical", "electrical", "home", "all_homes", "Electrical installation (EICR)", 60, False, True, None),
    ("smoke_alarm", "smoke_alarm", "home", "all_homes", "Smoke alarm test", 12, True, False, None),
    ("co_alarm", "co_alarm", "home", "homes_with_gas", "Carbon monoxide alarm test", 12, True, False, None),
    ("flat_fire_door", "fire_door", "home", "homes_in_tall_blocks", "Flat entrance fire door", 12, False, False, None),
    ("communal_fire_door", "fire_door", "block", "tall_blocks_communal", "Communal fire doors", 3, False, False, None),
    ("fire_risk", "fire_risk", "block", "blocks_communal", "Fire risk assessment", 12, False, False, (12, 24, 36)),
    ("asbestos", "asbestos", "block", "blocks_communal", "Asbestos re-inspection", 12, False, False, None),
    ("water", "water", "block", "blocks_communal", "Water safety (legionella)", 24, False, False, None),
    ("lift", "lift", "block", "lifts", "Lift thorough examination", 6, False, False, None),
)  # fmt: skip

# code, name, phase, in force from. Phase 1 came in on 27 October 2025; the government said
# phase 2 follows in 2026 (the date below is the landlord's to confirm and change).
AWAAB_HAZARDS = (
    ("damp_mould", "Damp and mould", 1, date(2025, 10, 27)),
    ("emergency", "Emergency hazards (any hazard posing an imminent and significant risk)", 1, date(2025, 10, 27)),
    ("excess_cold", "Excess cold", 2, date(2026, 10, 27)),
    ("excess_heat", "Excess heat", 2, date(2026, 10, 27)),
    ("falls", "Falls (on stairs, on the level, between levels, from baths)", 2, date(2026, 10, 27)),
    ("structural_collapse", "Structural collapse and explosions", 2, date(2026, 10, 27)),
    ("fire", "Fire", 2, date(2026, 10, 27)),
    ("electrical", "Electrical hazards", 2, date(2026, 10, 27)),
    ("hygiene", "Domestic hygiene, pests and refuse; food safety; personal hygiene", 2, date(2026, 10, 27)),
)  # fmt: skip


def fill(*, using: str = "default") -> None:
    """Add any default check type or hazard that is missing (never overwriting the landlord's
    own frequencies or dates)."""
    from hearth.safety.models import AwaabHazard, CheckType

    have = set(CheckType.objects.using(using).values_list("code", flat=True))
    CheckType.objects.using(using).bulk_create(
        [
            CheckType(
                code=code,
                kind=kind,
                applies_to=applies_to,
                scope=scope,
                name=name,
                frequency_months=months,
                at_tenancy_start=at_start,
                copy_to_resident=copy,
                high_risk_months=fra[0] if fra else None,
                medium_risk_months=fra[1] if fra else None,
                low_risk_months=fra[2] if fra else None,
                order=index,
            )
            for index, (code, kind, applies_to, scope, name, months, at_start, copy, fra) in (
                enumerate(CHECK_TYPES)
            )
            if code not in have
        ]
    )
    hazards = set(AwaabHazard.objects.using(using).values_list("code", flat=True))
    AwaabHazard.objects.using(using).bulk_create(
        [
            AwaabHazard(code=code, name=name, phase=phase, in_force_from=start)
            for code, name, phase, start in AWAAB_HAZARDS
            if code not in hazards
        ]
    )
