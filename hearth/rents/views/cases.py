"""The income officer's arrears queue, the case page, and each step on a case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from hearth.core import deadlines, formats
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.paging import paginate
from hearth.core.permissions import Can, can
from hearth.core.timeline import events_for
from hearth.rents import forms as rent_forms
from hearth.rents import rules
from hearth.rents.models import BenefitClaim, ClaimStatus, Risk, Transaction
from hearth.rents.queries import get_case_for_user, work_queue
from hearth.rents.rules import Step
from hearth.rents.services import advice, benefits, casework, recovery
from hearth.rents.services.arrears import case_facts
from hearth.rents.services.statements import send_statement
from hearth.rents.views.forms_page import form_page

PER_PAGE = 25


@staff_view(Can.VIEW_RENT)
def queue(request: HttpRequest) -> HttpResponse:
    """Open arrears cases by risk and next action due, with due-soon and overdue flags."""
    show = request.GET.get("show", "mine" if can(request.user, Can.MANAGE_RENT) else "all")
    if show not in ("mine", "unassigned", "all"):
        show = "all"
    cases = work_queue(
        owner=request.user if show == "mine" else None, unassigned=show == "unassigned"
    )
    risk = request.GET.get("risk", "")
    if risk in Risk.values:
        cases = cases.filter(risk=risk)
    page = paginate(request, cases, PER_PAGE)
    rows = [
        {
            "case": case,
            "step": Step(case.next_action).label
            if case.next_action in Step.__members__.values()
            else case.next_action,
            "state": deadlines.state(case.next_action_due) if case.next_action_due else None,
        }
        for case in page.object_list
    ]
    return render(
        request,
        "rents/staff/queue.html",
        {"page": page, "rows": rows, "show": show, "risk": risk, "risks": Risk.choices},
    )


@staff_view(Can.VIEW_RENT)
def case(request: HttpRequest, ref: str) -> HttpResponse:
    found = get_case_for_user(request.user, ref)
    facts = case_facts(found)
    recommendation = rules.recommend_next_step(facts)
    account = found.account
    return render(
        request,
        "rents/staff/case.html",
        {
            "case": found,
            "account": account,
            "tenancy": account.tenancy,
            "facts": facts,
            "recommendation": recommendation,
            "action": ACTION_FOR_STEP.get(recommendation.step),
            "barriers": rules.legal_action_barriers(facts),
            "first_contact_state": deadlines.state(
                found.first_contact_due, done=found.first_contacted_on
            ),
            "next_state": deadlines.state(found.next_action_due)
            if found.next_action_due and found.status == "open"
            else None,
            "plans": list(found.plans.all()),
            "income_expenditures": list(found.income_expenditures.all()[:3]),
            "claims": list(BenefitClaim.objects.filter(account=account)),
            "referrals": list(found.referrals.all()),
            "recent": list(
                Transaction.objects.filter(account=account).order_by("-date", "-pk")[:10]
            ),
            "events": events_for(found),
            "can_manage": can(request.user, Can.MANAGE_RENT),
            "actions": [(name, spec["label"]) for name, spec in ACTIONS.items()],
        },
    )


# -- Steps on a case -------------------------------------------------------------------------


def _contact(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    casework.record_arrears_contact(
        case=case,
        channel=data["channel"],
        direction=data["direction"],
        contacted_on=data["contacted_on"],
        notes=data["notes"],
        actor=actor_of(request.user),
        signposted_advice="advice" in data["covered"],
        asked_for_income_expenditure="income_expenditure" in data["covered"],
    )
    return _("Contact recorded.")


def _vulnerability(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    casework.record_vulnerability_check(
        case=case, vulnerable=data["vulnerable"], notes=data["notes"], actor=actor_of(request.user)
    )
    return _("Vulnerability check recorded.")


def _income_expenditure(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    casework.record_income_expenditure(
        case=case,
        monthly_income=data["monthly_income"],
        monthly_outgoings=data["monthly_outgoings"],
        notes=data["notes"],
        actor=actor_of(request.user),
    )
    affordable = rules.affordable_weekly_instalment(
        data["monthly_income"], data["monthly_outgoings"]
    )
    return _("Income and expenditure recorded: up to %(amount)s a week is affordable.") % {
        "amount": formats.money(affordable)
    }


def _plan(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    casework.agree_payment_plan(
        case=case,
        weekly_instalment=data["weekly_instalment"],
        starts_on=data["starts_on"],
        notes=data["notes"],
        actor=actor_of(request.user),
    )
    return _("Payment plan agreed. The tenants have been sent it in writing.")


def _claim(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    benefits.record_benefit_claim(
        account=case.account,
        kind=data["kind"],
        claimed_on=data["claimed_on"],
        reference=data["reference"],
        notes=data["notes"],
        actor=actor_of(request.user),
    )
    return _("Benefit claim recorded. No legal action will be recommended while it is pending.")


def _direct_payment(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    benefits.request_direct_payment(case=case, actor=actor_of(request.user))
    return _("Direct payment request recorded.")


def _statement(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    today = timezone.localdate()
    send_statement(
        account=case.account,
        period_from=today - timedelta(weeks=13),
        period_to=today,
        actor=actor_of(request.user),
    )
    return _("Statement of the last 13 weeks sent.")


def _letter(number: int) -> Callable[[HttpRequest, Any, dict[str, Any]], str]:
    def run(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
        sent = recovery.send_arrears_letter(case=case, number=number, actor=actor_of(request.user))
        return _("Arrears letter %(n)s sent to %(count)s tenant(s).") % {
            "n": number,
            "count": len(sent),
        }

    return run


def _notice(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    recovery.serve_notice(case=case, served_on=data["on"], actor=actor_of(request.user))
    return _("Notice of Seeking Possession recorded.")


def _court(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    recovery.refer_to_court(case=case, referred_on=data["on"], actor=actor_of(request.user))
    return _("Court referral recorded.")


def _referral(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    advice.refer_for_advice(
        tenancy=case.account.tenancy,
        topic=data["topic"],
        provider=data["provider"],
        notes=data["notes"],
        case=case,
        actor=actor_of(request.user),
    )
    return _("Referral recorded.")


def _assign(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    casework.assign_case(case=case, owner=data["owner"], actor=actor_of(request.user))
    return _("Case assigned.")


def _close(request: HttpRequest, case: Any, data: dict[str, Any]) -> str:
    recovery.close_case(case=case, reason=data["reason"], actor=actor_of(request.user))
    return _("Case closed.")


ACTIONS: dict[str, dict[str, Any]] = {
    "contact": {
        "label": _l("Record a contact"),
        "form": rent_forms.ContactForm,
        "run": _contact,
        "submit": _l("Save contact"),
    },
    "vulnerability": {
        "label": _l("Record the vulnerability check"),
        "form": rent_forms.VulnerabilityForm,
        "run": _vulnerability,
        "submit": _l("Save"),
    },
    "income-expenditure": {
        "label": _l("Record income and expenditure"),
        "form": rent_forms.IncomeExpenditureForm,
        "run": _income_expenditure,
        "submit": _l("Save"),
    },
    "plan": {
        "label": _l("Agree a payment plan"),
        "form": rent_forms.PlanForm,
        "run": _plan,
        "submit": _l("Agree plan and write to the tenants"),
    },
    "referral": {
        "label": _l("Refer for money advice"),
        "form": rent_forms.ReferralForm,
        "run": _referral,
        "submit": _l("Save referral"),
    },
    "benefit-claim": {
        "label": _l("Record a benefit claim"),
        "form": rent_forms.BenefitClaimForm,
        "run": _claim,
        "submit": _l("Save claim"),
    },
    "direct-payment": {
        "label": _l("Record a direct payment request"),
        "form": forms.Form,
        "run": _direct_payment,
        "submit": _l("Record request"),
    },
    "statement": {
        "label": _l("Send a rent statement"),
        "form": forms.Form,
        "run": _statement,
        "submit": _l("Send statement"),
    },
    "letter-1": {
        "label": _l("Send the first arrears letter"),
        "form": forms.Form,
        "run": _letter(1),
        "submit": _l("Send letter"),
    },
    "letter-2": {
        "label": _l("Send the second arrears letter"),
        "form": forms.Form,
        "run": _letter(2),
        "submit": _l("Send letter"),
    },
    "notice": {
        "label": _l("Record a Notice of Seeking Possession"),
        "form": rent_forms.DateForm,
        "run": _notice,
        "submit": _l("Record notice"),
        "danger": True,
    },
    "court": {
        "label": _l("Refer for a possession claim"),
        "form": rent_forms.DateForm,
        "run": _court,
        "submit": _l("Record referral"),
        "danger": True,
    },
    "assign": {
        "label": _l("Assign the case"),
        "form": rent_forms.AssignForm,
        "run": _assign,
        "submit": _l("Assign"),
    },
    "close": {
        "label": _l("Close the case"),
        "form": rent_forms.ReasonForm,
        "run": _close,
        "submit": _l("Close case"),
        "danger": True,
    },
}
ACTION_FOR_STEP = {
    Step.CONTACT: "contact",
    Step.CHECK_VULNERABILITY: "vulnerability",
    Step.SIGNPOST_ADVICE: "referral",
    Step.SEND_STATEMENT: "statement",
    Step.INCOME_EXPENDITURE: "contact",
    Step.AGREE_PLAN: "plan",
    Step.SUPPORT_BENEFIT_CLAIM: "contact",
    Step.REQUEST_DIRECT_PAYMENT: "direct-payment",
    Step.CONTACT_ABOUT_BROKEN_PLAN: "contact",
    Step.LETTER_1: "letter-1",
    Step.LETTER_2: "letter-2",
    Step.SERVE_NOTICE: "notice",
    Step.CONTACT_AFTER_NOTICE: "contact",
    Step.REFER_TO_COURT: "court",
}


@staff_view(Can.MANAGE_RENT)
def case_action(request: HttpRequest, ref: str, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("Not found")
    found = get_case_for_user(request.user, ref)
    if found.status != "open":
        raise Http404("Not found")
    url = reverse("rents:case", args=[found.ref])
    intro: list[str] = []
    warnings: list[str] = []
    initial: dict[str, Any] = {"contacted_on": timezone.localdate(), "on": timezone.localdate()}
    if action in ("notice", "court"):
        warnings = rules.legal_action_barriers(case_facts(found))
        intro = [str(rules.court_as_last_resort.__doc__ or "").replace("\n    ", " ").strip()]
    if action == "plan":
        statement = found.income_expenditures.first()
        if statement is not None:
            affordable = rules.affordable_weekly_instalment(
                statement.monthly_income, statement.monthly_outgoings
            )
            intro.append(
                _("From their income and expenditure, up to %(amount)s a week is affordable.")
                % {"amount": formats.money(affordable)}
            )
        intro.append(
            _("The tenant owes %(balance)s.") % {"balance": formats.money(found.account.balance)}
        )
        initial["starts_on"] = timezone.localdate()
    if action == "assign":
        initial["owner"] = found.owner_id
    return form_page(
        request,
        form_class=spec["form"],
        run=lambda data: spec["run"](request, found, data),
        done_url=url,
        title=str(spec["label"]),
        caption=f"{found.ref}: {found.account.tenancy.home.address}",
        submit=str(spec["submit"]),
        intro=intro,
        warnings=warnings,
        initial=initial,
        danger=bool(spec.get("danger")),
        case=found,
    )


@staff_view(Can.MANAGE_RENT)
def decide_claim(request: HttpRequest, ref: str, claim_id: int) -> HttpResponse:
    found = get_case_for_user(request.user, ref)
    claim = get_object_or_404(
        BenefitClaim, pk=claim_id, account=found.account, status=ClaimStatus.PENDING
    )
    return form_page(
        request,
        form_class=rent_forms.ClaimDecisionForm,
        run=lambda data: (
            benefits.decide_benefit_claim(
                claim=claim,
                status=data["status"],
                decided_on=data["decided_on"],
                paid_to_landlord=data["paid_to_landlord"],
                actor=actor_of(request.user),
            ),
            _("Decision recorded."),
        )[1],
        done_url=reverse("rents:case", args=[found.ref]),
        title=_("Record the decision on the %(kind)s claim") % {"kind": claim.get_kind_display()},
        caption=found.ref,
        submit=_("Save decision"),
        initial={"decided_on": timezone.localdate()},
        case=found,
    )


@staff_view(Can.VIEW_RENT)
def find_account(request: HttpRequest) -> HttpResponse:
    """Go to a rent account by its payment reference or tenancy reference."""
    from django.shortcuts import redirect

    from hearth.rents.models import RentAccount
    from hearth.rents.services.accounts import normalise_reference

    wanted = request.GET.get("reference", "").strip()
    found = (
        (
            RentAccount.objects.filter(payment_reference=normalise_reference(wanted)).first()
            or RentAccount.objects.filter(tenancy__ref__iexact=wanted).first()
        )
        if wanted
        else None
    )
    if found is not None:
        return redirect("rents:account", found.tenancy_id)
    return render(request, "rents/staff/find.html", {"reference": wanted})
