"""Words for the demo landlord's complaints: what residents said, how officers answered and what
was learned, by category. Plain, realistic, and obviously made up."""

from __future__ import annotations

from hearth.complaints.models import Category, RootCause

COMPLAINTS: dict[str, list[tuple[str, str]]] = {
    Category.REPAIRS: [
        ("The leak under my kitchen sink was reported three times and nobody came.", "Fix the leak and explain why appointments were missed."),
        ("The operative left without finishing the bathroom tiling and did not come back.", "Finish the job."),
        ("I waited in all day for an appointment that was cancelled without telling me.", "An apology and compensation for my lost day's pay."),
        ("My front door does not lock properly and the repair was marked as done.", "Send someone to fix it properly."),
    ],
    Category.DAMP_MOULD: [
        ("Black mould has come back in my child's bedroom after it was painted over.", "Find the cause and treat it properly."),
        ("Condensation is running down the windows and my belongings are ruined.", "Install ventilation and pay for the damaged items."),
    ],
    Category.ESTATE_SERVICES: [
        ("The stairwell has not been cleaned for three weeks.", "Clean it and keep to the schedule."),
        ("Dumped furniture has been by the bin store for over a week.", "Remove it."),
        ("The lift has been out of service for ten days and I have mobility problems.", "Repair the lift and keep me informed."),
    ],
    Category.ANTISOCIAL_BEHAVIOUR: [
        ("I reported noise from the flat above many times and nothing has been done.", "Take action and update me."),
        ("Nobody called me back about the people using drugs in the stairwell.", "Call me back and deal with it."),
    ],
    Category.RENT_CHARGES: [
        ("My rent account shows arrears although my Housing Benefit was paid.", "Correct my account."),
        ("I was charged for a service that has not been provided.", "Refund the charge."),
    ],
    Category.LETTINGS: [
        ("My new home was not clean and the cooker did not work when I moved in.", "Compensation and a working cooker."),
    ],
    Category.STAFF_CONDUCT: [
        ("The officer on the phone was rude and put the phone down on me.", "An apology."),
        ("A contractor walked mud through my flat and was disrespectful.", "An apology and cleaning."),
    ],
    Category.COMMUNICATION: [
        ("I have emailed four times about my transfer and had no reply.", "A reply and a named contact."),
        ("Letters keep going to my old address although I updated it.", "Update my details."),
    ],
    Category.OTHER: [
        ("The community hall booking was cancelled without any notice.", "An explanation."),
    ],
}  # fmt: skip

CATEGORY_WEIGHTS = {
    Category.REPAIRS: 34,
    Category.DAMP_MOULD: 14,
    Category.ESTATE_SERVICES: 11,
    Category.ANTISOCIAL_BEHAVIOUR: 8,
    Category.RENT_CHARGES: 8,
    Category.LETTINGS: 3,
    Category.STAFF_CONDUCT: 7,
    Category.COMMUNICATION: 11,
    Category.OTHER: 4,
}

REASONS = {
    "upheld": "We looked at the records and spoke to the staff involved. We did not do what we promised, and did not keep you informed.",
    "partly_upheld": "Some of what went wrong was our fault: we did not keep you informed. The rest was outside our control, as we explain below.",
    "not_upheld": "We checked the records and visited. The work was done to the right standard and on the dates we agreed with you.",
}  # fmt: skip

EXTENSION_REASONS = [
    "We need an independent surveyor's report before we can decide.",
    "The contractor involved has not yet given us their records.",
    "We need to inspect the block with the council's building safety team.",
]

ROOT_CAUSES = [
    (RootCause.COMMUNICATION, 30),
    (RootCause.DELAY, 22),
    (RootCause.CONTRACTOR, 15),
    (RootCause.QUALITY, 12),
    (RootCause.POLICY, 6),
    (RootCause.STAFF_CONDUCT, 5),
    (RootCause.RECORDS, 4),
    (RootCause.NO_FAULT, 6),
]

LESSONS = {
    RootCause.COMMUNICATION: (
        "Residents were not told when appointments changed.",
        "Appointment changes are now sent by text the same day.",
    ),
    RootCause.DELAY: (
        "Jobs waiting for parts had no follow-up date.",
        "Jobs waiting for parts now get a follow-up date and a weekly check.",
    ),
    RootCause.CONTRACTOR: (
        "The contractor did not report no-access visits to us.",
        "The contract now requires no-access visits to be reported within a day.",
    ),
    RootCause.QUALITY: (
        "Repairs were signed off without checking the result.",
        "Supervisors now check one in ten repairs after completion.",
    ),
    RootCause.POLICY: (
        "Our policy on decoration allowances was unclear.",
        "The policy was rewritten in plain English and published.",
    ),
    RootCause.STAFF_CONDUCT: (
        "A member of staff did not follow our customer care standards.",
        "Customer care refresher training for the contact centre.",
    ),
    RootCause.RECORDS: (
        "Contact details were not updated across systems.",
        "Changes of address now update every system at once.",
    ),
    RootCause.NO_FAULT: ("We did what we promised; we could have explained it better.", ""),
}

ACTIONS = [
    "Replace the kitchen tap",
    "Treat the mould and fit an extractor fan",
    "Refund the service charge",
    "Clean the stairwell weekly for a month and check it",
    "Call the resident with a named contact",
]

EXCLUSIONS = [
    ("over_12_months", "The problem you describe was in 2022 and was dealt with then."),
    ("legal_proceedings", "This matter is part of a court claim that has been filed."),
    ("already_considered", "We answered this complaint in full last year."),
]
