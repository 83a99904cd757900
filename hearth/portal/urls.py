from __future__ import annotations

from django.urls import path

from hearth.complaints import portal_views as complaints_views
from hearth.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("how-to-complain/", complaints_views.how_to_complain, name="how-to-complain"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("your-home/", views.your_home, name="your-home"),
    path("your-requests/", views.your_requests, name="your-requests"),
    path("your-details/", views.your_details, name="your-details"),
    path("your-details/phone/", views.change_detail, {"page": "phone"}, name="change-phone"),
    path("your-details/email/", views.change_detail, {"page": "email"}, name="change-email"),
    path(
        "your-details/how-we-contact-you/",
        views.change_detail,
        {"page": "channel"},
        name="change-channel",
    ),
    path(
        "your-details/language/", views.change_detail, {"page": "language"}, name="change-language"
    ),
    path("your-details/help/", views.change_detail, {"page": "help"}, name="change-help"),
    path(
        "your-details/representative/",
        views.change_detail,
        {"page": "representative"},
        name="change-representative",
    ),
]
