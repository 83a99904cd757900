from __future__ import annotations

from django.urls import path

from hearth.neighbourhood import open311

urlpatterns = [
    path("services.json", open311.service_list, name="open311-services"),
    path("services/<str:code>.json", open311.service_definition, name="open311-service"),
    path("requests.json", open311.requests_view, name="open311-requests"),
    path("requests/<str:ref>.json", open311.request_status, name="open311-request"),
]
