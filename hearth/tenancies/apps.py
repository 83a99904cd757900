from __future__ import annotations

from django.apps import AppConfig


class TenanciesConfig(AppConfig):
    name = "hearth.tenancies"
    label = "tenancies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.core.notifications import register_recipient_resolver
        from hearth.tenancies import messaging

        register_recipient_resolver(messaging.recipient)
