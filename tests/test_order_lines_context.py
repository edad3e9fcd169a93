"""``order_lines`` refuses a context other than the quote's, naming the fact.

A quote made for a German buyer with prices including tax, read with a context for an
American buyer with prices excluding tax, gave revenue 64.10 instead of 62.90 and the
market 'US' instead of 'DE'. Each fact the figures depend on is checked; a unit cost
for a SKU not on the quote (a typo) is refused too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from commercekit.checkout import (
    CheckoutContext,
    Payment,
    Product,
    Quote,
    order_lines,
    quote,
)
from commercekit.errors import InvalidAmountError
from commercekit.money import Money
from commercekit.payments import example_schedule
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import BUNDLED_TARIFF
from commercekit.tax import Buyer, Seller

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
PRODUCTS = {
    "TEE": Product("TEE", "standard", hs_code="6109.10", origin="PT"),
    "BOOK": Product("BOOK", "books", hs_code="4901.99", origin="NL"),
}
COSTS = {"TEE": Money("8.00", "EUR"), "BOOK": Money("6.50", "EUR")}


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _context(**changes: Any) -> CheckoutContext:
    context = CheckoutContext(
        Seller("DE"),
        Buyer("DE"),
        at=AT,
        prices_include_tax=True,
        products=PRODUCTS,
        promotions=(Promotion("TEN", PercentOff(10)),),
        tariffs=BUNDLED_TARIFF,
        payment=Payment("card", "consumer_credit", "DE"),
        payment_costs=example_schedule("stripe"),
    )
    return attrs.evolve(context, **changes)


def _quote() -> Quote:
    cart = Cart([CartLine("TEE", eur("24.95"), 2), CartLine("BOOK", eur("18.00"), 1)])
    return quote(cart, _context())


def _lines(order: Quote, context: CheckoutContext, costs: Any = COSTS) -> Any:
    zero = eur("0")
    return order_lines(
        order, context, order="1", channel="web", unit_costs=costs,
        fulfilment=zero, shipping_cost=zero, commissions=zero,
    )  # fmt: skip


def test_the_quotes_own_context_gives_its_figures() -> None:
    lines = _lines(_quote(), _context())
    assert {line.market for line in lines} == {"DE"}
    assert sum(line.revenue.amount - line.discounts.amount for line in lines) == sum(
        line.net.amount for line in _quote().lines
    )


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        (
            {"buyer": Buyer("US"), "prices_include_tax": False},
            "context.prices_include_tax",
            "is not the quote's price convention",
        ),
        ({"buyer": Buyer("US")}, "context.buyer", "gives another tax decision"),
        ({"buyer": Buyer("FR")}, "context.buyer", "the seller or the buyer"),
        ({"seller": Seller("NL")}, "context.buyer", "the seller or the buyer"),
        ({"prices_include_tax": False}, "context.prices_include_tax", "price convention"),
        ({"promotions": ()}, "context.promotions", "are not the quote's promotions"),
        (
            {"payment": Payment("card", "consumer_debit", "DE")},
            "context.payment",
            "is not the quote's payment",
        ),
        ({"at": datetime(2026, 11, 27, tzinfo=UTC)}, "context.at", "quote's moment"),
        (
            {"products": {**PRODUCTS, "TEE": Product("TEE", "books")}},
            "context.products",
            "the lines",
        ),
    ],
)
def test_another_context_is_refused_naming_the_fact(
    changes: dict[str, Any], field: str, says: str
) -> None:
    with pytest.raises(InvalidAmountError, match=says) as refused:
        _lines(_quote(), _context(**changes))
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("costs", "says"),
    [
        ({**COSTS, "TSHIRT": eur("8.00")}, "'TSHIRT' is not a SKU on the quote"),
        ({**COSTS, "TSHIRT": 8.0}, "'TSHIRT' is not a SKU on the quote"),
        ({**COSTS, "TEE": 8.0}, "8.0 is not money"),
    ],
)
def test_unit_costs_only_for_the_quotes_skus_and_as_money(
    costs: dict[str, Any], says: str
) -> None:
    with pytest.raises(InvalidAmountError, match=says):
        _lines(_quote(), _context(), costs)
