from __future__ import annotations

from django.urls import path

from hearth.lettings import views

app_name = "lettings"

urlpatterns = [
    path("", views.board, name="board"),
    path("<str:ref>/", views.void_page, name="void"),
    path("<str:ref>/do/<slug:name>/", views.void_action, name="action"),
    path("<str:ref>/photos/<int:pk>/", views.photo, name="photo"),
    path("endings/<int:tenancy_id>/", views.ending, name="ending"),
    path("endings/<int:tenancy_id>/notice/", views.give_notice, name="notice"),
    path("endings/<int:tenancy_id>/do/<slug:name>/", views.ending_action, name="ending-action"),
]
