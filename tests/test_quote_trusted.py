"""The values the quote builds without checking them again (``trusted_builder``) are
the values their checked constructors build: on random shops, buyers, carts,
promotions, shipping and rounding levels, every ``Quote``, ``QuoteLine``,
``ShippingCharge``, ``RateTotal`` and ``TaxDecision`` of a quote, and the ``Sale`` it
decides on (``sale_of``), rebuilt with their constructors, pass every check and are
equal, with the same ``repr``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.checkout._quote import sale_of
from commercekit.checkout._quote_lines import _taxes
from commercekit.errors import CommerceKitError, InvalidInputError
from commercekit.money import Money, sum_money
from commercekit.pricing import (
    AmountOff,
    BuyXGetY,
    Cart,
    CartLine,
    FreeShipping,
    PercentOff,
    Promotion,
)
from commercekit.shipping import example_rate_cards
from commercekit.tax import (
    Buyer,
    RoundingLevel,
    Sale,
    SaleLine,
    Seller,
    rate_for,
    tax_in_minor_units,
)
from tests.quote_data import RATES, StatedTariff

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
Request = tuple[Cart, CheckoutContext]
CARDS = example_rate_cards()
RATES_USED = tuple(
    rate_for(country, category, on=AT.date())
    for country in ("DE", "FR", "IE", "FI", "HU", "LU")
    for category in ("standard", "food", "books", "medicines")
)
TARIFF = StatedTariff({"4901.99": "0"}, default="12")
CATEGORIES = ("standard", "books", "food", "childrens_clothing", "medicines")
BUYERS = (
    Buyer("DE"), Buyer("FR"), Buyer("NL"), Buyer("AT"), Buyer("GB", postcode="SW1A 1AA"),
    Buyer("XI"), Buyer("ES", postcode="35001"), Buyer("NO"), Buyer("CH"), Buyer("AU"),
    Buyer("CA", subdivision="CA-ON"), Buyer("FR", postcode="20000"),
)  # fmt: skip
PROMOTIONS = (
    Promotion("TEN", PercentOff(Decimal("12.5"))),
    Promotion("OFF", AmountOff(Money("3.33", "EUR"))),
    Promotion("B2G1", BuyXGetY(2, 1)),
    Promotion("SHIP", FreeShipping(), minimum_subtotal=Money("50", "EUR")),
)


@st.composite
def requests(draw: st.DrawFn) -> Request:
    count = draw(st.integers(min_value=1, max_value=12))
    skus = [f"S{draw(st.integers(0, 9))}" for _ in range(count)]
    cents = st.one_of(st.integers(0, 300), st.integers(0, 100_000), st.just(15_000))
    lines = [
        CartLine(sku, Money(D(draw(cents)).scaleb(-2), "EUR"), draw(st.integers(1, 4)))
        for sku in skus
    ]
    products = {
        sku: Product(
            sku,
            draw(st.sampled_from(CATEGORIES)),
            weight_kg=Decimal("0.2"),
            hs_code=draw(st.sampled_from(["6109.10", "4901.99"])),
            origin="CN",
        )
        for sku in set(skus)
    }
    seller = Seller(
        "NL",
        draw(st.sets(st.sampled_from(["OSS", "IOSS", "GB", "AU", "NO"]))),
        eu_sales_this_year=Money(draw(st.sampled_from(["0", "9990", "50000"])), "EUR"),
    )
    context = CheckoutContext(
        seller,
        draw(st.sampled_from(BUYERS)),
        at=AT,
        prices_include_tax=draw(st.booleans()),
        products=products,
        promotions=tuple(draw(st.sets(st.sampled_from(PROMOTIONS)))),
        rate_cards=CARDS if draw(st.booleans()) else (),
        rounding=draw(st.sampled_from(list(RoundingLevel))),
        exchange_rates=RATES,
        tariffs=TARIFF,
        partial=draw(st.booleans()),
    )
    return Cart(lines), context


def _checked(value: Any) -> Any:
    """``value`` rebuilt with its class's own constructor (every converter and
    validator run), field by field as stored."""
    return type(value)(**attrs.asdict(value, recurse=False))


def _same(trusted: Any) -> None:
    checked = _checked(trusted)
    assert checked == trusted
    assert repr(checked) == repr(trusted)


@given(requests())
def test_the_quotes_own_values_pass_their_checks(request: Request) -> None:
    """Each value the quote builds trusted == the same value built checked."""
    cart, context = request
    try:
        made = quote(cart, context)
    except CommerceKitError as error:
        event(f"refused: {type(error).__name__}")
        return
    event("quoted")
    _same(made)
    _same(made.decision)
    for line in made.lines:
        _same(line)
    for row in made.tax_summary:
        _same(row)
    if made.shipping is not None:
        _same(made.shipping)


@given(requests())
def test_the_sale_decided_on_passes_its_checks(request: Request) -> None:
    """sale_of(...) == Sale(...) with the same lines, checked."""
    cart, context = request
    lines = tuple(
        SaleLine(line.subtotal, line.quantity, context.products[line.sku].tax_category)
        for line in cart.lines
    )
    price = sum_money([line.value for line in lines], "EUR")
    shipping = Money("4.95", "EUR")
    _same(sale_of(context, context.buyer, price, shipping, lines))
    built = Sale(
        context.seller,
        context.buyer,
        "goods",
        price,
        shipping=shipping,
        exchange_rates=context.exchange_rates,
        lines=lines,
        prices_include_tax=context.prices_include_tax,
    )
    assert sale_of(context, context.buyer, price, shipping, lines) == built


@pytest.mark.parametrize("units", [10**9, 10**9 + 1])
def test_a_line_holds_at_most_a_sale_lines_units(units: int) -> None:
    """The quote's one check of the quantities (_check, at once) refuses a line of more
    units than a SaleLine holds, naming it, as SaleLine's own check: 10^9 is quoted."""
    cart = Cart(
        [CartLine("A", Money("0.01", "EUR"), 1), CartLine("B", Money("0.01", "EUR"), units)]
    )
    context = CheckoutContext(
        Seller("NL"), Buyer("NL"), at=AT, prices_include_tax=True,
        products={"A": Product("A", "standard"), "B": Product("B", "standard")},
    )  # fmt: skip
    if units <= 10**9:
        assert quote(cart, context).lines[1].quantity == units
        return
    with pytest.raises(InvalidInputError) as refused:
        quote(cart, context)
    assert refused.value.field == "cart.lines[1].quantity"
    with pytest.raises(InvalidInputError):
        SaleLine(Money("0.01", "EUR"), units)


@given(
    st.lists(st.integers(0, 10**15), min_size=1, max_size=20),
    st.sampled_from(sorted({str(r.rate) for r in RATES_USED})),
    st.booleans(),
)
def test_the_quotes_line_tax_is_tax_in_minor_units(
    amounts: list[int], percent: str, inclusive: bool
) -> None:
    """The quote's one-pass tax per line (``_quote_lines._taxes``) equals
    ``tax_in_minor_units`` at half-up, whose formula it repeats for speed."""
    rate = next(r for r in RATES_USED if str(r.rate) == percent)
    keys = [id(rate)] * len(amounts)
    found = _taxes(amounts, keys, {id(rate): (rate,)}, inclusive=inclusive)
    assert found == tax_in_minor_units(amounts, rate, prices_include_tax=inclusive)
