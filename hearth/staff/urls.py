from __future__ import annotations

from django.urls import path

from hearth.staff.views import closure_days, outbox, search, settings, users, work
from hearth.tenancies.views import alerts, household, people, records, subject_access

app_name = "staff"
urlpatterns = [
    path("", work.my_work, name="my-work"),
    path("search/", search.search, name="search"),
    path("homes/<int:pk>/", records.home, name="home"),
    path("tenancies/<int:pk>/", records.tenancy, name="tenancy"),
    path("people/<int:pk>/", records.person, name="person"),
    path("people/<int:pk>/everything-we-hold/", subject_access.export, name="person-everything"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/", outbox.outbox_message, name="outbox-message"),
    path("outbox/<int:pk>/send-again/", outbox.outbox_resend, name="outbox-resend"),
    path("outbox/<int:pk>/posted-by-hand/", outbox.outbox_posted, name="outbox-posted"),
    path("closure-days/", closure_days.closure_days, name="closure-days"),
    path(
        "closure-days/<int:pk>/remove/", closure_days.closure_day_remove, name="closure-day-remove"
    ),
    path("settings/", settings.landlord_settings, name="settings"),
    # People who sign in
    path("users/", users.user_list, name="users"),
    path("users/add/", users.user_add, name="user-add"),
    path("users/<int:pk>/", users.user_detail, name="user"),
    path("users/<int:pk>/role/", users.user_role, name="user-role"),
    path("users/<int:pk>/deactivate/", users.user_deactivate, name="user-deactivate"),
    path("users/<int:pk>/reactivate/", users.user_reactivate, name="user-reactivate"),
    path(
        "users/<int:pk>/reset-two-factor/",
        users.user_reset_two_factor,
        name="user-reset-two-factor",
    ),
    path("users/<int:pk>/send-link/", users.user_send_link, name="user-send-link"),
    # A person's record
    path("people/<int:pk>/contact-details/", people.contact_details, name="contact-details"),
    path(
        "people/<int:pk>/contact-preferences/",
        people.contact_preferences,
        name="contact-preferences",
    ),
    path("people/<int:pk>/support-needs/add/", people.support_need_add, name="support-need-add"),
    path("support-needs/<int:pk>/change/", people.support_need_change, name="support-need-change"),
    path("support-needs/<int:pk>/end/", people.support_need_end, name="support-need-end"),
    path("people/<int:pk>/online-account/", people.online_account, name="online-account"),
    # Cautionary alerts
    path("people/<int:pk>/alerts/raise/", alerts.person_alert_raise, name="person-alert-raise"),
    path("homes/<int:pk>/alerts/raise/", alerts.home_alert_raise, name="home-alert-raise"),
    path("alerts/<int:pk>/review/", alerts.alert_review, name="alert-review"),
    path("alerts/<int:pk>/end/", alerts.alert_end, name="alert-end"),
    # Households and tenancies
    path("tenancies/<int:pk>/household/add/", household.household_add, name="household-add"),
    path(
        "tenancies/<int:pk>/household/<int:member_pk>/remove/",
        household.household_remove,
        name="household-remove",
    ),
    path("tenancies/<int:pk>/end/", household.tenancy_end, name="tenancy-end"),
]
