"""Every write to repairs: one function per verb, atomic, keyword-only, with an explicit actor,
each writing the repair's timeline and telling the resident through the outbox."""

from __future__ import annotations

from hearth.repairs.services.appointments import (
    book_appointment,
    cancel_appointment,
    mark_missed_appointments,
    reschedule_appointment,
    send_day_before_reminders,
    tell_resident_on_the_way,
)
from hearth.repairs.services.costs import (
    add_cost_line,
    committed_cost,
    decide_recharge,
    decide_spend_approval,
    import_rates,
    raise_recharge,
)
from hearth.repairs.services.feedback import record_satisfaction
from hearth.repairs.services.photos import accept_photo
from hearth.repairs.services.reporting import (
    DampStep,
    assign_repair,
    bulk_assign,
    cancel_repair,
    change_priority,
    complete_repair,
    raise_repair,
    record_damp_mould_step,
)
from hearth.repairs.services.settings import update_repair_settings
from hearth.repairs.services.visits import (
    record_repair_contact,
    record_visit,
    resident_confirms_fix,
    send_progress_update,
)

__all__ = [
    "DampStep",
    "accept_photo",
    "add_cost_line",
    "assign_repair",
    "book_appointment",
    "bulk_assign",
    "cancel_appointment",
    "cancel_repair",
    "change_priority",
    "committed_cost",
    "complete_repair",
    "decide_recharge",
    "decide_spend_approval",
    "import_rates",
    "mark_missed_appointments",
    "raise_recharge",
    "raise_repair",
    "record_damp_mould_step",
    "record_repair_contact",
    "record_satisfaction",
    "record_visit",
    "reschedule_appointment",
    "resident_confirms_fix",
    "send_day_before_reminders",
    "send_progress_update",
    "tell_resident_on_the_way",
    "update_repair_settings",
]
