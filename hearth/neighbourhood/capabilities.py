"""What neighbourhood staff may do. ASB cases hold sensitive details about complainants and
alleged perpetrators, so only the roles that work them (estate and housing officers, managers;
administrators hold everything) can open them, and every read is logged."""

from __future__ import annotations

from enum import StrEnum


class Cap(StrEnum):
    VIEW_ESTATE_SERVICES = "view_estate_services"
    HANDLE_ESTATE_REPORTS = "handle_estate_reports"
    MANAGE_INSPECTIONS = "manage_inspections"
    HANDLE_ASB = "handle_asb"
    MANAGE_COMMUNITY = "manage_community"


def grant_all() -> None:
    from hearth.accounts.models import Role
    from hearth.core.permissions import grant

    officers = [Role.ESTATE_OFFICER, Role.HOUSING_OFFICER, Role.MANAGER]
    grant(officers, *[cap.value for cap in Cap])
