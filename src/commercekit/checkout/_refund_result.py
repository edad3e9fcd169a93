"""What one refund gives back: per line, shipping, border charges, fee and points.

A [`Refund`][commercekit.checkout.Refund] keeps the amounts refunded now, each gross,
and derives the rest (the goods, the tax reversed, the total). It also keeps what the
order paid and the points it earned, so that a later refund of the same order can check
it belongs to it, and, where the order's payment was priced, what the payment provider
keeps. A [`RefundLine`][commercekit.checkout.RefundLine] is what goes back
for some units of one quote line; on every line ``net + tax == gross``.
"""

from __future__ import annotations

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.checkout._checks import (
    adds_up,
    amount,
    count,
    error,
    instance,
    lines_of_text,
    many,
    same_currency,
)
from commercekit.checkout._model import _discount, _gross, _net, _sku, _tax
from commercekit.money import Money, sum_money
from commercekit.payments import RefundCost

__all__ = ["Refund", "RefundLine"]


def _line_index(value: object) -> int:
    return count(value, "line", unit="lines")


def _units(value: object) -> int:
    return count(value, "units", positive=True)


def _line_surcharge(value: object) -> Money | None:
    return None if value is None else amount(value, "surcharge")


def _line_surcharge_tax(value: object) -> Money | None:
    return None if value is None else amount(value, "surcharge_tax")


@named_at_the_door
@attrs.frozen
class RefundLine:
    """What goes back for ``units`` units of one quote line.

    ``line`` is the line's position in ``quote.lines`` (a SKU may sit on several
    lines). ``discount`` is the share of the line's discounts these units had: it was
    never paid, so it is not refunded. ``net + tax == gross``. Where the order paid a
    payment surcharge, ``surcharge`` is these units' share of it (gross) and
    ``surcharge_tax`` the VAT in that share, at the line's own ``rates`` (the rates
    it was charged at); both are ``None`` otherwise.

    Examples:
        >>> eur = lambda amount: Money(amount, "EUR")
        >>> RefundLine(0, "MUG", 1, eur("1.00"), eur("8.26"), eur("1.74"), eur("10.00"))
        ... # doctest: +ELLIPSIS
        RefundLine(line=0, sku='MUG', units=1, discount=Money('1.00', 'EUR'), ...)
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    line: int = attrs.field(converter=_line_index)
    sku: str = attrs.field(converter=_sku)
    units: int = attrs.field(converter=_units)
    discount: Money = attrs.field(converter=_discount)
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)
    surcharge: Money | None = attrs.field(default=None, converter=_line_surcharge)
    surcharge_tax: Money | None = attrs.field(default=None, converter=_line_surcharge_tax)

    def __attrs_post_init__(self) -> None:
        amounts = {"discount": self.discount, "net": self.net, "tax": self.tax}
        if self.surcharge is not None:
            amounts["surcharge"] = self.surcharge
        if self.surcharge_tax is not None:
            amounts["surcharge_tax"] = self.surcharge_tax
        same_currency(self.gross.currency.code, amounts, "refund line")
        adds_up(self.net, self.tax, self.gross, "refund line")
        if (self.surcharge is None) != (self.surcharge_tax is None):
            raise error(
                "surcharge_tax", self.surcharge_tax, "is given exactly when surcharge is"
            )
        if self.surcharge_tax is not None and self.surcharge_tax > self.surcharge:
            raise error(
                "surcharge_tax",
                self.surcharge_tax,
                f"is more than the line's surcharge {self.surcharge}",
            )


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


def _surcharge_refunded(value: object) -> Money | None:
    return None if value is None else amount(value, "surcharge")


def _surcharge_tax(value: object) -> Money | None:
    return None if value is None else amount(value, "surcharge_tax")


def _payment_cost(value: object) -> RefundCost | None:
    return None if value is None else instance(value, RefundCost, "payment_cost")


def _shipping_deducted(value: object) -> Money | None:
    return None if value is None else amount(value, "shipping_deducted")


def _shipping_deducted_tax(value: object) -> Money | None:
    return None if value is None else amount(value, "shipping_deducted_tax")


def _missing(value: object) -> tuple[str, ...]:
    return lines_of_text(value, "missing")


@named_at_the_door
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
    ``points_returned`` when it is not 0). ``shipping_deducted`` is the shipping a
    free-shipping threshold waived that this refund keeps back, by the policy's
    ``below_threshold`` rule: the promotion's shipping discount as the checkout
    showed it (with tax where prices include it, without where they do not); ``None``
    where the order keeps every threshold it reached, or no policy applied to it.
    ``shipping_deducted_tax`` is the VAT/GST inside ``shipping_deducted``, which the
    refund keeps: ``tax`` is the returned lines', shipping's and surcharge's less it.
    A restocking fee's VAT is not taken out: ``tax`` is reversed as if it were not kept.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.checkout import CheckoutContext, Product, quote
        >>> from commercekit.checkout import RefundPolicy, refund
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

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    paid: Money = attrs.field(converter=_paid)
    lines: tuple[RefundLine, ...] = attrs.field(converter=_refund_lines)
    shipping: Money = attrs.field(converter=_shipping_refunded)
    shipping_tax: Money = attrs.field(converter=_shipping_tax)
    border: Money = attrs.field(converter=_border_refunded)
    restocking_fee: Money = attrs.field(converter=_restocking_fee)
    points_earned: int = attrs.field(converter=_points_earned_field)
    points_to_reverse: int = attrs.field(converter=_points_to_reverse)
    explanation: tuple[str, ...] = attrs.field(converter=_explanation)
    surcharge: Money | None = attrs.field(default=None, converter=_surcharge_refunded)
    surcharge_tax: Money | None = attrs.field(default=None, converter=_surcharge_tax)
    payment_cost: RefundCost | None = attrs.field(default=None, converter=_payment_cost)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_missing)
    shipping_deducted: Money | None = attrs.field(
        default=None, converter=_shipping_deducted
    )
    shipping_deducted_tax: Money | None = attrs.field(
        default=None, converter=_shipping_deducted_tax
    )

    def __attrs_post_init__(self) -> None:
        amounts = {f"lines[{i}]": line.gross for i, line in enumerate(self.lines)}
        amounts.update(
            shipping=self.shipping,
            shipping_tax=self.shipping_tax,
            border=self.border,
            restocking_fee=self.restocking_fee,
        )
        if self.surcharge is not None:
            amounts["surcharge"] = self.surcharge
        if self.surcharge_tax is not None:
            amounts["surcharge_tax"] = self.surcharge_tax
        if self.payment_cost is not None:
            amounts["payment_cost"] = self.payment_cost.refunded
        if self.shipping_deducted is not None:
            amounts["shipping_deducted"] = self.shipping_deducted
        if self.shipping_deducted_tax is not None:
            amounts["shipping_deducted_tax"] = self.shipping_deducted_tax
        same_currency(self.currency, amounts, "refund")
        for charge, tax in (
            ("shipping", "shipping_tax"),
            ("surcharge", "surcharge_tax"),
            ("shipping_deducted", "shipping_deducted_tax"),
        ):
            self._check_tax(charge, tax)
        self._check_line_surcharges()
        if self.restocking_fee > self.goods + self._charges:
            raise error(
                "restocking_fee",
                self.restocking_fee,
                "is more than the goods, shipping, border charges and surcharge "
                "refunded; a fee never makes a refund negative",
            )
        if self._kept > self.goods + self._charges:
            raise error(
                "shipping_deducted",
                self.shipping_deducted,
                f"and the restocking fee {self.restocking_fee} are more than the goods, "
                "shipping, border charges and surcharge refunded; a refund never goes "
                "below zero",
            )
        if self.payment_cost is not None and self.payment_cost.refunded != self.total:
            raise error(
                "payment_cost",
                self.payment_cost.refunded,
                f"is the cost of refunding another amount than this refund's {self.total} "
                "(lines + shipping + border + surcharge - restocking_fee)",
            )
        if self.points_to_reverse > self.points_earned:
            raise error(
                "points_to_reverse",
                self.points_to_reverse,
                f"is more than the points_earned={self.points_earned} the order earned",
            )

    def _check_tax(self, charge: str, tax: str) -> None:
        """A charge's tax is given with it, and is at most the charge."""
        gross, vat = getattr(self, charge), getattr(self, tax)
        if (gross is None) != (vat is None):
            raise error(tax, vat, f"is given exactly when {charge} is")
        if gross is not None and vat > gross:
            raise error(tax, vat, f"is more than the {charge} {gross}")

    def _check_line_surcharges(self) -> None:
        """Where the lines carry their surcharge shares, they add up to the refund's."""
        for total, part in (("surcharge", "surcharge"), ("surcharge_tax", "surcharge_tax")):
            found = [getattr(line, part) for line in self.lines]
            whole = getattr(self, total)
            if all(item is None for item in found):
                continue
            summed = sum_money([i for i in found if i is not None], self.currency)
            if whole is None or summed != whole:
                raise error(
                    total,
                    whole,
                    f"is not the lines' {part} added up ({summed})",
                )

    @property
    def _charges(self) -> Money:
        """The shipping, border charges and surcharge refunded."""
        total = self.shipping + self.border
        return total + self.surcharge if self.surcharge is not None else total

    @property
    def _kept(self) -> Money:
        """The restocking fee and any shipping deducted: kept back from the refund."""
        fee = self.restocking_fee
        return fee if self.shipping_deducted is None else fee + self.shipping_deducted

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
        """The VAT/GST reversed: the lines' tax, the shipping's and the surcharge's,
        less the VAT in the shipping deducted (negative where that is the more)."""
        parts = [line.tax for line in self.lines] + [self.shipping_tax]
        if self.surcharge_tax is not None:
            parts.append(self.surcharge_tax)
        reversed_ = sum_money(parts, self.currency)
        kept = self.shipping_deducted_tax
        return reversed_ if kept is None else reversed_ - kept

    @property
    def total(self) -> Money:
        """What goes back to the buyer: goods, shipping, border charges and surcharge,
        less the fee and any shipping deducted."""
        return self.goods + self._charges - self._kept
