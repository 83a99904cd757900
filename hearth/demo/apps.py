from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo landlord sits at the top of the house beside the project: it fills every
    domain, so it may import any of them (`hearth demo`)."""

    name = "hearth.demo"
    label = "demo"
