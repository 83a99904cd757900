"""Newsletters: written by staff (news, events, a performance summary and "You said, we did"),
sent by email to residents who prefer email, and printed from a PDF for everyone else."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor, tell_resident
from hearth.involvement.models import Newsletter
from hearth.tenancies.models import MemberRole, Person, PreferredChannel, Tenancy


@transaction.atomic
def save_newsletter(
    *,
    title: str,
    issue_date: date,
    news: str,
    events: str,
    include_performance: bool,
    include_you_said: bool,
    actor: Actor,
    include_community_events: bool = True,
    newsletter: Newsletter | None = None,
) -> Newsletter:
    if not title.strip():
        raise ValidationError({"title": _("Enter a title for the newsletter")})
    if newsletter is not None and newsletter.sent_on is not None:
        raise ValidationError(_("This newsletter has been sent and cannot be changed"))
    newsletter = newsletter or Newsletter()
    newsletter.title, newsletter.issue_date = title.strip(), issue_date
    newsletter.news, newsletter.events = news.strip(), events.strip()
    newsletter.include_performance = include_performance
    newsletter.include_you_said = include_you_said
    newsletter.include_community_events = include_community_events
    newsletter.save()
    timeline.record(newsletter, verb="saved", summary=_("Newsletter saved"), actor=actor)
    return newsletter


def email_readers(on: date) -> list[Person]:
    """Lead and joint tenants of current tenancies who prefer email and gave an address."""
    return list(
        Person.objects.filter(
            memberships__tenancy__in=Tenancy.objects.current_on(on),
            memberships__role__in=(MemberRole.LEAD_TENANT, MemberRole.JOINT_TENANT),
            contact_preference__channel=PreferredChannel.EMAIL,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def send_newsletter(*, newsletter: Newsletter, on: date, actor: Actor) -> int:
    """Email the newsletter to every resident who prefers email (once each); the printable PDF
    is for everyone else. Returns how many emails were queued."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if newsletter.sent_on is not None:
        raise ValidationError(_("This newsletter has already been sent"))
    from hearth.involvement.newsletter_content import community_events

    readers = email_readers(on)
    events = community_events(newsletter)
    for person in readers:
        tell_resident(
            case=newsletter,
            purpose="newsletter",
            idempotency_key=f"newsletter-{newsletter.pk}-{person.pk}",
            actor=actor,
            contact=None,
            person=person,
            context={"newsletter": newsletter, "community_events": events},
            record_not_sent=False,
        )
    newsletter.sent_on = on
    newsletter.save(update_fields=["sent_on"])
    timeline.record(
        newsletter,
        verb="sent",
        summary=_("Emailed to %(count)s residents") % {"count": len(readers)},
        actor=actor,
    )
    return len(readers)
