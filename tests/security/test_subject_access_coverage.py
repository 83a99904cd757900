"""Every kind of record that points at a person, an account or a tenancy is in the subject
access export (issue #10), or is left out here with the reason. A domain added later with a
foreign key to any of them fails this test until it registers a source that covers the model
(`@subject_access.source(covers=[...])`) or is listed below.

The reasons: records about a staff member (who did the work) rather than a resident, records
about another person (an ASB case's alleged perpetrators and witnesses stay out), and the
change history kept by django-simple-history (earlier versions of records exported in their
current form)."""

from __future__ import annotations

from django.apps import apps

from hearth.core import subject_access

# Whose records a subject access request is about.
SUBJECTS = {"tenancies.Person", "accounts.User", "tenancies.Tenancy"}

STAFF = "points at the staff member who did the work, not at a resident"
SETTINGS = "landlord-wide settings and returns, changed by staff"

LEFT_OUT: dict[str, str] = {
    "admin.LogEntry": "the admin site's log of what staff changed",
    "otp_totp.TOTPDevice": "a staff member's two-factor device (residents have none)",
    "repairs.Operative": STAFF,
    "repairs.Appointment": "reached through the repair (its timeline is exported); "
    "the foreign key is the operative",
    "repairs.Visit": "reached through the repair; the foreign keys are staff",
    "repairs.RepairPhoto": "reached through the repair; the foreign key is the uploader",
    "repairs.SpendApproval": STAFF,
    "repairs.CostLine": STAFF,
    "repairs.SatisfactionAnswer": STAFF,
    "complaints.CategoryMapping": SETTINGS,
    "complaints.ComplaintResponse": "reached through the complaint; the foreign key is staff",
    "complaints.ComplaintAction": STAFF,
    "complaints.SelfAssessmentAnswer": SETTINGS,
    "neighbourhood.Inspection": STAFF,
    "neighbourhood.AsbCase": "their side of a case is exported through AsbParty; the case "
    "holds what others said about others (perpetrators and witnesses stay out)",
    "neighbourhood.AsbEvidence": "evidence about the alleged perpetrator (stays out)",
    "neighbourhood.AsbCaseRead": STAFF,
    "rents.ChargeRate": SETTINGS,
    "rents.PostingBatch": STAFF,
    "rents.SuspenseItem": "a payment not yet matched to anyone; the foreign key is staff",
    "rents.DirectDebitReturn": STAFF,
    "rents.HomeRentSetting": SETTINGS,
    "rents.RentReview": SETTINGS,
    "rents.ServiceChargeChange": SETTINGS,
    "rents.IncomeExpenditure": "reached through the arrears case; the foreign key is staff",
    "safety.SafetyCheck": STAFF,
    "safety.AccessAttempt": STAFF,
    "safety.LegalAccess": STAFF,
    "performance.StandardNote": SETTINGS,
    "lettings.Void": "the empty home after they left; its foreign keys are the tenancy "
    "(its ending is exported) and the staff member",
    "lettings.VoidPhoto": STAFF,
    "lettings.SafetyCheck": STAFF,
    "lettings.LettingStandardInspection": STAFF,
    "interchange.ImportRun": STAFF,
}


def _pointing_at_subjects() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if (
                field.is_relation
                and field.concrete
                and target is not None
                and (target._meta.label in SUBJECTS)
            ):
                found.setdefault(model._meta.label, []).append(field.name)
    return found


def test_every_model_pointing_at_a_person_account_or_tenancy_is_exported_or_left_out() -> None:
    covered = subject_access.coverage()
    missing = []
    for label, fields in sorted(_pointing_at_subjects().items()):
        history = label.split(".")[1].startswith("Historical")
        if label in covered or label in LEFT_OUT or label in SUBJECTS or history:
            continue
        missing.append(f"{label} ({', '.join(fields)})")
    assert missing == [], (
        "No subject access source covers these, and they are not left out with a reason: "
        + "; ".join(missing)
    )


def test_nothing_is_both_exported_and_left_out_and_every_exclusion_is_real() -> None:
    covered = subject_access.coverage()
    pointing = _pointing_at_subjects()
    assert sorted(set(covered) & set(LEFT_OUT)) == []
    assert sorted(set(LEFT_OUT) - set(pointing)) == []
    assert all(reason.strip() for reason in LEFT_OUT.values())
