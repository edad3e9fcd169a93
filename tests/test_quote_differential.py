"""The quote against its parts composed by hand, on random shops, buyers and carts.

For every bundled jurisdiction, Northern Ireland, special territories and rate regions,
registrations on and off, prices with and without tax, item values just under and over
each limit, carts of 1-6 lines of mixed categories: ``quote()`` equals ``decide`` on the
discounted lines, tax per line at the decided jurisdiction's rates, and ``landed_cost``
per item where the goods cross a customs border, or both raise the same
``CommerceKitError``. Permuting the cart changes no figure.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import CommerceKitError, MissingDataError
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine
from commercekit.regions import customs_border, fiscal_border, place_of
from commercekit.shipping import Item, LandedCost, Shipment, landed_cost
from commercekit.tax import (
    Buyer,
    Sale,
    SaleLine,
    Seller,
    Supply,
    TaxDecision,
    add_tax,
    decide,
    extract_tax,
    rates_for,
)
from tests.quote_data import RATES, StatedTariff

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
CATEGORIES = ("standard", "books", "food", "childrens_clothing", "medicines")
HEADINGS = {"standard": "6109.10", "books": "4901.99", "food": "1905.31"}


TARIFF = StatedTariff({"4901.99": "0"}, default="12")

ADDRESSES = (
    ("DE", None, None),
    ("FR", None, None),
    ("NL", None, None),
    ("IT", None, None),
    ("GB", None, "SW1A 1AA"),
    ("GB", None, "BT1 5GS"),
    ("XI", None, None),
    ("ES", None, "35001"),
    ("PT", None, "9000-018"),
    ("PT", None, "1100-148"),
    ("FR", None, "20000"),
    ("DE", None, "78266"),
    ("MC", None, None),
    ("NO", None, None),
    ("CH", None, None),
    ("AU", None, None),
    ("NZ", None, None),
    ("SG", None, None),
    ("US", None, None),
    ("CA", "CA-ON", None),
    ("JP", None, None),
)
# Unit prices around the limits, in EUR: EUR 150; GBP 135 at 0.84 (160.71); NOK 3,000
# at 11.70 (256.41); AUD 1,000 at 1.65 (606.06); SGD 400 at 1.50 (266.67); NZD 1,000
# at 1.80 (555.56); and the same with VAT inside (x 1.2, x 1.25).
NEAR_LIMITS = (
    "149.99", "150.00", "150.01", "160.71", "160.72", "192.85", "192.86", "256.40",
    "256.41", "320.50", "320.52", "606.06", "606.07", "266.66", "266.67", "555.55",
    "555.56", "181.50", "181.51",
)  # fmt: skip


@st.composite
def sellers(draw: st.DrawFn) -> Seller:
    country = draw(st.sampled_from(["NL", "DE", "US", "GB", "CN"]))
    schemes = draw(
        st.sets(st.sampled_from(["OSS", "IOSS", "GB", "VOEC", "AU", "NZ", "SG", "CH"]))
    )
    sales = draw(st.sampled_from(["0", "9990", "50000"]))
    return Seller(country, schemes, eu_sales_this_year=Money(sales, "EUR"))


@st.composite
def carts(draw: st.DrawFn) -> tuple[Cart, dict[str, Product]]:
    count = draw(st.integers(min_value=1, max_value=6))
    lines, products = [], {}
    for index in range(count):
        sku = f"SKU{index}"
        category = draw(st.sampled_from(CATEGORIES))
        price = draw(
            st.one_of(
                st.sampled_from(NEAR_LIMITS),
                st.integers(min_value=1, max_value=200_000).map(lambda c: f"{c / 100:.2f}"),
            )
        )
        lines.append(
            CartLine(sku, Money(price, "EUR"), draw(st.integers(min_value=1, max_value=3)))
        )
        products[sku] = Product(
            sku,
            category,
            hs_code=HEADINGS.get(category, "3004.90"),
            origin=draw(st.sampled_from(["CN", "US", "PT"])),
        )
    return Cart(lines), products


def by_hand(cart: Cart, context: CheckoutContext) -> dict[str, object]:
    """The quote's figures from the parts, composed here (no promotions, no shipping)."""
    day = context.at.date()
    lines = sorted(cart.lines, key=lambda line: (line.sku, line.unit_price.amount))
    category = {sku: product.tax_category for sku, product in context.products.items()}
    decision = decide(
        Sale(
            context.seller,
            context.buyer,
            Supply.GOODS,
            sum_money([line.subtotal for line in lines], "EUR"),
            lines=tuple(
                SaleLine(
                    line.subtotal,
                    line.quantity,
                    category[line.sku],
                    hs_code=context.products[line.sku].hs_code,
                    excise=context.products[line.sku].excise,
                )
                for line in lines
            ),
            prices_include_tax=context.prices_include_tax,
            exchange_rates=context.exchange_rates,
            transport_mode=context.transport_mode,
            channel=context.channel,
        ),
        on=day,
    )
    figures = []
    for line in lines:
        if decision.charged_at_checkout:
            assert decision.taxed_in is not None
            found = rates_for(decision.taxed_in, category[line.sku], on=day)
            taxed = (
                extract_tax(line.subtotal, found)
                if context.prices_include_tax
                else add_tax(line.subtotal, found)
            )
            figures.append((line.sku, taxed.net, taxed.tax, taxed.gross))
        else:
            zero = line.subtotal * 0
            figures.append((line.sku, line.subtotal, zero, line.subtotal))
    quantities = {line.sku: line.quantity for line in lines}
    landed = _border(context, decision, figures, quantities)
    collected = (
        landed.charges if landed is not None and landed.incoterm.value == "DDP" else None
    )
    gross = sum_money([gross for *_, gross in figures], "EUR")
    return {
        "decision": decision,
        "lines": figures,
        "landed": landed,
        "grand_total": gross + collected if collected is not None else gross,
    }


def _border(
    context: CheckoutContext,
    decision: TaxDecision,
    figures: list[tuple[str, Money, Money, Money]],
    quantities: dict[str, int],
) -> LandedCost | None:
    day = context.at.date()
    buyer = context.buyer
    origin = place_of(context.seller.country, on=day)
    destination = place_of(
        buyer.country, subdivision=buyer.subdivision, postcode=buyer.postcode, on=day
    )
    if not customs_border(origin, destination):
        territory = destination.territory
        taxed = territory is not None and not territory.tax_instead.startswith("none")
        if fiscal_border(origin, destination) and taxed:
            raise MissingDataError("import taxes of the territory", "not bundled")
        return None
    items = tuple(
        Item(
            sku,
            net,
            context.products[sku].hs_code,
            context.products[sku].origin,
            quantity=quantities[sku],
            category=context.products[sku].tax_category,
            excise=context.products[sku].excise,
        )
        for sku, net, _, _ in figures
        if net.amount > 0
    )
    if not items:
        return None
    # Goods whose VAT was accounted for at sale are declared under that scheme.
    sold_under = decision.cleared_under
    shipment = Shipment(
        items,
        destination=destination.country,
        subdivision=destination.subdivision,
        postcode=destination.postcode,
        sold_under=sold_under,
        shipped_from=context.ship_from or context.seller.country,  # where goods leave
        transport_mode=context.transport_mode,
        channel=context.channel,
    )
    return landed_cost(
        shipment,
        incoterm=context.incoterm,
        on=day,
        rates=context.exchange_rates,
        tariffs=TARIFF,
    )


def figures_of(result: Quote) -> dict[str, object]:
    return {
        "decision": result.decision,
        "lines": [(line.sku, line.net, line.tax, line.gross) for line in result.lines],
        "landed": result.landed,
        "grand_total": result.grand_total,
    }


@given(
    sellers(),
    st.sampled_from(ADDRESSES),
    carts(),
    st.booleans(),
    st.sampled_from(["DDP", "DAP"]),
    st.sampled_from([("air", None), ("sea", "courier"), ("sea", "post"), (None, None)]),
)
def test_the_quote_equals_its_parts_composed_by_hand(
    seller: Seller,
    address: tuple[str, str | None, str | None],
    cart_and_products: tuple[Cart, dict[str, Product]],
    inclusive: bool,
    incoterm: str,
    travel: tuple[str | None, str | None],
) -> None:
    """quote() == decide + tax per line + landed_cost per item, or the same error."""
    cart, products = cart_and_products
    country, subdivision, postcode = address
    context = CheckoutContext(
        seller,
        Buyer(country, postcode=postcode, subdivision=subdivision),
        at=AT,
        prices_include_tax=inclusive,
        products=products,
        incoterm=incoterm,
        exchange_rates=RATES,
        tariffs=TARIFF,
        transport_mode=travel[0],
        channel=travel[1],
    )
    try:
        expected: dict[str, object] | type[CommerceKitError] = by_hand(cart, context)
    except CommerceKitError as error:
        expected = type(error)
    event(f"raises {expected.__name__}" if isinstance(expected, type) else "quoted")
    if isinstance(expected, type):
        with pytest.raises(expected):
            quote(cart, context)
        return
    result = quote(cart, context)
    event(f"regime {result.decision.regime.value}, border {result.landed is not None}")
    assert expected == figures_of(result)
    # Every total shown is the sum of the parts shown.
    shown = sum_money([line.gross for line in result.lines], "EUR")
    assert result.grand_total == shown + result.collected_border_charges
    if result.landed is not None:
        landed = result.landed
        assert landed.import_tax == sum_money([t.amount for t in landed.taxes], "EUR")
        assert landed.duty == sum_money([d.amount for d in landed.duties], "EUR")
        border = result.collected_border_charges + result.due_at_delivery
        assert border == landed.charges
    # The order of the cart changes no figure.
    reversed_cart = Cart(tuple(reversed(cart.lines)))
    assert figures_of(quote(reversed_cart, context)) == figures_of(result)
