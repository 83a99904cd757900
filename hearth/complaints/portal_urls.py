from __future__ import annotations

from django.urls import path

from hearth.complaints import portal_views

app_name = "complaints_portal"
urlpatterns = [
    path("", portal_views.mine, name="list"),
    path("how-to-complain.pdf", portal_views.leaflet, name="leaflet"),
    path("new/", portal_views.new, name="new"),
    path("new/check/", portal_views.check, name="check"),
    path("new/sent/", portal_views.sent, name="sent"),
    path("new/<slug:step>/", portal_views.new, name="new-step"),
    path("<str:ref>/", portal_views.detail, name="detail"),
    path("<str:ref>/escalate/", portal_views.escalate, name="escalate"),
    path("<str:ref>/stage-<int:stage>-response.pdf", portal_views.letter, name="letter"),
]
