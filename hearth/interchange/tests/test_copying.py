"""A staged file read by PostgreSQL's COPY (`hearth.interchange.copying`) gives exactly what the
reader in Python gives: the same problems, word for word, and the same records. On SQLite the
reader in Python reads every file, and these tests check that COPY was not tried."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from hearth.interchange import validation
from hearth.interchange.services import check_folder_problems, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.rents.models import Transaction

pytestmark = pytest.mark.django_db

HEADER = "transaction_ref,tenancy_ref,date,kind,amount,reverses_ref,source_ref"
LONG_REF = "X" + "9" * 60  # 61 characters; a transaction ref holds at most 60

# Each row has at most one thing wrong, named at its end; some only look wrong to SQL.
WRONG = f"""
    {HEADER}
    X1,T2,2025-04-07,rent,120.50,,
    X2,T2,2025-02-30,rent,120.50,,
    X3,T2,2025/04/07,rent,120.50,,
    X4,T2, 2025-04-07 ,rent,120.50,,
    X5,T2,2025-04-07,rent,-1.00,,
    X6,T2,2025-04-08,payment_cash,-5.00,X1,
    X7,T2,2025-04-08,payment_reversal,5.00,X7,
    X8,T2,2025-04-08,payment_reversal,5.00,X30,
    X9,T2,2025-04-08,payment_cash,-1.234,,
    X10,T9,2025-04-07,rent,1.00,,
    X11,,2025-04-07,rent,1.00,,
    ,T2,2025-04-07,rent,1.00,,
    X12,T2,2025-04-07,bogus,1.00,,
    X13,T2,2025-04-07,adjustment,0.00,,
    X1,T2,2025-04-09,rent,1.00,,
    X14,T2,2025-04-10,payment_cash,-5.00,,'=SUM(A1)
    X15,T2,2025-04-10,payment_cash,-5.00,,é-15
    X16,T2,2025-04-10,payment_cash,-5.00,,S1
    X17,T2,2025-04-10,payment_cash,-5.00,,S1
    ,,,,,,
    X18,T2,2025-04-10,rent,123456789012.00,,
    {LONG_REF},T2,2025-04-10,rent,1.00,,
    X19,T2,2025-04-10,housing_benefit,4.00,,
    X20,T2,2025-04-10,payment_reversal,-4.00,,
    X21 ,T3,2025-04-10,rent,3.00,,S21
    X22,T3,2025-04-11,rent, 3.00,,
    X23,T3,2025-04-11,Rent,3.00,,
    X24,T3,2025-04-11,rent,3.00,, S24
"""

# Nothing wrong, but several cells SQL leaves to Python: white space around them, a formula
# escape, a letter outside ASCII, and a row of empty cells.
RIGHT = f"""
    {HEADER}
    X1,T2,2025-04-07,rent,120.50,,
    X2,T2,2025-04-07,service_charge,8.25,,
    X3,T2, 2025-04-14,rent,120.50,,
    X4,T2,2025-04-15,payment_direct_debit,-100.00,,DD-1
    X5,T2,2025-04-16,payment_reversal,100.00,X4,'=DD-1
    X6,T3,2025-04-07,rent,98,,
    ,,,,,,
    X7 ,T3,2025-04-08,housing_benefit,-98.00,,Ödeme-7
    X8,T2,2025-04-20,adjustment,-2.5,,
"""


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """(file, what `copy_rows` returned for it) for each call (None: read in Python)."""
    results: list[Any] = []
    real = validation.copy_rows

    def spy(*args: Any) -> Any:
        results.append((args[0].name, real(*args)))
        return results[-1][1]

    monkeypatch.setattr(validation, "copy_rows", spy)
    return results


def _in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "copy_rows", lambda *args: None)


def _problems(tmp_path: Path, name: str, transactions: str) -> list[str]:
    folder = write_folder(tmp_path / name, {**GOOD, "transactions.csv": transactions})
    return [str(problem) for problem in check_folder_problems(folder)]


def _ledger() -> list[tuple[Any, ...]]:
    return list(
        Transaction.objects.order_by("ref").values_list(
            "ref", "account__tenancy__ref", "date", "kind", "amount", "reverses__ref", "source_ref"
        )
    )


def test_every_problem_is_found_and_worded_as_the_reader_in_python_words_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copied: list[Any]
):
    by_copy = _problems(tmp_path, "copy", WRONG)
    read = dict(copied)
    _in_python(monkeypatch)
    in_python = _problems(tmp_path, "python", WRONG)

    assert by_copy == in_python
    on_postgres = connection.vendor == "postgresql"
    # 28 rows after the header, of which SQL vouched for some and Python read the rest.
    assert read["transactions.csv"] == (28 if on_postgres else None)
    # Worked out from the rows above, one by one (the file's lines are the rows' + 1).
    transaction_problems = [p for p in in_python if p.startswith("transactions.csv")]
    assert transaction_problems == [
        'transactions.csv:3: date: "2025-02-30" is not a real date',
        'transactions.csv:4: date: "2025/04/07" is not a date in the form YYYY-MM-DD',
        "transactions.csv:6: amount: -1.00: Rent is a charge, so its amount must be more than 0.00",
        "transactions.csv:7: reverses_ref: only a payment_reversal takes back another transaction",
        "transactions.csv:8: reverses_ref: a transaction cannot reverse itself",
        "transactions.csv:9: reverses_ref: no transaction X30 in this import or the database",
        'transactions.csv:10: amount: "-1.234" is not an amount in pounds like 123.45 or -123.45',
        "transactions.csv:11: tenancy_ref: no tenancy T9 in this import or the database",
        "transactions.csv:12: tenancy_ref: is empty, but a value is required",
        "transactions.csv:13: transaction_ref: is empty, but a value is required",
        'transactions.csv:14: kind: "bogus" is not one of: rent, service_charge, adjustment, '
        "payment_direct_debit, payment_standing_order, payment_online, payment_paypoint, "
        "payment_cash, housing_benefit, universal_credit, payment_reversal, write_off",
        "transactions.csv:15: amount: 0.00: the amount must not be 0.00",
        "transactions.csv:16: transaction_ref: X1 appears again (first on line 2)",
        "transactions.csv:20: source_ref: S1 appears again (first on line 19)",
        "transactions.csv:22: amount: 123456789012.00 is too large",
        "transactions.csv:23: transaction_ref: is 61 characters long; at most 60 fit",
        "transactions.csv:24: amount: 4.00: Housing Benefit is a credit, so its amount must be "
        "less than 0.00",
        "transactions.csv:25: amount: -4.00: a payment reversal takes a payment back, so its "
        "amount must be more than 0.00",
        'transactions.csv:28: kind: "Rent" is not one of: rent, service_charge, adjustment, '
        "payment_direct_debit, payment_standing_order, payment_online, payment_paypoint, "
        "payment_cash, housing_benefit, universal_credit, payment_reversal, write_off",
    ]


def test_a_clean_file_gives_the_same_ledger_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copied: list[Any]
):
    import_folder(write_folder(tmp_path / "copy", {**GOOD, "transactions.csv": RIGHT}))
    by_copy = _ledger()
    on_postgres = connection.vendor == "postgresql"
    assert dict(copied)["transactions.csv"] == (9 if on_postgres else None)
    Transaction.objects.update(reverses=None)
    Transaction.objects.all().delete()
    _in_python(monkeypatch)
    import_folder(write_folder(tmp_path / "python", {**GOOD, "transactions.csv": RIGHT}))

    assert by_copy == _ledger()
    d = __import__("datetime").date
    money = __import__("decimal").Decimal
    assert by_copy == [
        ("X1", "T2", d(2025, 4, 7), "rent", money("120.50"), None, ""),
        ("X2", "T2", d(2025, 4, 7), "service_charge", money("8.25"), None, ""),
        ("X3", "T2", d(2025, 4, 14), "rent", money("120.50"), None, ""),
        ("X4", "T2", d(2025, 4, 15), "payment_direct_debit", money("-100.00"), None, "DD-1"),
        ("X5", "T2", d(2025, 4, 16), "payment_reversal", money("100.00"), "X4", "=DD-1"),
        ("X6", "T3", d(2025, 4, 7), "rent", money("98.00"), None, ""),
        ("X7", "T3", d(2025, 4, 8), "housing_benefit", money("-98.00"), None, "Ödeme-7"),
        ("X8", "T2", d(2025, 4, 20), "adjustment", money("-2.50"), None, ""),
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        # A quoted cell: each line is no longer one row, so the file is read in Python.
        (
            ("X2,T2,2025-04-07", 'X2,T2,"2025-04-07'),
            "transactions.csv:3: is not valid CSV here (unexpected end of data)",
        ),
        # Too many cells: COPY refuses the file, which is then read in Python.
        (
            ("X6,T3,2025-04-07,rent,98,,", "X6,T3,2025-04-07,rent,98,,,"),
            "transactions.csv:7: has 8 cells but the header has 7 columns",
        ),
        # `\.` alone on a line ends COPY's data early: seen by counting, and read in Python.
        (
            ("    ,,,,,,\n", "    \\.\n"),
            "transactions.csv:8: has 1 cells but the header has 7 columns",
        ),
        # A blank line: left to Python, which skips it.
        (("    ,,,,,,\n", "\n"), None),
    ],
)
def test_a_file_copy_cannot_read_exactly_is_read_in_python(
    tmp_path: Path, copied: list[Any], change: tuple[str, str], problem: str | None
):
    text = RIGHT.replace(*change)
    assert text != RIGHT
    problems = _problems(tmp_path, "in", text)

    assert dict(copied)["transactions.csv"] is None
    assert problems == ([] if problem is None else [problem])


def test_a_file_the_database_refuses_while_sorting_its_rows_is_read_in_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copied: list[Any]
):
    from django.db import DatabaseError

    from hearth.interchange import copying

    def refused(*args: Any) -> None:
        raise DatabaseError("value out of range")

    monkeypatch.setattr(copying, "_fill_lookup", refused)
    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": RIGHT}))

    assert dict(copied)["transactions.csv"] is None
    assert [row[0] for row in _ledger()] == [f"X{n}" for n in range(1, 9)]
