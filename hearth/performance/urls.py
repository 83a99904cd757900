from __future__ import annotations

from django.urls import path

from hearth.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("measures.csv", views.export_csv, name="export-csv"),
    path("measures.xlsx", views.export_xlsx, name="export-xlsx"),
    path("measures/<str:measure_id>/", views.measure, name="measure"),
    path("tsm/", views.tsm, name="tsm"),
    path("tsm/<int:year>/", views.tsm, name="tsm-year"),
    path("tsm/<int:year>.csv", views.tsm_csv, name="tsm-csv"),
    path("tsm/<int:year>-return.csv", views.tsm_regulator_csv, name="tsm-regulator-csv"),
    path("tsm/<int:year>-approach.csv", views.tsm_approach_csv, name="tsm-approach-csv"),
    path("public-page/", views.notes, name="notes"),
    path("annual-report/<int:year>.pdf", views.annual_report, name="annual-report"),
    path("value-for-money/", views.value_for_money, name="value-for-money"),
]
