"""What tenancies holds about a person, for their subject access export
(`hearth.core.subject_access`): their record, their portal account, how they want to be contacted, their tenancies,
support needs, cautionary alerts about them, and who has seen their support needs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.accounts.models import ApiToken, User
from hearth.core.subject_access import Part, source
from hearth.tenancies.models import (
    CautionaryAlert,
    ContactPreference,
    SensitiveAccessLog,
    SupportNeed,
    TenancyMember,
)


@source(
    covers=[
        TenancyMember,
        ContactPreference,
        SupportNeed,
        CautionaryAlert,
        SensitiveAccessLog,
        ApiToken,
    ]
)
def person(person: Any) -> Iterable[Part]:
    yield Part(
        "person", "Their record", ["name", "date of birth", "phone", "email", "person reference"],
        [[person.full_name, person.date_of_birth, person.phone, person.email, person.ref]],
        cases=[person],
    )  # fmt: skip
    account = User.objects.filter(person=person).first()
    yield Part(
        "portal_account", "Their account for the online portal",
        ["username", "email", "joined", "last signed in", "active"],
        [] if account is None else [[account.username, account.email, account.date_joined,
                                     account.last_login, account.is_active]],
    )  # fmt: skip
    yield Part(
        "api_tokens", "Keys they made for apps to reach their account",
        ["name", "made at", "last used at", "withdrawn at"],
        [[t.name, t.created_at, t.last_used_at, t.revoked_at]
         for t in ApiToken.objects.filter(user__person=person).order_by("created_at", "pk")],
    )  # fmt: skip
    preference = ContactPreference.objects.filter(person=person).first()
    yield Part(
        "contact_preferences", "How they want us to contact them",
        ["channel", "language", "large print", "easy read", "interpreter needed",
         "representative", "representative's relationship", "representative's contact",
         "postal address"],
        [] if preference is None else [[
            preference.get_channel_display(), preference.language, preference.large_print,
            preference.easy_read, preference.interpreter_needed, preference.representative_name,
            preference.representative_relationship, preference.representative_contact,
            preference.postal_address,
        ]],
    )  # fmt: skip
    memberships = TenancyMember.objects.filter(person=person).select_related("tenancy__home")
    yield Part(
        "tenancies", "Their tenancies",
        ["tenancy reference", "address", "tenure", "start date", "end date", "their role",
         "relationship"],
        [[m.tenancy.ref, str(m.tenancy.home), m.tenancy.get_tenure_display(), m.tenancy.start_date,
          m.tenancy.end_date, m.get_role_display(), m.relationship] for m in memberships],
        cases=[m.tenancy for m in memberships],
    )  # fmt: skip
    yield Part(
        "support_needs", "Support needs",
        ["kind", "description", "recorded on", "review on"],
        [[n.get_kind_display(), n.description, n.recorded_on, n.review_on]
         for n in person.support_needs.order_by("recorded_on", "pk")],
    )  # fmt: skip
    yield Part(
        "cautionary_alerts", "Cautionary alerts about them",
        ["category", "reason", "raised on", "review on", "ended on"],
        [[a.category, a.reason, a.raised_on, a.review_on, a.ended_on]
         for a in CautionaryAlert.objects.filter(person=person).order_by("raised_on", "pk")],
    )  # fmt: skip
    yield Part(
        "support_needs_seen_by", "Who has seen their support needs",
        ["when", "staff member", "where"],
        [[log.viewed_at, log.user.display_name, log.where]
         for log in SensitiveAccessLog.objects.filter(person=person).select_related("user").order_by("viewed_at", "pk")],
    )  # fmt: skip
