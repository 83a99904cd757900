"""How long safety certificates are kept (`hearth.core.retention`): the file of a certificate
(gas safety record, electrical report, fire risk assessment) is deleted the set number of years
after the next check fell due, when it had long stopped being the current one. The check itself
(dates, outcome, certificate reference) stays for the compliance measures; the note goes on the
check's timeline."""

from __future__ import annotations

from hearth.core import retention
from hearth.safety.models import SafetyCheck


@retention.rule
def certificates() -> retention.Rule:
    return retention.files(
        key="safety.certificate", label="Safety certificate files",
        closed="the next check fell due",
        due=lambda cutoff: SafetyCheck.objects.filter(next_due_on__lt=cutoff).exclude(certificate=""),
        field="certificate", case=lambda check: check,
    )  # fmt: skip
