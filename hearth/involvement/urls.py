from __future__ import annotations

from django.urls import path

from hearth.involvement.views import groups, newsletters, surveys, tsm

app_name = "involvement"
urlpatterns = [
    path("", tsm.home, name="home"),
    path("tsm/new/", tsm.survey_new, name="survey-new"),
    path("tsm/<int:pk>/", tsm.survey, name="survey"),
    path("tsm/<int:pk>/sample/", tsm.draw_sample, name="sample"),
    path("invitations/<str:token>/answers/", tsm.enter_response, name="enter-response"),
    path("responses/<int:pk>/", tsm.response, name="response"),
    path("suggestions/", tsm.suggestions, name="suggestions"),
    path("suggestions/paper/", tsm.suggestion_paper, name="suggestion-paper"),
    path("suggestions/<str:ref>/", tsm.suggestion, name="suggestion"),
    path("surveys/", surveys.questionnaires, name="questionnaires"),
    path("surveys/new/", surveys.questionnaire_new, name="questionnaire-new"),
    path("surveys/<int:pk>/", surveys.questionnaire, name="questionnaire"),
    path("spot-checks/", surveys.spot_checks, name="spot-checks"),
    path("spot-checks/new/", surveys.spot_check_new, name="spot-check-new"),
    path("spot-checks/<str:ref>/", surveys.spot_check, name="spot-check"),
    path("actions/<int:pk>/done/", surveys.action_done, name="action-done"),
    path("get-involved/", groups.groups, name="groups"),
    path("get-involved/groups/new/", groups.group_new, name="group-new"),
    path("get-involved/reviews/new/", groups.review_new, name="review-new"),
    path("get-involved/reviews/<int:pk>/", groups.review, name="review"),
    path("newsletters/", newsletters.newsletters, name="newsletters"),
    path("newsletters/new/", newsletters.newsletter_edit, name="newsletter-new"),
    path("newsletters/<int:pk>/", newsletters.newsletter, name="newsletter"),
    path("newsletters/<int:pk>/edit/", newsletters.newsletter_edit, name="newsletter-edit"),
    path("newsletters/<int:pk>.pdf", newsletters.newsletter_pdf, name="newsletter-pdf"),
]
