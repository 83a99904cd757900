"""Pause points for crash tests: a long job (an import, the debit run, a message send) names
the moments where dying would matter most, and a test process started with
`HEARTH_PAUSE_AT=<name>` stops there, says so on stderr, and waits to be killed. Without the
variable a pause point does nothing (one environment lookup)."""

from __future__ import annotations

import os
import sys
import time

ENV = "HEARTH_PAUSE_AT"


def pause_point(name: str) -> None:
    if os.environ.get(ENV) == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(3600)
