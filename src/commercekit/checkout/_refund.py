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
  they are, each line's share (its own duty, plus the rest in proportion to its net)
  is refunded per unit in the same cumulative way.
* A **restocking fee**, a percentage of the returned lines' gross rounded half-up, is
  kept back and shown separately; it never makes a refund negative.
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
consumer in the EU or EEA may withdraw from a distance sale of goods.

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
    >>> withdrawal_deadline(date(2026, 11, 26), country="NL")
    datetime.date(2026, 12, 10)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import cast

import attrs

from commercekit._numbers import context_free
from commercekit.checkout._checks import (
    adds_up,
    amount,
    choice,
    count,
    error,
    flag,
    instance,
    lines_of_text,
    many,
    number,
    optional_label,
    same_currency,
    sequence,
)
from commercekit.checkout._model import (
    Quote,
    QuoteLine,
    _discount,
    _gross,
    _net,
    _sku,
    _tax,
)
from commercekit.errors import (
    ExcessReturnError,
    InvalidAmountError,
    NoRuleError,
    RefundMismatchError,
    UnknownSkuError,
    shown,
)
from commercekit.money import (
    Money,
    RoundingMode,
    allocate,
    from_minor_units,
    percent_of,
    sum_money,
    to_minor_units,
)
from commercekit.regions import check_country, first_working_day, is_eu_member

__all__ = [
    "Refund",
    "RefundLine",
    "RefundPolicy",
    "ShippingRefund",
    "refund",
    "withdrawal_deadline",
]


class ShippingRefund(enum.StrEnum):
    """When the shipping the buyer paid is refunded."""

    NEVER = "never"
    """Never: the shipping was a service delivered, whatever comes back."""
    ALWAYS = "always"
    """In full, with the first refund (a faulty or wrong item, a generous shop)."""
    WHOLE_ORDER = "whole_order"
    """In full, with the refund that completes the return of every unit ordered.

    This is what Directive 2011/83/EU Art. 13(1) requires when a consumer withdraws
    from the whole contract: the standard delivery costs are reimbursed too.
    """


def _shipping_rule(value: object) -> ShippingRefund:
    return choice(value, ShippingRefund, "shipping")


def _percent(value: object) -> Decimal:
    percent = number(value, "restocking_percent")
    if not 0 <= percent <= 100:
        raise InvalidAmountError(
            value, "is not a restocking percentage; pass a percentage from 0 to 100"
        )
    return percent


def _refund_border_charges(value: object) -> bool:
    return flag(value, "refund_border_charges")


@attrs.frozen
class RefundPolicy:
    """What a shop refunds on a return, and what it keeps.

    ``shipping`` says when the shipping is refunded (by default with the refund that
    completes the whole order). ``restocking_percent`` (0 to 100) of the returned lines'
    gross is kept as a restocking fee; note that a consumer withdrawing under Directive
    2011/83/EU may not be charged one (Art. 13 and 14 allow only for diminished value).
    ``refund_border_charges`` says whether duty and import taxes collected under DDP
    go back (by default not: they are usually not recoverable from customs).
    Loyalty points are not a policy matter: they are a fact of the order, given to
    [`refund`][commercekit.checkout.refund] as ``points_earned``.

    Examples:
        >>> RefundPolicy(shipping="always", restocking_percent="15").restocking_percent
        Decimal('15')
        >>> RefundPolicy(restocking_percent=0.15)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountError: 0.15 is a float, which cannot hold most ...
    """

    shipping: ShippingRefund = attrs.field(
        default=ShippingRefund.WHOLE_ORDER, converter=_shipping_rule
    )
    restocking_percent: Decimal = attrs.field(default=Decimal(0), converter=_percent)
    refund_border_charges: bool = attrs.field(
        default=False, converter=_refund_border_charges
    )


def _line_index(value: object) -> int:
    return count(value, "line", unit="lines")


def _units(value: object) -> int:
    return count(value, "units", positive=True)


@attrs.frozen
class RefundLine:
    """What goes back for ``units`` units of one quote line.

    ``line`` is the line's position in ``quote.lines`` (a SKU may sit on several
    lines). ``discount`` is the share of the line's discounts these units had: it was
    never paid, so it is not refunded. ``net + tax == gross``.

    Examples:
        >>> eur = lambda amount: Money(amount, "EUR")
        >>> RefundLine(0, "MUG", 1, eur("1.00"), eur("8.26"), eur("1.74"), eur("10.00"))
        ... # doctest: +ELLIPSIS
        RefundLine(line=0, sku='MUG', units=1, discount=Money('1.00', 'EUR'), ...)
    """

    line: int = attrs.field(converter=_line_index)
    sku: str = attrs.field(converter=_sku)
    units: int = attrs.field(converter=_units)
    discount: Money = attrs.field(converter=_discount)
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.gross.currency.code,
            {"discount": self.discount, "net": self.net, "tax": self.tax},
            "refund line",
        )
        adds_up(self.net, self.tax, self.gross, "refund line")


def _paid(value: object) -> Money:
    return amount(value, "paid")


def _refund_lines(value: object) -> tuple[RefundLine, ...]:
    return many(value, RefundLine, "lines")


def _shipping_refunded(value: object) -> Money:
    return amount(value, "shipping")


def _shipping_tax(value: object) -> Money:
    return amount(value, "shipping_tax")


def _border_refunded(value: object) -> Money:
    return amount(value, "border")


def _restocking_fee(value: object) -> Money:
    return amount(value, "restocking_fee")


def _points_earned_field(value: object) -> int:
    return count(value, "points_earned", unit="points")


def _points_to_reverse(value: object) -> int:
    return count(value, "points_to_reverse", unit="points")


def _explanation(value: object) -> tuple[str, ...]:
    return lines_of_text(value, "explanation")


@attrs.frozen
class Refund:
    """One refund against a quote: per line, shipping, border charges, fee and total.

    ``paid`` is the quote's grand total, kept so that later refunds can check they
    belong to the same order. ``shipping`` and ``border`` are gross amounts refunded
    (``shipping_tax`` is the VAT in ``shipping``); ``restocking_fee`` is kept back.
    ``points_earned`` is the loyalty points the order earned, kept so that later refunds
    can check they reverse the same figure; ``points_to_reverse`` is the points this
    refund takes back (pass it to
    [`PointsLedger.reverse`][commercekit.loyalty.PointsLedger.reverse] as
    ``points_returned`` when it is not 0).

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.checkout import CheckoutContext, Product, quote
        >>> from commercekit.pricing import Cart, CartLine
        >>> from commercekit.tax import Buyer, Seller
        >>> order = quote(
        ...     Cart([CartLine("MUG", Money("12.10", "EUR"), 2)]),
        ...     CheckoutContext(Seller("NL"), Buyer("NL"),
        ...         at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True,
        ...         products={"MUG": Product("MUG", "standard")}))

        One mug of two, from an order that earned 29 points: half of them is 14.5,
        so 14 points go back now and the other 15 with the second mug.

        >>> policy = RefundPolicy(restocking_percent=10)
        >>> back = refund(order, {"MUG": 1}, policy, points_earned=29)
        >>> back.goods, back.tax, back.restocking_fee, back.total, back.points_to_reverse
        (Money('12.10', 'EUR'), Money('2.10', 'EUR'), Money('1.21', 'EUR'),
         Money('10.89', 'EUR'), 14)
    """

    paid: Money = attrs.field(converter=_paid)
    lines: tuple[RefundLine, ...] = attrs.field(converter=_refund_lines)
    shipping: Money = attrs.field(converter=_shipping_refunded)
    shipping_tax: Money = attrs.field(converter=_shipping_tax)
    border: Money = attrs.field(converter=_border_refunded)
    restocking_fee: Money = attrs.field(converter=_restocking_fee)
    points_earned: int = attrs.field(converter=_points_earned_field)
    points_to_reverse: int = attrs.field(converter=_points_to_reverse)
    explanation: tuple[str, ...] = attrs.field(converter=_explanation)

    def __attrs_post_init__(self) -> None:
        amounts = {f"lines[{i}]": line.gross for i, line in enumerate(self.lines)}
        amounts.update(
            shipping=self.shipping,
            shipping_tax=self.shipping_tax,
            border=self.border,
            restocking_fee=self.restocking_fee,
        )
        same_currency(self.currency, amounts, "refund")
        if self.shipping_tax > self.shipping:
            raise error(
                "shipping_tax",
                self.shipping_tax,
                f"is more than the shipping {self.shipping}",
            )
        if self.restocking_fee > self.goods + self.shipping + self.border:
            raise error(
                "restocking_fee",
                self.restocking_fee,
                "is more than the goods, shipping and border charges refunded; a fee "
                "never makes a refund negative",
            )
        if self.points_to_reverse > self.points_earned:
            raise error(
                "points_to_reverse",
                self.points_to_reverse,
                f"is more than the {self.points_earned} points the order earned",
            )

    @property
    def currency(self) -> str:
        """The currency of every amount in the refund (the quote's)."""
        return str(self.paid.currency.code)

    @property
    def goods(self) -> Money:
        """The returned lines' gross added up, before any restocking fee."""
        return sum_money([line.gross for line in self.lines], self.currency)

    @property
    def tax(self) -> Money:
        """The VAT/GST reversed: the lines' tax and the shipping's."""
        parts = [line.tax for line in self.lines] + [self.shipping_tax]
        return sum_money(parts, self.currency)

    @property
    def total(self) -> Money:
        """What goes back to the buyer: goods, shipping and border, less the fee."""
        return self.goods + self.shipping + self.border - self.restocking_fee


def _first(total: Money, parts: int, units: int) -> Money:
    """The first ``units`` of ``split(total, parts)`` added up, without building them.

    ``split`` gives each part ``total // parts`` minor units and the first
    ``total % parts`` parts one more, so the first ``units`` parts hold
    ``units * each + min(units, leftover)`` minor units: the cumulative amount for that
    many units, in constant time whatever the quantity. ``total`` is zero or more in
    whole minor units (a quote's figure).
    """
    each, leftover = divmod(to_minor_units(total), parts)
    return from_minor_units(units * each + min(units, leftover), total.currency)


def _border_shares(order: Quote) -> list[Money]:
    """Each line's share of the border charges the seller collected.

    A line's own duty is its own; the rest (import tax, fees) is shared by net value,
    the base it was levied on.
    """
    border = order.collected_border_charges
    zero = border * 0
    duties = [zero] * len(order.lines)
    landed = order.landed
    if not border.amount:
        return duties
    if landed is not None and landed.shipment.currency == order.currency:
        # landed_cost was given one item per line with a positive net, in order.
        valued = [i for i, line in enumerate(order.lines) if line.net.amount > 0]
        if len(valued) == len(landed.duties):
            for index, item in zip(valued, landed.duties, strict=True):
                if item.item.description == order.lines[index].sku:
                    duties[index] = item.amount
    duty = sum_money(duties, order.currency)
    if duty > border:
        duties, duty = [zero] * len(order.lines), zero
    rest = border - duty
    if not rest.amount:
        return duties
    weights = [line.net.amount for line in order.lines]
    if not any(weights):
        weights = [Decimal(line.quantity) for line in order.lines]
    return [own + share for own, share in zip(duties, allocate(rest, weights), strict=True)]


def _previous(value: object) -> tuple[Refund, ...]:
    """The earlier refunds, checked to be a list of ``Refund``."""
    found = sequence(value, "previous")
    for earlier in found:
        if not isinstance(earlier, Refund):
            raise RefundMismatchError(f"{shown(earlier)} is not a Refund")
    return cast("tuple[Refund, ...]", found)


def _units_before(order: Quote, previous: Sequence[Refund]) -> list[int]:
    """Units of each quote line already refunded; refuses refunds of another order."""
    before = [0] * len(order.lines)
    for earlier in previous:
        if earlier.paid != order.grand_total:
            raise RefundMismatchError(
                f"a previous refund is against an order that paid {earlier.paid}, "
                f"not this quote's {order.grand_total}"
            )
        for back in earlier.lines:
            if not 0 <= back.line < len(order.lines) or (
                order.lines[back.line].sku != back.sku
            ):
                raise RefundMismatchError(
                    f"a previous refund returns {shown(back.sku)} on line {back.line}, "
                    f"which this quote does not have"
                )
            before[back.line] += back.units
    for index, line in enumerate(order.lines):
        if before[index] > line.quantity:
            raise RefundMismatchError(
                f"the previous refunds return {before[index]} of {shown(line.sku)} on line "
                f"{index}, more than the {line.quantity} bought"
            )
    return before


def _units_now(
    order: Quote, returned_lines: Mapping[str, int], before: Sequence[int]
) -> list[int]:
    """Units of each quote line returned now: a SKU's lines are filled in order."""
    if not isinstance(returned_lines, Mapping):
        raise InvalidAmountError(
            returned_lines, "is not a mapping of SKU to units; pass e.g. {'MUG': 1}"
        )
    known = tuple(dict.fromkeys(line.sku for line in order.lines))
    now = [0] * len(order.lines)
    for sku, units in returned_lines.items():
        if sku not in known:
            raise UnknownSkuError(sku, known)
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidAmountError(
                units, f"is not a whole number of units of {shown(sku)}; pass an int"
            )
        if units < 0:
            raise InvalidAmountError(
                units, f"is a negative number of units of {shown(sku)}; pass 0 or more"
            )
        count(units, f"returned_lines[{shown(sku)}]")  # within range, for the messages
        indexes = [i for i, line in enumerate(order.lines) if line.sku == sku]
        bought = sum(order.lines[i].quantity for i in indexes)
        returned = sum(before[i] for i in indexes)
        if units > bought - returned:
            raise ExcessReturnError(sku, bought, returned, units)
        left = units
        for index in indexes:
            take = min(left, order.lines[index].quantity - before[index])
            now[index] = take
            left -= take
    return now


def _refund_line(index: int, line: QuoteLine, before: int, after: int) -> RefundLine:
    quantity = line.quantity

    def share(total: Money) -> Money:
        return _first(total, quantity, after) - _first(total, quantity, before)

    gross, tax = share(line.gross), share(line.tax)
    return RefundLine(
        index, line.sku, after - before, share(line.discount), gross - tax, tax, gross
    )


def _points_earned(value: object, previous: Sequence[Refund]) -> int:
    """The order's points, checked: a whole number, the same as earlier refunds had."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAmountError(
            value,
            "is not a whole number of points; pass the int points the order earned "
            "(Earned.points, or the order's lot's points)",
        )
    if value < 0:
        raise InvalidAmountError(
            value, "is a negative number of points earned; pass 0 or more"
        )
    count(value, "points_earned", unit="points")  # within range, for the messages
    for earlier in previous:
        if earlier.points_earned != value:
            raise RefundMismatchError(
                f"a previous refund reversed points of an order that earned "
                f"{earlier.points_earned}, not {value}"
            )
    return value


def _net_returned(order: Quote, units: Sequence[int]) -> Money:
    """The goods' net value of the first ``units`` of each line, as refunds share it."""
    currency = order.currency
    parts = [
        _first(line.gross, line.quantity, n) - _first(line.tax, line.quantity, n)
        for line, n in zip(order.lines, units, strict=True)
    ]
    return sum_money(parts, currency)


def _points_share(order: Quote, earned: int, after: Sequence[int]) -> tuple[int, str]:
    """The earned points due back once ``after`` units are returned, and on what basis.

    The share is by the goods' net value, the usual basis points are earned on (see
    ``EarnBasis``). Under another basis, or category multipliers, the goods earned in
    other proportions and a partial share is an approximation; the whole is exact
    whatever the rule. An order whose goods are all free (its points came from a
    fixed bonus) is shared by units instead, so its points still go back with them.
    """
    whole = sum_money([line.net for line in order.lines], order.currency)
    if whole.amount > 0:
        share = Fraction(_net_returned(order, after).amount) / Fraction(whole.amount)
        basis = f"the goods' net value {whole}"
    else:
        share = Fraction(sum(after), sum(line.quantity for line in order.lines))
        basis = f"the {sum(line.quantity for line in order.lines)} units bought"
    due = share * earned
    # Down: a partial return takes back only the whole points its goods earned; the
    # fractions go back with the last return, when the share is exactly 1.
    return due.numerator // due.denominator, basis  # a share of zero or more


@context_free
def refund(
    quote: Quote,
    returned_lines: Mapping[str, int],
    policy: RefundPolicy,
    *,
    previous: Sequence[Refund] = (),
    points_earned: int = 0,
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
        commercekit.errors.InvalidAmountError: 37.0 is not a whole number of points; ...
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
    currency = quote.currency
    previous = _previous(previous)
    before = _units_before(quote, previous)
    earned = _points_earned(points_earned, previous)
    now = _units_now(quote, returned_lines, before)
    after = [b + n for b, n in zip(before, now, strict=True)]
    zero = quote.grand_total * 0
    notes: list[str] = []

    lines = [
        _refund_line(index, line, before[index], after[index])
        for index, line in enumerate(quote.lines)
        if now[index]
    ]
    for item in lines:
        bought = quote.lines[item.line].quantity
        notes.append(
            f"{item.sku}: {item.units} of {bought} returned "
            f"({before[item.line]} before): {item.gross} incl. tax {item.tax}, "
            f"after its {item.discount} share of discounts"
        )

    shipping, shipping_tax = _shipping(quote, policy, previous, after, notes)
    border = _border(quote, policy, before, after, notes)

    goods = sum_money([line.gross for line in lines], currency)
    fee = zero
    if policy.restocking_percent:
        fee = min(
            percent_of(goods, policy.restocking_percent, mode=RoundingMode.HALF_UP),
            goods + shipping + border,
        )
        notes.append(
            f"restocking fee: {policy.restocking_percent} % of {goods}, half-up: {fee}"
        )

    points = 0
    if earned:
        reversed_before = sum(earlier.points_to_reverse for earlier in previous)
        due, basis = _points_share(quote, earned, after)
        # Never below zero, so the running total is the highest share due so far: at
        # most the points earned, and exactly them once everything is back.
        points = max(due - reversed_before, 0)
        notes.append(
            f"loyalty: {points} of the {earned} points earned reversed: {due} due for "
            f"what is back so far, as a share of {basis} rounded down, less "
            f"{reversed_before} reversed before"
        )

    result = Refund(
        quote.grand_total,
        tuple(lines),
        shipping,
        shipping_tax,
        border,
        fee,
        earned,
        points,
        tuple(notes),
    )
    notes.append(f"total refunded: {result.total} of {quote.grand_total} paid")
    return attrs.evolve(result, explanation=tuple(notes))


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
        back += _first(share, line.quantity, now) - _first(share, line.quantity, was)
    notes.append(f"border charges refunded: {back}")
    return back


# Directive 2011/83/EU applies in the EEA: the EU member states and these three
# (EEA Agreement, Annex XIX, as amended by EEA Joint Committee Decision No 181/2015).
_EEA_NOT_EU = frozenset({"IS", "LI", "NO"})

_DIRECTIVE_APPLIES = date(2014, 6, 13)
"""The day from which Directive 2011/83/EU applies (Art. 28(2)): a delivery before it
belongs to a contract under the earlier Distance Selling Directive 97/7/EC."""

_LAST_DELIVERY = date(9999, 11, 30)
"""The last delivery whose deadline (14 days, then the next working day) still falls
within the calendar ``datetime.date`` can hold."""


@context_free
def withdrawal_deadline(
    delivered_on: date, *, country: str, subdivision: str | None = None
) -> date:
    """The last day a consumer may withdraw from a distance sale of goods.

    The withdrawal period is 14 days and, for a sale of goods, starts the day after the
    consumer (or a third party they named, not the carrier) acquires physical
    possession of the goods; for several goods delivered separately, of the last one
    (Directive 2011/83/EU, Art. 9(1) and 9(2)(b); the day of delivery itself does not
    count, Regulation 1182/71 Art. 3(1)). If the 14th day is a public holiday, a
    Saturday or a Sunday, the period ends at the end of the following working day
    (Regulation (EEC, Euratom) No 1182/71, Art. 3(4)). Public holidays are those of
    the consumer's ``country`` (and ``subdivision``, where holidays differ by region),
    from the ``holidays`` library.

    The consumer has withdrawn in time if they send their statement before the end of
    the returned day (Art. 11(2)).

    The Directive applies to contracts concluded after 13 June 2014 (Art. 28(2)); an
    earlier delivery, whose contract fell under Directive 97/7/EC, has no rule here.

    Examples:
        >>> withdrawal_deadline(date(2026, 11, 26), country="NL")  # 14th day a Thursday
        datetime.date(2026, 12, 10)
        >>> withdrawal_deadline(date(2026, 11, 28), country="NL")  # Sat. -> Monday
        datetime.date(2026, 12, 14)
        >>> # Fri. 25 Dec. is Christmas, Sat. 26 Boxing Day, then Sunday: Monday 28 Dec.
        >>> withdrawal_deadline(date(2026, 12, 11), country="NL")
        datetime.date(2026, 12, 28)
        >>> # 4 June 2026 is Corpus Christi in Bavaria, not in Berlin
        >>> withdrawal_deadline(date(2026, 5, 21), country="DE", subdivision="BY")
        datetime.date(2026, 6, 5)
        >>> withdrawal_deadline(date(2026, 5, 21), country="DE", subdivision="BE")
        datetime.date(2026, 6, 4)
        >>> withdrawal_deadline(date(2026, 11, 26), country="US")
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for the EU right of withdrawal in US on ...
        >>> withdrawal_deadline(date(2014, 6, 1), country="NL")
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for the EU right of withdrawal in NL ...
    """
    if isinstance(delivered_on, datetime) or not isinstance(delivered_on, date):
        raise InvalidAmountError(
            delivered_on,
            "is not a date; pass the day of delivery as a datetime.date (a datetime "
            "would leave open in which time zone the day is counted)",
        )
    code = check_country(country)
    region = optional_label(subdivision, "subdivision")
    if not _DIRECTIVE_APPLIES <= delivered_on <= _LAST_DELIVERY:
        raise NoRuleError(
            f"the EU right of withdrawal in {code}",
            delivered_on,
            f"deliveries from {_DIRECTIVE_APPLIES.isoformat()} (Directive 2011/83/EU "
            f"applies to contracts concluded after 13 June 2014, Art. 28(2)) to "
            f"{_LAST_DELIVERY.isoformat()} (the calendar ends on 9999-12-31)",
        )
    if code not in _EEA_NOT_EU and not is_eu_member(code, on=delivered_on):
        raise NoRuleError(
            f"the EU right of withdrawal in {code}",
            delivered_on,
            "consumers in the EU and EEA member states (Directive 2011/83/EU)",
        )
    return first_working_day(delivered_on + timedelta(days=14), code, subdivision=region)
