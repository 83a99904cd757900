from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hearth.repairs.views import admin, jobs, log, performance, queue, repair

app_name = "repairs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", queue.queue, name="queue"),
    path("new/", log.log_repair, name="new"),
    path("jobs/", jobs.my_jobs, name="jobs"),
    path("approvals/", admin.approvals, name="approvals"),
    path("approvals/<int:pk>/", admin.decide_approval, name="approval"),
    path("rates/", admin.rates, name="rates"),
    path("settings/", admin.repair_settings, name="settings"),
    path("performance/", performance.performance, name="performance"),
    path("photos/<int:pk>/", repair.photo, name="photo"),
    path("<str:ref>/", repair.repair, name="repair"),
    path("<str:ref>/priority/", repair.change_priority, name="priority"),
    path("<str:ref>/assign/", repair.assign, name="assign"),
    path("<str:ref>/book/", repair.book, name="book"),
    path("<str:ref>/appointments/<str:appointment_ref>/cancel/", repair.cancel_appointment,
         name="cancel-appointment"),
    path("<str:ref>/appointments/<str:appointment_ref>/on-the-way/", repair.on_the_way,
         name="on-the-way"),
    path("<str:ref>/visit/", repair.record_visit, name="visit"),
    path("<str:ref>/update/", repair.update_resident, name="update"),
    path("<str:ref>/cost/", repair.add_cost, name="cost"),
    path("<str:ref>/recharge/", repair.recharge, name="recharge"),
    path("<str:ref>/cancel/", repair.cancel_repair, name="cancel"),
    path("<str:ref>/damp-and-mould/", repair.damp_step, name="damp"),
    path("<str:ref>/satisfaction/", repair.satisfaction, name="satisfaction"),
]  # fmt: skip
