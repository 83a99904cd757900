"""Who may do what. Roles grant capabilities; object-level rules keep a resident to their own
records. Views and the API fetch through these helpers, so a record a user may not see is a 404
rather than a 403 that would confirm it exists."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.http import Http404


class Can(StrEnum):
    USE_STAFF_AREA = "use_staff_area"
    VIEW_HOMES = "view_homes"
    VIEW_PEOPLE = "view_people"
    EDIT_PEOPLE = "edit_people"
    VIEW_SUPPORT_NEEDS = "view_support_needs"
    # Only the support needs of people at the homes of one's own jobs (operatives).
    VIEW_SUPPORT_NEEDS_AT_WORK = "view_support_needs_at_work"
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
    # Everything held about one person, as a ZIP (a subject access request).
    EXPORT_PERSONAL_DATA = "export_personal_data"


# Which roles hold which capabilities. Roles belong to `accounts`, which fills this in
# (`accounts/roles.py`); a domain app grants the capabilities it adds from its own AppConfig.
_grants: dict[str, set[str]] = {}
_everything: set[str] = set()


def grant(roles: Iterable[str], *capabilities: str) -> None:
    """Give each of `roles` the `capabilities` (adding to what they already have)."""
    for role in roles:
        _grants.setdefault(str(role), set()).update(str(c) for c in capabilities)


def grant_everything(role: str) -> None:
    """`role` holds every capability, including those domains add later (administrators)."""
    _everything.add(str(role))


def capabilities_of(role: str) -> frozenset[str]:
    if role in _everything:
        return frozenset(str(c) for c in Can) | frozenset().union(*_grants.values())
    return frozenset(_grants.get(role, ()))


def roles_with(capability: str) -> list[str]:
    """Every role holding `capability`, in the order they were first granted anything."""
    roles = [role for role, caps in _grants.items() if capability in caps]
    return roles + [role for role in _everything if role not in roles]


def can(user: Any, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.role in _everything:
        return True
    return str(capability) in _grants.get(user.role, ())


def require(user: Any, capability: str) -> None:
    """Raise a 404 when the user lacks the capability: the page does not exist for them."""
    if not can(user, capability):
        raise Http404("Not found")
