from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hearth.repairs import portal_views as views

app_name = "repairs_portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("calendar/<str:token>.ics", views.appointment_calendar, name="appointment-calendar"),
    path("<str:ref>/", views.repair, name="repair"),
]
