from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class RentsConfig(AppConfig):
    name = "hearth.rents"
    label = "rents"
    verbose_name = "Rent and arrears"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/rent/"
    portal_path = "rent/"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.utils.translation import gettext_lazy as _

        from hearth.core.calendar import register_recount
        from hearth.core.portal_cards import PortalCard, register_portal_card
        from hearth.rents import capabilities, work
        from hearth.rents.services.recount import recount_due_dates

        post_migrate.connect(_ledger_day_triggers, sender=self)
        work.register()
        capabilities.register()  # the annual rent review
        register_recount(recount_due_dates)
        register_portal_card(
            PortalCard(
                _("Your rent"),
                "rents_portal:account",
                _("Your balance, payments and statements, and how to pay."),
                order=20,
            )
        )


def _ledger_day_triggers(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """The triggers keeping the ledger's day totals (made by migration rents 0007 too; here as
    well for a test database built from the models without running migrations).

    `flush` runs this too, after emptying every table. On SQLite it empties them with DELETE,
    which fires the per-row delete trigger on the ledger after the day totals were emptied,
    leaving negative totals behind; an empty ledger has no day totals, so they are cleared."""
    from django.db import connections

    from hearth.rents import ledger_days

    ledger_days.install(connections[using])
    ledger_days.clear_if_ledger_empty(connections[using])
