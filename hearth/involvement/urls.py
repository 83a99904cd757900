from __future__ import annotations

from django.urls import path

from hearth.involvement import views

app_name = "involvement"
urlpatterns = [
    path("", views.home, name="home"),
    path("surveys/new/", views.survey_new, name="survey-new"),
    path("surveys/<int:pk>/", views.survey, name="survey"),
    path("surveys/<int:pk>/sample/", views.draw_sample, name="sample"),
    path("invitations/<str:token>/answers/", views.enter_response, name="enter-response"),
    path("responses/<int:pk>/", views.response, name="response"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/paper/", views.suggestion_paper, name="suggestion-paper"),
    path("suggestions/<str:ref>/", views.suggestion, name="suggestion"),
]
