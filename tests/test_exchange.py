"""Exchange-rate tables and conversion."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    FutureRatesError,
    InvalidAmountError,
    MissingDataError,
    MissingExchangeRateError,
    StaleRatesError,
    UnknownCurrencyError,
)
from commercekit.money import (
    Money,
    RateTable,
    RoundingMode,
    convert,
    convert_noted,
    convert_unrounded,
    minor_units,
)
from tests.strategies import minor_unit_amounts

OBSERVED = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
# Illustrative rates in the ECB's format (1 EUR = x units); the arithmetic is the test.
TABLE = RateTable(
    base="EUR",
    rates={
        "USD": Decimal("1.0412"),
        "GBP": Decimal("0.8321"),
        "JPY": Decimal("161.87"),
        "KWD": Decimal("0.3205"),
        "CHF": Decimal("0.9312"),
    },
    observed_at=OBSERVED,
    provider="example table",
)


def test_direct_inverse_and_cross() -> None:
    assert convert(Money("100.00", "EUR"), "USD", TABLE) == Money("104.12", "USD")
    # Inverse is derived: 100 / 1.0412 = 96.0430…
    assert convert(Money("100.00", "USD"), "EUR", TABLE) == Money("96.04", "EUR")
    # Cross through the base, unrounded in between: 100 x 161.87 / 0.8321 = 19453.190…
    assert convert(Money("100.00", "GBP"), "JPY", TABLE) == Money("19453", "JPY")
    # A 3-decimal target: 10 EUR = 3.205 KWD exactly.
    assert str(convert(Money("10.00", "EUR"), "KWD", TABLE)) == "3.205 KWD"
    # 1 / 1.0412 to 28 significant digits
    assert TABLE.rate("USD", "EUR") == Decimal("0.9604302727621974644640799078")
    assert convert(Money("5.00", "EUR"), "EUR", TABLE) == Money("5.00", "EUR")


def test_rounding_is_explicit() -> None:
    # 1.00 USD in GBP: 0.8321 / 1.0412 = 0.79917…
    assert convert(Money("1.00", "USD"), "GBP", TABLE) == Money("0.80", "GBP")
    assert convert(Money("1.00", "USD"), "GBP", TABLE, mode=RoundingMode.DOWN) == Money(
        "0.79", "GBP"
    )


def test_age_is_checked_only_when_asked() -> None:
    fresh = OBSERVED + timedelta(hours=20)
    convert(Money("1", "EUR"), "USD", TABLE, at=fresh, max_age=timedelta(days=1))
    with pytest.raises(StaleRatesError, match="fetch a fresh table"):
        convert(
            Money("1", "EUR"),
            "USD",
            TABLE,
            at=fresh + timedelta(days=1),
            max_age=timedelta(days=1),
        )
    with pytest.raises(InvalidAmountError, match="both"):
        convert(Money("1", "EUR"), "USD", TABLE, max_age=timedelta(days=1))


def test_bad_tables_and_inputs() -> None:
    with pytest.raises(UnknownCurrencyError, match="no rate in the example table"):
        convert(Money("1", "EUR"), "SEK", TABLE)
    with pytest.raises(UnknownCurrencyError):
        convert(Money("1", "EUR"), "ABC", TABLE)
    with pytest.raises(InvalidAmountError, match="positive"):
        RateTable(base="EUR", rates={"USD": 0}, observed_at=OBSERVED, provider="x")
    with pytest.raises(InvalidAmountError, match="float"):
        RateTable(base="EUR", rates={"USD": 1.04}, observed_at=OBSERVED, provider="x")
    with pytest.raises(InvalidAmountError, match="timezone-aware"):
        RateTable(
            base="EUR",
            rates={"USD": 1},
            observed_at=datetime(2026, 1, 1),  # noqa: DTZ001  # the point of the test
            provider="x",
        )
    with pytest.raises(InvalidAmountError, match="must be 1"):
        RateTable(base="EUR", rates={"EUR": 2}, observed_at=OBSERVED, provider="x")
    with pytest.raises(UnknownCurrencyError):
        RateTable(base="EURO", rates={}, observed_at=OBSERVED, provider="x")
    with pytest.raises(InvalidAmountError, match="is not money"):
        convert(Decimal("1"), "USD", TABLE)  # type: ignore[arg-type]


CODES = ["EUR", "USD", "GBP", "JPY", "KWD", "CHF"]


@given(
    st.sampled_from(CODES).flatmap(
        lambda code: minor_unit_amounts(code, limit=10**10).map(lambda a: (code, a))
    ),
    st.sampled_from(CODES),
)
def test_there_and_back_within_one_minor_unit_per_conversion(
    drawn: tuple[str, Decimal], target: str
) -> None:
    """convert(convert(m, to), back) is within one minor unit of m, plus the target's
    rounding carried back at the reverse rate."""
    code, amount = drawn
    money = Money(amount, code)
    there = convert(money, target, TABLE)
    back = convert(there, code, TABLE)
    unit = Fraction(1, 10 ** minor_units(code))
    carried = Fraction(1, 2 * 10 ** minor_units(target)) * TABLE.cross(target, code)
    assert abs(Fraction(back.amount) - Fraction(money.amount)) <= unit / 2 + carried


def test_codes_that_collide_once_upper_cased_are_refused_not_one_dropped() -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(InvalidAmountError, match="gives USD twice"):
        RateTable("EUR", {"usd": Decimal("1.1"), "USD": Decimal("1.2")}, at, "x")


def test_a_time_zone_without_an_offset_is_not_aware() -> None:
    class NoOffset(tzinfo):
        def utcoffset(self, dt: datetime | None) -> None:
            return None

    with pytest.raises(InvalidAmountError, match="timezone-aware"):
        RateTable(
            "EUR", {"USD": Decimal("1.1")}, datetime(2026, 1, 1, tzinfo=NoOffset()), "x"
        )


def test_a_conversion_out_of_the_range_is_refused() -> None:
    table = RateTable(
        "USD", {"EUR": Decimal("1E-50")}, datetime(2026, 1, 1, tzinfo=UTC), "x"
    )
    with pytest.raises(InvalidAmountError, match="out of range"):
        convert(Money("999999999999999999", "EUR"), "USD", table)
    with pytest.raises(InvalidAmountError, match="out of range"):
        convert_unrounded(Money("999999999999999999", "EUR"), "USD", table)


def test_a_decimal_subclass_is_checked_as_the_number_it_holds() -> None:
    class Lying(Decimal):
        def is_finite(self) -> bool:
            return True

    with pytest.raises(InvalidAmountError, match="not a finite number"):
        Money(Lying("NaN"), "EUR")
    with pytest.raises(InvalidAmountError):
        Money("1.00", "EUR") * Lying("NaN")


def test_one_noted_conversion_for_every_rule_that_compares_or_charges_across_currencies():
    """The decision, the threshold status, landed cost and the quote convert through
    money.convert_noted: one wording, one refusal when no table is given."""

    table = RateTable(
        base="EUR",
        rates={"GBP": Decimal("0.84")},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="example",
    )
    notes: list[str] = []
    assert convert_noted(Money("160.72", "EUR"), "GBP", table, notes, how="") == Money(
        "135.0048", "GBP"
    )
    assert convert_noted(
        Money("160.72", "EUR"), "GBP", table, notes, how="", rounded=True
    ) == Money("135.00", "GBP")
    assert convert_noted(Money("1", "GBP"), "GBP", None, notes, how="") == Money("1", "GBP")
    assert notes == [
        "160.72 EUR is 135.0048 GBP at 0.84 (example, observed 2026-11-25T00:00:00+00:00)",
        "160.72 EUR is 135.00 GBP at 0.84 (example, observed 2026-11-25T00:00:00+00:00)",
    ]
    with pytest.raises(MissingExchangeRateError) as raised:
        convert_noted(Money("1.00", "USD"), "GBP", None, notes, how="pass rates=")
    assert isinstance(raised.value, MissingDataError)
    assert isinstance(raised.value, UnknownCurrencyError)
    assert (raised.value.source, raised.value.target) == ("USD", "GBP")
    assert raised.value.missing == ("an exchange rate from USD to GBP",)
    with pytest.raises(FutureRatesError):
        convert_noted(Money("1", "EUR"), "GBP", table, notes, how="", on=date(2026, 11, 24))


def test_a_table_without_the_currency_is_a_missing_rate_and_a_table_is_checked_anyway():
    table = RateTable(
        base="EUR",
        rates={"GBP": Decimal("0.84")},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="example",
    )
    with pytest.raises(MissingExchangeRateError, match="has no rate for USD"):
        convert_noted(Money("1.00", "USD"), "GBP", table, [], how="pass rates=")
    # Same currency: nothing to convert, but a table from the future is still refused.
    with pytest.raises(FutureRatesError):
        convert_noted(Money("1", "GBP"), "GBP", table, [], how="", on=date(2026, 11, 1))
    with pytest.raises(InvalidAmountError):
        convert_noted(Money("1", "GBP"), "GBP", "a table", [], how="")  # type: ignore[arg-type]
