"""Local rates given for one address (``LocalRates``), clothing in New York worked through.

New York exempts clothing and footwear sold for less than USD 110 an item from its 4 %
state tax (Tax Law s. 1115(a)(30)), and from a county's or city's tax only where the
locality chose the exemption; the 3/8 % MCTD tax follows the locality (TSB-M-12(3)S).
Publication 718-C (2/25) lists New York City among the localities that provide it, and
not Albany County. The local rates are example figures, each read where it is cited:
New York City's 4.5 % (8.875 % with the state's) on NYC311's Sales Tax Information page,
the MCTD's 0.375 % on the Department of Taxation and Finance's rate page
(tax.ny.gov/bus/st/rates.htm), Albany County's 4 % as its 8 % in Publication 718 (8/19)
less the state's 4 %.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    BUNDLED,
    Buyer,
    LocalRate,
    LocalRates,
    Sale,
    SaleLine,
    Seller,
    StateRatesOnly,
    TaxRate,
    decide,
    missing_from,
    per_item_rates,
)

DAY = date(2026, 6, 1)
AS_OF = date(2025, 3, 1)
PUB_718C = "https://www.tax.ny.gov/pdf/publications/sales/pub718c.pdf"
FOLLOWS = {"clothing": "follows_state_threshold"}


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def new_york_city(clothing: dict[str, str] | None = None) -> tuple[LocalRate, ...]:
    said = FOLLOWS if clothing is None else clothing
    return (
        LocalRate("New York City", "city", "4.5", PUB_718C, AS_OF, said),
        LocalRate("MCTD", "district", "0.375", PUB_718C, AS_OF, said),
    )


ALBANY = (
    LocalRate("Albany County", "county", "4", PUB_718C, AS_OF, {"clothing": "taxed"}),
)


def _quote(
    local: tuple[LocalRate, ...],
    lines: list[tuple[str, str, int]],
    *,
    state: str = "US-NY",
    day: date = DAY,
    partial: bool = False,
) -> Quote:
    """A quote of ``lines`` (sku, unit price, quantity; SHIRT and COAT are clothing,
    MUG standard) delivered in ``state`` with ``local`` rates."""
    context = CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={"SHIRT": Product("SHIRT", "clothing"),
                  "COAT": Product("COAT", "clothing"), "MUG": Product("MUG", "standard")},
        tax_rates=LocalRates(state, local), partial=partial,
    )  # fmt: skip
    cart = Cart([CartLine(sku, usd(price), units) for sku, price, units in lines])
    return quote(cart, context)


def _taxes(result: Quote) -> dict[str, dict[str, str]]:
    return {
        line.sku: {r.tax: str(r.rate) for r in line.rates} | {"tax": str(line.tax)}
        for line in result.lines
    }


def test_new_york_city_exempts_clothing_under_110_from_every_tax() -> None:
    result = _quote(new_york_city(), [("SHIRT", "50.00", 1), ("COAT", "120.00", 1)])
    assert _taxes(result) == {
        "SHIRT": {"sales tax": "0", "city: New York City": "0", "district: MCTD": "0",
                  "tax": "0.00 USD"},
        # 8.875 % of 120.00 = 10.65
        "COAT": {"sales tax": "4", "city: New York City": "4.5", "district: MCTD": "0.375",
                 "tax": "10.65 USD"},
    }  # fmt: skip
    assert result.missing == ()


def test_albany_county_taxes_clothing_under_110_at_its_own_rate() -> None:
    result = _quote(ALBANY, [("SHIRT", "50.00", 1), ("COAT", "120.00", 1)])
    assert _taxes(result) == {
        "SHIRT": {"sales tax": "0", "county: Albany County": "4", "tax": "2.00 USD"},
        "COAT": {"sales tax": "4", "county: Albany County": "4", "tax": "9.60 USD"},
    }


@pytest.mark.parametrize(
    ("local", "price", "tax"),
    [
        (new_york_city(), "109.99", "0.00"),
        (new_york_city(), "110.00", "9.76"),  # 8.875 % of 110.00 = 9.7625
        (ALBANY, "109.99", "4.40"),  # 4 % of 109.99 = 4.3996
        (ALBANY, "110.00", "8.80"),
    ],
)
def test_the_threshold_is_the_states_for_every_tax(
    local: tuple[LocalRate, ...], price: str, tax: str
) -> None:
    assert _quote(local, [("SHIRT", price, 1)]).tax == usd(tax)


def test_each_taxs_part_adds_up_to_the_quotes_tax() -> None:
    result = _quote(
        new_york_city(), [("SHIRT", "50.00", 3), ("COAT", "150.00", 2), ("MUG", "9.99", 1)]
    )
    by_tax: dict[str, Decimal] = {}
    for row in result.tax_summary:
        by_tax[row.tax] = by_tax.get(row.tax, Decimal(0)) + row.amount.amount
    assert sum(by_tax.values()) == result.tax.amount
    assert set(by_tax) == {"sales tax", "city: New York City", "district: MCTD"}
    assert sum((line.tax for line in result.lines), usd("0.00")) == result.tax


def test_a_local_tax_silent_on_clothing_is_refused_by_name() -> None:
    silent = new_york_city(clothing={})
    with pytest.raises(MissingDataError) as raised:
        _quote(silent, [("SHIRT", "50.00", 1)])
    assert raised.value.missing == (
        "whether the city: New York City tax (US-NY) taxes clothing",
    )


def test_a_partial_quote_lists_the_local_answer_it_lacks() -> None:
    silent = new_york_city(clothing={})
    result = _quote(silent, [("SHIRT", "150.00", 1), ("MUG", "10.00", 1)], partial=True)
    # The shirt pays the state's 4 % alone; the mug every tax (8.875 % of 10.00).
    assert _taxes(result)["SHIRT"] == {"sales tax": "4", "tax": "6.00 USD"}
    assert _taxes(result)["MUG"]["tax"] == "0.89 USD"
    assert result.missing == (
        "tax: whether the city: New York City tax (US-NY) taxes clothing",
    )


def test_the_decision_holds_the_local_rates_either_side_of_the_threshold() -> None:
    sale = Sale(
        Seller("US", {"US-NY"}), Buyer("US", subdivision="US-NY"), "goods", usd("50.00"),
        lines=(SaleLine(usd("50.00"), quantity=1, category="clothing"),),
    )  # fmt: skip
    decision = decide(sale, on=DAY, rates=LocalRates("US-NY", ALBANY))
    assert missing_from(decision) == ()
    assert {(r.tax, str(r.rate)) for r in decision.rates} == {
        ("sales tax", "0"), ("sales tax", "4"), ("county: Albany County", "4"),
    }  # fmt: skip


def test_per_item_rates_adds_the_local_rules() -> None:
    rules = per_item_rates("US-NY", "clothing", on=DAY, rates=LocalRates("US-NY", ALBANY))
    assert [(r.tax, str(r.below.rate), str(r.above.rate)) for r in rules] == [
        ("sales tax", "0", "4"),
        ("county: Albany County", "4", "4"),
    ]
    # Without the local answers: the state's rule alone, as before.
    assert len(per_item_rates("US-NY", "clothing", on=DAY, rates=BUNDLED)) == 1
    assert per_item_rates("US-NY", "clothing", on=DAY, rates=StateRatesOnly()) == (
        per_item_rates("US-NY", "clothing", on=DAY)
    )


def test_the_texas_holiday_exempts_local_tax_where_it_follows_the_state() -> None:
    """Tax Code 151.326: clothing under USD 100 exempt from state and local tax."""
    austin = (
        LocalRate("Austin", "city", "1", "https://comptroller.texas.gov/", AS_OF, FOLLOWS),
        LocalRate("Capital Metro", "district", "1", "https://comptroller.texas.gov/",
                  AS_OF, FOLLOWS),
    )  # fmt: skip
    holiday = date(2025, 8, 9)
    result = _quote(austin, [("SHIRT", "99.99", 1), ("COAT", "100.00", 1)],
                    state="US-TX", day=holiday)  # fmt: skip
    assert _taxes(result)["SHIRT"]["tax"] == "0.00 USD"
    assert _taxes(result)["COAT"]["tax"] == "8.25 USD"  # 6.25 + 1 + 1 %


@pytest.mark.parametrize("state", ["US-MN", "US-PA", "US-VT"])
def test_states_exempting_clothing_need_the_locals_answer(state: str) -> None:
    exempt = (LocalRate("Local", "city", "1", "the state's rate lookup", AS_OF,
                        {"clothing": "exempt"}),)  # fmt: skip
    assert _quote(exempt, [("SHIRT", "500.00", 1)], state=state).tax == usd("0.00")
    silent = (LocalRate("Local", "city", "1", "the state's rate lookup", AS_OF),)
    with pytest.raises(MissingDataError, match="whether the city: Local tax"):
        _quote(silent, [("SHIRT", "500.00", 1)], state=state)
    assert _quote(silent, [("MUG", "100.00", 1)], state=state).lines[0].rates[-1].rate == 1


def test_follows_state_threshold_is_refused_where_there_is_no_threshold() -> None:
    wrong = (LocalRate("Local", "city", "1", "lookup", AS_OF, FOLLOWS),)
    with pytest.raises(CommerceKitError, match="does not depend on the price"):
        _quote(wrong, [("SHIRT", "50.00", 1)], state="US-MN")


def test_rates_read_after_the_day_of_the_sale_are_refused() -> None:
    later = (LocalRate("Albany County", "county", "4", PUB_718C, date(2026, 7, 1)),)
    with pytest.raises(CommerceKitError, match="not known to be in force on 2026-06-01"):
        _quote(later, [("MUG", "10.00", 1)])


@pytest.mark.parametrize(
    ("state", "local", "match"),
    [
        ("US-MA", ALBANY, "not a US state with local sales taxes"),
        ("DE", ALBANY, "not a US state with local sales taxes"),
        ("US-NY", (), "holds 0 local rates"),
        ("US-NY", ALBANY * 2, "names one local tax twice"),
        ("US-NY", ALBANY * 21, "holds 21 local rates"),
    ],
)
def test_local_rates_are_refused_when_built_wrong(
    state: str, local: tuple[LocalRate, ...], match: str
) -> None:
    with pytest.raises(CommerceKitError, match=match):
        LocalRates(state, local)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("rate", "20.01", "outside 0 to 20"),
        ("rate", "-1", "outside 0 to 20"),
        ("rate", 4.5, "float"),
        ("type", "borough", "county"),
        ("name", "", "empty"),
        ("categories", {"clothing": "sometimes"}, "follows_state_threshold"),
        ("categories", {"socks": "taxed"}, "not a tax category"),
        ("categories", ["clothing"], "not a mapping"),
    ],
)
def test_a_local_rate_refuses_bad_fields(field: str, value: object, match: str) -> None:
    fields: dict[str, object] = {
        "name": "Albany County", "type": "county", "rate": "4", "source": PUB_718C,
        "as_of": AS_OF, "categories": {},
    }  # fmt: skip
    with pytest.raises(CommerceKitError, match=match):
        LocalRate(**(fields | {field: value}))  # type: ignore[arg-type]


def test_other_jurisdictions_are_answered_by_the_wrapped_source() -> None:
    rates = LocalRates("US-NY", ALBANY)
    found = rates.rates_for("DE", "books", on=DAY)
    assert all(isinstance(rate, TaxRate) for rate in found)
    assert [r.rate for r in found] == [Decimal(7)]
    assert rates.local_item_rules("US-TX", "clothing", (), on=DAY) == ()


@given(
    cents=st.integers(min_value=1, max_value=50_000),
    units=st.integers(min_value=1, max_value=5),
)
def test_new_york_city_clothing_is_all_or_nothing(cents: int, units: int) -> None:
    """Clothing in New York City: no tax under USD 110 an item, else 8.875 % of the
    line rounded half up, the state's and local parts adding up to it."""
    price = Decimal(cents).scaleb(-2)
    result = _quote(new_york_city(), [("SHIRT", str(price), units)])
    expected = (
        Decimal(0)
        if price < 110
        else (price * units * Decimal("0.08875")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    )
    assert result.tax.amount == expected
    assert sum(row.amount.amount for row in result.tax_summary) == expected


_TREATMENTS = st.sampled_from(["taxed", "follows_state_threshold"])
_RATES = st.integers(min_value=0, max_value=5000).map(lambda n: Decimal(n).scaleb(-3))


@given(
    locals_=st.lists(st.tuples(_RATES, _TREATMENTS), min_size=1, max_size=4),
    cents=st.integers(min_value=1, max_value=50_000),
    units=st.integers(min_value=1, max_value=5),
)
def test_any_new_york_locality_charges_the_rates_its_choices_leave(
    locals_: list[tuple[Decimal, str]], cents: int, units: int
) -> None:
    """For any local taxes and choices: under USD 110 an item the line pays the taxing
    localities' rates, at or over it every rate, rounded once half up; the taxes'
    parts in the summary add up to it."""
    given_rates = tuple(
        LocalRate(f"Locality {n}", "city", rate, "a provider", AS_OF, {"clothing": how})
        for n, (rate, how) in enumerate(locals_)
    )
    price = Decimal(cents).scaleb(-2)
    result = _quote(given_rates, [("SHIRT", str(price), units)])
    charged = (
        sum((rate for rate, how in locals_ if how == "taxed"), Decimal(0))
        if price < 110
        else Decimal(4) + sum((rate for rate, _ in locals_), Decimal(0))
    )
    expected = (price * units * charged / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert result.tax.amount == expected
    assert sum(row.amount.amount for row in result.tax_summary) == expected
