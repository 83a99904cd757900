"""What the rent review adds to who may do what (granted in `RentsConfig.ready`)."""

from __future__ import annotations

from enum import StrEnum


class RentReviewCan(StrEnum):
    VIEW_RENT_REVIEW = "view_rent_review"
    SET_RENTS = "set_rents"  # a home's rent type, formula rent and rent cap
    RUN_RENT_REVIEW = "run_rent_review"  # start, adjust, submit, send notices
    APPROVE_RENT_REVIEW = "approve_rent_review"  # the second person


def register() -> None:
    from hearth.accounts.models import Role
    from hearth.core.permissions import grant

    grant(
        [Role.MANAGER, Role.INCOME_OFFICER], RentReviewCan.VIEW_RENT_REVIEW, RentReviewCan.SET_RENTS
    )
    grant([Role.MANAGER], RentReviewCan.RUN_RENT_REVIEW, RentReviewCan.APPROVE_RENT_REVIEW)

    from hearth.rents import work_review

    work_review.register()
