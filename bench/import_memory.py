"""Where an import's memory goes, step by step, run on demand:

    DATABASE_URL=postgres://…/empty .venv/bin/python bench/import_memory.py FOLDER

Imports FOLDER (a folder `hearth export` wrote) into the database DATABASE_URL names, as
`hearth import` does, and prints a line as each file's checking and loading starts and ends:
seconds since the start, the process's resident memory and its high-water mark so far (from
`/proc/self/status`, in MB). A jump between the end of one step and the start of the next is
work the import does between them (references resolved, checks across files, the ledger's
arrears worked out again). The last line is the import's peak, the figure issue #9 asks to
keep under 300 MB. The reference is the first line: what a Hearth process holds before it
reads anything. Results are recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django

django.setup()

from hearth.interchange.services import import_folder  # noqa: E402

STARTED = time.monotonic()


def memory() -> tuple[int, int]:
    """(resident, high-water mark) of this process, in MB."""
    found: dict[str, int] = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) // 1024
    return found["VmRSS"], found["VmHWM"]


def show(what: str) -> None:
    resident, peak = memory()
    print(f"{time.monotonic() - STARTED:8.1f} s  {what:48} {resident:5} MB  peak {peak:5} MB")


class Steps:
    """A `Progress` that prints memory as each step starts and ends."""

    @contextmanager
    def task(self, description: str, total: int | None) -> Iterator[Callable[[int], None]]:
        show(f"start {description}")
        yield lambda n: None
        show(f"end   {description}")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    show("before reading anything")
    report = import_folder(sys.argv[1], progress=Steps())
    show("import finished")
    for file in report.files:
        print(file)


if __name__ == "__main__":
    main()
