"""What a checkout quote gives back: its lines, the shipping charge, the quote (what a
quote needs, the products and the context, is in ``_context``)."""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.checkout._checks import (
    MAX_TRANSIT_DAYS,
    adds_up,
    amount,
    choice,
    count,
    error,
    instance,
    label,
    lines_of_text,
    many,
    same_currency,
)
from commercekit.checkout._payment import PaymentSurcharge, QuotePayment
from commercekit.errors import InputKind
from commercekit.money import Money, sum_money, validate_currency
from commercekit.pricing import PromotionResult
from commercekit.shipping import DeliveryWindow, Incoterm
from commercekit.tax import LineTax, RateTotal, TaxDecision, TaxRate

if TYPE_CHECKING:
    from commercekit.shipping import LandedCost

__all__ = ["Quote", "QuoteLine", "ShippingCharge"]


def _at(value: object) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise error(
            "at",
            value,
            "is not a timezone-aware datetime; pass e.g. datetime(..., tzinfo=UTC)",
            kind=InputKind.DATE,
        )
    return value


def _sku(value: object) -> str:
    return label(value, "sku")


def _service(value: object) -> str:
    return label(value, "service")


def _quantity(value: object) -> int:
    return count(value, "quantity", positive=True)


def _position(value: object) -> int:
    return count(value, "position", unit="places in the cart")


def _unit_price(value: object) -> Money:
    return amount(value, "unit_price")


def _price(value: object) -> Money:
    return amount(value, "price")


def _amount(value: object) -> Money:
    return amount(value, "amount")


def _discount(value: object) -> Money:
    return amount(value, "discount")


def _net(value: object) -> Money:
    return amount(value, "net")


def _tax(value: object) -> Money:
    return amount(value, "tax")


def _gross(value: object) -> Money:
    return amount(value, "gross")


def _rates(value: object) -> tuple[TaxRate, ...]:
    return many(value, TaxRate, "rates")


def _parts(value: object) -> tuple[LineTax, ...]:
    return many(value, LineTax, "parts")


def _transit_days(value: object) -> tuple[int, int]:
    days = tuple(value) if isinstance(value, list | tuple) else ()
    if len(days) != 2:
        raise error(
            "transit_days",
            value,
            "is not a (min, max) transit time; pass two ints",
            kind=InputKind.LIST,
        )
    low = count(days[0], "transit_days[0]", unit="days", maximum=MAX_TRANSIT_DAYS)
    high = count(days[1], "transit_days[1]", unit="days", maximum=MAX_TRANSIT_DAYS)
    if low > high:
        raise error("transit_days", value, "has its minimum above its maximum")
    return low, high


def _delivery(value: object) -> DeliveryWindow | None:
    return None if value is None else instance(value, DeliveryWindow, "delivery")


@named_at_the_door
@attrs.frozen
class QuoteLine:
    """One cart line, priced: before and after discount, tax and gross.

    A quote lists its lines by SKU, so that no figure depends on the order of the cart;
    ``position`` is where the line stood in the cart as given (0-based), for showing the
    lines in the buyer's order. It is left out of equality: the same cart in another
    order gives equal lines.

    Every amount is money of zero or more in whole minor units of one currency; the
    discount is at most the amount, and ``net + tax == gross``.

    ``parts`` is empty where the whole line is taxed at ``rates``. Where the law taxes
    each item's price in parts (Massachusetts: the first USD 175 of each item of
    clothing exempt, the excess at 6.25 %), each part as taxed
    ([`LineTax`][commercekit.tax.LineTax]: its price per item, quantity, rates,
    discount and description, its net and tax); their nets add up to ``net`` and their
    taxes to ``tax``, and ``rates`` are theirs.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(converter=_sku)
    quantity: int = attrs.field(converter=_quantity)
    unit_price: Money = attrs.field(converter=_unit_price)
    amount: Money = attrs.field(converter=_amount)
    discount: Money = attrs.field(converter=_discount)
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_rates)
    position: int = attrs.field(eq=False, converter=_position)
    parts: tuple[LineTax, ...] = attrs.field(default=(), converter=_parts)
    """The line's parts taxed at their own rates (empty: taxed whole at ``rates``)."""

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.unit_price.currency.code,
            {
                "amount": self.amount,
                "discount": self.discount,
                "net": self.net,
                "tax": self.tax,
                "gross": self.gross,
            },
            "quote line",
        )
        if self.discount.amount > self.amount.amount:
            raise error(
                "discount", self.discount, f"is more than the line's amount {self.amount}"
            )
        adds_up(self.net, self.tax, self.gross, "quote line")
        if self.parts:
            self._check_parts()

    def _check_parts(self) -> None:
        """The parts add up to the line: nets, taxes and rates."""
        currency = self.net.currency.code
        for field, total in (("net", self.net), ("tax", self.tax)):
            summed = sum_money([getattr(part, field) for part in self.parts], currency)
            if summed != total:
                raise error(
                    "parts", summed, f"do not add up to the line's {field} ({total})"
                )
        rates = tuple(rate for part in self.parts for rate in part.line.rates)
        if rates != self.rates:
            raise error("rates", self.rates, "are not the rates of the line's parts")


@named_at_the_door
@attrs.frozen
class ShippingCharge:
    """The shipping the buyer pays, with the service, its tax and its delivery dates.

    Every amount is money of zero or more in whole minor units of one currency; the
    discount is at most the price, and ``net + tax == gross``. ``transit_days`` is the
    service's (min, max) in business days; ``delivery`` the dates the goods arrive
    between, when the checkout named the warehouse they leave from.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    service: str = attrs.field(converter=_service)
    price: Money = attrs.field(converter=_price)
    discount: Money = attrs.field(converter=_discount)
    net: Money = attrs.field(converter=_net)
    tax: Money = attrs.field(converter=_tax)
    gross: Money = attrs.field(converter=_gross)
    transit_days: tuple[int, int] = attrs.field(converter=_transit_days)
    delivery: DeliveryWindow | None = attrs.field(default=None, converter=_delivery)
    """The earliest and latest delivery dates, the dispatch date and the reasons
    (``delivery_window``), or ``None`` where the checkout named no warehouse."""

    def __attrs_post_init__(self) -> None:
        same_currency(
            self.price.currency.code,
            {
                "discount": self.discount,
                "net": self.net,
                "tax": self.tax,
                "gross": self.gross,
            },
            "shipping charge",
        )
        if self.discount.amount > self.price.amount:
            raise error(
                "discount", self.discount, f"is more than the shipping price {self.price}"
            )
        adds_up(self.net, self.tax, self.gross, "shipping charge")


def _currency(value: object) -> str:
    return validate_currency(label(value, "currency"))


_GROSS_CURRENCY = attrgetter("gross.currency.code")
_TAX = attrgetter("tax")


def _lines(value: object) -> tuple[QuoteLine, ...]:
    lines = many(value, QuoteLine, "lines")
    if not lines:
        raise error(
            "lines", value, "is empty; a quote has one line or more", kind=InputKind.LIST
        )
    return lines


def _shipping(value: object) -> ShippingCharge | None:
    return None if value is None else instance(value, ShippingCharge, "shipping")


def _tax_summary(value: object) -> tuple[RateTotal, ...]:
    return many(value, RateTotal, "tax_summary")


def _decision(value: object) -> TaxDecision:
    return instance(value, TaxDecision, "decision")


def _promotion_result(value: object) -> PromotionResult:
    return instance(value, PromotionResult, "promotions")


def _quote_incoterm(value: object) -> Incoterm:
    return choice(value, Incoterm, "incoterm")


def _landed(value: object) -> LandedCost | None:
    if value is None:
        return None
    from commercekit.shipping import LandedCost  # noqa: PLC0415  # across a customs border

    return instance(value, LandedCost, "landed")


def _collected(value: object) -> Money:
    return amount(value, "collected_border_charges")


def _due(value: object) -> Money:
    return amount(value, "due_at_delivery")


def _explanation(value: object) -> tuple[str, ...]:
    return lines_of_text(value, "explanation")


def _missing(value: object) -> tuple[str, ...]:
    return lines_of_text(value, "missing")


def _quote_payment(value: object) -> QuotePayment | None:
    return None if value is None else instance(value, QuotePayment, "payment")


@named_at_the_door
@attrs.frozen
class Quote:
    """The complete quote: lines, shipping, tax by rate, border charges, and why.

    ``grand_total`` is what the buyer pays at checkout: every line's gross, the
    shipping's gross, a lawful payment surcharge and, under DDP, the import duties and
    taxes the seller collects. ``due_at_delivery`` is what the buyer pays at the door
    under DAP/DDU. ``payment`` is what taking the payment of the grand total costs the
    merchant (not charged to the buyer), with any surcharge, where the context named
    the payment. Every amount is in ``currency``; every total is the sum of the parts
    shown (the tax summary adds up to ``tax``; the payment's cost is of the grand
    total, and a surcharge's of the total before it).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    currency: str = attrs.field(converter=_currency)
    at: datetime = attrs.field(converter=_at)
    lines: tuple[QuoteLine, ...] = attrs.field(converter=_lines)
    shipping: ShippingCharge | None = attrs.field(converter=_shipping)
    tax_summary: tuple[RateTotal, ...] = attrs.field(converter=_tax_summary)
    decision: TaxDecision = attrs.field(converter=_decision)
    promotions: PromotionResult = attrs.field(converter=_promotion_result)
    incoterm: Incoterm = attrs.field(converter=_quote_incoterm)
    landed: LandedCost | None = attrs.field(converter=_landed)
    collected_border_charges: Money = attrs.field(converter=_collected)
    due_at_delivery: Money = attrs.field(converter=_due)
    explanation: tuple[str, ...] = attrs.field(converter=_explanation)
    missing: tuple[str, ...] = attrs.field(default=(), converter=_missing)
    """What a partial quote could not compute (empty for a complete quote)."""
    payment: QuotePayment | None = attrs.field(default=None, converter=_quote_payment)
    """The payment's cost to the merchant and any surcharge (``None``: none priced)."""

    def __attrs_post_init__(self) -> None:
        if {*map(_GROSS_CURRENCY, self.lines)} != {self.currency}:
            for index, line in enumerate(self.lines):  # the first in another, named
                if line.gross.currency.code != self.currency:
                    same_currency(self.currency, {f"lines[{index}]": line.gross}, "quote")
        amounts = {}
        if self.shipping is not None:
            amounts["shipping"] = self.shipping.gross
        amounts["collected_border_charges"] = self.collected_border_charges
        amounts["due_at_delivery"] = self.due_at_delivery
        if self.payment is not None:
            amounts["payment.cost"] = self.payment.cost.total
        same_currency(self.currency, amounts, "quote")
        summed = sum_money([row.amount for row in self.tax_summary], self.currency)
        if summed != self.tax:
            raise error(
                "tax_summary",
                summed,
                f"does not add up to the tax of the lines, shipping and surcharge "
                f"({self.tax})",
            )
        self._check_payment()

    def _check_payment(self) -> None:
        """The payment's cost is of the grand total; a surcharge's of the rest."""
        payment = self.payment
        if payment is None:
            return
        total = self.grand_total
        if payment.cost.amount != total:
            raise error(
                "payment",
                payment.cost.amount,
                f"is the amount the payment's cost was worked out on, not the grand "
                f"total {total} (lines, shipping, the surcharge and "
                "collected_border_charges)",
            )
        surcharge = payment.surcharge
        if surcharge is not None and surcharge.cost.amount != total - surcharge.gross:
            raise error(
                "payment.surcharge",
                surcharge.cost.amount,
                f"is not the total before the surcharge ({total - surcharge.gross})",
            )

    @property
    def subtotal(self) -> Money:
        """The lines' gross amounts added up."""
        return sum_money([line.gross for line in self.lines], self.currency)

    @property
    def surcharge(self) -> PaymentSurcharge | None:
        """The payment surcharge the buyer pays, if one was lawfully charged."""
        return None if self.payment is None else self.payment.surcharge

    @property
    def tax(self) -> Money:
        """All VAT/GST charged at checkout (lines, shipping and surcharge)."""
        parts = list(map(_TAX, self.lines))
        parts += [charge.tax for charge in (self.shipping, self.surcharge) if charge]
        return sum_money(parts, self.currency)

    @property
    def grand_total(self) -> Money:
        """What the buyer pays at checkout: lines, shipping, surcharge and the border
        charges collected."""
        parts = [self.subtotal, self.collected_border_charges]
        parts += [charge.gross for charge in (self.shipping, self.surcharge) if charge]
        return sum_money(parts, self.currency)
