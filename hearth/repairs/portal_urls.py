from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hearth.repairs import portal_views as views

app_name = "repairs_portal"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.your_repairs, name="list"),
    path("report/", views.report_start, name="report"),
    path("report/emergency/<str:kind>/", views.emergency, name="emergency"),
    path("report/where/", views.report_where, name="report-where"),
    path("report/what/", views.report_area, name="report-area"),
    path("report/problem/", views.report_problem, name="report-problem"),
    path("report/heating/", views.report_heating, name="report-heating"),
    path("report/your-responsibility/", views.report_responsibility, name="report-responsibility"),
    path("report/details/", views.report_details, name="report-details"),
    path("report/photos/", views.report_photos, name="report-photos"),
    path("report/appointment/", views.report_appointment, name="report-appointment"),
    path("report/check/", views.report_check, name="report-check"),
    path("report/done/<str:ref>/", views.report_done, name="report-done"),
    path("calendar/<str:token>.ics", views.appointment_calendar, name="appointment-calendar"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("<str:ref>/", views.repair, name="repair"),
    path("<str:ref>/book/", views.book, name="book"),
    path("<str:ref>/appointments/<str:appointment_ref>/change/", views.change_appointment,
         name="change-appointment"),
    path("<str:ref>/appointments/<str:appointment_ref>/cancel/", views.cancel_appointment,
         name="cancel-appointment"),
    path("<str:ref>/feedback/", views.feedback, name="feedback"),
    path("<str:ref>/fixed/", views.fixed, name="fixed"),
]  # fmt: skip
