"""Checkout quotes end to end: the demo's four scenarios worked out, and invariants."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit.checkout import (
    CheckoutContext,
    Product,
    Quote,
    QuoteLine,
    ShippingCharge,
    quote,
)
from commercekit.errors import (
    CurrencyMismatchError,
    InvalidAmountError,
    InvalidCartError,
    MissingDataError,
)
from commercekit.money import Money, RateTable, sum_money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.serde import converter, quote_schema, quote_to_json
from commercekit.shipping import BUNDLED_TARIFF, example_rate_cards
from commercekit.tax import Buyer, Seller, validate_tax_id

D = Decimal
AT = datetime(2026, 11, 26, 12, 0, tzinfo=timezone(timedelta(hours=1)))
RATES = RateTable(
    base="EUR",
    rates={"GBP": D("0.84"), "USD": D("1.05")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example reference rates",
)
PRODUCTS = {
    "TEE": Product("TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=D("0.2")),
    "BOOK": Product(
        "BOOK", tax_category="books", hs_code="4901.99", origin="NL", weight_kg=D("0.6")
    ),
}
CART = Cart(
    [CartLine("TEE", Money("24.95", "EUR"), 2), CartLine("BOOK", Money("18.00", "EUR"), 1)]
)
SHOP = Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("42000", "EUR"))
TEN = (Promotion("TEN", PercentOff(10)),)


def checkout(buyer: Buyer, *, inclusive: bool, cart: Cart = CART) -> Quote:
    context = CheckoutContext(
        SHOP,
        buyer,
        at=AT,
        prices_include_tax=inclusive,
        products=PRODUCTS,
        promotions=TEN,
        rate_cards=example_rate_cards(),
        exchange_rates=RATES,
        tariffs=BUNDLED_TARIFF,
    )
    return quote(cart, context)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def figures(result: Quote) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            line.sku,
            str(line.discount.amount),
            str(line.net.amount),
            str(line.tax.amount),
            str(line.gross.amount),
        )
        for line in result.lines
    ]


def test_dutch_shop_to_a_german_consumer_under_oss() -> None:
    # Subtotal 49.90 + 18.00 = 67.90; 10 % = 6.79, shared 4.99 / 1.80 (largest
    # remainder). Prices include VAT, German rates (the shop is over EUR 10,000):
    # BOOK 16.20 x 7/107 = 1.06; TEE 44.91 x 19/119 = 7.17.
    # Shipping 1.5 kg (1.0 kg actual, 1.2 kg volumetric) EU1: 6.63 + 8.5 % = 7.19,
    # split over the rates by the lines: 1.91 at 7 % (0.12 VAT), 5.28 at 19 % (0.84).
    result = checkout(Buyer("DE"), inclusive=True)
    assert (result.decision.regime.value, result.decision.taxed_in) == ("oss_union", "DE")
    assert figures(result) == [
        ("BOOK", "1.80", "15.14", "1.06", "16.20"),
        ("TEE", "4.99", "37.74", "7.17", "44.91"),
    ]
    assert result.shipping is not None
    assert (result.shipping.gross, result.shipping.tax) == (eur("7.19"), eur("0.96"))
    assert [(row.rate, row.base, row.amount) for row in result.tax_summary] == [
        (7, eur("16.93"), eur("1.18")),
        (19, eur("42.18"), eur("8.01")),
    ]
    assert result.tax == eur("9.19")
    assert result.grand_total == eur("68.30")
    assert result.landed is None  # no customs border inside the EU


def test_dutch_shop_to_a_french_business_by_reverse_charge() -> None:
    # Net prices, no VAT: the buyer accounts for it in France (Art. 138).
    buyer = Buyer("FR", tax_id=validate_tax_id("FR40303265045"))
    result = checkout(buyer, inclusive=False)
    assert result.decision.regime.value == "intra_community_supply"
    assert figures(result) == [
        ("BOOK", "1.80", "16.20", "0.00", "16.20"),
        ("TEE", "4.99", "44.91", "0.00", "44.91"),
    ]
    assert result.tax == eur("0.00")
    assert result.grand_total == eur("68.30")  # 61.11 + 7.19 shipping, no VAT


def test_dutch_shop_to_a_uk_consumer_under_135_pounds() -> None:
    # UK VAT at the point of sale: TEE 20 %: 44.91 x 20/120 = 7.49; books are zero-rated
    # in the UK. The GBP 135 limit is on the goods without that VAT: 37.42 + 16.20 =
    # 53.62 EUR = 45.0408 GBP at 0.84 (compared unrounded). Shipping GB zone: 11.95 +
    # 8.5 % = 12.97, split 9.53 (20 %, VAT 1.59) and 3.44 (0 %). No duty within GBP
    # 135, no tariff asked, and no import VAT at the border: the goods are declared
    # under the scheme.
    result = checkout(Buyer("GB"), inclusive=True)
    assert result.decision.regime.value == "low_value_at_sale"
    assert figures(result) == [
        ("BOOK", "1.80", "16.20", "0.00", "16.20"),
        ("TEE", "4.99", "37.42", "7.49", "44.91"),
    ]
    assert result.shipping is not None
    assert (result.shipping.gross, result.shipping.tax) == (eur("12.97"), eur("1.59"))
    assert result.collected_border_charges == eur("0.00")
    assert result.grand_total == eur("74.08")
    assert any("45.04 GBP, not over 135 GBP" in line for line in result.explanation)
    assert any("charged at sale under UK low-value" in line for line in result.explanation)
    assert result.landed is not None
    assert result.landed.import_tax == eur("0.00")


def test_dutch_shop_to_a_us_consumer_with_ddp_landed_cost() -> None:
    # Exempt export from the Netherlands; the US has no de minimis since 2025-08-29 and
    # values FOB: duty 16.5 % on the T-shirts' 44.91 = 7.41, books free. Under DDP the
    # shop collects it: 61.11 + shipping 21.65 (WORLD: 19.95 + 8.5 %) + 7.41 = 90.17.
    result = checkout(Buyer("US"), inclusive=False)
    assert result.decision.regime.value == "export"
    assert result.landed is not None
    assert result.landed.customs_value == eur("61.11")
    assert result.collected_border_charges == eur("7.41")
    assert result.due_at_delivery == eur("0.00")
    assert result.grand_total == eur("90.17")


def test_ddu_moves_the_duty_to_the_door() -> None:
    context = CheckoutContext(
        SHOP,
        Buyer("US"),
        at=AT,
        prices_include_tax=False,
        products=PRODUCTS,
        rate_cards=example_rate_cards(),
        incoterm="DDU",
        exchange_rates=RATES,
        tariffs=BUNDLED_TARIFF,
    )
    result = quote(CART, context)
    assert (result.collected_border_charges, result.due_at_delivery) == (
        eur("0.00"),
        eur("8.23"),  # 16.5 % of 49.90
    )


def test_bad_input() -> None:
    with pytest.raises(InvalidAmountError, match="timezone-aware"):
        CheckoutContext(SHOP, Buyer("DE"), at=datetime(2026, 1, 1), prices_include_tax=True)  # noqa: DTZ001  # the point of the test
    with pytest.raises(InvalidAmountError, match="not an incoterm"):
        CheckoutContext(SHOP, Buyer("DE"), at=AT, prices_include_tax=True, incoterm="CIF")
    context = CheckoutContext(
        SHOP,
        Buyer("BR"),
        at=AT,
        prices_include_tax=False,
        products=PRODUCTS,
        rate_cards=example_rate_cards(),
    )
    with pytest.raises(MissingDataError, match="a rate card serving BR"):
        quote(CART, context)
    with pytest.raises(InvalidAmountError, match="not a weight from 0"):
        Product("X", "standard", weight_kg=D(-1))


SKUS = ["A", "B", "C", "D"]
CATEGORIES = ["standard", "food", "books", "childrens_clothing"]


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    """A cart of 1-4 distinct SKUs with prices and quantities."""
    skus = draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=4, unique=True))
    return Cart(
        [
            CartLine(
                sku,
                Money(
                    D(draw(st.integers(min_value=0, max_value=50_000))).scaleb(-2), "EUR"
                ),
                draw(st.integers(min_value=1, max_value=5)),
            )
            for sku in skus
        ]
    )


@settings(deadline=None)
@given(
    carts(),
    st.sampled_from(["DE", "FR", "NL", "GB", "US", "IT", "AU"]),
    st.booleans(),
    st.lists(st.sampled_from(CATEGORIES), min_size=4, max_size=4),
    st.booleans(),
)
def test_quote_invariants(
    cart: Cart, country: str, inclusive: bool, categories: list[str], promote: bool
) -> None:
    """grand total == lines + shipping + collected charges; one currency; order-free."""
    products = {
        sku: Product(
            sku, tax_category=category, hs_code="6109.10", origin="PT", weight_kg=D("0.3")
        )
        for sku, category in zip(SKUS, categories, strict=True)
    }
    context = CheckoutContext(
        SHOP,
        Buyer(country),
        at=AT,
        prices_include_tax=inclusive,
        products=products,
        promotions=TEN if promote else (),
        rate_cards=example_rate_cards(),
        exchange_rates=RatesWithAud,
        tariffs=BUNDLED_TARIFF,
    )
    try:
        result: Quote | None = quote(cart, context)
    except InvalidCartError as refused:
        result, reason = None, str(refused)
    if result is None:
        # Shipping on goods that all cost nothing has no value to be shared by over
        # several tax rates: the quote refuses rather than guess a basis.
        assert all(line.unit_price.amount == 0 for line in cart.lines), reason
        assert "no value to apportion it by" in reason
        return
    assert result.shipping is not None
    expected = (
        sum_money([line.gross for line in result.lines], "EUR")
        + result.shipping.gross
        + result.collected_border_charges
    )
    assert result.grand_total == expected
    for line in result.lines:
        assert line.net + line.tax == line.gross
        assert line.gross.currency.code == "EUR"
        # Inclusive: the shown price (less its discount) is exactly what is paid,
        # the tax extracted from it. Exclusive: the tax is added on top.
        shown = line.amount - line.discount
        assert (line.gross if inclusive else line.net) == shown
    assert sum_money([row.amount for row in result.tax_summary], "EUR") == result.tax
    shuffled = Cart(tuple(reversed(cart.lines)))
    again = quote(shuffled, context)
    assert (again.grand_total, again.tax, again.lines) == (
        result.grand_total,
        result.tax,
        result.lines,
    )


RatesWithAud = RateTable(
    base="EUR",
    rates={"GBP": D("0.84"), "USD": D("1.05"), "AUD": D("1.65")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example reference rates",
)


@settings(deadline=None)
@given(carts(), st.sampled_from(["DE", "GB", "US", "FR"]), st.booleans())
def test_quote_json_is_lossless(cart: Cart, country: str, inclusive: bool) -> None:
    """The quote's JSON validates against the schema and reads back to equal lines."""
    products = {
        sku: Product(sku, "standard", hs_code="6109.10", origin="PT", weight_kg=D("0.3"))
        for sku in SKUS
    }
    context = CheckoutContext(
        SHOP,
        Buyer(country),
        at=AT,
        prices_include_tax=inclusive,
        products=products,
        promotions=TEN,
        rate_cards=example_rate_cards(),
        exchange_rates=RatesWithAud,
        tariffs=BUNDLED_TARIFF,
    )
    result = quote(cart, context)
    data = json.loads(json.dumps(quote_to_json(result)))
    jsonschema.validate(data, quote_schema())
    assert [converter.structure(line, QuoteLine) for line in data["lines"]] == list(
        result.lines
    )
    if result.shipping is not None:
        assert converter.structure(data["shipping"], ShippingCharge) == result.shipping
    assert converter.structure(data["grand_total"], Money) == result.grand_total
    assert converter.structure(data["due_at_delivery"], Money) == result.due_at_delivery


def test_quote_figures_are_checked_when_built() -> None:
    """A quote's value objects refuse figures no quote can have, naming the field."""
    result = checkout(Buyer("DE"), inclusive=True)
    line = result.lines[0]
    with pytest.raises(CurrencyMismatchError, match="quote line's tax"):
        attrs.evolve(line, tax=Money(line.tax.amount, "USD"))
    with pytest.raises(InvalidAmountError, match="does not add up"):
        attrs.evolve(line, tax=line.tax + eur("0.01"))
    with pytest.raises(InvalidAmountError, match="more decimals than EUR's 2"):
        attrs.evolve(line, net=eur("1.005"))
    with pytest.raises(InvalidAmountError, match="more than the line's amount"):
        attrs.evolve(line, discount=line.amount + eur("0.01"))
    with pytest.raises(InvalidAmountError, match="must be zero or more"):
        attrs.evolve(result, due_at_delivery=eur("-1.00"))
    with pytest.raises(CurrencyMismatchError, match="quote's due_at_delivery"):
        attrs.evolve(result, due_at_delivery=Money("0", "JPY"))
    assert result.shipping is not None
    with pytest.raises(InvalidAmountError, match="minimum above its maximum"):
        attrs.evolve(result.shipping, transit_days=(3, 1))
