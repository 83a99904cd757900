from __future__ import annotations

from django.urls import path

from hearth.complaints.views import cases, categories, followup, reports, stages

app_name = "complaints"
urlpatterns = [
    path("", cases.queue, name="queue"),
    path("new/", cases.new, name="new"),
    path("learning/", reports.learning, name="learning"),
    path("performance/", reports.performance, name="performance"),
    path("annual-report/", reports.annual_report, name="annual-report"),
    path(
        "annual-report/<int:year>.pdf",
        reports.annual_report_download,
        name="annual-report-pdf",
    ),
    path("categories/", categories.categories, name="categories"),
    path("self-assessment/", followup.self_assessment, name="self-assessment"),
    path("self-assessment/<int:year>/", followup.self_assessment, name="self-assessment"),
    path("<str:ref>/", cases.detail, name="detail"),
    path("<str:ref>/link/", cases.link, name="link"),
    path("<str:ref>/acknowledge/", stages.acknowledge, name="acknowledge"),
    path("<str:ref>/extend/", stages.extend, name="extend"),
    path("<str:ref>/respond/", stages.respond, name="respond"),
    path("<str:ref>/escalate/", stages.escalate, name="escalate"),
    path("<str:ref>/exclude/", stages.exclude, name="exclude"),
    path("<str:ref>/withdraw/", stages.withdraw, name="withdraw"),
    path("<str:ref>/stage-<int:stage>/handler/", stages.assign, name="assign"),
    path("<str:ref>/learning/", followup.learning, name="record-learning"),
    path("<str:ref>/actions/new/", followup.action_new, name="action-new"),
    path("<str:ref>/actions/<int:pk>/done/", followup.action_done, name="action-done"),
    path(
        "<str:ref>/compensation/<int:pk>/paid/",
        followup.compensation_paid,
        name="compensation-paid",
    ),
    path("<str:ref>/stage-<int:stage>-response.pdf", reports.letter, name="letter"),
]
