"""Accounts' scheduled job: deactivating staff accounts left unused (see
`services.disable_dormant_staff_accounts`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from hearth.core.sweeps import sweep


@sweep("accounts.dormant_staff", every=timedelta(days=1))
def dormant_staff(*, now: datetime) -> dict[str, int]:
    """Deactivate staff accounts nobody has used for HEARTH_DORMANT_STAFF_DAYS days."""
    from hearth.accounts.services import disable_dormant_staff_accounts

    return {"disabled": disable_dormant_staff_accounts(now=now)}
