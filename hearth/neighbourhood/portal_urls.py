from __future__ import annotations

from django.urls import include, path

from hearth.neighbourhood import portal_views

app_name = "neighbourhood_portal"
urlpatterns = [
    path("", portal_views.index, name="index"),
    path("blocks/", portal_views.lookup, name="lookup"),
    path("blocks/<str:ref>/", portal_views.block, name="block"),
    path("blocks/<str:ref>/notices/", portal_views.ask_for_notices, name="notices"),
    path("blocks/<str:ref>/inspections.ics", portal_views.block_calendar, name="calendar"),
    path(
        "blocks/<str:ref>/inspections/<str:inspection>/join/",
        portal_views.join_walkabout,
        name="join",
    ),
    path(
        "blocks/<str:ref>/inspections/<str:inspection>/notice.pdf",
        portal_views.inspection_notice,
        name="notice",
    ),
    path("blocks/<str:ref>/report-cleaning/", portal_views.report_cleaning, name="qr-cleaning"),
    path(
        "blocks/<str:ref>/report-fly-tipping/", portal_views.report_flytipping, name="qr-flytipping"
    ),
    path("cleaning/<str:ref>/", portal_views.concern, name="concern"),
    path("fly-tipping/<str:ref>/", portal_views.flytipping, name="flytipping"),
    path("asb/new/", portal_views.asb_new, name="asb-new"),
    path("asb/<str:ref>/", portal_views.asb, name="asb"),
    path("asb/<str:ref>/diary/", portal_views.asb_diary, name="asb-diary"),
    path("asb/<str:ref>/evidence/", portal_views.asb_evidence, name="asb-evidence"),
    path("events/", portal_views.events, name="events"),
    path("events/<int:pk>/", portal_views.event, name="event"),
    path("improvements/new/", portal_views.improvement_new, name="improvement-new"),
    path("open311/v2/", include("hearth.neighbourhood.open311_urls")),
]
