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
        from hearth.complaints import clocks, work
        from hearth.core.calendar import register_recount

        work.register()
        register_recount(clocks.recount_open_complaints)
