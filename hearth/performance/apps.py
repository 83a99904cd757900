from __future__ import annotations

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "hearth.performance"
    label = "performance"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, public pages from portal_urls.py.
    staff_path = "staff/performance/"
    portal_path = "performance/"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from hearth.accounts.models import Role
        from hearth.core.navigation import NavItem, register_nav_item
        from hearth.core.permissions import Can, grant
        from hearth.performance.permissions import CanPublish

        grant([Role.MANAGER], CanPublish.EDIT_PUBLISHED_PERFORMANCE)
        register_nav_item(
            NavItem(_("Performance"), "performance:dashboard", Can.VIEW_MEASURES, order=80)
        )
