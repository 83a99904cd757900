"""What building safety adds to the roles' capabilities (granted in `apps.py`)."""

from __future__ import annotations

from enum import StrEnum


class SafetyCan(StrEnum):
    # See the register, the dashboard, every home's and block's safety page; download
    # certificates. Every staff role.
    VIEW_SAFETY = "view_safety"
    # Log an attempt to get access (a letter, a call, a visit). Officers who deal with tenants.
    RECORD_ACCESS = "record_safety_access"
    # Record checks, raise and close remedial actions, escalate to legal access, set the
    # check frequencies. Managers and repairs coordinators (the compliance team).
    MANAGE_SAFETY = "manage_safety"
