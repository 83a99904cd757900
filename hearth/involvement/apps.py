from __future__ import annotations

from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "hearth.involvement"
    label = "involvement"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/involvement/"
    portal_path = "involvement/"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from hearth.accounts.models import Role
        from hearth.core.case_events import on_case_closed
        from hearth.core.navigation import NavItem, register_nav_item
        from hearth.core.permissions import grant
        from hearth.involvement import services
        from hearth.involvement.permissions import CanInvolve

        # Transactional surveys: sent when a repair, complaint or ASB case closes.
        on_case_closed(services.invite_after_closure)

        grant([Role.MANAGER, Role.HOUSING_OFFICER], CanInvolve.RUN_SURVEYS)
        grant(
            [Role.MANAGER, Role.HOUSING_OFFICER, Role.ESTATE_OFFICER, Role.COMPLAINTS_OFFICER],
            CanInvolve.ANSWER_SUGGESTIONS,
        )
        register_nav_item(
            NavItem(
                _("Involvement"),
                "involvement:home",
                CanInvolve.ANSWER_SUGGESTIONS,  # type: ignore[arg-type]
                order=60,
            )
        )
