"""Demo landlord: the building safety register and the homes' condition.

Most checks are in date; a few are overdue (some never done); some homes turned the engineer
away, with the letters, calls and visits that followed, and a referral for legal access; some
checks found defects, leaving remedial actions at every risk level (a few overdue, some with an
interim mitigation, some done); most homes have a condition survey, some older than five years.
Towers of 14 storeys or more have no gas; blocks over 5 storeys have lifts (two over 10).
Everything goes in with bulk inserts.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from hearth.core import bulk
from hearth.core.demo import DemoContext, demo_step
from hearth.estates.models import Block, Home
from hearth.safety import rules
from hearth.safety.models import (
    AccessAttempt,
    CheckType,
    ConditionSurvey,
    LegalAccess,
    RemedialAction,
    SafetyCheck,
)

CONTRACTORS = {
    "gas": ["Gasway Heating Ltd", "North London Gas Services"],
    "electrical": ["Brightline Electrical", "Lea Valley Electrical Contractors"],
    "smoke_alarm": ["Brightline Electrical"],
    "co_alarm": ["Gasway Heating Ltd"],
    "fire_door": ["Doorsafe Compliance"],
    "fire_risk": ["Firecheck Assessors LLP"],
    "asbestos": ["Clearair Surveys"],
    "water": ["Aquacare Water Hygiene"],
    "lift": ["Liftcheck Engineering Insurance"],
}
ENGINEERS = ["A. Okafor", "J. Patel", "M. Kowalski", "S. Byrne", "R. Demir", "T. Mensah"]
FINDINGS = {
    "electrical": [("eicr_c1", "Exposed live parts at the consumer unit"),
                   ("eicr_c2", "No RCD protection for socket-outlets"),
                   ("eicr_c2", "Main protective bonding missing to gas pipe")],
    "gas": [("gas_ar", "Boiler flue seal degraded"), ("gas_id", "Cooker leaking at the hose")],
    "fire_risk": [("fra", "Replace damaged fire-stopping in riser cupboards"),
                  ("fra", "Self-closer faulty on stair door, level 3"),
                  ("fra", "Remove stored items from escape corridor")],
}  # fmt: skip
MITIGATIONS = [
    "Supply isolated and capped; temporary heaters provided",
    "Fire patrol twice daily until the work is done",
    "Circuit isolated; resident told not to use the sockets affected",
]
# A tiny real PDF, the certificate behind a few demo checks (so the portal can show one).
CERTIFICATE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _set_foundation_columns(ctx: DemoContext) -> None:
    Block.objects.filter(storeys__gt=5, storeys__lte=10).update(lifts=1)
    Block.objects.filter(storeys__gt=10).update(lifts=2)
    # Towers built without gas, and a few homes converted to all-electric.
    Home.objects.filter(block__storeys__gte=14).update(gas_supply=False)
    ids = sorted(Home.objects.filter(gas_supply=True).values_list("pk", flat=True))
    electric = [pk for pk in ids if ctx.rng.random() < 0.05]
    Home.objects.filter(pk__in=electric).update(gas_supply=False)


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng: random.Random = ctx.rng
        self.today = ctx.today
        self.checks: list[SafetyCheck] = []
        self.findings: list[tuple[int, str, str]] = []  # (check index, finding, description)
        self.no_access: list[tuple[Home, str]] = []
        self.fra_seen = False

    def check(self, check_type: CheckType, *, home: Any = None, block: Any = None,
              asset: str = "", overdue_share: float = 0.04) -> None:  # fmt: skip
        rng, months = self.rng, check_type.frequency_months
        roll = rng.random()
        if roll < 0.01:
            return  # never checked: overdue on the dashboard
        span = (rules.add_months(self.today, months) - self.today).days
        if roll < 0.01 + overdue_share:
            due = self.today - timedelta(days=rng.randint(1, 75))
        else:
            due = self.today + timedelta(days=rng.randint(0, max(span - 1, 0)))
        risk = ""
        if check_type.kind == "fire_risk":
            risk = rng.choices(["high", "medium", "low"], weights=[1, 5, 4])[0]
            months = {"high": check_type.high_risk_months, "medium": check_type.medium_risk_months,
                      "low": check_type.low_risk_months}[risk] or months  # fmt: skip
        done = rules.add_months(due, -months)
        if done > self.today:
            done = self.today
        outcome = "satisfactory"
        finds = FINDINGS.get(check_type.kind)
        first_fra = check_type.kind == "fire_risk" and not self.fra_seen
        if finds and (
            first_fra or rng.random() < (0.3 if check_type.kind == "fire_risk" else 0.04)
        ):
            outcome = "unsatisfactory"
            self.fra_seen |= first_fra
            k = len(finds) if first_fra else rng.randint(1, min(2, len(finds)))
            for finding, text in rng.sample(finds, k=k):
                self.findings.append((len(self.checks), finding, text))
        self.checks.append(
            SafetyCheck(
                ref=f"SC{len(self.checks) + 1:07d}", kind=check_type.kind, home=home, block=block,
                asset_ref=asset, done_on=done, next_due_on=due, outcome=outcome,
                contractor=rng.choice(CONTRACTORS[check_type.kind]),
                engineer=rng.choice(ENGINEERS), risk=risk,
                certificate_ref=f"{check_type.kind[:3].upper()}-{done:%y%m}-{len(self.checks) + 1:05d}",
            )
        )  # fmt: skip
        if (
            home is not None
            and check_type.kind == "gas"
            and due < self.today
            and rng.random() < 0.5
        ):
            self.no_access.append((home, check_type.kind))


@demo_step(order=60)
def building_safety(ctx: DemoContext) -> None:
    _set_foundation_columns(ctx)
    types = {t.code: t for t in CheckType.objects.all()}
    build = _Builder(ctx)
    homes = list(Home.objects.managed_on(ctx.today).select_related("block").order_by("pk"))
    tick = ctx.tick("Safety checks", len(homes))
    for home in homes:
        tall = rules.block_is_over_11_metres(home.block.storeys)
        if home.gas_supply:
            build.check(types["gas"], home=home)
            build.check(types["co_alarm"], home=home)
        build.check(types["electrical"], home=home, overdue_share=0.06)
        build.check(types["smoke_alarm"], home=home)
        if tall:
            build.check(types["flat_fire_door"], home=home, overdue_share=0.08)
    tick(len(homes))
    for block in Block.objects.order_by("pk"):
        if block.has_communal_areas:
            for code in ("fire_risk", "asbestos", "water"):
                build.check(types[code], block=block, overdue_share=0.05)
            if rules.block_is_over_11_metres(block.storeys):
                build.check(types["communal_fire_door"], block=block)
        for n in range(rules.communal_lifts(has_lift=block.has_lift, lifts=block.lifts)):
            build.check(types["lift"], block=block, asset=f"{block.ref}-LIFT-{n + 1}")
    checks = bulk.insert(SafetyCheck, build.checks)
    _attach_certificates([c for c in checks if c.kind in ("gas", "electrical")][:12])
    _remedial_actions(ctx, checks, build.findings)
    _no_access(ctx, build.no_access)
    _surveys(ctx, homes)


def _attach_certificates(checks: list[SafetyCheck]) -> None:
    for check in checks:
        check.certificate.save(f"{check.ref}.pdf", ContentFile(CERTIFICATE), save=True)


def _remedial_actions(ctx: DemoContext, checks: list[SafetyCheck], findings: list[Any]) -> None:
    rng, today = ctx.rng, ctx.today
    actions = []
    for n, (index, finding, text) in enumerate(findings):
        check = checks[index]
        risk = rules.default_risk(finding)
        if finding == "fra":
            risk = ("high", "medium", "low")[n % 3]
        elif finding == "eicr_c2":
            risk = rng.choice(["high", "medium"])
        raised = check.done_on
        due = rules.remedial_due(finding=finding, risk=risk, raised_on=raised)
        done = due < today and rng.random() < 0.8
        action = RemedialAction(
            ref=f"RA{n + 1:06d}", safety_check=check, finding=finding, description=text,
            risk=risk, raised_on=raised, due_on=due,
        )  # fmt: skip
        if done:
            action.status = "done"
            action.completed_on = min(today, due - timedelta(days=rng.randint(0, 3)))
            if action.completed_on < raised:
                action.completed_on = raised
        elif due < today and rng.random() < 0.6:
            action.mitigation = rng.choice(MITIGATIONS)
            action.mitigation_recorded_on = min(today, due + timedelta(days=1))
        actions.append(action)
    bulk.insert(RemedialAction, actions)


def _no_access(ctx: DemoContext, homes: list[tuple[Home, str]]) -> None:
    """Letters, calls and visits for homes that would not let the gas engineer in; the first
    few, after three channels, referred for legal access."""
    rng, today = ctx.rng, ctx.today
    attempts: list[AccessAttempt] = []
    referrals: list[LegalAccess] = []
    checks: list[SafetyCheck] = []
    zone = timezone.get_default_timezone()
    for n, (home, kind) in enumerate(homes):
        start = today - timedelta(days=rng.randint(20, 60))
        channels = ["letter", "phone", "visit"] if n % 3 == 0 else rng.sample(
            ["letter", "phone", "visit", "text", "card"], k=rng.randint(1, 2))  # fmt: skip
        for step, channel in enumerate(channels):
            at = datetime.combine(start + timedelta(days=7 * step), time(9 + step * 2, 30), zone)
            attempts.append(AccessAttempt(home=home, kind=kind, attempted_at=at, channel=channel,
                                          outcome=rng.choice(["no_answer", "refused"])))  # fmt: skip
            if channel == "visit":
                checks.append(SafetyCheck(
                    ref=f"SCNA{len(checks) + 1:06d}", kind=kind, home=home, done_on=at.date(),
                    next_due_on=at.date(), outcome="no_access",
                    contractor=CONTRACTORS[kind][0], notes="No answer; card left",
                ))  # fmt: skip
        if n % 3 == 0 and n < 9:
            referrals.append(LegalAccess(
                ref=f"LA{n + 1:05d}", home=home, kind=kind, opened_on=today - timedelta(days=3),
                reason="No access after a letter, a call and a visit; the tenant does not reply",
            ))  # fmt: skip
    bulk.insert(SafetyCheck, checks)
    bulk.insert(AccessAttempt, attempts)
    bulk.insert(LegalAccess, referrals)


def _surveys(ctx: DemoContext, homes: list[Home]) -> None:
    rng, today = ctx.rng, ctx.today
    surveys: list[ConditionSurvey] = []
    for home in homes:
        if rng.random() < 0.12:
            continue  # never surveyed
        surveyed = today - timedelta(days=rng.randint(30, 7 * 365))
        fails = {letter: rng.random() < share for letter, share in
                 (("a", 0.03), ("b", 0.04), ("c", 0.03), ("d", 0.05))}  # fmt: skip
        surveys.append(ConditionSurvey(
            ref=f"CS{len(surveys) + 1:07d}", home=home, surveyed_on=surveyed,
            surveyor=rng.choice(["Stock Condition Partners", "Hackney Surveying Services"]),
            decent=rules.meets_decent_homes(fails_a=fails["a"], fails_b=fails["b"],
                                            fails_c=fails["c"], fails_d=fails["d"]),
            fails_a=fails["a"], fails_b=fails["b"], fails_c=fails["c"], fails_d=fails["d"],
            kitchen=rng.choices(["good", "fair", "poor"], weights=[5, 4, 1])[0],
            bathroom=rng.choices(["good", "fair", "poor"], weights=[5, 4, 1])[0],
            window_restrictors_ok=rng.random() > 0.06, damp_or_mould=rng.random() < 0.08,
        ))  # fmt: skip
    bulk.insert(ConditionSurvey, surveys)


__all__ = ["building_safety"]
