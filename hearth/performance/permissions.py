"""What performance adds to the roles (granted in PerformanceConfig.ready()). Seeing the
dashboard is core's `view_measures`, which every staff role holds."""

from __future__ import annotations

from enum import StrEnum


class CanPublish(StrEnum):
    EDIT_PUBLISHED_PERFORMANCE = "edit_published_performance"
