"""Who may do what. Roles grant capabilities; object-level rules keep a resident to their own
records. Views and the API fetch through these helpers, so a record a user may not see is a 404
rather than a 403 that would confirm it exists."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.http import Http404

from hearth.accounts.models import Role


class Can(StrEnum):
    USE_STAFF_AREA = "use_staff_area"
    VIEW_HOMES = "view_homes"
    VIEW_PEOPLE = "view_people"
    EDIT_PEOPLE = "edit_people"
    VIEW_SUPPORT_NEEDS = "view_support_needs"
    EDIT_SUPPORT_NEEDS = "edit_support_needs"
    MANAGE_ALERTS = "manage_alerts"
    VIEW_OUTBOX = "view_outbox"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_USERS = "manage_users"
    VIEW_MEASURES = "view_measures"
    IMPORT_EXPORT = "import_export"
    LOG_REPAIRS = "log_repairs"
    MANAGE_REPAIRS = "manage_repairs"
    RECORD_VISITS = "record_visits"
    APPROVE_SPEND = "approve_spend"
    LOG_COMPLAINTS = "log_complaints"
    HANDLE_COMPLAINTS = "handle_complaints"
    MANAGE_COMPLAINTS = "manage_complaints"
    VIEW_RENT = "view_rent"
    MANAGE_RENT = "manage_rent"
    ADVISE_MONEY = "advise_money"


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
    # Operatives see support needs that matter for a visit (e.g. mobility, hearing) on their jobs.
    Role.OPERATIVE: frozenset(
        _ALL_STAFF | {Can.VIEW_SUPPORT_NEEDS, Can.LOG_REPAIRS, Can.RECORD_VISITS}
    ),
    Role.ESTATE_OFFICER: frozenset(_CASEWORK),
    Role.RESIDENT: frozenset(),
}


def can(user: Any, capability: Can) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return capability in ROLE_CAPABILITIES.get(user.role, frozenset())


def require(user: Any, capability: Can) -> None:
    """Raise a 404 when the user lacks the capability: the page does not exist for them."""
    if not can(user, capability):
        raise Http404("Not found")
