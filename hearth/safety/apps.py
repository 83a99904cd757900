from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "hearth.safety"
    label = "safety"
    verbose_name = "Building safety and home condition"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/safety/"
    portal_path = "safety/"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.utils.translation import gettext_lazy as _

        from hearth.accounts.models import Role
        from hearth.core.hazards import register_hazard_source
        from hearth.core.home_checks import register_home_check_source
        from hearth.core.navigation import NavItem, register_nav_item
        from hearth.core.notices import register_home_notice_source
        from hearth.core.permissions import grant
        from hearth.core.portal_cards import PortalCard, register_portal_card
        from hearth.core.work import register_work_source
        from hearth.safety import queries, work
        from hearth.safety.permissions import SafetyCan

        post_migrate.connect(_fill_reference_data, sender=self)
        post_migrate.connect(_due_date_triggers, sender=self)
        staff = [r for r in Role if r not in (Role.RESIDENT, Role.ADMIN)]
        grant(staff, SafetyCan.VIEW_SAFETY)
        grant(
            [
                Role.MANAGER,
                Role.REPAIRS_COORDINATOR,
                Role.HOUSING_OFFICER,
                Role.INCOME_OFFICER,
                Role.ESTATE_OFFICER,
            ],
            SafetyCan.RECORD_ACCESS,
        )
        grant([Role.MANAGER, Role.REPAIRS_COORDINATOR], SafetyCan.MANAGE_SAFETY)
        register_hazard_source(queries.hazard_list)
        register_home_check_source(queries.home_checks)
        register_work_source(work.safety_due)
        register_work_source(work.copies_owed)
        register_work_source(work.legal_access_escalations)
        register_home_notice_source(work.legal_access_notices)
        register_portal_card(
            PortalCard(
                _("Your home's safety"),
                "safety_portal:home",
                _("Your gas and electrical certificates, when the next checks are due, and fire "
                  "safety in your block."),
                order=40,
            )
        )  # fmt: skip
        register_nav_item(
            NavItem(
                _("Building safety"),
                "safety:dashboard",
                SafetyCan.VIEW_SAFETY,  # type: ignore[arg-type]
                order=45,
                also_active_on=frozenset(
                    {
                        "safety:drilldown",
                        "safety:home",
                        "safety:block",
                        "safety:record",
                        "safety:check",
                        "safety:actions",
                        "safety:action",
                        "safety:upcoming",
                        "safety:surveys",
                    }
                ),
            )
        )


def _fill_reference_data(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Put back the default check types and Awaab's Law hazards after every migrate and flush
    (a test database built without migrations, or flushed between tests, needs them too)."""
    from hearth.safety import reference

    reference.fill(using=using)


def _due_date_triggers(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """The triggers keeping each home's due dates (made by migration safety 0003 too; here as
    well for a test database built from the models without running migrations). Not when
    the table is not there (migrated back before safety 0003)."""
    from django.db import connections

    from hearth.safety import due_dates

    connection = connections[using]
    if due_dates.DUE in connection.introspection.table_names():
        due_dates.install(connection)
