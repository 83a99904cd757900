"""The neighbourhood and community standard as small named rules. Each docstring gives the
rule's source and text; each has a test named after it in `tests/test_rules.py`. Services,
queues, reminders and measures ask these, so a due date is worked out one way everywhere.

Sources: the landlord's service standards (`charter`, "Neighbourhood and community"), the
measures spec (`docs/neighbourhood.md` keeps a copy of what we rely on), the Anti-social
Behaviour, Crime and Policing Act 2014 (s.104, the ASB case review or "Community Trigger").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from hearth.core import calendar

FLYTIPPING_REMOVAL_DAYS = 3
CLEANING_RESPONSE_DAYS = 3
EVIDENCE_REVIEW_DAYS = 5
MIN_NOTICE_DAYS = 7
NOTICE_DAY_CHOICES = (7, 14)
FIRST_CONTACT_DAYS = {"high": 1, "medium": 5, "low": 10}
COMMUNITY_TRIGGER_REPORTS = 3
COMMUNITY_TRIGGER_MONTHS = 6
UPDATE_DUE_SOON_DAYS = 5  # calendar days' warning before an update to a complainant is due
CHECKLIST = (
    ("cleaning", "Cleaning"),
    ("lighting", "Lighting"),
    ("graffiti", "Graffiti"),
    ("flytipping", "Fly-tipping"),
    ("lifts", "Lifts"),
    ("fire_safety", "Fire doors and escape routes"),
    ("bin_stores", "Bin stores"),
    ("grounds", "Grounds"),
    ("signage", "Signage"),
    ("door_entry", "Door entry"),
)
# The photo standard for each standard checklist line: what grades A, B, C and D look like, and
# the example photo the inspector compares with (a description of the shot, or the path of an
# image the landlord uploads to its media folder). Modelled on the graded photo books estate
# services teams use (A = very good ... D = poor); the landlord can change any of them.
PHOTO_STANDARDS: dict[str, tuple[str, str, str, str, str]] = {
    "cleaning": (
        "Floors, stairs and landings clean; no litter, stains or smells.",
        "One or two bits of litter or light marks; no smells.",
        "Litter on several landings, sticky or dusty floors.",
        "Dirty throughout: spills, bodily fluids, bad smells.",
        "Photo of the main stairs from the ground floor.",
    ),
    "lighting": (
        "Every light works, covers clean and in place.",
        "One light out in a well-lit area.",
        "Several lights out, or one out on stairs or at an entrance.",
        "Areas in the dark, or exposed wiring.",
        "Photo of the entrance hall and the first flight of stairs at dusk.",
    ),
    "graffiti": (
        "No graffiti anywhere.",
        "Small marks that are not offensive.",
        "Graffiti in several places, none offensive.",
        "Offensive or racist graffiti (remove within one working day).",
        "Photo of the entrance door and the lift lobby walls.",
    ),
    "flytipping": (
        "No dumped items.",
        "One small bag or item, easy to remove.",
        "Several items or bags dumped.",
        "Large items, a blocked path, or anything dangerous.",
        "Photo of the bin store approach and the block's back path.",
    ),
    "lifts": (
        "Working, clean, no smells, alarm tested.",
        "Working, light marks or litter.",
        "Working but dirty, or the alarm or lights faulty.",
        "Not working, or unsafe.",
        "Photo of the inside of the lift car with the doors open.",
    ),
    "fire_safety": (
        "Fire doors close fully on their own; escape routes clear; signs in place.",
        "A small item near a route that does not block it.",
        "A fire door that does not close fully, or items on a route.",
        "A fire door wedged open or damaged, or an escape route blocked.",
        "Photo of each floor's fire door from the landing.",
    ),
    "bin_stores": (
        "Clean, bins not overflowing, doors shut and working.",
        "Bins nearly full; light litter.",
        "Bins overflowing or the floor dirty.",
        "Rubbish piled up, pests seen, or doors broken.",
        "Photo from the bin store door showing the floor and bins.",
    ),
    "grounds": (
        "Grass cut, beds weeded, paths clear of litter.",
        "Some litter or weeds.",
        "Long grass, weeds or litter across the grounds.",
        "Overgrown, paths blocked, or hazards such as needles or broken glass.",
        "Photo of the main path to the entrance.",
    ),
    "signage": (
        "All signs in place, readable and up to date.",
        "One sign faded or dirty.",
        "Signs missing or out of date.",
        "Fire or safety signs missing.",
        "Photo of the block's name board and the fire action notice.",
    ),
    "door_entry": (
        "Door closes and locks; entry phone and fob reader work.",
        "Works, with a small fault such as a slow closer.",
        "Door does not always lock, or the entry phone is faulty.",
        "Door will not close or lock: the block is not secure.",
        "Photo of the main entrance door from outside.",
    ),
}
GRADE_POINTS = {"A": 100, "B": 70, "C": 40, "D": 0}


def one_month_after(day: date) -> date:
    """Measures spec, Conventions: "'At least monthly' / one month after D: the same day number
    in the next month, or that month's last day when it is shorter (31 Jan -> 28/29 Feb)"."""
    return calendar.one_month_after(day)


def month_key(day: date) -> int:
    """A number that orders dates like the calendar and makes "one month after" a sum:
    `later <= one_month_after(earlier)` exactly when `month_key(later) <= month_key(earlier) +
    100`. The measure `asb.monthly_updates` uses the same arithmetic in SQL."""
    return (day.year * 12 + day.month) * 100 + day.day


def months_before(day: date, months: int) -> date:
    """The same day number `months` months earlier, or that month's last day when shorter."""
    year, month = divmod(day.month - 1 - months, 12)
    year, month = day.year + year, month + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def within_one_month(earlier: date, later: date) -> bool:
    """Charter: "keep you informed on the progress of your antisocial behaviour complaint at
    least monthly": `later` is no later than one month after `earlier`."""
    return later <= one_month_after(earlier)


def flytipping_removal_due(received_on: date) -> date:
    """Charter: "work to remove fly tipping within three working days of it being reported"."""
    return calendar.add_working_days(received_on, FLYTIPPING_REMOVAL_DAYS)


def cleaning_response_due(received_on: date) -> date:
    """Charter: "respond to concerns about the standard of cleaning within three working
    days"."""
    return calendar.add_working_days(received_on, CLEANING_RESPONSE_DAYS)


def evidence_review_due(uploaded_on: date) -> date:
    """Issue #12: evidence a complainant uploads that no officer has reviewed within 5 working
    days shows on the officer's "my work"."""
    return calendar.add_working_days(uploaded_on, EVIDENCE_REVIEW_DAYS)


def first_contact_due(opened_on: date, risk: str) -> date:
    """Landlord's ASB procedure: after the risk assessment (which includes the complainant's
    vulnerability) the complainant is contacted within 1 working day (high risk), 5 (medium)
    or 10 (low) of the report."""
    return calendar.add_working_days(opened_on, FIRST_CONTACT_DAYS[risk])


def update_interval_due(last: date, frequency: str) -> date:
    """Charter: updates "at least monthly"; the complainant may ask for them more often
    (weekly, fortnightly), never less often than monthly."""
    if frequency == "weekly":
        return last + timedelta(days=7)
    if frequency == "fortnightly":
        return last + timedelta(days=14)
    return one_month_after(last)


def publication_due(scheduled_on: date, notice_days: int = MIN_NOTICE_DAYS) -> date:
    """Charter: "monthly estate inspections of your block which are well publicised"; the
    measure counts an inspection as publicised when its date was published at least 7 calendar
    days before it. The landlord may give more notice (14 days)."""
    return scheduled_on - timedelta(days=max(notice_days, MIN_NOTICE_DAYS))


def is_publicised(published_on: date | None, done_on: date) -> bool:
    """Measures spec, `estate.inspections_publicised`: published to residents at least 7
    calendar days before the inspection."""
    return published_on is not None and (done_on - published_on).days >= MIN_NOTICE_DAYS


def monthly_inspection_dates(first: date, months: int = 12) -> list[date]:
    """Charter: "monthly estate inspections of your block"; scheduled a year ahead, on the
    same day number each month (the month's last day when it is shorter), moved to the next
    working day when that is not one."""
    dates: list[date] = []
    for n in range(months):
        year, month = divmod(first.month - 1 + n, 12)
        day = date(first.year + year, month + 1, 1)
        nominal = day
        while nominal.month == day.month and nominal.day < first.day:
            following = nominal + timedelta(days=1)
            if following.month != day.month:
                break
            nominal = following
        dates.append(
            nominal if calendar.is_working_day(nominal) else calendar.next_working_day(nominal)
        )
    return dates


def overall_score(grades: Iterable[str]) -> int | None:
    """Landlord's inspection standard: each item graded A-D against its photo standard
    (A 100, B 70, C 40, D 0 points); the block's score is the mean, rounded half up."""
    points = [GRADE_POINTS[g] for g in grades]
    if not points:
        return None
    return int(sum(points) / len(points) + 0.5)


def overall_grade(score: int | None) -> str:
    """Landlord's inspection standard: 85 or more is A, 60 or more B, 35 or more C, else D."""
    if score is None:
        return ""
    if score >= 85:
        return "A"
    if score >= 60:
        return "B"
    if score >= 35:
        return "C"
    return "D"


def is_defect(grade: str) -> bool:
    """Landlord's inspection standard: a C or D grade is a defect that needs an action."""
    return grade in ("C", "D")


def community_trigger_met(report_dates: Iterable[date], on: date) -> bool:
    """Anti-social Behaviour, Crime and Policing Act 2014 s.104 (the local threshold in
    Hackney): three reports about the same problem in six months entitle the complainant to
    an ASB case review. Counts reports from six months before `on` (same day number) to
    `on`."""
    since = months_before(on, COMMUNITY_TRIGGER_MONTHS)
    recent = [d for d in report_dates if since <= d <= on]
    return len(recent) >= COMMUNITY_TRIGGER_REPORTS


def household_noise_hint(description: str) -> bool:
    """Housing Ombudsman, "Time to be heard" (2022): about three-quarters of noise reports are
    everyday household noise (footsteps, doors, children playing, appliances), which is not
    antisocial behaviour. Words that suggest it, for the officer's triage (a hint, never a
    decision)."""
    words = ("footsteps", "door", "children playing", "washing machine", "walking", "toilet")
    text = description.lower()
    return any(word in text for word in words)
