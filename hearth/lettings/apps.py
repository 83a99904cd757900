from __future__ import annotations

from django.apps import AppConfig


class LettingsConfig(AppConfig):
    name = "hearth.lettings"
    label = "lettings"
    verbose_name = "Empty homes and lettings"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/voids/"
    portal_path = "lettings/"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from hearth.accounts.models import Role
        from hearth.core.navigation import NavItem, register_nav_item
        from hearth.core.permissions import grant
        from hearth.core.requests import register_request_source
        from hearth.core.work import register_work_source
        from hearth.lettings import work
        from hearth.lettings.permissions import Can

        # Lettings is the housing officer's work; managers oversee it. Income officers and
        # repairs coordinators see the board (former-tenant arrears, void works).
        grant([Role.HOUSING_OFFICER, Role.MANAGER], Can.VIEW_VOIDS, Can.MANAGE_VOIDS)
        grant([Role.INCOME_OFFICER, Role.REPAIRS_COORDINATOR], Can.VIEW_VOIDS)
        register_work_source(work.voids_due)
        register_request_source(work.tenancy_ending_requests)
        register_request_source(work.new_home_requests)
        register_nav_item(
            NavItem(
                _("Empty homes"),
                "lettings:board",
                Can.VIEW_VOIDS,  # type: ignore[arg-type]
                order=35,
                also_active_on=frozenset({"lettings:void", "lettings:action", "lettings:ending"}),
            )
        )
