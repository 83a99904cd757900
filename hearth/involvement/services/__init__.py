"""Every write in involvement, one function per state change, each with a timeline event:
the TSM survey and the suggestion box (`tsm`), any survey and spot checks (`surveys`), ways
to get involved (`groups`) and newsletters (`newsletters`)."""

from __future__ import annotations

from hearth.involvement.services.groups import (
    add_action,
    complete_action,
    create_group,
    record_interest,
    report_review,
    start_review,
)
from hearth.involvement.services.newsletters import save_newsletter, send_newsletter
from hearth.involvement.services.surveys import (
    add_question,
    answer_questionnaire,
    create_questionnaire,
    invite_after_closure,
    record_spot_check,
)
from hearth.involvement.services.tsm import (
    answer_suggestion,
    create_survey,
    draw_sample,
    eligible_tenancies,
    make_suggestion,
    record_response,
)

__all__ = [
    "add_action",
    "add_question",
    "answer_questionnaire",
    "answer_suggestion",
    "complete_action",
    "create_group",
    "create_questionnaire",
    "create_survey",
    "draw_sample",
    "eligible_tenancies",
    "invite_after_closure",
    "make_suggestion",
    "record_interest",
    "record_response",
    "record_spot_check",
    "report_review",
    "save_newsletter",
    "send_newsletter",
    "start_review",
]
