from __future__ import annotations

from django.urls import path

from hearth.neighbourhood import views

app_name = "neighbourhood"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("blocks/", views.blocks, name="blocks"),
    path("blocks/<str:ref>/", views.block, name="block"),
    path("blocks/<str:ref>/schedule/", views.schedule, name="schedule"),
    path("blocks/<str:ref>/cleaning/new/", views.task_new, name="task-new"),
    path("blocks/<str:ref>/cleaning/displayed/", views.poster_displayed, name="poster-displayed"),
    path("blocks/<str:ref>/cleaning-poster.pdf", views.poster, name="poster"),
    path("inspections/<str:ref>/", views.inspection, name="inspection"),
    path("inspections/<str:ref>/record/", views.inspection_record, name="inspection-record"),
    path("inspections/<str:ref>/publish/", views.inspection_publish, name="inspection-publish"),
    path("inspections/<str:ref>/results/", views.inspection_results, name="inspection-results"),
    path("inspections/<str:ref>/defect/", views.inspection_defect, name="inspection-defect"),
    path("inspections/<str:ref>/notice.pdf", views.inspection_notice, name="inspection-notice"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
    path("concerns/new/", views.concern_new, name="concern-new"),
    path("concerns/<str:ref>/", views.concern, name="concern"),
    path("concerns/<str:ref>/answer/", views.concern_answer, name="concern-answer"),
    path("flytipping/new/", views.flytipping_new, name="flytipping-new"),
    path("flytipping/<str:ref>/", views.flytipping, name="flytipping"),
    path("flytipping/<str:ref>/removed/", views.flytipping_removed, name="flytipping-removed"),
    path("asb/", views.asb_list, name="asb-list"),
    path("asb/new/", views.asb_new, name="asb-new"),
    path("asb/<str:ref>/", views.asb, name="asb"),
    path("asb/<str:ref>/triage/", views.asb_triage, name="asb-triage"),
    path("asb/<str:ref>/risk/", views.asb_risk, name="asb-risk"),
    path("asb/<str:ref>/people/", views.asb_party, name="asb-party"),
    path("asb/<str:ref>/incident/", views.asb_incident, name="asb-incident"),
    path("asb/<str:ref>/plan/", views.asb_plan, name="asb-plan"),
    path("asb/<str:ref>/update/", views.asb_update, name="asb-update"),
    path("asb/<str:ref>/hate/", views.asb_hate, name="asb-hate"),
    path("asb/<str:ref>/action/", views.asb_action, name="asb-action"),
    path("asb/<str:ref>/close/", views.asb_close, name="asb-close"),
    path("asb/<str:ref>/evidence/<int:pk>/review/", views.evidence_review, name="evidence-review"),
    path("asb/<str:ref>/evidence/<int:pk>/file/", views.evidence_file, name="evidence-file"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/notice/", views.notice_days, name="notice-days"),
    path("settings/checklist/new/", views.checklist_new, name="checklist-new"),
    path("community/", views.community, name="community"),
    path("community/events/new/", views.event_new, name="event-new"),
    path("community/improvements/<str:ref>/", views.improvement_update, name="improvement"),
]
