"""Changes to how a person can be reached and how they want to hear from us. Each change is
recorded on the person's timeline (and in row history), and is visible to the resident."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.core.services import clean_phone, is_uk_mobile
from hearth.tenancies.models import ContactPreference, Person, PreferredChannel


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def clean_email(email: str) -> str:
    email = email.strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Enter an email address in the correct format, like name@example.com"), code="email"
        ) from None
    return email


def _preference(person: Person) -> ContactPreference:
    preference, _created = ContactPreference.objects.select_for_update().get_or_create(
        person=person
    )
    return preference


def _check_channel_reachable(*, channel: str, phone: str, email: str, field: str) -> None:
    """We can only use the channel a person prefers if we hold the details it needs."""
    if channel == PreferredChannel.EMAIL and not email:
        raise ValidationError(
            {
                field: ValidationError(
                    _("To get messages by email, first give us your email address"),
                    code="needs_email",
                )
            }
        )
    if channel == PreferredChannel.SMS and not is_uk_mobile(phone):
        raise ValidationError(
            {
                field: ValidationError(
                    _("To get text messages, first give us a UK mobile phone number"),
                    code="needs_mobile",
                )
            }
        )


@transaction.atomic
def update_contact_details(
    *, person: Person, actor: Actor, phone: str | None = None, email: str | None = None
) -> Person:
    """Change a person's phone number and/or email address (None leaves a value as it is; an
    empty string removes it). A detail their preferred channel depends on cannot be removed."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed: list[str] = []
    errors: dict[str, list[ValidationError]] = {}
    new_phone, new_email = person.phone, person.email
    if phone is not None:
        try:
            new_phone = clean_phone(phone)
        except ValidationError as error:
            errors["phone"] = [error]
    if email is not None:
        try:
            new_email = clean_email(email)
        except ValidationError as error:
            errors["email"] = [error]
    if errors:
        raise ValidationError(errors)

    preference = ContactPreference.objects.filter(person=person).first()
    if preference is not None:
        field = "phone" if phone is not None else "email"
        _check_channel_reachable(
            channel=preference.channel, phone=new_phone, email=new_email, field=field
        )

    if new_phone != person.phone:
        changed.append("phone")
        person.phone = new_phone
    if new_email != person.email:
        changed.append("email")
        person.email = new_email
    if not changed:
        return person
    person.save(update_fields=changed)
    labels = {"phone": _("phone number"), "email": _("email address")}
    summary = _("Contact details changed: %(what)s") % {
        "what": _(" and ").join(str(labels[f]) for f in changed)
    }
    timeline.record(
        person,
        verb="contact_details_updated",
        summary=summary,
        actor=actor,
        details={"fields": changed},
        visible_to_resident=True,
    )
    return person


PREFERENCE_FIELDS = (
    "channel",
    "language",
    "large_print",
    "easy_read",
    "interpreter_needed",
    "representative_name",
    "representative_relationship",
    "representative_contact",
)

_PREFERENCE_LABELS = {
    "channel": gettext_lazy("how we contact you"),
    "language": gettext_lazy("language"),
    "large_print": gettext_lazy("large print"),
    "easy_read": gettext_lazy("easy read"),
    "interpreter_needed": gettext_lazy("interpreter"),
    "representative_name": gettext_lazy("representative"),
    "representative_relationship": gettext_lazy("representative"),
    "representative_contact": gettext_lazy("representative"),
}


@transaction.atomic
def update_contact_preferences(
    *,
    person: Person,
    actor: Actor,
    channel: str | None = None,
    language: str | None = None,
    large_print: bool | None = None,
    easy_read: bool | None = None,
    interpreter_needed: bool | None = None,
    representative_name: str | None = None,
    representative_relationship: str | None = None,
    representative_contact: str | None = None,
) -> ContactPreference:
    """Change how a person wants to hear from us (None leaves a value as it is).

    The preferred channel must be one we can use: email needs an email address, text messages
    a UK mobile number. A representative needs a name if any of their details are given.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    preference = _preference(person)
    values: dict[str, Any] = {
        "channel": channel,
        "language": language.strip() if language is not None else None,
        "large_print": large_print,
        "easy_read": easy_read,
        "interpreter_needed": interpreter_needed,
        "representative_name": representative_name.strip()
        if representative_name is not None
        else None,
        "representative_relationship": (
            representative_relationship.strip() if representative_relationship is not None else None
        ),
        "representative_contact": (
            representative_contact.strip() if representative_contact is not None else None
        ),
    }
    updates = {name: value for name, value in values.items() if value is not None}

    errors: dict[str, str] = {}
    if "channel" in updates and updates["channel"] not in PreferredChannel.values:
        errors["channel"] = _("Choose how you want us to contact you")
    if "language" in updates and not updates["language"]:
        errors["language"] = _("Enter the language you want us to use")
    for name in (
        "language",
        "representative_name",
        "representative_relationship",
        "representative_contact",
    ):
        limit = getattr(ContactPreference._meta.get_field(name), "max_length", None)
        if name in updates and limit is not None and len(updates[name]) > limit:
            errors[name] = _("This must be %(limit)s characters or fewer") % {"limit": limit}
    rep_name = updates.get("representative_name", preference.representative_name)
    rep_other = updates.get(
        "representative_relationship", preference.representative_relationship
    ) or updates.get("representative_contact", preference.representative_contact)
    if rep_other and not rep_name and "representative_name" not in errors:
        errors["representative_name"] = _("Enter the name of the person who speaks for you")
    if errors:
        raise ValidationError(errors)
    if "channel" in updates:
        _check_channel_reachable(
            channel=updates["channel"], phone=person.phone, email=person.email, field="channel"
        )

    changed = [name for name, value in updates.items() if getattr(preference, name) != value]
    if not changed:
        return preference
    for name in changed:
        setattr(preference, name, updates[name])
    preference.save(update_fields=changed)
    what = sorted({str(_PREFERENCE_LABELS[name]) for name in changed})
    timeline.record(
        person,
        verb="contact_preferences_updated",
        summary=_("Contact preferences changed: %(what)s") % {"what": ", ".join(what)},
        actor=actor,
        details={"fields": changed},
        visible_to_resident=True,
    )
    return preference
