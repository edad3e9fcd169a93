"""Tax arithmetic: adding tax to net prices, extracting it from gross ones, invoices.

Two ways to show a price, and the tax works differently in each:

* **Tax-exclusive** (North America, B2B): the net price is given; tax is
  ``round(net x rate)`` and the gross is their sum.
* **Tax-inclusive** (consumer prices in the EU, UK, Australia …): the gross price is what
  the buyer sees and pays, and must stay exactly that; the tax inside it is
  ``round(gross x rate / (100 + rate))`` and the net is what is left.

Every rounding here names its mode and is exact: the ratio in a tax-inclusive price is
rounded as a fraction, never through a finite-precision division. A cart or an invoice
of several lines, and where its tax is rounded, is ``_invoice``'s.

Examples:
    >>> from datetime import date
    >>> from commercekit.money import Money
    >>> from commercekit.tax import rate_for
    >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
    >>> taxed = extract_tax(Money("119.00", "EUR"), vat)
    >>> taxed.net, taxed.tax, taxed.gross
    (Money('100.00', 'EUR'), Money('19.00', 'EUR'), Money('119.00', 'EUR'))
    >>> add_tax(Money("100.00", "EUR"), vat).gross
    Money('119.00', 'EUR')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, MIN_EXPONENT, context_free, named_at_the_door
from commercekit._trusted import trusted
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.money import (
    DEFAULT_ROUNDING,
    MINOR_UNITS,
    QUANTUM,
    Money,
    RoundingMode,
    allocate,
    decimal_rounding,
    make_money,
    require_money,
    round_money,
    round_ratio,
)
from commercekit.tax import _checks
from commercekit.tax._tax_rate import TaxRate

_SUBTRACT = EXACT.subtract

__all__ = [
    "TaxAmount",
    "Taxed",
    "add_tax",
    "extract_tax",
    "gross_price",
    "net_price",
]


@named_at_the_door
@attrs.frozen
class TaxAmount:
    """One tax on one base: the rate that applied, the base it applied to, the tax."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    rate: TaxRate = attrs.field(validator=_checks.instance_of(TaxRate))
    base: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    amount: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(self.base, self.amount, operation="tax")


def _tax_amounts(value: object) -> tuple[TaxAmount, ...]:
    return _checks.listed(value, TaxAmount, "taxes")


@named_at_the_door
@attrs.frozen
class Taxed:
    """An amount with its taxes; ``net + tax == gross`` always, to the minor unit."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    net: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    taxes: tuple[TaxAmount, ...] = attrs.field(converter=_tax_amounts)

    def __attrs_post_init__(self) -> None:
        _checks.one_currency(
            self.net, *(tax.amount for tax in self.taxes), operation="add the taxes to"
        )

    @property
    def tax(self) -> Money:
        """The sum of the taxes."""
        # sum_money's arithmetic, without its checks: every tax is in the net's
        # currency (checked when this was built).
        currency = self.net.currency
        total = make_money(QUANTUM[currency.code] * 0, currency)  # 0.00 for EUR
        for tax in self.taxes:
            total = total + tax.amount
        return total

    @property
    def gross(self) -> Money:
        """What the buyer pays: net plus tax."""
        return self.net + self.tax


def _rates(rates: TaxRate | Sequence[TaxRate]) -> tuple[TaxRate, ...]:
    if isinstance(rates, TaxRate):
        return (rates,)
    found = tuple(rates) if isinstance(rates, list | tuple) else ()
    if not found or not all(isinstance(rate, TaxRate) for rate in found):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            rates, "is not a TaxRate or a list of them; get one from rate_for()"
        )
    return found


def _mode(value: object) -> RoundingMode:
    return _checks.choice(value, RoundingMode, "mode")


def _exclusive_taxes(
    net: Money, rates: tuple[TaxRate, ...], mode: RoundingMode
) -> tuple[TaxAmount, ...]:
    return tuple(
        trusted(
            TaxAmount,
            rate=rate,
            base=net,
            amount=round_money(net * rate.fraction, mode=mode),
        )
        for rate in rates
    )


def rate_ratio(rates: tuple[TaxRate, ...]) -> tuple[int, int]:
    """The rates' total percentage as an exact fraction (numerator, denominator)."""
    total = rates[0].rate if len(rates) == 1 else sum(rate.rate for rate in rates)
    return total.as_integer_ratio()


def _part_of_gross(
    gross: Money,
    rates: tuple[TaxRate, ...],
    part: Literal["tax", "net"],
    exponent: int,
    mode: RoundingMode,
) -> Money:
    """The ``"tax"`` (x R / (100 + R)) or ``"net"`` (x 100 / (100 + R)) inside ``gross``."""
    amount = share_of_gross(gross.amount, rate_ratio(rates), part, exponent, mode)
    return make_money(amount, gross.currency)


def share_of_gross(
    gross: Decimal,
    ratio: tuple[int, int],
    part: Literal["tax", "net"],
    exponent: int,
    mode: RoundingMode,
) -> Decimal:
    """``_part_of_gross`` of a checked amount, at the rates' ``rate_ratio``.

    Computed in integers from the exact ratios of the amounts, then rounded once to
    ``exponent`` decimals: no finite-precision division, so no double rounding.
    """
    rate_num, rate_den = ratio
    gross_num, gross_den = gross.as_integer_ratio()
    share = rate_num if part == "tax" else 100 * rate_den
    units = round_ratio(
        gross_num * share * 10**exponent, gross_den * (100 * rate_den + rate_num), mode
    )
    return Decimal(units).scaleb(-exponent, EXACT)


def _inclusive_tax(gross: Money, rates: tuple[TaxRate, ...], mode: RoundingMode) -> Money:
    """The tax inside ``gross``: gross x R / (100 + R), rounded to the minor unit."""
    return _part_of_gross(gross, rates, "tax", MINOR_UNITS[gross.currency.code], mode)


def _split_tax(
    total: Money, base: Money, rates: tuple[TaxRate, ...]
) -> tuple[TaxAmount, ...]:
    """Share one tax amount between the taxes in proportion to their rates."""
    if len(rates) == 1:
        return (trusted(TaxAmount, rate=rates[0], base=base, amount=total),)
    weights = [rate.rate for rate in rates]
    if not any(weights):
        weights = [Decimal(1)] * len(rates)
    parts = allocate(total, weights)
    return tuple(
        trusted(TaxAmount, rate=rate, base=base, amount=part)
        for rate, part in zip(rates, parts, strict=True)
    )


Parts = tuple[Money, tuple[TaxAmount, ...]]
"""A net amount and its taxes: a ``Taxed`` (or an invoice's ``LineTax``) not yet built."""


def added(net: Money, rates: tuple[TaxRate, ...], mode: RoundingMode) -> Parts:
    """``add_tax`` on checked values (the library's own: an invoice's lines)."""
    return net, _exclusive_taxes(net, rates, mode)


def added_together(net: Money, rates: tuple[TaxRate, ...], mode: RoundingMode) -> Parts:
    """``added`` with the taxes rounded together: ``net`` x their combined rate rounded
    once with ``mode``, then shared between the taxes in proportion to their rates
    (``allocate``: a leftover cent goes to the largest remainder), so the taxes shown
    add up to the tax at the combined rate (SSUTA s. 324(B): the rounding rule applied
    to the aggregated state and local taxes)."""
    if len(rates) == 1:
        return added(net, rates, mode)
    combined = sum((rate.fraction for rate in rates), Decimal(0))
    return net, _split_tax(round_money(net * combined, mode=mode), net, rates)


def extracted(gross: Money, rates: tuple[TaxRate, ...], mode: RoundingMode) -> Parts:
    """``extract_tax`` on checked values (the library's own: an invoice's lines)."""
    if len(rates) > 1:
        return on_one_base(gross, rates, mode)
    return _shared(gross, rates, mode)


def _shared(gross: Money, rates: tuple[TaxRate, ...], mode: RoundingMode) -> Parts:
    """The tax inside ``gross`` rounded once, shared between the rates in proportion."""
    tax = _inclusive_tax(gross, rates, mode)
    net = gross - tax
    return net, _split_tax(tax, net, rates)


def on_one_base(gross: Money, rates: tuple[TaxRate, ...], mode: RoundingMode) -> Parts:
    """Several taxes levied on one taxable value inside ``gross`` (CGST + SGST, GST +
    QST): the value is extracted once, gross x 100 / (100 + R) rounded with ``mode``;
    each tax is its own rate of that value, rounded with ``mode``, so taxes at equal
    rates are equal; the taxable value shown is ``gross`` less the taxes, so that they
    add up to ``gross`` exactly (rounded to the nearest, at the bundled rates, it
    differs from the value extracted by at most one minor unit). Where the taxes so
    rounded would exceed ``gross`` (a minor unit or two, rounded up), the tax is
    rounded once and shared."""
    currency = gross.currency
    exponent = MINOR_UNITS[currency.code]
    value = share_of_gross(gross.amount, rate_ratio(rates), "net", exponent, mode)
    quantum = QUANTUM[currency.code]
    rounding = decimal_rounding(mode)
    amounts = [
        EXACT.multiply(value, rate.fraction).quantize(quantum, rounding, EXACT)
        for rate in rates
    ]
    left = _SUBTRACT(gross.amount, sum(amounts, Decimal(0)))
    if left < 0:
        return _shared(gross, rates, mode)
    net = make_money(left, currency)
    return net, tuple(
        trusted(TaxAmount, rate=rate, base=net, amount=make_money(amount, currency))
        for rate, amount in zip(rates, amounts, strict=True)
    )


def beyond_money(amount: Decimal) -> bool:
    """Whether ``make_money`` refuses ``amount`` (finite): its leading digit outside
    Money's range, as a product of checked amounts can be. What is computed from such
    an amount is left to the Money arithmetic it met before."""
    return bool(amount) and not MIN_EXPONENT <= amount.adjusted() < 18  # below 10^18


def any_beyond_money(amounts: Sequence[Decimal]) -> bool:
    """Whether ``beyond_money`` holds for any of ``amounts``: the leading digits of
    those not zero, at their extremes."""
    found = list(map(Decimal.adjusted, filter(None, amounts)))
    return bool(found) and not (min(found) >= MIN_EXPONENT and max(found) < 18)


@context_free
def add_tax(
    net: Money, rates: TaxRate | Sequence[TaxRate], *, mode: RoundingMode = DEFAULT_ROUNDING
) -> Taxed:
    """Tax-exclusive: the tax on ``net`` for each rate, rounded with ``mode``.

    Several rates (GST and PST) are each applied to the same net and shown separately.

    Examples:
        >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
        >>> add_tax(Money("10.00", "EUR"), vat).taxes[0].amount
        Money('1.90', 'EUR')
    """
    net, taxes = added(_checks.amount(net, "net"), _rates(rates), _mode(mode))
    return trusted(Taxed, net=net, taxes=taxes)


@context_free
def extract_tax(
    gross: Money,
    rates: TaxRate | Sequence[TaxRate],
    *,
    mode: RoundingMode = DEFAULT_ROUNDING,
) -> Taxed:
    """Tax-inclusive: the tax inside ``gross``; the gross stays exactly as shown.

    One rate: the tax is gross x R / (100 + R), rounded once with ``mode``. Several
    rates on one base (CGST + SGST, GST + QST): the taxable value is extracted once,
    gross x 100 / (100 + R) rounded with ``mode``, each tax is its own rate of it,
    rounded with ``mode`` (CGST Act 2017 s. 9(1) and the State Acts levy each half on
    the same value), and ``net`` is the gross less the taxes.

    Examples:
        >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
        >>> taxed = extract_tax(Money("9.99", "EUR"), vat)
        >>> taxed.net, taxed.tax
        (Money('8.39', 'EUR'), Money('1.60', 'EUR'))
    """
    net, taxes = extracted(_checks.amount(gross, "gross"), _rates(rates), _mode(mode))
    return trusted(Taxed, net=net, taxes=taxes)


@context_free
def net_price(
    gross: Money, rates: TaxRate | Sequence[TaxRate], *, extra_digits: int = 4
) -> Money:
    """The net price behind a tax-inclusive price, kept to ``extra_digits`` more places.

    A net price rounded to cents cannot always give back the gross it came from (2 cents
    at 25 % is 1.6 cents net). Kept to four more decimals than the currency, it always
    does: [`gross_price`][commercekit.tax.gross_price] of the result is ``gross`` again.

    Examples:
        >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
        >>> net_price(Money("9.99", "EUR"), vat)
        Money('8.394958', 'EUR')
        >>> gross_price(net_price(Money("9.99", "EUR"), vat), vat)
        Money('9.99', 'EUR')
    """
    gross = _checks.amount(gross, "gross")
    found = _rates(rates)
    places = MINOR_UNITS[gross.currency.code]
    extra = checks.whole(
        extra_digits, "extra_digits", invalid, unit="digits", maximum=-MIN_EXPONENT - places
    )
    exponent = places + extra
    return _part_of_gross(gross, found, "net", exponent, RoundingMode.HALF_EVEN)


@context_free
def gross_price(
    net: Money, rates: TaxRate | Sequence[TaxRate], *, mode: RoundingMode = DEFAULT_ROUNDING
) -> Money:
    """The tax-inclusive price for a net price: net x (1 + rates), rounded once.

    Examples:
        >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
        >>> gross_price(Money("8.40", "EUR"), vat)
        Money('10.00', 'EUR')
    """
    net = _checks.amount(net, "net")
    found = _rates(rates)
    mode = _mode(mode)
    total_rate = sum((rate.rate for rate in found), Decimal(0))
    factor = EXACT.add(Decimal(1), total_rate.scaleb(-2, EXACT))
    return round_money(net * factor, mode=mode)
