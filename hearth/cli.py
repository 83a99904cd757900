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
# Commands that read or write Hearth's tables: on a database `hearth migrate` has not set up
# (or that lacks tables a newer version added) they stop with a sentence saying so, not a
# traceback.
NEEDS_TABLES = {
    "api_token", "demo", "demo_sign_ins", "export_records", "import_records", "measures",
    "rent", "retention", "sweep", "worker",
}  # fmt: skip


def missing_tables() -> list[str]:
    """Hearth's tables the default database does not have yet."""
    from django.db import connection

    introspection = connection.introspection
    return sorted(set(introspection.django_table_names()) - set(introspection.table_names()))


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    args[0] = "hearth"
    from django.core.management import execute_from_command_line

    asks_for_help = any(arg in ("-h", "--help") for arg in args[2:])
    if len(args) > 1 and args[1] in NEEDS_TABLES and not asks_for_help:
        import django

        django.setup()
        missing = len(missing_tables())
        if missing:
            sys.stderr.write(
                "The database is not set up for this version of Hearth "
                f"({missing} of its tables {'are' if missing != 1 else 'is'} missing). "
                "Run `hearth migrate` first, then try again.\n"
            )
            sys.exit(1)
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
