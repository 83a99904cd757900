"""Every write to a complaint: one function per verb, atomic, keyword-only, with an explicit
`actor`, a timeline event and (where the resident must hear) a message through the outbox.
Views, the API, the importer's neighbours and tasks call these; nothing else saves a complaint.
"""

from __future__ import annotations

from hearth.complaints.services._common import StateConflict
from hearth.complaints.services.categories import map_category
from hearth.complaints.services.closing import exclude, withdraw
from hearth.complaints.services.followup import (
    add_action,
    complete_action,
    record_compensation_paid,
    record_learning,
    save_self_assessment,
)
from hearth.complaints.services.intake import (
    assign_handler,
    link_complainant,
    make_complaint,
    new_ref,
)
from hearth.complaints.services.stages import (
    ActionPromise,
    RemedyOffer,
    acknowledge,
    escalate,
    extend,
    respond,
)

__all__ = [
    "ActionPromise",
    "RemedyOffer",
    "StateConflict",
    "acknowledge",
    "add_action",
    "assign_handler",
    "complete_action",
    "escalate",
    "exclude",
    "extend",
    "link_complainant",
    "make_complaint",
    "map_category",
    "new_ref",
    "record_compensation_paid",
    "record_learning",
    "respond",
    "save_self_assessment",
    "withdraw",
]
