from __future__ import annotations

from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "hearth.contacts"
    label = "contacts"
    verbose_name = "Contact log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.contacts.services import record_contact
        from hearth.core.casework import register_contact_logger

        register_contact_logger(record_contact)
