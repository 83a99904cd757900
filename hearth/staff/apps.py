from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "hearth.staff"
    label = "staff"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.staff import work_sources
        from hearth.staff.work import register_work_source

        register_work_source(work_sources.alerts_due_for_review)
        register_work_source(work_sources.messages_not_delivered)
