"""Cash rounding: the bundled rules and worked examples from their sources."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from commercekit.errors import (
    InvalidAmountError,
    NoRuleError,
    UnknownCountryError,
    UnknownCurrencyError,
)
from commercekit.money import (
    Money,
    RoundingMode,
    cash_increment,
    cash_round,
    cash_rounding,
    percent_of,
    round_money,
)
from commercekit.money._cash import CashRounding
from commercekit.money._cash import _read_rules as read_cash
from tests.dated_rules import assert_well_formed

RULES = read_cash()

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("key", sorted(RULES, key=str))
def test_rules_are_well_formed(key: tuple[str, str | None]) -> None:
    assert_well_formed(key, RULES[key])
    for rule in RULES[key]:
        # The step is 1, 2 or 5 times a power of ten, so that rounding to it is exact.
        assert rule.increment.normalize().as_tuple().digits in {(1,), (2,), (5,)}
        assert rule.convention
        assert rule.note


@pytest.mark.parametrize(
    "rule", [rule for rules in RULES.values() for rule in rules], ids=str
)
def test_each_rule_on_both_sides_of_its_start(rule: object) -> None:
    assert isinstance(rule, CashRounding)
    assert rule.since is not None
    on_the_day = cash_rounding(rule.currency, on=rule.since, country=rule.country)
    assert on_the_day == rule
    day_before = rule.since - timedelta(days=1)
    earlier = [r for r in RULES[(rule.currency, rule.country)] if r.covers(day_before)]
    if earlier:
        assert (
            cash_rounding(rule.currency, on=day_before, country=rule.country) == earlier[0]
        )
    elif rule.country is None:
        with pytest.raises(NoRuleError, match=f"cash rounding of {rule.currency}"):
            cash_rounding(rule.currency, on=day_before)
    else:  # before a country's own rule, the currency-wide one applies
        assert cash_rounding(
            rule.currency, on=day_before, country=rule.country
        ) == cash_rounding(rule.currency, on=day_before)


@pytest.mark.parametrize(
    ("currency", "increment"),
    [
        ("CHF", "0.05"),
        ("CAD", "0.05"),
        ("AUD", "0.05"),
        ("NZD", "0.10"),
        ("SEK", "1.00"),
        ("DKK", "0.50"),
        ("NOK", "1.00"),
        ("CZK", "1.00"),
        ("HUF", "5"),
        ("ILS", "0.10"),
        ("EUR", "0.01"),
        ("USD", "0.01"),
        ("JPY", "1"),
    ],
)
def test_current_increments(currency: str, increment: str) -> None:
    assert cash_increment(currency, on=TODAY) == Decimal(increment)


# Canada Revenue Agency, "Phasing out the penny" (2013): cash totals ending in 1 or 2
# cents round down to 0, 3 or 4 up to 5, 6 or 7 down to 5, 8 or 9 up to 10.
# https://canada.ca/en/revenue-agency/programs/about-canada-revenue-agency-cra/phasing-penny.html
@pytest.mark.parametrize(
    ("total", "paid"),
    [
        ("1.01", "1.00"),
        ("1.02", "1.00"),
        ("1.03", "1.05"),
        ("1.04", "1.05"),
        ("1.05", "1.05"),
        ("1.06", "1.05"),
        ("1.07", "1.05"),
        ("1.08", "1.10"),
        ("1.09", "1.10"),
    ],
)
def test_canadian_penny_rounding(total: str, paid: str) -> None:
    assert cash_round(Money(total, "CAD"), on=TODAY) == Money(paid, "CAD")


# Danish order no. 928 of 2008: to the nearest 50 øre (.25 and .75 round up).
# Hungarian Act III of 2008: endings 1-2 down, 3-4 up to 5, 6-7 down to 5, 8-9 up.
# Norwegian regulation FOR-2011-03-16-294: 1-49 øre down, 50-99 up.
@pytest.mark.parametrize(
    ("total", "currency", "paid"),
    [
        ("10.24", "DKK", "10.00"),
        ("10.25", "DKK", "10.50"),
        ("10.74", "DKK", "10.50"),
        ("10.75", "DKK", "11.00"),
        ("1002", "HUF", "1000"),
        ("1003", "HUF", "1005"),
        ("1007", "HUF", "1005"),
        ("1008", "HUF", "1010"),
        ("99.49", "NOK", "99.00"),
        ("99.50", "NOK", "100.00"),
        ("-10.25", "DKK", "-10.50"),
    ],
)
def test_statutory_examples(total: str, currency: str, paid: str) -> None:
    assert cash_round(Money(total, currency), on=TODAY) == Money(paid, currency)


# New Zealand since the 5-cent coin went (1 November 2006): the Reserve Bank's "Change
# for the Better" material says the Retailers Association recommends, for a cash total
# ending in "1c/2c/3c/4c/5c - round down; 6c/7c/8c/9c - round up" (read in a reprint,
# grownups.co.nz, "How does rounding work?"). A total ending in 5 cents is a tie
# between two 10-cent steps, and it goes down: NZD 12.35 is paid as 12.30, not 12.40.
@pytest.mark.parametrize(
    ("total", "paid"),
    [
        ("12.31", "12.30"),
        ("12.34", "12.30"),
        ("12.35", "12.30"),
        ("12.36", "12.40"),
        ("12.39", "12.40"),
        ("0.05", "0.00"),
        ("-12.35", "-12.30"),
    ],
)
def test_new_zealand_rounds_five_cents_down(total: str, paid: str) -> None:
    assert cash_round(Money(total, "NZD"), on=TODAY) == Money(paid, "NZD")
    rule = cash_rounding("NZD", on=TODAY)
    assert rule.mode is RoundingMode.HALF_DOWN


def test_a_rounding_mode_named_by_the_caller_wins_over_the_rule() -> None:
    assert cash_round(Money("12.35", "NZD"), on=TODAY, mode=RoundingMode.HALF_UP) == Money(
        "12.40", "NZD"
    )
    assert cash_rounding("CHF", on=TODAY).mode is RoundingMode.HALF_UP
    assert cash_rounding("EUR", on=TODAY, country="DE").mode is RoundingMode.HALF_UP


def test_euro_country_rules() -> None:
    # Finland rounds cash totals to 0.05 since the euro arrived (Act 890/2000).
    assert cash_round(Money("7.42", "EUR"), on=TODAY, country="FI") == Money("7.40", "EUR")
    assert cash_round(Money("7.43", "EUR"), on=TODAY, country="fi") == Money("7.45", "EUR")
    # Germany has no rule: cash is settled to the cent.
    assert cash_round(Money("7.43", "EUR"), on=TODAY, country="DE") == Money("7.43", "EUR")
    rule = cash_rounding("EUR", on=TODAY, country="DE")
    assert rule.since is None
    assert "minor unit" in rule.convention
    # Belgium: optional from 2014-10-01, mandatory from 2019-12-01.
    assert "Optional" in cash_rounding("EUR", on=date(2019, 11, 30), country="BE").note
    assert "Mandatory" in cash_rounding("EUR", on=date(2019, 12, 1), country="BE").note
    # Lithuania's rule starts 2025-05-01; the day before, the euro-wide rule (cents).
    before = cash_rounding("EUR", on=date(2025, 4, 30), country="LT")
    assert before.increment == Decimal("0.01")
    assert before.country is None
    assert cash_rounding("EUR", on=date(2025, 5, 1), country="LT").country == "LT"


# Finland (Act 890/2000): a payment of 0.01 or 0.02 is not rounded. Slovakia (Act
# 18/1996 s.3(4) as amended by 457/2021): a cash total of 0.01 or 0.02 becomes 0.05.
# Belgium (Code of Economic Law art. VI.7/1): only totals above 0.05 are rounded.
@pytest.mark.parametrize(
    ("total", "country", "paid"),
    [
        ("0.02", "FI", "0.02"),
        ("0.03", "FI", "0.05"),
        ("0.02", "SK", "0.05"),
        ("-0.01", "SK", "-0.05"),
        ("0.03", "SK", "0.05"),
        ("0.03", "BE", "0.03"),
        ("0.05", "BE", "0.05"),
        ("0.07", "BE", "0.05"),
        ("0.02", "NL", "0.00"),
    ],
)
def test_small_totals(total: str, country: str, paid: str) -> None:
    assert cash_round(Money(total, "EUR"), on=TODAY, country=country) == Money(paid, "EUR")


def test_no_negative_zero() -> None:
    assert str(cash_round(Money("-0.02", "CHF"), on=TODAY)) == "0.00 CHF"
    assert str(round_money(Money("-0.001", "EUR"))) == "0.00 EUR"
    assert str(percent_of(Money("-0.01", "EUR"), 10)) == "0.00 EUR"


def test_modes_other_than_half_up() -> None:
    assert cash_round(
        Money("12.325", "CHF"), on=TODAY, mode=RoundingMode.HALF_EVEN
    ) == Money("12.30", "CHF")
    assert cash_round(Money("12.301", "CHF"), on=TODAY, mode=RoundingMode.UP) == Money(
        "12.35", "CHF"
    )


def test_bad_input() -> None:
    with pytest.raises(NoRuleError, match="2013-02-04 onwards"):
        cash_round(Money("1.01", "CAD"), on=date(2013, 2, 3))
    with pytest.raises(UnknownCountryError, match="ISO 3166-1"):
        cash_increment("EUR", on=TODAY, country="XX")
    with pytest.raises(UnknownCountryError):
        cash_increment("EUR", on=TODAY, country="Netherlands")
    with pytest.raises(UnknownCurrencyError):
        cash_increment("ABC", on=TODAY)
    with pytest.raises(InvalidAmountError, match="not a date"):
        cash_increment("CHF", on="2026-11-26")  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="is not money"):
        cash_round(Decimal("1.00"), on=TODAY)  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="RoundingMode"):
        cash_round(Money("1", "CHF"), on=TODAY, mode="nearest")  # type: ignore[arg-type]


def test_a_rule_refuses_a_mode_that_is_not_one() -> None:
    rule = cash_rounding("NZD", on=TODAY)
    assert attrs.evolve(rule, mode="half-up").mode is RoundingMode.HALF_UP
    with pytest.raises(InvalidAmountError, match=r"half-down.*\(argument 'mode'\)"):
        attrs.evolve(rule, mode="nearest")
    with pytest.raises(InvalidAmountError, match="argument 'mode'"):
        attrs.evolve(rule, mode=True)
