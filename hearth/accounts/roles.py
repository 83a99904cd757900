"""What each role may do: the capabilities (`hearth.core.permissions.Can`) each staff role
holds, registered with core when the app is ready. Administrators hold every capability,
including those a domain app adds later."""

from __future__ import annotations

from hearth.accounts.models import Role
from hearth.core.permissions import Can, grant, grant_everything

_ALL_STAFF = {
    Can.USE_STAFF_AREA,
    Can.VIEW_HOMES,
    Can.VIEW_PEOPLE,
    Can.VIEW_MEASURES,
}
_CASEWORK = _ALL_STAFF | {Can.EDIT_PEOPLE, Can.VIEW_OUTBOX, Can.LOG_COMPLAINTS, Can.LOG_REPAIRS}
_CASEWORK |= {Can.VIEW_RENT}
_RENT = {Can.MANAGE_RENT, Can.ADVISE_MONEY}
_REPAIRS = {Can.MANAGE_REPAIRS, Can.RECORD_VISITS}

ROLE_CAPABILITIES: dict[str, frozenset[Can]] = {
    Role.ADMIN: frozenset(Can),
    Role.MANAGER: frozenset(
        _CASEWORK
        | {Can.VIEW_SUPPORT_NEEDS, Can.EDIT_SUPPORT_NEEDS, Can.MANAGE_ALERTS}
        | {Can.HANDLE_COMPLAINTS, Can.MANAGE_COMPLAINTS}
        | _REPAIRS
        | {Can.APPROVE_SPEND}
        | _RENT
        | {Can.EXPORT_PERSONAL_DATA}
    ),
    Role.HOUSING_OFFICER: frozenset(
        _CASEWORK
        | {Can.VIEW_SUPPORT_NEEDS, Can.EDIT_SUPPORT_NEEDS, Can.MANAGE_ALERTS}
        | {Can.HANDLE_COMPLAINTS}
        | {Can.ADVISE_MONEY}
    ),
    Role.INCOME_OFFICER: frozenset(_CASEWORK | {Can.VIEW_SUPPORT_NEEDS} | _RENT),
    Role.COMPLAINTS_OFFICER: frozenset(_CASEWORK | {Can.VIEW_SUPPORT_NEEDS, Can.HANDLE_COMPLAINTS}),
    Role.REPAIRS_COORDINATOR: frozenset(_CASEWORK | _REPAIRS | {Can.VIEW_SUPPORT_NEEDS}),
    # Operatives see support needs that matter for a visit (e.g. mobility, hearing), and only
    # those of people at the homes of their own jobs.
    Role.OPERATIVE: frozenset(
        _ALL_STAFF | {Can.VIEW_SUPPORT_NEEDS_AT_WORK, Can.LOG_REPAIRS, Can.RECORD_VISITS}
    ),
    Role.ESTATE_OFFICER: frozenset(_CASEWORK),
    Role.RESIDENT: frozenset(),
}


def register() -> None:
    grant_everything(Role.ADMIN)
    for role, capabilities in ROLE_CAPABILITIES.items():
        if role != Role.ADMIN:
            grant([role], *capabilities)
