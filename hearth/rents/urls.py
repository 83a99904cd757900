from __future__ import annotations

from django.urls import path

from hearth.rents.views import accounts, advice, cases, payments, settings
from hearth.rents.views import review as review_views

app_name = "rents"
urlpatterns = [
    path("", cases.queue, name="queue"),
    path("cases/<str:ref>/", cases.case, name="case"),
    path(
        "cases/<str:ref>/claims/<int:claim_id>/decision/", cases.decide_claim, name="decide-claim"
    ),
    path("cases/<str:ref>/<slug:action>/", cases.case_action, name="case-action"),
    path("accounts/<int:tenancy_id>/", accounts.account, name="account"),
    path("accounts/<int:tenancy_id>/statement.pdf", accounts.statement_pdf, name="statement-pdf"),
    path("accounts/<int:tenancy_id>/payment/", accounts.take_payment, name="take-payment"),
    path("accounts/<int:tenancy_id>/adjust/", accounts.adjust, name="adjust"),
    path("accounts/<int:tenancy_id>/direct-debit/", accounts.direct_debit, name="direct-debit"),
    path(
        "accounts/<int:tenancy_id>/direct-debit/cancel/",
        accounts.cancel_direct_debit,
        name="cancel-direct-debit",
    ),
    path(
        "accounts/<int:tenancy_id>/send-statement/",
        accounts.send_statement_now,
        name="send-statement",
    ),
    path("payment-files/", payments.imports, name="imports"),
    path("suspense/", payments.suspense, name="suspense"),
    path("suspense/<int:pk>/", payments.suspense_item, name="suspense-item"),
    path("suspense/<int:pk>/send-back/", payments.suspense_refund, name="suspense-refund"),
    path("returned-direct-debits/", payments.returns, name="returns"),
    path("settings/", settings.policy, name="policy"),
    path("rent-free-weeks/", settings.rent_free_weeks, name="rent-free-weeks"),
    path("find/", cases.find_account, name="find-account"),
    path("money-advice/", advice.money_advice, name="money-advice"),
    path("money-advice/<int:tenancy_id>/offer/", advice.offer, name="offer"),
    path("money-advice/<int:tenancy_id>/referral/", advice.referral, name="referral"),
    path("referrals/<str:ref>/", advice.referral_outcome, name="referral-outcome"),
]
# The annual rent and service charge review (views/review.py).
urlpatterns += [
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews/new/", review_views.review_new, name="review-new"),
    path("reviews/<str:ref>/", review_views.review, name="review"),
    path("reviews/<str:ref>/submit/", review_views.review_submit, name="review-submit"),
    path("reviews/<str:ref>/approve/", review_views.review_approve, name="review-approve"),
    path("reviews/<str:ref>/send-back/", review_views.review_return, name="review-return"),
    path("reviews/<str:ref>/send-notices/", review_views.review_send, name="review-send"),
    path(
        "reviews/<str:ref>/service-charge/",
        review_views.review_service_charge,
        name="review-service-charge",
    ),
    path(
        "reviews/<str:ref>/homes/<str:home_ref>/", review_views.review_adjust, name="review-adjust"
    ),
    path("reviews/<str:ref>/notices/", review_views.review_notices, name="review-notices"),
    path(
        "reviews/<str:ref>/notices/<int:notice_id>/hand-delivery/",
        review_views.review_hand_delivery,
        name="review-hand-delivery",
    ),
    path("reviews/<str:ref>/homes.csv", review_views.review_csv, name="review-csv"),
    path("reviews/<str:ref>/homes.xlsx", review_views.review_xlsx, name="review-xlsx"),
    path("homes/<str:home_ref>/rent-setting/", review_views.rent_setting, name="rent-setting"),
]
