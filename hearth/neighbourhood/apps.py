from __future__ import annotations

from django.apps import AppConfig


class NeighbourhoodConfig(AppConfig):
    name = "hearth.neighbourhood"
    label = "neighbourhood"
    verbose_name = "Neighbourhood and community"
    default_auto_field = "django.db.models.BigAutoField"
    # Mounted by hearth/urls.py: staff pages from urls.py, resident pages from portal_urls.py.
    staff_path = "staff/estates/"
    portal_path = "neighbourhood/"

    def ready(self) -> None:
        from hearth.core import data_version
        from hearth.neighbourhood import capabilities, work

        capabilities.grant_all()
        work.register()
        # Who read an ASB case (written on every view of its page): no measure reads it.
        data_version.not_measured("neighbourhood.AsbCaseRead")
