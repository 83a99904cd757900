from __future__ import annotations

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "hearth.complaints"
    label = "complaints"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/complaints/"
    portal_path = "complaints/"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from hearth.complaints import clocks, work
        from hearth.core.calendar import register_recount
        from hearth.core.portal_cards import PortalCard, register_portal_card

        work.register()
        register_recount(clocks.recount_open_complaints)
        register_portal_card(
            PortalCard(
                _("Your complaints"),
                "complaints_portal:list",
                _("Make a complaint, follow one, or ask us to look at it again."),
                order=40,
            )
        )
