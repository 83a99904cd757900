from __future__ import annotations

from django.urls import path

from hearth.involvement import portal_views as views

app_name = "involvement_portal"
urlpatterns = [
    path("survey/", views.your_survey, name="your-survey"),
    path("survey/<str:token>/", views.survey_start, name="survey"),
    path("survey/<str:token>/questions/", views.survey_questions, name="survey-questions"),
    path("survey/<str:token>/thank-you/", views.survey_done, name="survey-done"),
    path("surveys/<str:token>/", views.questionnaire, name="questionnaire"),
    path("suggestions/new/", views.suggest, name="suggest"),
    path("suggestions/", views.your_suggestions, name="your-suggestions"),
    path("you-said-we-did/", views.you_said_we_did, name="you-said-we-did"),
    path("get-involved/", views.get_involved, name="get-involved"),
    path("get-involved/register/", views.register_interest, name="register-interest"),
    path("newsletters/", views.newsletters, name="newsletters"),
    path("newsletters/<int:pk>/", views.newsletter, name="newsletter"),
]
