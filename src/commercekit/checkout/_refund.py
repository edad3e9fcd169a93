"""Refunds against a quote, and the EU 14-day right of withdrawal.

A return gives back some units of some lines. [`refund`][commercekit.checkout.refund]
says how much money goes back for them, and why:

* **Each line at what was paid for it.** A line's gross already carries its share of
  every order-level discount (promotions are shared over the lines at checkout), and
  its tax is the tax charged on it. Units are refunded at
  ``split(line.gross, quantity)``: the refund for the first *n* units returned is the
  sum of the first *n* parts, and each refund is that cumulative amount after it less
  the cumulative amount before it. The tax is shared the same way from
  ``split(line.tax, quantity)``, and the net is gross less tax, so ``net + tax ==
  gross`` on every refund line and the tax reversed over all refunds is exactly the
  tax charged.
* **Shipping** is refunded never, always (with the first refund), or with the refund
  that completes the return of the whole order, as the
  [`RefundPolicy`][commercekit.checkout.RefundPolicy] says.
* **Border charges** collected under DDP (duty, import VAT, clearance fees) are
  refunded only if the policy says so: duty is usually not recoverable once paid. When
  they are, each line's share (its own duty, plus the rest in proportion to its net;
  where every net is zero, to its value before discount; where that is zero too, to
  its units) is refunded per unit in the same cumulative way.
* A **payment surcharge** goes back with the goods, each line's share (the part taxed
  at its rates, with that tax) unit by unit in the same cumulative way: it is part of
  the price of the goods (see ``_refund_payment``).
* A **restocking fee**, a percentage of the returned lines' gross rounded half-up, is
  kept back and shown separately; it never makes a refund negative.
* **What the payment provider keeps** (its original fee where the schedule keeps it,
  once, with the first refund; and a refund fee) is reported where the quote priced
  the payment; a schedule without the figure raises, unless the caller asks for a
  partial refund.
* **Loyalty points** the order earned (pass them as ``points_earned``) are reversed,
  not worked out again: the earn rule's basis, tier multiplier, bonus events, cap and
  rounding made that figure, and a refund cannot know them. Each refund reverses the
  share of those points that the goods' net value returned so far is of the goods'
  whole net value, rounded down to whole points, less what earlier refunds reversed.
  So no refund takes back more than the goods returned earned, and the refund that
  completes the return takes back exactly the rest: the points reversed over all
  refunds are exactly the points earned, never one more.

So refunds of the whole order, in any steps and any order, add up to exactly what was
paid less what the policy keeps (shipping or border charges not refunded, restocking
fees), and a refund never exceeds what is left to refund. commercekit keeps no state:
pass the earlier refunds for the same quote as ``previous``.

[`withdrawal_deadline`][commercekit.checkout.withdrawal_deadline] is the last day a
consumer in the EU or EEA may withdraw from a distance sale of goods (in the United
Kingdom, cancel it).

Each part has its own module: ``_refund_policy``, ``_refund_result``,
``_returned_units`` (which units, at what worth), ``_points_back``, ``_withdrawal``;
what a threshold waived: ``_threshold_shipping``, its VAT ``_kept_shipping_tax``.

References:
    * Directive 2011/83/EU on consumer rights, Art. 9 (the 14-day period), Art. 13
      (reimbursement, delivery costs included):
      https://eur-lex.europa.eu/eli/dir/2011/83/oj
    * Regulation (EEC, Euratom) No 1182/71 determining the rules applicable to periods,
      dates and time limits, Art. 3: https://eur-lex.europa.eu/eli/reg/1971/1182/oj

Examples:
    >>> from datetime import UTC, date, datetime
    >>> from commercekit.checkout import CheckoutContext, Product, quote
    >>> from commercekit.money import Money
    >>> from commercekit.pricing import Cart, CartLine
    >>> from commercekit.tax import Buyer, Seller
    >>> order = quote(
    ...     Cart([CartLine("MUG", Money("10.00", "EUR"), 3)]),
    ...     CheckoutContext(Seller("NL"), Buyer("NL"),
    ...         at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True,
    ...         products={"MUG": Product("MUG", "standard")}))
    >>> first = refund(order, {"MUG": 1}, RefundPolicy())
    >>> second = refund(order, {"MUG": 2}, RefundPolicy(), previous=[first])
    >>> first.total, second.total, first.total + second.total == order.grand_total
    (Money('10.00', 'EUR'), Money('20.00', 'EUR'), True)
    >>> refund(order, {"MUG": 1}, RefundPolicy(), previous=[first, second])
    Traceback (most recent call last):
    ...
    commercekit.errors.ExcessReturnError: cannot return 1 more of 'MUG': 3 were bought ...
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from commercekit._numbers import context_free
from commercekit.checkout._checks import flag, instance
from commercekit.checkout._kept_shipping_tax import kept_shipping_tax
from commercekit.checkout._model import Quote
from commercekit.checkout._points_back import points_earned_checked, points_to_reverse
from commercekit.checkout._quote_taxes import value_weights
from commercekit.checkout._refund_payment import provider_keeps, surcharge_back
from commercekit.checkout._refund_policy import RefundPolicy, ShippingRefund
from commercekit.checkout._refund_result import Refund, RefundLine
from commercekit.checkout._returned_units import (
    earlier_refunds,
    first_parts,
    refund_line,
    units_before,
    units_now,
)
from commercekit.checkout._threshold_shipping import shipping_deducted
from commercekit.money import Money, RoundingMode, allocate, percent_of, sum_money

__all__ = ["refund"]


def _border_shares(order: Quote) -> list[Money]:
    """Each line's share of the border charges the seller collected.

    A line's own duty and import tax are its own (each item was taxed at its own rate:
    a zero-rated line bore none); the rest (fees and their tax) is shared by net value;
    where every net is zero, by the value before discount (``value_weights``), and
    where that is zero too, by units.
    """
    border = order.collected_border_charges
    zero = border * 0
    owned = [zero] * len(order.lines)
    landed = order.landed
    if not border.amount:
        return owned
    if landed is not None and landed.shipment.currency == order.currency:
        # landed_cost was given one item per line with a positive net, in order.
        valued = [i for i, line in enumerate(order.lines) if line.net.amount > 0]
        items = landed.shipment.items
        if len(valued) == len(items):
            # duty and any surcharge (India's SWS), and the import tax, per item
            own = [
                duty + tax.amount
                for duty, tax in zip(landed.item_duties, landed.taxes, strict=True)
            ]
            own = _with_rounding(own, landed.rounding)
            for index, item, amount in zip(valued, items, own, strict=True):
                if item.description == order.lines[index].sku:
                    owned[index] = amount
    total = sum_money(owned, order.currency)
    if total > border:
        owned, total = [zero] * len(order.lines), zero
    rest = border - total
    if not rest.amount:
        return owned
    weights = value_weights(
        [line.net.amount for line in order.lines],
        [line.amount.amount for line in order.lines],
    ) or [Decimal(line.quantity) for line in order.lines]
    return [own + share for own, share in zip(owned, allocate(rest, weights), strict=True)]


def _with_rounding(own: list[Money], rounding: Money | None) -> list[Money]:
    """Each item's charges with its share of the rounding of the amount payable
    (India's nearest rupee), shared by those charges: the rounding is of them."""
    weights = [amount.amount for amount in own]
    if rounding is None or not any(weights):
        return own
    return [
        mine + part for mine, part in zip(own, allocate(rounding, weights), strict=True)
    ]


@context_free
def refund(
    quote: Quote,
    returned_lines: Mapping[str, int],
    policy: RefundPolicy,
    *,
    previous: Sequence[Refund] = (),
    points_earned: int = 0,
    partial: bool = False,
    withdrawal: bool | None = None,
) -> Refund:
    """The refund for returning ``returned_lines`` (SKU to units) of ``quote``.

    ``previous`` are the refunds already made against the same quote, in any order;
    units returned then count against what was bought, and every amount here is the
    cumulative amount after this return less the cumulative amount before it. When a
    SKU sits on several lines, its units are taken from its lines in quote order.

    ``points_earned`` is the loyalty points the order earned, as the earn rule gave
    them ([`Earned.points`][commercekit.loyalty.Earned], the points of the order's
    [`Lot`][commercekit.loyalty.Lot]); pass the same figure to every refund of the
    order. ``points_to_reverse`` is the share of them the goods returned so far
    earned (by net value, rounded down) less what ``previous`` reversed; the refund
    that completes the return reverses the rest, so all refunds together reverse
    exactly ``points_earned``.

    A payment surcharge goes back with the goods, each line's share with the tax it
    was charged at that line's rates (``RefundLine.surcharge_tax``); where the quote
    priced the payment, the refund carries what the payment provider keeps
    (``payment_cost``). A schedule that gives no figure for that raises
    [`MissingPaymentCostError`][commercekit.errors.MissingPaymentCostError], unless
    ``partial`` is true: the refund then leaves it out and lists it in ``missing``.

    A return that takes the goods kept below a free-shipping threshold the order reached
    follows ``policy.below_threshold`` (``Refund.shipping_deducted``); ``withdrawal``
    says whether it is a consumer's withdrawal (EU, EEA) or cancellation (UK), asked
    only where the rule deducts, which a withdrawal refuses (``_threshold_shipping``).

    Raises [`UnknownSkuError`][commercekit.errors.UnknownSkuError] for a SKU not on the
    quote, [`ExcessReturnError`][commercekit.errors.ExcessReturnError] for more units
    than are left to return, ``InvalidAmountError`` for units or points that are not a
    whole number of 0 or more, and
    [`RefundMismatchError`][commercekit.errors.RefundMismatchError] for a previous
    refund of another order (or one given a different ``points_earned``).

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.checkout import CheckoutContext, Product, quote as checkout
        >>> from commercekit.pricing import Cart, CartLine
        >>> from commercekit.tax import Buyer, Seller
        >>> order = checkout(
        ...     Cart([CartLine("TEE", Money("10.00", "EUR"), 3)]),
        ...     CheckoutContext(Seller("NL"), Buyer("NL"),
        ...         at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True,
        ...         products={"TEE": Product("TEE", "standard")}))
        >>> order.lines[0].tax  # 21 % inside 30.00
        Money('5.21', 'EUR')
        >>> one = refund(order, {"TEE": 1}, RefundPolicy())
        >>> one.lines[0].net, one.lines[0].tax  # split(5.21, 3): 1.74, 1.74, 1.73
        (Money('8.26', 'EUR'), Money('1.74', 'EUR'))
        >>> rest = refund(order, {"TEE": 2}, RefundPolicy(), previous=[one])
        >>> rest.lines[0].tax, one.tax + rest.tax == order.tax
        (Money('3.47', 'EUR'), True)

        Say the order earned 37 points (24.79 net x 1.5, rounded down). One T-shirt
        is 8.26 of the 24.79 net: 12.33 points, rounded down to 12. The rest reverses
        the other 25, so the two refunds reverse exactly the 37 earned:

        >>> one = refund(order, {"TEE": 1}, RefundPolicy(), points_earned=37)
        >>> rest = refund(order, {"TEE": 2}, RefundPolicy(), previous=[one],
        ...               points_earned=37)
        >>> one.points_to_reverse, rest.points_to_reverse
        (12, 25)
        >>> refund(order, {"TEE": 1}, RefundPolicy(), points_earned=37.0)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountCountError: 37.0 is not a whole number of points...
        >>> refund(order, {"TEE": -1}, RefundPolicy())
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: -1 is a negative number of units of ...
        >>> refund(order, {"MUG": 1}, RefundPolicy())
        Traceback (most recent call last):
        ...
        commercekit.errors.UnknownSkuError: 'MUG' is not on the quote; it has: 'TEE'
    """
    quote = instance(quote, Quote, "quote")
    policy = instance(policy, RefundPolicy, "policy")
    previous = earlier_refunds(previous)
    before = units_before(quote, previous)
    earned = points_earned_checked(points_earned, previous)
    now = units_now(quote, returned_lines, before)
    after = [b + n for b, n in zip(before, now, strict=True)]
    partial = flag(partial, "partial")
    withdrawal = None if withdrawal is None else flag(withdrawal, "withdrawal")
    notes: list[str] = []
    missing: list[str] = []
    lines = _lines(quote, before, now, after, notes)
    shipping, shipping_tax = _shipping(quote, policy, previous, after, notes)
    border = _border(quote, policy, before, after, notes)
    lines, surcharge, surcharge_tax = surcharge_back(quote, lines, before, after, notes)
    charges = shipping + border + (surcharge or border * 0)
    fee = _restocking_fee(quote, policy, lines, charges, notes)
    goods = sum_money([line.gross for line in lines], quote.currency)
    deducted = shipping_deducted(
        quote,
        policy,
        previous=previous,
        before=before,
        after=after,
        room=goods + charges - fee,
        withdrawal=withdrawal,
        notes=notes,
    )
    points = points_to_reverse(quote, earned, previous, after, notes)
    result = Refund(
        quote.grand_total,
        lines,
        shipping,
        shipping_tax,
        border,
        fee,
        earned,
        points,
        tuple(notes),
        surcharge=surcharge,
        surcharge_tax=surcharge_tax,
        shipping_deducted=deducted,
        shipping_deducted_tax=kept_shipping_tax(quote, deducted, notes),
    )
    notes.append(f"total refunded: {result.total} of {quote.grand_total} paid")
    refunded = sum_money([earlier.total for earlier in previous], quote.currency)
    kept = provider_keeps(
        quote, result.total, refunded, partial=partial, missing=missing, notes=notes
    )
    return attrs.evolve(
        result, explanation=tuple(notes), payment_cost=kept, missing=tuple(missing)
    )


def _lines(
    quote: Quote,
    before: Sequence[int],
    now: Sequence[int],
    after: Sequence[int],
    notes: list[str],
) -> tuple[RefundLine, ...]:
    """Each line with units returned now, at what was paid for those units."""
    lines = tuple(
        refund_line(index, line, before[index], after[index])
        for index, line in enumerate(quote.lines)
        if now[index]
    )
    for item in lines:
        bought = quote.lines[item.line].quantity
        notes.append(
            f"{item.sku}: {item.units} of {bought} returned "
            f"({before[item.line]} before): {item.gross} incl. tax {item.tax}, "
            f"after its {item.discount} share of discounts"
        )
    return lines


def _restocking_fee(
    quote: Quote,
    policy: RefundPolicy,
    lines: Sequence[RefundLine],
    charges: Money,
    notes: list[str],
) -> Money:
    """The fee kept back: a percentage of the goods' gross, half-up; never more than
    the goods and the charges (shipping, border, surcharge) refunded with them."""
    if not policy.restocking_percent:
        return quote.grand_total * 0
    goods = sum_money([line.gross for line in lines], quote.currency)
    fee = min(
        percent_of(goods, policy.restocking_percent, mode=RoundingMode.HALF_UP),
        goods + charges,
    )
    notes.append(
        f"restocking fee: {policy.restocking_percent} % of {goods}, half-up: {fee}"
    )
    return fee


def _shipping(
    quote: Quote,
    policy: RefundPolicy,
    previous: Sequence[Refund],
    after: Sequence[int],
    notes: list[str],
) -> tuple[Money, Money]:
    """The shipping gross and its tax refunded now, by the policy's rule."""
    zero = quote.grand_total * 0
    charge = quote.shipping
    if charge is None or not charge.gross.amount:
        return zero, zero
    refunded = sum_money([p.shipping for p in previous], quote.currency)
    refunded_tax = sum_money([p.shipping_tax for p in previous], quote.currency)
    whole = all(n == line.quantity for n, line in zip(after, quote.lines, strict=True))
    due = policy.shipping is ShippingRefund.ALWAYS or (
        policy.shipping is ShippingRefund.WHOLE_ORDER and whole
    )
    if not due:
        notes.append(f"shipping {charge.gross}: not refunded ({policy.shipping} rule)")
        return zero, zero
    if refunded >= charge.gross:
        return zero, zero
    notes.append(f"shipping refunded ({policy.shipping} rule): {charge.gross - refunded}")
    return charge.gross - refunded, max(charge.tax - refunded_tax, zero)


def _border(
    quote: Quote,
    policy: RefundPolicy,
    before: Sequence[int],
    after: Sequence[int],
    notes: list[str],
) -> Money:
    """The border charges refunded now: each line's share, unit by unit."""
    zero = quote.grand_total * 0
    if not quote.collected_border_charges.amount:
        return zero
    if not policy.refund_border_charges:
        notes.append(
            f"border charges {quote.collected_border_charges}: not refunded "
            f"(duty is usually not recoverable)"
        )
        return zero
    back = zero
    for share, line, was, now in zip(
        _border_shares(quote), quote.lines, before, after, strict=True
    ):
        back += first_parts(share, line.quantity, now) - first_parts(
            share, line.quantity, was
        )
    notes.append(f"border charges refunded: {back}")
    return back
