from __future__ import annotations

from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "hearth.contacts"
    label = "contacts"
    verbose_name = "Contact log"
    default_auto_field = "django.db.models.BigAutoField"
