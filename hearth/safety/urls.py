from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hearth.safety.views import checks, dashboard, places

app_name = "safety"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", dashboard.dashboard, name="dashboard"),
    path("register/<slug:code>/", dashboard.drilldown, name="drilldown"),
    path("upcoming/", dashboard.upcoming, name="upcoming"),
    path("surveys/", dashboard.survey_plan, name="surveys"),
    path("homes/<int:pk>/", places.home, name="home"),
    path("homes/<int:pk>/access/", places.record_attempt, name="attempt"),
    path("homes/<int:pk>/legal-access/", places.legal_access, name="legal-access"),
    path("homes/<int:pk>/survey/", places.record_survey, name="survey"),
    path("legal-access/<str:ref>/close/", places.close_legal_access, name="close-legal-access"),
    path("blocks/<int:pk>/", places.block, name="block"),
    path("record/<slug:code>/", checks.record_check, name="record"),
    path("checks/<str:ref>/", checks.check, name="check"),
    path("checks/<str:ref>/certificate/", checks.certificate, name="certificate"),
    path("checks/<str:ref>/copy/", checks.give_copy, name="copy"),
    path("actions/", checks.actions, name="actions"),
    path("actions/<str:ref>/", checks.action, name="action"),
    path("actions/<str:ref>/mitigation/", checks.mitigate, name="mitigate"),
    path("actions/<str:ref>/done/", checks.complete, name="complete"),
    path("frequencies/", checks.frequencies, name="frequencies"),
    path("frequencies/<slug:code>/", checks.frequency, name="frequency"),
    path("awaab-phases/<int:phase>/", checks.hazard_phase, name="hazard-phase"),
]
