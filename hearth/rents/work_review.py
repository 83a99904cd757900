"""My work for the rent review: a review waiting for a second manager's approval, notices of
variation to send once approved, and notices that could not be sent, while there is still
time to deliver them by hand. Each is due a few working days after it arises, and never
after the notice deadline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import deadlines
from hearth.core.calendar import add_working_days
from hearth.core.permissions import can
from hearth.core.work import WorkItem, register_work_source
from hearth.rents.capabilities import RentReviewCan
from hearth.rents.models import NoticeStatus, RentReview, ReviewStatus
from hearth.rents.services.review import notices_to_send, people_behind

ACT_WITHIN_WORKING_DAYS = 5


def _due(arose: date, review: RentReview) -> date:
    return min(add_working_days(arose, ACT_WITHIN_WORKING_DAYS), review.notice_deadline)


def rent_review_work(user: Any, *, until: date) -> Iterator[WorkItem]:
    today = timezone.localdate()
    live = RentReview.objects.filter(effective_from__gt=today).order_by("effective_from")[:5]
    for review in live:
        deadline = date_format(review.notice_deadline, "j F Y")
        url = reverse("rents:review", args=[review.ref])
        if review.status == ReviewStatus.SUBMITTED and can(user, RentReviewCan.APPROVE_RENT_REVIEW):
            if user.pk in people_behind(review) or review.submitted_at is None:
                continue
            due = _due(timezone.localtime(review.submitted_at).date(), review)
            if due <= until:
                yield WorkItem(title=_("Approve or send back: %(review)s") % {"review": review}, url=url,
                               case_type=_("Rent review"), due=due, state=deadlines.state(due),
                               detail=_("Notices must go by %(date)s") % {"date": deadline})  # fmt: skip
        if review.status != ReviewStatus.APPROVED or not can(user, RentReviewCan.RUN_RENT_REVIEW):
            continue
        if today > review.notice_deadline:
            continue
        if review.approved_at is not None and notices_to_send(review):
            due = _due(timezone.localtime(review.approved_at).date(), review)
            if due <= until:
                yield WorkItem(title=_("Send the notices of variation: %(review)s") % {"review": review},
                               url=url, case_type=_("Rent review"), due=due, state=deadlines.state(due),
                               detail=_("By %(date)s, or the rents cannot change") % {"date": deadline})  # fmt: skip
        not_sent = review.notices.filter(status=NoticeStatus.NOT_SENT).count()
        if not_sent and review.notices_sent_on is not None:
            due = _due(review.notices_sent_on, review)
            if due <= until:
                yield WorkItem(
                    title=_("%(count)s notices of variation could not be sent: %(review)s")
                    % {"count": not_sent, "review": review},
                    url=reverse("rents:review-notices", args=[review.ref]), case_type=_("Rent review"),
                    due=due, state=deadlines.state(due),
                    detail=_("Deliver them by hand by %(date)s") % {"date": deadline},
                )  # fmt: skip


def register() -> None:
    register_work_source(rent_review_work)
