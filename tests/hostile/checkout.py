"""Valid calls over ``commercekit.checkout``.

One order is the model for every call: a Dutch shop ships two T-shirts and a book from
its Amsterdam warehouse to a consumer in the US, duties paid (DDP) on the bundled
example tariff, with 10 % off and shipping (and its delivery dates) on the example rate
cards, paid by an American consumer credit card on a contract typed in as a fee
schedule (with a refund fee, so refunds say what the provider keeps). The quote's value
objects are built again from that quote's own fields, and the refunds return its
T-shirts one at a time. A German shop's quote with a lawful surcharge (an American
consumer card, BGB § 312a(4)) is the model for the surcharge.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from commercekit.checkout import (
    CheckoutContext,
    Payment,
    Product,
    Quote,
    Refund,
    RefundPolicy,
    ShippingRefund,
    quote,
    refund,
)
from commercekit.money import Money, RateTable
from commercekit.payments import FeeRow, FeeSchedule, example_schedule
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import BUNDLED_TARIFF, Incoterm, Warehouse, example_rate_cards
from commercekit.tax import BUNDLED, Buyer, RateFacts, RoundingLevel, Seller
from tests.hostile import Call, call, method

AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
DELIVERED = date(2026, 12, 1)
RATES = RateTable(
    base="EUR",
    rates={"USD": Decimal("1.05"), "GBP": Decimal("0.84")},
    observed_at=datetime(2026, 11, 25, 16, 0, tzinfo=UTC),
    provider="example reference rates",
)
SELLER = Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR"))
BUYER = Buyer("US", postcode="10001")
PRODUCTS = {
    "TEE": Product(
        "TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=Decimal("0.2")
    ),
    "BOOK": Product(
        "BOOK", "books", hs_code="4901.99", origin="NL", weight_kg=Decimal("0.6")
    ),
}
CART = Cart(
    [CartLine("TEE", Money("24.95", "EUR"), 2), CartLine("BOOK", Money("18.00", "EUR"), 1)]
)
CARD = Payment("card", "consumer_credit", "US")
CONTRACT = FeeSchedule(
    [
        FeeRow(
            "hostile-psp", "NL", "card", "consumer_credit", "international",
            percent=Decimal("2.9"), fixed=Money("0.30", "EUR"),
            cross_border_percent=Decimal("1"), conversion_percent=Decimal("2"),
            dispute_fee=Money("15.00", "EUR"), fee_kept_on_refund=True,
            refund_fee=Money("0.50", "EUR"), since=date(2026, 1, 1), until=None,
            read_on=date(2026, 1, 5), sources=("https://example.com/contract",),
        )
    ]
)  # fmt: skip
POLICY = RefundPolicy(
    shipping=ShippingRefund.ALWAYS,
    restocking_percent=Decimal("10"),
    refund_border_charges=True,
)


def _context_fields() -> dict[str, Any]:
    return {
        "seller": SELLER,
        "buyer": BUYER,
        "at": AT,
        "prices_include_tax": False,
        "products": PRODUCTS,
        "promotions": [Promotion("TEN", PercentOff(10))],
        "rate_cards": list(example_rate_cards()),
        "service": "Standard",
        "incoterm": Incoterm.DDP,
        "ship_from": "NL",
        "marketplace": None,
        "exchange_rates": RATES,
        "rounding": RoundingLevel.LINE,
        "parcel_cm": (30, 20, 10),
        "shipping_rates": None,
        "exchange_rate_source": None,
        "tariffs": BUNDLED_TARIFF,
        "tax_rates": BUNDLED,
        "tax_id_verifier": None,
        "partial": False,
        "transport_mode": "air",
        "warehouse": Warehouse(
            "NL", ZoneInfo("Europe/Amsterdam"), cutoff=time(15, 0), handling_days=1
        ),
        "payment": CARD,
        "payment_costs": CONTRACT,
        "shipping_includes_handling": False,
    }


@functools.cache
def _context() -> CheckoutContext:
    return CheckoutContext(**_context_fields())


@functools.cache
def _quote() -> Quote:
    return quote(CART, _context())


@functools.cache
def _first_refund() -> Refund:
    return refund(_quote(), {"TEE": 1}, POLICY, points_earned=37)


@functools.cache
def _surcharged() -> Quote:
    """A German shop passes on the cost of an American consumer card (lawful up to
    cost, BGB § 312a(4))."""
    context = CheckoutContext(
        Seller("DE"),
        Buyer("DE"),
        at=AT,
        prices_include_tax=True,
        products=PRODUCTS,
        payment=Payment(
            "card", "consumer_credit", "US", surcharge=True, free_means_offered=True
        ),
        payment_costs=example_schedule("stripe"),
    )
    return quote(CART, context)


def _fields(value: Any) -> dict[str, Any]:
    """The fields of an attrs value object, to build it again."""
    return {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}


CALLS: dict[str, Callable[[], Call]] = {
    "CheckoutContext": lambda: call(**_context_fields()),
    "CheckoutContext.product": lambda: method(_context().product, sku="TEE"),
    "Payment": lambda: call(
        method="card",
        card_type="consumer_credit",
        issuer_country="US",
        converted=False,
        surcharge=False,
    ),
    "PaymentSurcharge": lambda: call(**_fields(_surcharged().surcharge)),
    "Product": lambda: call(
        sku="TEE",
        tax_category="standard",
        hs_code="6109.10",
        origin="PT",
        weight_kg=Decimal("0.2"),
        rate_facts=RateFacts(heading="6109 10"),
        excise="none",
    ),
    "Quote": lambda: call(**_fields(_quote())),
    "QuoteLine": lambda: call(**_fields(_quote().lines[1])),
    "QuotePayment": lambda: call(**_fields(_surcharged().payment)),
    "Refund": lambda: call(**_fields(_first_refund())),
    "RefundLine": lambda: call(**_fields(_first_refund().lines[0])),
    "RefundPolicy": lambda: call(
        shipping="always", restocking_percent=Decimal("10"), refund_border_charges=True
    ),
    "ShippingCharge": lambda: call(**_fields(_quote().shipping)),
    "order_lines": lambda: call(
        _quote(),
        _context(),
        order="1001",
        channel="web",
        unit_costs={"TEE": Money("8.00", "EUR"), "BOOK": Money("6.50", "EUR")},
        fulfilment=Money("2.40", "EUR"),
        shipping_cost=Money("7.10", "EUR"),
        commissions=Money("0", "EUR"),
    ),
    "quote": lambda: call(cart=CART, context=_context()),
    "refund": lambda: call(
        quote=_quote(),
        returned_lines={"TEE": 1},
        policy=POLICY,
        previous=[_first_refund()],
        points_earned=37,
        partial=False,
    ),
    "withdrawal_deadline": lambda: call(
        DELIVERED, country="GB", subdivision="NIR", informed=date(2026, 12, 20)
    ),
}

_WORDS = "a line of the explanation is free text in words, not a code from a list"

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("CheckoutContext", "marketplace"): (
        frozenset({"unknown code"}),
        "the marketplace's own name (free text), not a code from a list",
    ),
    ("Quote", "explanation"): (frozenset({"unknown code"}), _WORDS),
    ("Refund", "explanation"): (frozenset({"unknown code"}), _WORDS),
    ("QuotePayment", "why"): (frozenset({"unknown code"}), _WORDS),
}
