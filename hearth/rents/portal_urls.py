from __future__ import annotations

from django.urls import path

from hearth.rents import portal_views

app_name = "rents_portal"
urlpatterns = [
    path("", portal_views.account, name="account"),
    path("statement.pdf", portal_views.statement_pdf, name="statement"),
    path("ways-to-pay/", portal_views.ways_to_pay, name="ways-to-pay"),
    path("your-rent-and-service-charges/", portal_views.about_rent, name="about"),
    path("help-with-benefits-and-money/", portal_views.benefits, name="benefits"),
]
