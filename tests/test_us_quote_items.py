"""A US checkout quote with clothing over Massachusetts' or Rhode Island's threshold.

Massachusetts exempts the first USD 175 of each item of clothing and taxes the excess
at 6.25 % (M.G.L. c. 64H s. 6(k)); Rhode Island the first USD 250, the excess at 7 %
(280-RICR-20-70-6.6, whose example is a USD 275 suit paying 7 % of USD 25 = USD 1.75).
The value compared is each item's price after the seller's discount, without the tax
(830 CMR 64H.1.4 for Massachusetts). The quote shows each line taxed in two parts, and
every total is the sum of the parts shown; the line's tax is checked against the rule
worked by hand.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, QuoteLine, quote
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.serde import quote_schema, quote_to_json
from commercekit.shipping import Bracket, RateCard, Zone
from commercekit.tax import Buyer, RoundingLevel, Seller

AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
THRESHOLD = {"US-MA": Decimal(175), "US-RI": Decimal(250)}
RATE = {"US-MA": Decimal("6.25"), "US-RI": Decimal(7)}
CARD = RateCard(
    "Example Carrier", "Ground", "US", "USD",
    zones=[Zone("domestic", ["US"], (2, 5))],
    brackets={"domestic": [Bracket(Decimal(30), Money("10.00", "USD"))]},
    dimension_rounding="exact",
)  # fmt: skip
PRODUCTS = {
    "SUIT": Product("SUIT", "clothing", weight_kg=Decimal(1)),
    "COAT": Product("COAT", "childrens_clothing", weight_kg=Decimal(1)),
    "LAMP": Product("LAMP", "standard", weight_kg=Decimal(1)),
}


def usd(amount: str | Decimal) -> Money:
    return Money(amount, "USD")


def context(state: str, **kwargs: object) -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state), at=AT,
        prices_include_tax=False, products=PRODUCTS,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def line_of(result: Quote, sku: str) -> QuoteLine:
    (found,) = [line for line in result.lines if line.sku == sku]
    return found


def by_hand(state: str, net: Money, quantity: int) -> Money:
    """The rule worked by hand: each item's price after the discount (the line's
    amount shared equally), the part over the threshold x quantity at the state's
    rate, rounded half up to the cent."""
    each = net.amount / quantity
    over = max(each - THRESHOLD[state], Decimal(0)) * quantity
    tax = (over * RATE[state] / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return usd(tax)


def test_the_rhode_island_regulations_suit() -> None:
    """280-RICR-20-70-6.6: a USD 275 suit pays 7 % of USD 25 = USD 1.75."""
    result = quote(Cart([CartLine("SUIT", usd("275.00"), 1)]), context("US-RI"))
    suit = line_of(result, "SUIT")
    assert (suit.tax, result.tax, result.grand_total) == (
        usd("1.75"), usd("1.75"), usd("276.75"),
    )  # fmt: skip
    exempt, taxable = suit.parts
    assert (exempt.line.price, exempt.net, exempt.tax) == (
        usd("250.00"), usd("250.00"), usd("0.00"),
    )  # fmt: skip
    assert (taxable.line.price, taxable.net, taxable.tax) == (
        usd("25.00"), usd("25.00"), usd("1.75"),
    )  # fmt: skip
    assert exempt.line.description == "the first 250.00 USD of each item: exempt (0%)"
    assert taxable.line.description.startswith("the part of each item over 250.00 USD")
    assert [(row.rate, row.base, row.amount) for row in result.tax_summary] == [
        (Decimal(0), usd("250.00"), usd("0.00")),
        (Decimal(7), usd("25.00"), usd("1.75")),
    ]


@pytest.mark.parametrize(
    ("state", "price", "quantity", "tax", "parts"),
    [
        ("US-MA", "175.00", 3, "0.00", 0),
        ("US-MA", "175.01", 3, "0.00", 2),  # 6.25 % of 0.03 is 0.001875
        ("US-MA", "175.08", 1, "0.01", 2),  # 6.25 % of 0.08 is 0.005, half up
        ("US-MA", "200.00", 3, "4.69", 2),  # 6.25 % of 75.00 is 4.6875
        ("US-RI", "250.00", 2, "0.00", 0),
        ("US-RI", "250.01", 2, "0.00", 2),  # 7 % of 0.02 is 0.0014
        ("US-RI", "275.00", 3, "5.25", 2),  # 7 % of 75.00
    ],
)
def test_either_side_of_the_threshold(
    state: str, price: str, quantity: int, tax: str, parts: int
) -> None:
    result = quote(Cart([CartLine("SUIT", usd(price), quantity)]), context(state))
    suit = line_of(result, "SUIT")
    assert (suit.tax, len(suit.parts)) == (usd(tax), parts)
    assert suit.tax == by_hand(state, suit.net, quantity)


def test_childrens_clothing_follows_the_same_rule() -> None:
    result = quote(Cart([CartLine("COAT", usd("300.00"), 1)]), context("US-MA"))
    assert line_of(result, "COAT").tax == usd("7.81")  # 6.25 % of 125.00 = 7.8125


@pytest.mark.parametrize(
    ("percent", "discount", "tax", "parts"),
    [
        (Decimal(5), "18.00", "0.00", 0),  # 171.00 an item: under 175, exempt
        (Decimal(2), "7.20", "0.18", 2),  # 176.40 an item: 6.25 % of 2 x 1.40
        (Decimal(0), "0.00", "0.63", 2),  # 180.00 an item: 6.25 % of 2 x 5.00
    ],
)
def test_the_seller_s_promotion_lowers_the_price_compared(
    percent: Decimal, discount: str, tax: str, parts: int
) -> None:
    """830 CMR 64H.1.4: a discount taken at the time of sale is out of the sales
    price; a USD 180 item at 5 % off is USD 171, under the USD 175 threshold."""
    promotions = (Promotion("OFF", PercentOff(percent)),) if percent else ()
    ctx = context("US-MA", promotions=promotions)
    result = quote(Cart([CartLine("SUIT", usd("180.00"), 2)]), ctx)
    suit = line_of(result, "SUIT")
    assert (suit.discount, suit.tax, len(suit.parts)) == (usd(discount), usd(tax), parts)
    assert suit.tax == by_hand("US-MA", suit.net, 2)
    if parts:  # any discount comes off the taxable part, over the threshold
        assert suit.parts[1].line.discount == (usd(discount) if percent else None)
        assert suit.parts[0].net == usd("350.00")


def test_shipping_is_shared_over_the_parts() -> None:
    """Rhode Island taxes delivery charges (R.I. Gen. Laws 44-18-12): the USD 10.00
    shipping follows the goods, shared over the parts as over lines: 250 : 25 gives
    USD 9.09 exempt and USD 0.91 at 7 % (USD 0.06)."""
    result = quote(
        Cart([CartLine("SUIT", usd("275.00"), 1)]), context("US-RI", rate_cards=(CARD,))
    )
    assert result.shipping is not None
    assert (result.shipping.net, result.shipping.tax) == (usd("10.00"), usd("0.06"))
    assert result.tax == usd("1.81")
    assert [(row.rate, row.base) for row in result.tax_summary] == [
        (Decimal(0), usd("259.09")),
        (Decimal(7), usd("25.91")),
    ]


def test_invoice_rounding_rounds_each_rate_once() -> None:
    """Two lines at 6.25 %: USD 0.08 over the threshold (0.005) and a USD 0.08 lamp
    (0.005): per line each rounds up to 0.01, on the invoice 0.01 once."""
    cart = Cart([CartLine("SUIT", usd("175.08"), 1), CartLine("LAMP", usd("0.08"), 1)])
    per_line = quote(cart, context("US-MA"))
    once = quote(cart, context("US-MA", rounding="invoice"))
    assert (per_line.tax, once.tax) == (usd("0.02"), usd("0.01"))
    for result in (per_line, once):
        suit = line_of(result, "SUIT")
        assert suit.tax == sum_money([part.tax for part in suit.parts], "USD")


def test_prices_with_the_tax_in_them_are_refused_by_name() -> None:
    """The price compared is without the tax, which a price with the tax in it does
    not give until the rate is chosen; US prices are stated without the tax."""
    ctx = context("US-RI")
    inclusive = CheckoutContext(
        ctx.seller, ctx.buyer, at=AT, prices_include_tax=True, products=PRODUCTS
    )
    with pytest.raises(MissingDataError, match="prices_include_tax=False"):
        quote(Cart([CartLine("SUIT", usd("275.00"), 1)]), inclusive)


def test_the_json_carries_the_parts() -> None:
    result = quote(Cart([CartLine("SUIT", usd("275.00"), 2)]), context("US-RI"))
    written = quote_to_json(result)
    jsonschema.validate(written, quote_schema())
    (line,) = written["lines"]
    assert [(part["net"], part["tax"]) for part in line["parts"]] == [
        ({"amount": "500.00", "currency": "USD"}, {"amount": "0.00", "currency": "USD"}),
        ({"amount": "50.00", "currency": "USD"}, {"amount": "3.50", "currency": "USD"}),
    ]
    assert [rate["rate"] for rate in line["parts"][1]["rates"]] == ["7"]
    lamp = quote(Cart([CartLine("LAMP", usd("10.00"), 1)]), context("US-RI"))
    assert quote_to_json(lamp)["lines"][0]["parts"] == []


def test_a_line_whose_parts_do_not_add_up_is_refused() -> None:
    result = quote(Cart([CartLine("SUIT", usd("275.00"), 1)]), context("US-RI"))
    suit = line_of(result, "SUIT")
    fields = attrs.asdict(suit, recurse=False)
    with pytest.raises(CommerceKitError, match="do not add up to the line's tax"):
        QuoteLine(**{**fields, "tax": usd("1.76"), "gross": usd("276.76")})
    with pytest.raises(CommerceKitError, match="rates of the line's parts"):
        QuoteLine(**{**fields, "rates": suit.rates[1:]})


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    skus = draw(st.lists(st.sampled_from(sorted(PRODUCTS)), min_size=1, max_size=3))
    return Cart(
        [
            CartLine(
                sku,
                usd(Decimal(draw(st.integers(1, 60_000))).scaleb(-2)),
                draw(st.integers(1, 5)),
            )
            for sku in skus
        ]
    )


@settings(max_examples=60, deadline=None)
@given(
    cart=carts(),
    state=st.sampled_from(sorted(THRESHOLD)),
    percent=st.sampled_from([0, 3, 10, 50]),
    rounding=st.sampled_from(list(RoundingLevel)[1:]),
    shipped=st.booleans(),
)
def test_every_total_is_the_sum_of_the_parts_shown(
    cart: Cart, state: str, percent: int, rounding: RoundingLevel, shipped: bool
) -> None:
    """Property: in a Massachusetts or Rhode Island quote with clothing lines either
    side of the threshold, each line's net and tax are its parts' sums, the quote's tax
    is the lines' and the shipping's, the summary adds up to it, the grand total is
    the lines' and the shipping's gross; and, rounded per line, each clothing line's
    tax is the rule worked by hand."""
    promotions = (Promotion("OFF", PercentOff(percent)),) if percent else ()
    ctx = context(
        state, promotions=promotions, rounding=rounding,
        rate_cards=(CARD,) if shipped else (),
    )  # fmt: skip
    result = quote(cart, ctx)
    shipping = result.shipping
    extra = [] if shipping is None else [shipping]
    for line in result.lines:
        if line.parts:
            assert line.net == sum_money([part.net for part in line.parts], "USD")
            assert line.tax == sum_money([part.tax for part in line.parts], "USD")
        if PRODUCTS[line.sku].tax_category != "standard" and rounding.value == "line":
            assert line.tax == by_hand(state, line.net, line.quantity)
    lines = list(result.lines)
    assert result.tax == sum_money([part.tax for part in [*lines, *extra]], "USD")
    assert result.tax == sum_money([row.amount for row in result.tax_summary], "USD")
    gross = sum_money([part.gross for part in [*lines, *extra]], "USD")
    assert result.grand_total == gross
