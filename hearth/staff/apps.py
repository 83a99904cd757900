from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "hearth.staff"
    label = "staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from hearth.core.navigation import NavItem, register_nav_item
        from hearth.core.permissions import Can
        from hearth.core.work import register_work_source
        from hearth.staff import work_sources

        register_work_source(work_sources.alerts_due_for_review)
        register_work_source(work_sources.messages_not_delivered)
        register_nav_item(NavItem(_("My work"), "staff:my-work", Can.USE_STAFF_AREA, order=10))
        register_nav_item(
            NavItem(
                _("Search"),
                "staff:search",
                Can.VIEW_HOMES,
                order=20,
                also_active_on=frozenset({"staff:home", "staff:tenancy", "staff:person"}),
            )
        )
        register_nav_item(NavItem(_("Outbox"), "staff:outbox", Can.VIEW_OUTBOX, order=80))
        register_nav_item(
            NavItem(
                _("Closure days"),
                "staff:closure-days",
                Can.MANAGE_SETTINGS,
                order=90,
                also_active_on=frozenset({"staff:closure-day-remove"}),
            )
        )
        register_nav_item(
            NavItem(
                _("Settings"),
                "staff:settings",
                Can.MANAGE_SETTINGS,
                order=91,
            )
        )
        register_nav_item(
            NavItem(
                _("People who sign in"),
                "staff:users",
                Can.MANAGE_USERS,
                order=92,
                also_active_on=frozenset(
                    {
                        "staff:user",
                        "staff:user-add",
                        "staff:user-role",
                        "staff:user-deactivate",
                        "staff:user-reset-two-factor",
                    }
                ),
            )
        )
