"""The Code's annual self-assessment (Code 8.2): the requirements a landlord answers yes, partly
or no to, with its evidence. Paraphrased in plain English; the clause numbers point at the
Housing Ombudsman's Complaint Handling Code (2024). What Hearth itself enforces is said in
`enforced_by`, so the report can show the evidence the system gives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Requirement:
    clause: str
    text: str
    enforced_by: str = ""


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "1.2",
        "We use the Code's definition of a complaint: an expression of dissatisfaction, however "
        "made, about our service, actions or lack of action.",
        "The definition is on the complaint form and in the staff guide.",
    ),
    Requirement(
        "1.3",
        "A resident does not have to use the word 'complaint' for it to be treated as one.",
    ),
    Requirement(
        "1.6",
        "Dissatisfaction with how a service request was handled is logged as a complaint.",
        "Officers can turn a service request into a complaint from the request's reference.",
    ),
    Requirement(
        "2.1",
        "We accept a complaint unless there is a valid reason not to, and can evidence it.",
        "A complaint can be refused only on the Code's grounds, with the reason recorded.",
    ),
    Requirement(
        "2.4",
        "When we refuse a complaint we explain why and tell the resident they can go to the "
        "Ombudsman.",
        "The refusal letter is sent from a template that includes the Ombudsman's details.",
    ),
    Requirement(
        "3.1",
        "Residents can complain through different channels, and get help to do so.",
        "Online (with or without signing in), phone, email, letter, in person, or through a "
        "representative.",
    ),
    Requirement(
        "3.5",
        "Our complaints policy and how to complain are published and easy to find.",
        "The 'How to complain' page is linked from every page, with a printable leaflet.",
    ),
    Requirement(
        "4.1",
        "A person or team is responsible for complaint handling and liaison with the Ombudsman.",
    ),
    Requirement("5.1", "We have one complaints policy with two stages only."),
    Requirement(
        "6.2",
        "Stage 1 complaints are acknowledged, defined and logged within 5 working days.",
        "Acknowledgement due dates, reminders and the complaints.acknowledged_on_time measure.",
    ),
    Requirement(
        "6.3",
        "Stage 1 responses are sent within 10 working days of the acknowledgement.",
        "Response due dates, reminders and the CH02.stage1 measure.",
    ),
    Requirement(
        "6.4",
        "A stage 1 extension is no more than 10 working days and its reasons are explained.",
        "Extensions above the cap are refused; the reason is sent to the resident.",
    ),
    Requirement(
        "6.5",
        "When we extend, we give the resident the Ombudsman's contact details.",
        "The extension letter includes them.",
    ),
    Requirement(
        "6.6",
        "We respond when the answer is known, and track outstanding actions to completion.",
        "Outstanding actions are recorded with an owner and due date until done.",
    ),
    Requirement(
        "6.11",
        "The stage 1 response gives the stage, definition, decision, reasons, remedy, "
        "outstanding actions and how to escalate.",
        "The response cannot be sent without each of these.",
    ),
    Requirement(
        "6.13",
        "Stage 2 requests are acknowledged within 5 working days.",
        "Stage 2 acknowledgement due dates and reminders.",
    ),
    Requirement(
        "6.14",
        "Residents do not have to give reasons for asking for stage 2.",
        "Residents escalate from their account with one button.",
    ),
    Requirement(
        "6.15",
        "A different person considers the complaint at stage 2.",
        "Hearth refuses a stage 2 handler who handled stage 1.",
    ),
    Requirement(
        "6.16",
        "Stage 2 final responses are sent within 20 working days of the acknowledgement.",
        "Response due dates, reminders and the CH02.stage2 measure.",
    ),
    Requirement(
        "6.17",
        "A stage 2 extension is no more than 20 working days and its reasons are explained.",
        "Extensions above the cap are refused.",
    ),
    Requirement(
        "6.21",
        "The final response includes how to go to the Housing Ombudsman.",
        "The final response letter includes the Ombudsman's details.",
    ),
    Requirement(
        "7.1",
        "We put things right: apologising, acting, and paying compensation where due, never "
        "set against arrears without agreement.",
        "Compensation set against arrears is refused unless the resident agreed.",
    ),
    Requirement(
        "8.1",
        "We publish an annual complaints performance and service improvement report.",
        "This report.",
    ),
    Requirement("8.2", "We carry out this self-assessment every year and publish it."),
)

BY_CLAUSE = {requirement.clause: requirement for requirement in REQUIREMENTS}
