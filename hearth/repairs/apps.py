from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "hearth.repairs"
    label = "repairs"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/repairs/"
    portal_path = "repairs/"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.utils.translation import gettext_lazy as _

        from hearth.core.calendar import register_recount
        from hearth.core.navigation import NavItem, register_landing, register_nav_item
        from hearth.core.permissions import Can
        from hearth.core.portal_cards import PortalCard, register_portal_card
        from hearth.core.requests import register_request_source
        from hearth.core.work import register_work_source
        from hearth.repairs import queries, work
        from hearth.repairs.services.recount import recount_due_dates
        from hearth.tenancies.workplaces import register_work_places

        post_migrate.connect(_fill_catalogue, sender=self)
        register_recount(recount_due_dates)
        register_work_places(queries.homes_worked_by)
        register_work_source(work.repairs_due)
        register_request_source(work.resident_repairs)
        register_portal_card(
            PortalCard(
                _("Your repairs"),
                "repairs_portal:list",
                _("Report a repair, book or change a visit, and follow your repairs."),
                order=30,
            )
        )
        register_nav_item(
            NavItem(
                _("Repairs"),
                "repairs:queue",
                Can.LOG_REPAIRS,
                order=30,
                also_active_on=frozenset(
                    {
                        "repairs:repair",
                        "repairs:new",
                        "repairs:book",
                        "repairs:visit",
                        "repairs:performance",
                        "repairs:rates",
                    }
                ),
            )
        )
        register_nav_item(NavItem(_("My jobs"), "repairs:jobs", Can.RECORD_VISITS, order=31))
        # On a phone, an operative's day is their jobs: they land there, not on My work.
        register_landing("operative", "repairs:jobs")
        register_nav_item(
            NavItem(_("Spend approvals"), "repairs:approvals", Can.APPROVE_SPEND, order=70)
        )


def _fill_catalogue(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Put back any missing catalogue items after every migrate and flush (the data migration
    runs once, but a test database built without migrations, or flushed between tests, needs
    them too)."""
    from hearth.repairs import catalogue
    from hearth.repairs.models import CatalogueItem

    if not CatalogueItem.objects.using(using).exists():
        catalogue.load(CatalogueItem)
