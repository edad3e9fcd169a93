"""Registration thresholds: worked examples on both sides of each line, and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit._errors_data import NoThresholdError
from commercekit.errors import (
    InvalidAmountError,
    InvalidChoiceError,
    MissingDataError,
    NoRuleError,
    UnknownCountryError,
    UnknownCurrencyError,
)
from commercekit.money import Money, RateTable
from commercekit.tax import (
    CountedSale,
    Registration,
    ThresholdRule,
    threshold_for,
    threshold_periods,
    threshold_status,
)
from commercekit.tax._registration import _window
from commercekit.tax._thresholds import _read as read_thresholds
from tests.dated_rules import assert_well_formed

THRESHOLDS = read_thresholds()

TODAY = date(2026, 11, 26)


def status(sales: list[CountedSale], home: str, where: str, **kwargs: object) -> object:
    found = threshold_status(
        sales, kwargs.pop("registered", ()), seller_country=home, on=TODAY, **kwargs
    )  # type: ignore[arg-type]
    return next(s for s in found if s.jurisdiction == where)


@pytest.mark.parametrize("key", sorted(THRESHOLDS))
def test_threshold_data_is_well_formed(key: tuple[str, str]) -> None:
    assert_well_formed(key, THRESHOLDS[key])
    for threshold in THRESHOLDS[key]:
        assert threshold.crossed_when in ("above", "at_or_above")
        assert threshold.legal_basis


def test_eu_distance_sales_threshold_on_both_sides_of_10000() -> None:
    # Art. 59c VAT Directive: destination VAT once EU-wide B2C distance sales EXCEED
    # EUR 10,000 in the current or previous calendar year.
    at = [CountedSale(date(2026, 5, 1), Money("10000.00", "EUR"), "FR")]
    over = [CountedSale(date(2026, 5, 1), Money("10000.01", "EUR"), "FR")]
    assert status(at, "NL", "EU").status is Registration.APPROACHING  # type: ignore[attr-defined]
    assert status(over, "NL", "EU").status is Registration.MUST_REGISTER  # type: ignore[attr-defined]
    last_year = [CountedSale(date(2025, 12, 31), Money("10000.01", "EUR"), "DE")]
    previous = status(last_year, "NL", "EU")
    assert previous.status is Registration.MUST_REGISTER  # type: ignore[attr-defined]
    assert previous.counted == Money("0.00", "EUR")  # type: ignore[attr-defined]
    assert previous.previous_period == Money("10000.01", "EUR")  # type: ignore[attr-defined]
    assert status(over, "NL", "EU", registered={"OSS"}).status is Registration.REGISTERED  # type: ignore[attr-defined]


def test_eu_counts_only_b2c_sales_to_other_member_states() -> None:
    sales = [
        CountedSale(date(2026, 2, 1), Money("9000.00", "EUR"), "NL"),  # domestic
        CountedSale(date(2026, 2, 1), Money("9000.00", "EUR"), "DE", business=True),
        CountedSale(date(2026, 2, 1), Money("9000.00", "EUR"), "US", state="US-OR"),
        CountedSale(date(2026, 2, 1), Money("900.00", "EUR"), "XI"),  # NI goods count
    ]
    found = status(sales, "NL", "EU")
    assert found.counted == Money("900.00", "EUR")  # type: ignore[attr-defined]
    assert found.share == Decimal("0.0900")  # type: ignore[attr-defined]


def test_no_eu_threshold_for_non_eu_sellers() -> None:
    found = threshold_status([], (), seller_country="US", on=TODAY)
    assert "EU" not in {s.jurisdiction for s in found}


def test_uk_threshold_changed_on_2024_04_01() -> None:
    assert threshold_for(
        "GB", "registration_threshold", on=date(2024, 3, 31)
    ).amount == Money(85000, "GBP")
    assert threshold_for(
        "GB", "registration_threshold", on=date(2024, 4, 1)
    ).amount == Money(90000, "GBP")
    uk = [CountedSale(date(2026, 1, 5), Money("90000.00", "GBP"), "GB")]
    assert status(uk, "GB", "GB").status is Registration.APPROACHING  # type: ignore[attr-defined]
    uk_over = [CountedSale(date(2026, 1, 5), Money("90000.01", "GBP"), "GB")]
    assert status(uk_over, "GB", "GB").status is Registration.MUST_REGISTER  # type: ignore[attr-defined]
    # A seller established abroad has no threshold: one sale is enough.
    one = [CountedSale(date(2026, 1, 5), Money("10.00", "GBP"), "GB")]
    assert status(one, "DE", "GB").status is Registration.MUST_REGISTER  # type: ignore[attr-defined]
    assert status([], "DE", "GB").status is Registration.BELOW  # type: ignore[attr-defined]


def test_australia_registers_at_75000_or_more() -> None:
    # GST Act s.23-15: registration turnover threshold "$75,000 or more".
    exact = [CountedSale(date(2026, 6, 1), Money("75000.00", "AUD"), "AU")]
    assert status(exact, "US", "AU").status is Registration.MUST_REGISTER  # type: ignore[attr-defined]
    below = [CountedSale(date(2026, 6, 1), Money("74999.99", "AUD"), "AU")]
    assert status(below, "US", "AU").status is Registration.APPROACHING  # type: ignore[attr-defined]
    old = [CountedSale(date(2025, 11, 26), Money("80000.00", "AUD"), "AU")]
    assert status(old, "US", "AU").counted == Money("0.00", "AUD")  # type: ignore[attr-defined]


def test_new_zealand_registers_once_60000_is_exceeded() -> None:
    # Goods and Services Tax Act 1985 s51(1)(a): liable once the 12 months' supplies
    # "has exceeded $60,000" (Inland Revenue's page says "$60,000 or more"; the Act
    # is followed, so NZ$60,000 itself does not oblige).
    exact = [CountedSale(date(2026, 6, 1), Money("60000.00", "NZD"), "NZ")]
    assert status(exact, "US", "NZ").status is Registration.APPROACHING  # type: ignore[attr-defined]
    over = [CountedSale(date(2026, 6, 1), Money("60000.01", "NZD"), "NZ")]
    assert status(over, "US", "NZ").status is Registration.MUST_REGISTER  # type: ignore[attr-defined]


def test_other_currencies_need_an_explicit_table() -> None:
    sales = [CountedSale(date(2026, 3, 1), Money("12000.00", "USD"), "FR")]
    with pytest.raises(UnknownCurrencyError, match="pass rates="):
        threshold_status(sales, (), seller_country="NL", on=TODAY)
    table = RateTable(
        base="EUR",
        rates={"USD": Decimal("1.25")},
        observed_at=datetime(2026, 3, 1, tzinfo=UTC),
        provider="example",
    )
    found = status(sales, "NL", "EU", rates=table)
    assert found.counted == Money("9600.00", "EUR")  # type: ignore[attr-defined]
    assert "at 0.8 (example" in found.conversions[0]  # type: ignore[attr-defined]


def test_windows() -> None:
    assert _window(
        threshold_for("CA", "registration_threshold", on=TODAY).window, TODAY
    ) == (
        date(2026, 1, 1),
        TODAY,
    )
    assert _window(
        threshold_for("GB", "registration_threshold", on=TODAY).window, date(2024, 2, 29)
    ) == (
        date(2023, 3, 1),
        date(2024, 2, 29),
    )


def test_bad_input() -> None:
    with pytest.raises(InvalidAmountError, match="negative"):
        CountedSale(TODAY, Money("-1.00", "EUR"), "FR")
    with pytest.raises(UnknownCountryError):
        CountedSale(TODAY, Money("1.00", "EUR"), "Frankreich")
    with pytest.raises(InvalidAmountError, match="is not money"):
        CountedSale(TODAY, 1.5, "FR")  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match="not a date"):
        CountedSale("2026-01-01", Money("1.00", "EUR"), "FR")  # type: ignore[arg-type]
    with pytest.raises(NoRuleError):
        threshold_for("EU", "distance_sales_threshold", on=date(2021, 6, 30))
    with pytest.raises(NoRuleError):
        threshold_for("US", "registration_threshold", on=TODAY)


@given(
    st.lists(st.integers(min_value=0, max_value=3_000_000), max_size=6),
    st.integers(min_value=0, max_value=3_000_000),
)
def test_adding_a_sale_never_lowers_a_share(before: list[int], extra: int) -> None:
    """share(sales + [sale]) >= share(sales) for every threshold."""

    def sales(cents: list[int]) -> list[CountedSale]:
        return [
            CountedSale(date(2026, 6, 1), Money(Decimal(c).scaleb(-2), "EUR"), "FR")
            for c in cents
        ]

    first = threshold_status(sales(before), (), seller_country="NL", on=TODAY)
    second = threshold_status(sales([*before, extra]), (), seller_country="NL", on=TODAY)
    for a, b in zip(first, second, strict=True):
        assert b.share >= a.share
        assert list(Registration).index(b.status) >= list(Registration).index(a.status)


def test_an_unknown_rule_name_is_refused_with_the_list() -> None:
    with pytest.raises(InvalidAmountError, match="'low_value_consignment'") as raised:
        threshold_for("GB", "low_value_consignement", on=TODAY)
    assert "is not one of the ThresholdRule values" in str(raised.value)
    assert "low_value_consignment" in raised.value.choices
    rule = ThresholdRule.LOW_VALUE_CONSIGNMENT
    assert threshold_for("GB", rule, on=TODAY) == threshold_for("GB", str(rule), on=TODAY)


def test_threshold_periods_lists_every_period_of_a_rule() -> None:
    periods = threshold_periods("GB", "registration_threshold")
    assert [t.since for t in periods] == [date(2017, 4, 1), date(2024, 4, 1)]
    with pytest.raises(MissingDataError, match="CH"):
        threshold_periods("US", "import_tax_de_minimis")


def test_a_threshold_keeps_every_source_and_names_the_first() -> None:
    limit = threshold_for("GB", "low_value_consignment", on=TODAY)
    assert len(limit.sources) == 2
    assert limit.source == limit.sources[0]


def test_singapore_needs_both_overseas_vendor_tests() -> None:
    # IRAS: register when global turnover exceeds S$1 million AND B2C supplies into
    # Singapore exceed S$100,000 in the calendar year.
    local = [CountedSale(date(2026, 3, 2), Money("100000.01", "SGD"), "SG")]
    abroad = [CountedSale(date(2026, 3, 2), Money("899999.99", "SGD"), "US", state="US-OR")]
    assert status(local, "NL", "SG").status is Registration.APPROACHING  # type: ignore[attr-defined]
    assert status(local + abroad, "NL", "SG").status is Registration.APPROACHING  # type: ignore[attr-defined]
    more = [CountedSale(date(2026, 3, 3), Money("0.01", "SGD"), "GB", business=True)]
    assert status(local + abroad + more, "NL", "SG").status is Registration.MUST_REGISTER  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("rule", "vat_threshold", "ThresholdRule"),
        ("window", "weekly", "Window"),
        ("crossed_when", "below", "Crossing"),
    ],
)
def test_every_choice_of_a_threshold_is_refused_the_same_way(
    field: str, value: str, kind: str
) -> None:
    """rule, window and crossed_when are read by one shared check, listing the values."""
    good = threshold_for("GB", "registration_threshold", on=TODAY)
    fields = {a: getattr(good, a) for a in attrs.fields_dict(type(good))}
    with pytest.raises(InvalidChoiceError) as raised:
        type(good)(**{**fields, field: value})
    assert str(raised.value).startswith(f"{value!r} is not one of the {kind} values: ")
    assert raised.value.field == field
    assert raised.value.choices


def test_a_jurisdiction_without_the_rule_is_the_same_error_from_both_lookups() -> None:
    """threshold_periods and threshold_for refuse an unknown pair alike, naming the
    jurisdictions that have the rule (still a MissingDataError and a NoRuleError)."""
    errors = []
    for lookup in (
        lambda: threshold_periods("KR", "registration_threshold"),
        lambda: threshold_for("KR", "registration_threshold", on=TODAY),
    ):
        with pytest.raises(NoThresholdError) as raised:
            lookup()
        errors.append(raised.value)
    periods, lookup_for = errors
    assert str(periods) == str(lookup_for)
    assert str(periods).startswith("KR has no registration_threshold")
    assert "AU, CA, CH, GB" in str(periods)
    assert "AU" in periods.having
    assert "KR" not in periods.having
    assert isinstance(periods, MissingDataError)
    assert isinstance(periods, NoRuleError)
    assert lookup_for.on == TODAY
