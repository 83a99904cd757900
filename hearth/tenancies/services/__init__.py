"""Every change to people, tenancies and households, one function per verb, each recorded on a
timeline: contact details and preferences (`contact`), support needs (`support`), cautionary
alerts (`alerts`) and who is in a household and when a tenancy ends (`household`)."""

from __future__ import annotations

from hearth.core.services import clean_phone
from hearth.tenancies.services.alerts import end_alert, raise_alert, review_alert
from hearth.tenancies.services.contact import (
    PREFERENCE_FIELDS,
    clean_email,
    is_uk_mobile,
    update_contact_details,
    update_contact_preferences,
)
from hearth.tenancies.services.household import (
    add_household_member,
    record_tenancy_end,
    remove_household_member,
    start_tenancy,
)
from hearth.tenancies.services.sensitive import may_see_support_needs, show_support_needs
from hearth.tenancies.services.support import (
    add_support_need,
    change_support_need,
    end_support_need,
)

__all__ = [
    "PREFERENCE_FIELDS",
    "add_household_member",
    "add_support_need",
    "change_support_need",
    "clean_email",
    "clean_phone",
    "end_alert",
    "end_support_need",
    "is_uk_mobile",
    "may_see_support_needs",
    "raise_alert",
    "record_tenancy_end",
    "remove_household_member",
    "review_alert",
    "show_support_needs",
    "start_tenancy",
    "update_contact_details",
    "update_contact_preferences",
]
