"""Demo landlord: a sign-in for each staff role and two residents."""

from __future__ import annotations

from hearth.accounts.models import Role, User
from hearth.core.demo import DemoContext, demo_step
from hearth.core.models import Landlord
from hearth.tenancies.models import MemberRole, TenancyMember

# Printed by `make run`; only ever created by `hearth demo` on a demo database.
DEMO_PASSWORD = "hearth-demo-2026"  # noqa: S105
STAFF = [
    ("admin", "Ada", "Adeyemi", Role.ADMIN),
    ("manager", "Mira", "Mensah", Role.MANAGER),
    ("officer", "Olu", "Okafor", Role.HOUSING_OFFICER),
    ("income", "Ines", "Ibrahim", Role.INCOME_OFFICER),
    ("repairs", "Rob", "Rahman", Role.REPAIRS_COORDINATOR),
    ("operative", "Otto", "Osei", Role.OPERATIVE),
    ("estates", "Esme", "Edwards", Role.ESTATE_OFFICER),
    ("complaints", "Cara", "Campbell", Role.COMPLAINTS_OFFICER),
]
RESIDENTS = ["resident", "resident2"]


@demo_step(order=5)
def landlord_settings(ctx: DemoContext) -> None:
    landlord = Landlord.current()
    landlord.name = "Clapton Park Management Organisation"
    landlord.short_name = "CPMO"
    landlord.phone = "020 7946 0000"
    landlord.emergency_phone = "020 7946 0999"
    landlord.email = "hello@cpmo.example.org"
    landlord.address = "Clapton Park Management Organisation\n1 Daubeney Road\nLondon\nE5 0EN"
    landlord.website = "https://cpmo.example.org"
    landlord.opening_hours = "Monday to Friday, 9am to 5pm"
    landlord.save()


@demo_step(order=90)
def sign_ins(ctx: DemoContext) -> None:
    for username, first, last, role in STAFF:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            email=f"{username}@cpmo.example.org",
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    leads = (
        TenancyMember.objects.filter(
            role=MemberRole.LEAD_TENANT,
            tenancy_id__in=ctx.current_tenancy_ids[:50],
            person__email__gt="",
        )
        .select_related("person")
        .order_by("tenancy_id")[: len(RESIDENTS)]
    )
    for username, member in zip(RESIDENTS, leads, strict=False):
        first, _, last = member.person.full_name.partition(" ")
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            role=Role.RESIDENT,
            email=member.person.email,
            person=member.person,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()


def describe() -> list[tuple[str, str]]:
    """(username, who) for the demo sign-ins that exist in this database."""
    rows = []
    for user in User.objects.filter(username__in=[s[0] for s in STAFF] + RESIDENTS).select_related(
        "person"
    ):
        who = user.get_role_display()
        if user.person_id:
            who += f" ({user.person})"
        if user.needs_two_factor:
            who += ", sets up two-factor at first sign-in"
        rows.append((user.username, who))
    order = [s[0] for s in STAFF] + RESIDENTS
    return sorted(rows, key=lambda r: order.index(r[0]))
