"""Worked examples for Money, currencies, rounding and arithmetic."""

from __future__ import annotations

import decimal
from decimal import Decimal

import moneyed
import pytest
from babel.numbers import get_currency_precision

from commercekit import CommerceKitError
from commercekit.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    UnknownCurrencyError,
)
from commercekit.money import (
    Money,
    RoundingMode,
    currency_info,
    is_currency,
    minor_units,
    percent_of,
    round_money,
    sum_money,
    validate_currency,
)
from commercekit.money._currency import _TABLE, MINOR_UNITS

# ISO 4217 Table A.1 (SIX, published 2024-06-25): the minor unit of every currency that
# is not 2, and a sample of 2s.
# https://www.six-group.com/en/products-services/financial-information/data-standards.html
ISO_MINOR_UNITS = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    "CLF": 4,
    "UYW": 4,
    **dict.fromkeys(
        [
            "EUR",
            "USD",
            "GBP",
            "CHF",
            "CAD",
            "AUD",
            "SEK",
            "HUF",
            "IDR",
            "COP",
            "XCG",
            "ZWG",
        ],
        2,
    ),
}

# Where CLDR (babel 2.19) displays a different number of decimals than ISO 4217 sets.
# Amounts follow ISO; only display may follow CLDR. If babel's data changes, this table
# says exactly which currency moved.
CLDR_DISPLAY_DIGITS_DIFFERING_FROM_ISO = {
    "AFN": (2, 0),
    "ALL": (2, 0),
    "COP": (2, 0),
    "HUF": (2, 0),
    "IDR": (2, 0),
    "IQD": (3, 0),
    "IRR": (2, 0),
    "KPW": (2, 0),
    "LAK": (2, 0),
    "LBP": (2, 0),
    "MGA": (2, 0),
    "MMK": (2, 0),
    "SOS": (2, 0),
    "SYP": (2, 0),
    "YER": (2, 0),
}


@pytest.mark.parametrize(("code", "expected"), sorted(ISO_MINOR_UNITS.items()))
def test_minor_units_follow_iso_4217(code: str, expected: int) -> None:
    assert minor_units(code) == expected


def test_cldr_display_digits_differ_from_iso_exactly_where_pinned() -> None:
    differing = {
        code: (iso, get_currency_precision(code))
        for code, iso in MINOR_UNITS.items()
        if get_currency_precision(code) != iso
    }
    assert differing == CLDR_DISPLAY_DIGITS_DIFFERING_FROM_ISO


def test_currency_table_is_complete_and_consistent() -> None:
    assert len(_TABLE) == 181
    numerics = [info.numeric for info in _TABLE.values()]
    # ANG and its successor XCG share 532; every other numeric code is unique.
    assert sorted(n for n in set(numerics) if numerics.count(n) > 1) == ["532"]
    assert all(len(code) == 3 and code.isupper() for code in _TABLE)


def test_withdrawn_currencies_name_their_successor() -> None:
    bgn = currency_info("BGN")
    assert (bgn.replaced_by, str(bgn.replaced_on)) == ("EUR", "2026-01-01")
    assert currency_info("ANG").replaced_by == "XCG"
    # Historic amounts stay computable: a 2025 invoice in leva is still an amount.
    assert Money("1.95583", "BGN").currency.code == "BGN"


def test_currency_lookups_in_three_forms() -> None:
    assert validate_currency("eur") == "EUR"
    assert is_currency("EUR")
    assert is_currency("jpy")
    assert not is_currency("XAU")
    assert not is_currency("EURO")
    assert not is_currency(None)
    with pytest.raises(UnknownCurrencyError, match="no minor unit"):
        minor_units("XXX")
    with pytest.raises(UnknownCurrencyError, match="three-letter code"):
        minor_units("EURO")


def test_money_is_a_py_moneyed_money_and_mixes_with_it() -> None:
    ours = Money("10.00", "EUR")
    theirs = moneyed.Money("2.50", "EUR")
    assert isinstance(ours, moneyed.Money)
    assert ours + theirs == Money("12.50", "EUR")
    assert theirs + ours == moneyed.Money("12.50", "EUR")
    assert ours == moneyed.Money("10", "EUR")
    assert ours.currency == moneyed.get_currency("EUR")
    assert sum([ours, ours]) == Money("20.00", "EUR")  # built-in sum starts at int 0


def test_money_keeps_the_amount_exactly_as_given() -> None:
    assert Money("12.5", "EUR").amount.as_tuple().exponent == -1
    assert Money(7, "JPY").amount == 7
    assert Money(Decimal("0.0001"), "CLF").amount == Decimal("0.0001")
    assert str(Money("1E+3", "EUR")) == "1000 EUR"


def test_multiplication_is_exact_and_rounding_is_a_separate_step() -> None:
    # A 21% VAT on EUR 19.99: 4.1979, rounded half-up to 4.20.
    tax = Money("19.99", "EUR") * Decimal("0.21")
    assert tax == Money("4.1979", "EUR")
    assert round_money(tax) == Money("4.20", "EUR")
    assert Money("19.99", "EUR") * 3 == 3 * Money("19.99", "EUR") == Money("59.97", "EUR")


def test_division_is_fixed_at_28_digits_half_even() -> None:
    assert Money("10.00", "EUR") / 3 == Money("3.333333333333333333333333333", "EUR")
    assert Money("10.00", "EUR") / Money("4.00", "EUR") == Decimal("2.5")


def test_percent_of_rounds_once_with_the_named_mode() -> None:
    # 19% of 19.99 = 3.7981 → 3.80 (half-up); 2.5% of 0.30 = 0.0075 → 0.01 / 0.00.
    assert percent_of(Money("19.99", "EUR"), 19) == Money("3.80", "EUR")
    assert percent_of(Money("0.30", "EUR"), "2.5") == Money("0.01", "EUR")
    assert percent_of(Money("0.30", "EUR"), "2.5", mode=RoundingMode.DOWN) == Money(
        "0.00", "EUR"
    )
    assert 5 % Money("200", "USD") == Money("10", "USD")  # py-moneyed's spelling


# The examples of Python's decimal documentation for each rounding mode, on money.
@pytest.mark.parametrize(
    ("amount", "mode", "expected"),
    [
        ("2.345", RoundingMode.HALF_UP, "2.35"),
        ("-2.345", RoundingMode.HALF_UP, "-2.35"),
        ("2.345", RoundingMode.HALF_EVEN, "2.34"),
        ("2.355", RoundingMode.HALF_EVEN, "2.36"),
        ("2.345", RoundingMode.HALF_DOWN, "2.34"),
        ("2.346", RoundingMode.HALF_DOWN, "2.35"),
        ("2.341", RoundingMode.UP, "2.35"),
        ("-2.341", RoundingMode.UP, "-2.35"),
        ("2.349", RoundingMode.DOWN, "2.34"),
        ("-2.349", RoundingMode.DOWN, "-2.34"),
        ("-2.349", RoundingMode.CEILING, "-2.34"),
        ("2.341", RoundingMode.CEILING, "2.35"),
        ("2.349", RoundingMode.FLOOR, "2.34"),
        ("-2.341", RoundingMode.FLOOR, "-2.35"),
    ],
)
def test_rounding_modes(amount: str, mode: RoundingMode, expected: str) -> None:
    rounded = round_money(Money(amount, "EUR"), mode=mode)
    assert rounded == Money(expected, "EUR")
    assert rounded.amount.as_tuple().exponent == -2


def test_rounding_uses_the_currencys_minor_unit() -> None:
    assert str(round_money(Money("1234.5", "JPY"))) == "1235 JPY"
    assert str(round_money(Money("1.2345", "BHD"))) == "1.235 BHD"
    assert str(round_money(Money("0.12345", "CLF"))) == "0.1235 CLF"
    assert str(round_money(Money("3", "EUR"))) == "3.00 EUR"
    assert round_money(Money("2.345", "EUR"), mode="half-even") == Money("2.34", "EUR")  # type: ignore[arg-type]  # the enum's value, as JSON carries it


def test_no_result_depends_on_the_ambient_decimal_context() -> None:
    a, b = Money("123456789.125", "EUR"), Money("0.005", "EUR")

    def compute() -> tuple[Money, ...]:
        return (
            a + b,
            a - b,
            a * Decimal("1.19"),
            round_money(a),
            percent_of(a, 19),
            sum_money([a, b], "EUR"),
        )

    expected = compute()
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_FLOOR
        context.traps[decimal.Inexact] = True
        got = compute()
    assert got == expected
    assert expected[3] == Money("123456789.13", "EUR")


def test_sum_money_names_the_currency() -> None:
    assert sum_money([], "JPY") == Money(0, "JPY")
    assert str(sum_money([], "EUR")) == "0.00 EUR"
    assert sum_money((Money(x, "KWD") for x in ("0.001", "0.002")), "KWD") == Money(
        "0.003", "KWD"
    )


# Bad input: every public entry point refuses it with a CommerceKitError that says
# what to pass instead.
@pytest.mark.parametrize(
    "bad", [0.1, float("nan"), float("inf"), True, "twelve", "NaN", "-Infinity", None, [1]]
)
def test_money_refuses_what_is_not_an_exact_finite_amount(bad: object) -> None:
    with pytest.raises(InvalidAmountError, match="Decimal, an int or a decimal string"):
        Money(bad, "EUR")  # type: ignore[arg-type]  # the point of the test


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), 0.5, True, "x"])
def test_arithmetic_refuses_bad_factors(bad: object) -> None:
    money = Money("10.00", "EUR")
    with pytest.raises(InvalidAmountError):
        money * bad
    with pytest.raises(InvalidAmountError):
        money / bad
    with pytest.raises(InvalidAmountError):
        percent_of(money, bad)  # type: ignore[arg-type]  # the point of the test


def test_money_cannot_be_multiplied_by_money_or_divided_by_zero() -> None:
    with pytest.raises(InvalidAmountError, match="multiplied by a number"):
        Money("1", "EUR") * Money("1", "EUR")
    with pytest.raises(InvalidAmountError, match="divided by zero"):
        Money("1", "EUR") / 0


@pytest.mark.parametrize("code", ["ABC", "eu", "", "XAU", "XTS", 978, None])
def test_unknown_currencies_are_refused_everywhere(code: object) -> None:
    for call in (
        lambda: Money("1", code),  # type: ignore[arg-type]
        lambda: minor_units(code),  # type: ignore[arg-type]
        lambda: sum_money([], code),  # type: ignore[arg-type]
    ):
        with pytest.raises(UnknownCurrencyError):
            call()


def test_mixed_currencies_raise_naming_both() -> None:
    eur, usd = Money("1", "EUR"), Money("1", "USD")
    for call, verb in (
        (lambda: eur + usd, "add"),
        (lambda: eur - usd, "subtract"),
        (lambda: eur < usd, "compare"),
        (lambda: eur >= usd, "compare"),
        (lambda: eur / usd, "divide"),
        (lambda: sum_money([eur, usd], "EUR"), "add"),
    ):
        with pytest.raises(CurrencyMismatchError, match=f"cannot {verb} EUR and USD"):
            call()
    # and py-moneyed code catching TypeError keeps working
    with pytest.raises(TypeError):
        eur + usd


def test_bad_rounding_mode_and_non_money_are_refused() -> None:
    with pytest.raises(InvalidAmountError, match="RoundingMode"):
        round_money(Money("1", "EUR"), mode="nearest")  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="is not money"):
        round_money(Decimal("1.00"))  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="is not money"):
        sum_money([Decimal("1")], "EUR")  # type: ignore[list-item]


def test_every_error_is_a_commercekit_error() -> None:
    with pytest.raises(CommerceKitError):
        Money(0.5, "EUR")
    with pytest.raises(CommerceKitError):
        Money("1", "ABC")
