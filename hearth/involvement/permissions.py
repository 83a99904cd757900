"""What involvement adds to the roles (granted in InvolvementConfig.ready())."""

from __future__ import annotations

from enum import StrEnum


class CanInvolve(StrEnum):
    RUN_SURVEYS = "run_surveys"
    ANSWER_SUGGESTIONS = "answer_suggestions"
