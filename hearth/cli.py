"""The `hearth` command: every admin command in one place (a thin front to Django's manage.py).

`hearth import DIR` and `hearth export DIR` are spelt as the interchange spec has them;
`import` is a Python keyword, so the management commands behind them are named
`import_records` and `export_records`.
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "import": "import_records",
    "export": "export_records",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    args[0] = "hearth"
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
