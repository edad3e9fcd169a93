"""A quote as the margin breakdown reads it: one
[`OrderLine`][commercekit.metrics.OrderLine] per product.

[`order_lines`][commercekit.checkout.order_lines] turns a quote into the order lines
[`margin_breakdown`][commercekit.metrics.margin_breakdown] takes. The quote gives what
the sale brought in and what taking its payment cost; the caller gives what the quote
cannot know (the order's id and channel, each product's unit cost, and what the order's
fulfilment, carrier and commissions cost). Every order-level amount is shared over the
lines with [`allocate`][commercekit.money.allocate], so nothing is lost: the lines add
up to the order's figures exactly.

* **Revenue and discounts**, net of tax. A line's discount is net of tax as shown where
  prices exclude tax or no tax was charged; where prices include tax, the tax inside it
  is taken out at the line's rates ([`extract_tax`][commercekit.tax.extract_tax]). The
  revenue is the line's net (after discounts) plus that discount, so revenue less
  discounts is exactly what the quote booked net for the line. A payment surcharge is
  part of the price of the goods (CJEU C-276/09), so its net is revenue, shared in
  proportion to the lines' gross.
* **Shipping charged** (the shipping's net, after its discounts) and the carrier's
  **shipping cost**: shared in proportion to the lines' net, as the quote shares the
  shipping over the rates.
* **Payment costs** (what taking the payment of the grand total cost the merchant,
  ``quote.payment.cost.total``) and **commissions**: in proportion to the lines' gross,
  what the buyer paid for each (a marketplace's or a provider's percentage is of that).
* **Fulfilment** (picking and packing): in proportion to the units.
* **Cost of goods**: each unit at its product's unit cost.

Where every weight is zero (a free order), the share goes by units. A SKU on several
quote lines becomes one order line (the margin breakdown holds one line per product
and order). The market is the buyer's country (Northern Ireland's goods ``XI`` are
``GB``); the day, the quote's date at its own offset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.checkout._checks import amount, error, instance, same_currency
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import Quote, QuoteLine
from commercekit.checkout._quote_context import check_context
from commercekit.errors import InputKind, MissingDataError, shown
from commercekit.metrics import OrderLine
from commercekit.money import Money, allocate
from commercekit.regions import place_of
from commercekit.tax import extract_tax

__all__ = ["order_lines"]


@attrs.frozen
class _Product:
    """One product's quote lines added up."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str
    units: int
    net: Money
    gross: Money
    discount: Money


def _discount_net(line: QuoteLine, *, prices_include_tax: bool) -> Money:
    """The line's discount net of tax."""
    if prices_include_tax and line.rates:
        return extract_tax(line.discount, line.rates).net
    return line.discount


def _products(quote: Quote, *, prices_include_tax: bool) -> list[_Product]:
    """The quote's lines by SKU (the quote lists them by SKU already)."""
    found: dict[str, _Product] = {}
    for line in quote.lines:
        discount = _discount_net(line, prices_include_tax=prices_include_tax)
        had = found.get(line.sku)
        found[line.sku] = (
            _Product(line.sku, line.quantity, line.net, line.gross, discount)
            if had is None
            else _Product(
                line.sku,
                had.units + line.quantity,
                had.net + line.net,
                had.gross + line.gross,
                had.discount + discount,
            )
        )
    return list(found.values())


def _shared(whole: Money, weights: Sequence[Decimal], units: Sequence[int]) -> list[Money]:
    """``whole`` over the products by ``weights``, or by units where all are zero."""
    if any(weights):
        return allocate(whole, weights)
    return allocate(whole, [Decimal(count) for count in units])


def _figure(value: object, field: str, currency: str) -> Money:
    found = amount(value, field)
    same_currency(currency, {field: found}, "order")
    return found


def _unit_costs(value: object, products: Sequence[_Product], currency: str) -> list[Money]:
    """Each product's cost of goods: its units at its unit cost."""
    if not isinstance(value, Mapping):
        raise error(
            "unit_costs",
            value,
            "is not a mapping of SKU to unit cost; pass e.g. {'TEE': Money('8.00', 'EUR')}",
            kind=InputKind.TYPE,
        )
    skus = {product.sku for product in products}
    for sku in value:
        if sku not in skus:
            raise error(
                "unit_costs",
                sku,
                f"is not a SKU on the quote; it has: {', '.join(map(shown, sorted(skus)))}",
                kind=InputKind.CHOICE,
                choices=tuple(sorted(skus)),
            )
    costs = []
    for product in products:
        if product.sku not in value:
            raise MissingDataError(
                f"the unit cost of {shown(product.sku)}",
                "give unit_costs={sku: Money(...)} for every SKU on the quote",
            )
        unit = _figure(value[product.sku], f"unit_costs[{shown(product.sku)}]", currency)
        costs.append(unit * product.units)
    return costs


@context_free
def order_lines(
    quote: Quote,
    context: CheckoutContext,
    *,
    order: str,
    channel: str,
    unit_costs: Mapping[str, Money],
    fulfilment: Money,
    shipping_cost: Money,
    commissions: Money,
) -> tuple[OrderLine, ...]:
    """The order lines (one per product) of ``quote``, made in ``context``, for
    [`margin_breakdown`][commercekit.metrics.margin_breakdown].

    ``unit_costs`` maps each SKU to what one unit cost the shop; ``fulfilment``,
    ``shipping_cost`` (the carrier's charge) and ``commissions`` are the order's; all
    are money of zero or more in whole minor units of the quote's currency. The
    order-level ones are shared over the lines as the module docs say. Raises
    [`MissingDataError`][commercekit.errors.MissingDataError] for a quote that priced
    no payment (make it with ``CheckoutContext(payment=..., payment_costs=...)``) or
    a SKU without a unit cost, and ``InvalidAmountError`` for a context other than the
    quote's (naming the fact that differs: the moment, promotions, payment, price
    convention, the seller or buyer, ...; the quote is made again in the context to
    compare), a unit cost for a SKU not on the quote, or an amount that is not Money
    of the quote's currency.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.checkout import CheckoutContext, Payment, Product, quote
        >>> from commercekit.payments import example_schedule
        >>> from commercekit.pricing import Cart, CartLine
        >>> from commercekit.tax import Buyer, Seller
        >>> def eur(x): return Money(x, "EUR")
        >>> context = CheckoutContext(Seller("NL"), Buyer("NL"),
        ...     at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True,
        ...     products={"MUG": Product("MUG", "standard")},
        ...     payment=Payment("card", "consumer_debit", "NL"),
        ...     payment_costs=example_schedule("stripe"))
        >>> sold = quote(Cart([CartLine("MUG", eur("12.10"), 2)]), context)
        >>> [line] = order_lines(sold, context, order="1001", channel="web",
        ...     unit_costs={"MUG": eur("4.00")}, fulfilment=eur("1.50"),
        ...     shipping_cost=eur("0"), commissions=eur("0"))
        >>> line.revenue, line.cost_of_goods, line.payment_costs, line.market
        (Money('20.00', 'EUR'), Money('8.00', 'EUR'), Money('0.61', 'EUR'), 'NL')
    """
    quote = instance(quote, Quote, "quote")
    context = instance(context, CheckoutContext, "context")
    if quote.payment is None:
        raise MissingDataError(
            "the cost of the quote's payment",
            "make the quote with CheckoutContext(payment=..., payment_costs=...)",
        )
    check_context(quote, context)
    currency = quote.currency
    products = _products(quote, prices_include_tax=context.prices_include_tax)
    costs = _unit_costs(unit_costs, products, currency)
    figures = {
        name: _figure(value, name, currency)
        for name, value in (
            ("fulfilment", fulfilment),
            ("shipping_cost", shipping_cost),
            ("commissions", commissions),
        )
    }
    units = [product.units for product in products]
    nets = [product.net.amount for product in products]
    grosses = [product.gross.amount for product in products]
    zero = quote.grand_total * 0
    shipped = quote.shipping.net if quote.shipping else zero
    surcharge = quote.surcharge.net if quote.surcharge else zero
    shares = {
        "fulfilment": _shared(figures["fulfilment"], [Decimal(u) for u in units], units),
        "shipping_charged": _shared(shipped, nets, units),
        "shipping_cost": _shared(figures["shipping_cost"], nets, units),
        "payment_costs": _shared(quote.payment.cost.total, grosses, units),
        "commissions": _shared(figures["commissions"], grosses, units),
        "surcharge": _shared(surcharge, grosses, units),
    }
    return _lines(quote, context, products, costs, shares, order=order, channel=channel)


def _lines(
    quote: Quote,
    context: CheckoutContext,
    products: Sequence[_Product],
    costs: Sequence[Money],
    shares: Mapping[str, Sequence[Money]],
    *,
    order: str,
    channel: str,
) -> tuple[OrderLine, ...]:
    """The order lines, from each product's figures and shares."""
    day = quote.at.date()
    buyer = context.buyer
    market = place_of(
        buyer.country, subdivision=buyer.subdivision, postcode=buyer.postcode, on=day
    ).country
    return tuple(
        OrderLine(
            order=order,
            day=day,
            product=product.sku,
            channel=channel,
            market=market,
            units=product.units,
            revenue=product.net + product.discount + shares["surcharge"][index],
            discounts=product.discount,
            cost_of_goods=costs[index],
            fulfilment=shares["fulfilment"][index],
            shipping_charged=shares["shipping_charged"][index],
            shipping_cost=shares["shipping_cost"][index],
            payment_costs=shares["payment_costs"][index],
            commissions=shares["commissions"][index],
        )
        for index, product in enumerate(products)
    )
