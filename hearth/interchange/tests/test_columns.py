from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from hearth.interchange.columns import (
    Boolean,
    CellError,
    Choice,
    Date,
    Email,
    Integer,
    Money,
    Text,
    Timestamp,
)

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("120.50", Decimal("120.50")), ("98", Decimal("98.00")), ("-123.4", Decimal("-123.40"))],
)
def test_money_is_read_as_exact_pounds_and_pence(raw: str, expected: Decimal) -> None:
    value = Money("amount").parse(raw)
    assert value == expected
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    "raw", ["12.345", "£12.00", "1,200.00", "12.", ".5", "twelve", "1e3", "NaN"]
)
def test_money_that_is_not_pounds_with_up_to_two_decimals_is_refused(raw: str) -> None:
    with pytest.raises(CellError, match="is not an amount in pounds"):
        Money("amount").parse(raw)


def test_money_with_the_wrong_sign_is_refused() -> None:
    with pytest.raises(CellError, match=r"-0\.01 is negative"):
        Money("rent", min_value=Decimal("0")).parse("-0.01")
    with pytest.raises(CellError, match=r"5\.00 is positive"):
        Money("payment", max_value=Decimal("0")).parse("5")


def test_money_too_large_for_the_database_is_refused() -> None:
    assert Money("rent").parse("9999999.99") == Decimal("9999999.99")
    with pytest.raises(CellError, match="too large"):
        Money("rent").parse("10000000.00")


def test_money_is_written_with_two_decimals() -> None:
    assert Money("rent").format(Decimal("98")) == "98.00"
    assert Money("rent").format(None) == ""


def test_dates_are_year_month_day() -> None:
    assert Date("start").parse("2024-02-29") == date(2024, 2, 29)
    with pytest.raises(CellError, match="not a date in the form YYYY-MM-DD"):
        Date("start").parse("29/02/2024")
    with pytest.raises(CellError, match="not a real date"):
        Date("start").parse("2023-02-29")


def test_a_timestamp_without_an_offset_is_london_time() -> None:
    summer = Timestamp("at").parse("2025-06-03T14:05:00")
    winter = Timestamp("at").parse("2025-01-03T14:05:00")
    assert summer.astimezone(UTC) == datetime(2025, 6, 3, 13, 5, tzinfo=UTC)
    assert winter.astimezone(UTC) == datetime(2025, 1, 3, 14, 5, tzinfo=UTC)


def test_a_timestamp_with_an_offset_keeps_it_and_round_trips() -> None:
    column = Timestamp("at")
    value = column.parse("2025-06-03T14:05:00+00:00")
    assert value.astimezone(UTC) == datetime(2025, 6, 3, 14, 5, tzinfo=UTC)
    assert column.parse(column.format(value)) == value


@pytest.mark.parametrize("raw", ["2025-06-03", "03/06/2025 14:05", "yesterday"])
def test_a_timestamp_needs_a_date_and_a_time(raw: str) -> None:
    with pytest.raises(CellError):
        Timestamp("at").parse(raw)


def test_booleans_are_true_or_false() -> None:
    assert Boolean("lift").parse("true") is True
    assert Boolean("lift").parse("FALSE") is False
    with pytest.raises(CellError, match='"yes" is not true or false'):
        Boolean("lift").parse("yes")


def test_integers_are_whole_numbers_within_their_range() -> None:
    assert Integer("storeys", min_value=1).parse("12") == 12
    with pytest.raises(CellError, match="not a whole number"):
        Integer("storeys").parse("2.5")
    with pytest.raises(CellError, match="below the lowest allowed, 1"):
        Integer("storeys", min_value=1).parse("0")


def test_a_value_outside_its_list_is_refused_naming_the_list() -> None:
    with pytest.raises(CellError, match='"castle" is not one of: flat, house'):
        Choice("home_type", ["flat", "house"]).parse("castle")


def test_text_longer_than_its_field_is_refused() -> None:
    with pytest.raises(CellError, match="11 characters long; at most 10 fit"):
        Text("postcode", max_length=10).parse("E5 0PU E5 0")


def test_an_email_address_must_look_like_one() -> None:
    assert Email("email").parse("ada@example.org") == "ada@example.org"
    with pytest.raises(CellError, match="not an email address"):
        Email("email").parse("ada@")


@pytest.mark.parametrize(
    ("held", "written"),
    [
        (
            '=HYPERLINK("http://evil.example","Click")',
            '\'=HYPERLINK("http://evil.example","Click")',
        ),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5 degrees in the hall", "'-5 degrees in the hall"),
        ("@landlord", "'@landlord"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=already quoted", "''=already quoted"),
        ("''-twice", "'''-twice"),
        ("'Tis Cottage", "'Tis Cottage"),  # a quote before anything else is left alone
        ("Flat 1 = top floor", "Flat 1 = top floor"),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_written_inert_and_read_back_exactly(held, written):
    column = Text("notes")
    assert column.format(held) == written
    assert column.parse(written) == held


def test_money_and_whole_numbers_are_never_escaped_so_negative_amounts_stay_numbers():
    assert Money("amount").format(Decimal("-12.50")) == "-12.50"
    assert Money("amount").parse("-12.50") == Decimal("-12.50")
    assert Integer("n").format(-3) == "-3"


@pytest.mark.django_db
def test_an_estate_name_like_a_formula_round_trips_through_export_and_import(tmp_path):
    from hearth.estates.models import Estate
    from hearth.interchange.services import export_folder, import_folder

    Estate.objects.create(ref="E1", name="=1+2 Park")
    Estate.objects.create(ref="-E2", name="Kingsmead")
    export_folder(tmp_path)
    assert (tmp_path / "estates.csv").read_text(encoding="utf-8").splitlines() == [
        "estate_ref,name",
        "'-E2,Kingsmead",
        "E1,'=1+2 Park",
    ]
    Estate.objects.all().delete()
    import_folder(tmp_path)
    assert sorted(Estate.objects.values_list("ref", "name")) == [
        ("-E2", "Kingsmead"),
        ("E1", "=1+2 Park"),
    ]
