"""Worked examples for allocate and split."""

from __future__ import annotations

from decimal import Decimal

import pytest

from commercekit.errors import AllocationError, InvalidAmountError, UnknownCurrencyError
from commercekit.money import Money, allocate, allocate_minor_units, split


def eur(*amounts: str) -> list[Money]:
    return [Money(amount, "EUR") for amount in amounts]


def test_fowlers_five_cents_thirty_seventy() -> None:
    # Fowler, Patterns of Enterprise Application Architecture (2002), "Money": 5 cents
    # shared 30:70 is 1.5 and 3.5 cents exactly; the parts must be 2 and 3 cents.
    assert allocate(Money("0.05", "USD"), [3, 7]) == [
        Money("0.02", "USD"),
        Money("0.03", "USD"),
    ]


def test_largest_remainder_not_first_come() -> None:
    # 1.00 over 1:2 → 33.33… and 66.66… cents: the cent left over goes to the larger
    # remainder (the second part, 0.67), not to the first part (which would give 0.34).
    assert allocate(Money("1.00", "EUR"), [1, 2]) == eur("0.33", "0.67")
    # 1.00 over 1:1:4 → remainders tie three ways; the two cents go to the first two.
    assert allocate(Money("1.00", "EUR"), [1, 1, 4]) == eur("0.17", "0.17", "0.66")


def test_ties_go_to_the_earlier_position() -> None:
    assert allocate(Money("0.02", "EUR"), [1, 1, 1]) == eur("0.01", "0.01", "0.00")
    assert split(Money("0.02", "EUR"), 3) == eur("0.01", "0.01", "0.00")


def test_decimal_ratios_in_any_scale() -> None:
    # A 10.00 discount spread over line values 69.90, 19.99 and 37.47 (sum 127.36).
    parts = allocate(
        Money("10.00", "EUR"), [Decimal("69.90"), Decimal("19.99"), Decimal("37.47")]
    )
    assert parts == eur("5.49", "1.57", "2.94")
    assert sum(parts) == Money("10.00", "EUR")


def test_zero_ratio_gets_exactly_zero() -> None:
    assert allocate(Money("0.01", "EUR"), [0, 1]) == eur("0.00", "0.01")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("100", "JPY", ["34", "33", "33"]),
        ("1.000", "KWD", ["0.334", "0.333", "0.333"]),
        ("0.0001", "CLF", ["0.0001", "0.0000", "0.0000"]),
        ("-100.00", "EUR", ["-33.34", "-33.33", "-33.33"]),
    ],
)
def test_split_in_0_2_3_4_decimal_currencies(
    amount: str, currency: str, expected: list[str]
) -> None:
    parts = split(Money(amount, currency), 3)
    assert [str(part.amount) for part in parts] == expected
    assert sum(parts) == Money(amount, currency)


def test_allocation_refuses_sub_minor_amounts() -> None:
    with pytest.raises(AllocationError, match=r"round it with round_money\(\)"):
        allocate(Money("10.005", "EUR"), [1, 1])


@pytest.mark.parametrize(
    ("ratios", "error", "message"),
    [
        ([], AllocationError, "no ratios"),
        ([0, 0], AllocationError, "every ratio is zero"),
        ([1, -1], InvalidAmountError, "negative ratio"),
        ([0.5, 0.5], InvalidAmountError, "float"),
        ([Decimal("NaN")], InvalidAmountError, "finite"),
        ([True, 1], InvalidAmountError, "boolean"),
        ("12", AllocationError, "list of Decimals"),
        (5, AllocationError, "list of Decimals"),
    ],
)
def test_bad_ratios(ratios: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        allocate(Money("1.00", "EUR"), ratios)  # type: ignore[arg-type]


@pytest.mark.parametrize("parts", [0, -2, 2.0, True, "3", None])
def test_bad_part_counts(parts: object) -> None:
    with pytest.raises(AllocationError, match="whole number of parts"):
        split(Money("1.00", "EUR"), parts)  # type: ignore[arg-type]


def test_allocate_refuses_non_money_and_unknown_currency() -> None:
    with pytest.raises(InvalidAmountError, match="is not money"):
        allocate(Decimal("1.00"), [1])  # type: ignore[arg-type]
    with pytest.raises(UnknownCurrencyError):
        allocate(Money("1.00", "ABC"), [1])


def test_allocate_minor_units_is_fowlers_example_in_cents() -> None:
    # Fowler's 5 cents shared 30:70 again, counted in cents; a refund mirrors it.
    assert allocate_minor_units(5, [3, 7]) == [2, 3]
    assert allocate_minor_units(-5, [3, 7]) == [-2, -3]
    assert allocate_minor_units(0, [1, 0]) == [0, 0]


@pytest.mark.parametrize("units", [True, 5.0, Decimal(5), "5", None, 10**22, -(10**22)])
def test_allocate_minor_units_refuses_what_is_not_a_count_in_range(units: object) -> None:
    with pytest.raises(InvalidAmountError, match="whole number of minor units"):
        allocate_minor_units(units, [1, 1])  # type: ignore[arg-type]


def test_allocate_minor_units_refuses_ratios_as_allocate() -> None:
    with pytest.raises(AllocationError, match="every ratio is zero"):
        allocate_minor_units(10, [0, 0])
    with pytest.raises(InvalidAmountError, match="negative ratio"):
        allocate_minor_units(10, [1, -1])
