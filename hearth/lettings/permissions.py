"""What lettings adds to who may do what (granted in LettingsConfig.ready())."""

from __future__ import annotations

from enum import StrEnum


class Can(StrEnum):
    VIEW_VOIDS = "view_voids"
    MANAGE_VOIDS = "manage_voids"
