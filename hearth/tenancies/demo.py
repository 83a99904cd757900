"""Demo landlord: people, tenancies and households, contact preferences, support needs and
cautionary alerts, with a few years of lettings history (tenancies ending, homes re-let)."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from hearth.core import bulk
from hearth.core.demo import DemoContext, demo_step
from hearth.tenancies.models import (
    CautionaryAlert,
    ContactPreference,
    MemberRole,
    Person,
    SupportNeed,
    Tenancy,
    TenancyMember,
    Tenure,
)

FIRST_NAMES = [
    "Amina", "Ayşe", "Bola", "Chloe", "Daniel", "Deniz", "Efua", "Fatima", "Grace", "Hassan", "Ife",
    "Jamal", "Kemal", "Leah", "Mehmet", "Nadia", "Olu", "Patrick", "Rahima", "Samuel", "Tomasz",
    "Uche", "Vanessa", "Wei", "Yusuf", "Zainab", "Agnieszka", "Brian", "Carmen", "Dawit", "Esther",
    "Hodan", "Joyce", "Kwame", "Lucia", "Marcus", "Nimo", "Priya", "Rosa", "Shanice", "Tariq",
]  # fmt: skip
LAST_NAMES = [
    "Adeyemi", "Ahmed", "Begum", "Campbell", "Demir", "Edwards", "Francis", "Gordon", "Hussain",
    "Ibrahim", "Johnson", "Kaya", "Kowalski", "Lewis", "Mensah", "Nowak", "Okafor", "Patel",
    "Quinn", "Rahman", "Silva", "Taylor", "Uddin", "Walker", "Yilmaz", "Zhang", "Abdi", "Brown",
    "Clarke", "Osei", "Murphy", "Da Costa", "Hernández", "Mohamed", "Williams", "Öztürk",
]  # fmt: skip
LANGUAGES = ["English"] * 16 + [
    "Turkish",
    "Turkish",
    "Bengali",
    "Polish",
    "Somali",
    "Yoruba",
    "Spanish",
    "Portuguese",
]
SUPPORT = [
    (SupportNeed.Kind.MOBILITY, "Uses a wheelchair; needs ground-floor access or a working lift."),
    (SupportNeed.Kind.HEARING, "Deaf: contact by text or email, not phone."),
    (SupportNeed.Kind.SIGHT, "Partially sighted: large print letters."),
    (SupportNeed.Kind.MENTAL_HEALTH, "Anxiety: call ahead before any visit."),
    (SupportNeed.Kind.AGE, "Over 80 and lives alone."),
    (SupportNeed.Kind.MEDICAL, "Needs power for medical equipment at home."),
]
ALERTS = [
    ("Verbal abuse", "Verbally abusive to a repairs operative in the past: visit in pairs."),
    ("Dangerous dog", "Dog must be shut away before entry."),
    ("Needles", "Sharps found at the address: wear protective gloves."),
]


def _ascii(text: str) -> str:
    """Email addresses without accents or spaces (Ayşe Öztürk -> ayse.ozturk)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.replace(" ", "").lower()


def _name(ctx: DemoContext) -> str:
    return f"{ctx.rng.choice(FIRST_NAMES)} {ctx.rng.choice(LAST_NAMES)}"


def _tenure_for(ctx: DemoContext, start: date) -> str:
    if (ctx.today - start).days < 365:
        return Tenure.INTRODUCTORY
    return ctx.rng.choices([Tenure.SECURE, Tenure.LEASEHOLD, Tenure.TEMPORARY], weights=[90, 7, 3])[
        0
    ]


@demo_step(order=20)
def people_and_tenancies(ctx: DemoContext) -> None:
    rng = ctx.rng
    history_start = ctx.today - timedelta(days=365 * ctx.years)
    tenancies: list[Tenancy] = []
    leads: list[Person] = []
    joint: list[tuple[int, Person, str]] = []  # (tenancy index, person, role)
    for home_id in ctx.home_ids:
        # One tenancy running now (or the home is empty for a few weeks) and maybe an earlier one.
        empty_now = rng.random() < 0.02
        current_start = ctx.today - timedelta(days=rng.randint(60 if empty_now else 5, 365 * 25))
        periods: list[tuple[date, date | None]] = []
        if current_start > history_start and rng.random() < 0.9:
            previous_start = current_start - timedelta(days=rng.randint(365 * 2, 365 * 20))
            previous_end = current_start - timedelta(days=rng.randint(10, 45))
            periods.append((previous_start, previous_end))
        if empty_now:
            # Empty now: the last tenancy ended recently.
            periods.append((current_start, ctx.today - timedelta(days=rng.randint(3, 40))))
        else:
            periods.append((current_start, None))
        for start, end in periods:
            tenancies.append(
                Tenancy(
                    ref=f"T{len(tenancies) + 1:07d}",
                    home_id=home_id,
                    tenure=_tenure_for(ctx, start),
                    start_date=start,
                    end_date=end,
                )
            )
            leads.append(Person(full_name=_name(ctx), phone=f"07700 9{rng.randint(0, 99999):05d}"))
            if rng.random() < 0.25:
                joint.append(
                    (len(tenancies) - 1, Person(full_name=_name(ctx)), MemberRole.JOINT_TENANT)
                )
            for _ in range(rng.choices([0, 1, 2, 3], weights=[45, 25, 20, 10])[0]):
                joint.append(
                    (len(tenancies) - 1, Person(full_name=_name(ctx)), MemberRole.HOUSEHOLD_MEMBER)
                )
    for person in leads:
        first, last = person.full_name.lower().split(" ", 1)
        if rng.random() < 0.6:
            person.email = f"{_ascii(first)}.{_ascii(last)}{rng.randint(1, 999)}@example.org"

    tick = ctx.tick("People and tenancies", len(tenancies))
    bulk.insert(Tenancy, tenancies)
    bulk.insert(Person, leads)
    bulk.insert(Person, [p for _, p, _ in joint])
    members = [
        TenancyMember(tenancy=t, person=p, role=MemberRole.LEAD_TENANT)
        for t, p in zip(tenancies, leads, strict=True)
    ]
    members += [TenancyMember(tenancy=tenancies[i], person=p, role=role,
                              relationship="" if role == MemberRole.JOINT_TENANT else rng.choice(["Son", "Daughter", "Partner", "Parent"]))
                for i, p, role in joint]  # fmt: skip
    bulk.insert(TenancyMember, members)
    tick(len(tenancies))

    preferences = []
    needs = []
    for person in leads:
        language = rng.choice(LANGUAGES)
        channel = "email" if person.email and rng.random() < 0.75 else rng.choice(["sms", "letter"])
        preferences.append(
            ContactPreference(
                person=person,
                channel=channel,
                language=language,
                interpreter_needed=language != "English" and rng.random() < 0.5,
                large_print=rng.random() < 0.04,
                easy_read=rng.random() < 0.03,
            )
        )
        if rng.random() < 0.12:
            kind, text = rng.choice(SUPPORT)
            needs.append(
                SupportNeed(
                    person=person,
                    kind=kind,
                    description=text,
                    recorded_on=ctx.today - timedelta(days=rng.randint(10, 900)),
                    review_on=ctx.today + timedelta(days=rng.randint(-20, 300)),
                )
            )
    bulk.insert(ContactPreference, preferences)
    bulk.insert(SupportNeed, needs)

    alerts = []
    for person in leads:
        if rng.random() < 0.01:
            category, reason = rng.choice(ALERTS)
            alerts.append(
                CautionaryAlert(
                    person=person,
                    category=category,
                    reason=reason,
                    raised_on=ctx.today - timedelta(days=rng.randint(30, 700)),
                    review_on=ctx.today + timedelta(days=rng.randint(-10, 180)),
                )
            )
    bulk.insert(CautionaryAlert, alerts)

    ctx.tenancy_ids = [t.pk for t in tenancies]
    ctx.current_tenancy_ids = [t.pk for t in tenancies if t.end_date is None]
