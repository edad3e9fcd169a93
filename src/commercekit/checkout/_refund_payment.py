"""The payment on a refund: the surcharge that goes back, and what the provider keeps.

**The surcharge goes back with the goods, in proportion.** A card surcharge is part of
the price of the goods (CJEU C-276/09 *Everything Everywhere*; Directive 2006/112/EC
Art. 78(b)), so when goods are returned the part of it paid for them is returned too,
as the goods' price is: a consumer who withdraws is owed "all payments received"
(Directive 2011/83/EU Art. 13(1)), and the taxable amount, with the VAT in the
surcharge, is reduced with the refund (Directive 2006/112/EC Art. 90(1)). Unlike the
shipping (a service delivered, which the shop's policy may keep until the whole order
comes back, as Art. 13(1) allows for delivery costs), the surcharge is no separate
charge the policy can keep. **Its VAT is reversed at the rates it was charged at**
(Art. 90(1) reduces the taxable amount of the supply it was part of): the quote split
the surcharge over the groups of lines taxed alike in proportion to their amounts and
taxed each part at its group's rates, so each line carries the part taxed with it and
the tax in that part (``RefundLine.surcharge`` and ``surcharge_tax``), never a share of
another rate's tax. The units returned take their share of the line's part exactly as
they take the line's price: cumulatively, by [`split`][commercekit.money.split]. The
net and the tax are shared apart and added, so no refund returns more tax than
surcharge, and all refunds of the whole order return exactly the surcharge and its
tax, rate by rate.

**What the provider keeps.** Where the quote priced the payment, each refund carries
the [`RefundCost`][commercekit.payments.RefundCost] of the amount it returns
([`refund_cost`][commercekit.payments.refund_cost]): the payment's original fee where
the schedule keeps it on a refund, reported once, on the first refund of the order (0,
with why, on later ones, so the refunds' costs add up to what the provider keeps), and
the schedule's fee for the refund itself. Where the schedule returns the fee,
commercekit takes it to come back in proportion to the amount refunded and says so
(see [`refund_cost`][commercekit.payments.refund_cost]). A schedule that gives no refund fee
(the bundled Stripe and Mollie examples give none) raises
[`MissingPaymentCostError`][commercekit.errors.MissingPaymentCostError], unless the
caller asked for a partial refund (``partial=True``): the provider's keep is then left
out and listed in ``Refund.missing``.

References:
    * Directive 2011/83/EU Art. 13(1): https://eur-lex.europa.eu/eli/dir/2011/83/oj
    * Directive 2006/112/EC Art. 78 and 90(1): https://eur-lex.europa.eu/eli/dir/2006/112/oj
    * CJEU, C-276/09 Everything Everywhere:
      https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62009CJ0276
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from commercekit.checkout._model import Quote
from commercekit.checkout._quote_payment import SurchargeRow, surcharge_rows
from commercekit.checkout._quote_taxes import split_over_rates, value_weights
from commercekit.checkout._refund_result import RefundLine
from commercekit.checkout._returned_units import first_parts
from commercekit.errors import MissingPaymentCostError
from commercekit.money import Money, allocate, sum_money
from commercekit.payments import RefundCost, refund_cost
from commercekit.tax import TaxRate, extract_tax

__all__ = ["provider_keeps", "surcharge_back"]


def _key(rates: Sequence[TaxRate]) -> tuple[tuple[str, Decimal, str], ...]:
    """What makes lines taxed alike: each rate's tax, percentage and kind."""
    return tuple((rate.tax, rate.rate, str(rate.kind)) for rate in rates)


def _weights(quote: Quote, rows: Sequence[SurchargeRow]) -> list[Decimal]:
    """The rows' nets (after discount) as weights; where all are zero, their values
    before discount, as the quote split it (``value_weights``); where those are all
    zero too, their lines' units."""
    found = value_weights([r.net.amount for r in rows], [r.before.amount for r in rows])
    return found or [Decimal(quote.lines[r.line].quantity) for r in rows]


def _line_shares(quote: Quote) -> list[tuple[Money, Money]]:
    """Each quote line's share of the surcharge: its gross, and the tax in it at the
    line's own rates (zeros where the order paid no surcharge).

    The quote split the surcharge over the groups of lines (or parts of a line taxed
    in parts, ``QuoteLine.parts``) taxed alike, in proportion to their amounts after
    discount (``split_over_rates`` over ``surcharge_rows``), and taxed each group's
    part at that group's rates; a group without rates (lines a partial quote left
    untaxed) took its part untaxed. Each group's tax is that part's tax at its rates
    (``extract_tax``), the quote's rounded surcharge tax shared over the groups in
    proportion to it so that the groups add up to it exactly (the quote may have
    rounded per invoice). Within a group, each row takes the group's part and tax in
    proportion to its amount after discount, by ``allocate``; a line's share is the
    sum of its rows'.
    """
    surcharge = quote.surcharge
    zero = quote.grand_total * 0
    shares = [(zero, zero)] * len(quote.lines)
    if surcharge is None or not surcharge.gross.amount:
        return shares
    rows = surcharge_rows(quote.lines)
    untaxed: list[Money] = []
    parts = [
        (part.price, part.rates)
        for part in split_over_rates(
            surcharge.gross,
            [row.rates for row in rows],
            [row.net for row in rows],
            before=[row.before for row in rows],
            description="surcharge",
            untaxed=untaxed,
        )
    ] + [(share, ()) for share in untaxed]
    exact = [
        extract_tax(price, rates).tax.amount if rates else Decimal(0)
        for price, rates in parts
    ]
    taxes = allocate(surcharge.tax, exact) if any(exact) else [zero] * len(parts)
    for (price, rates), tax in zip(parts, taxes, strict=True):
        members = [row for row in rows if _key(row.rates) == _key(rates)]
        weights = _weights(quote, members)
        for row, gross, share_tax in zip(
            members, allocate(price, weights), allocate(tax, weights), strict=True
        ):
            was_gross, was_tax = shares[row.line]
            shares[row.line] = (was_gross + gross, was_tax + share_tax)
    return shares


def surcharge_back(
    quote: Quote,
    lines: tuple[RefundLine, ...],
    before: Sequence[int],
    after: Sequence[int],
    notes: list[str],
) -> tuple[tuple[RefundLine, ...], Money | None, Money | None]:
    """The refund lines with their share of the surcharge, and the surcharge (gross)
    and its tax refunded now; the lines as given and ``None`` where the order paid no
    surcharge. A line's share is refunded unit by unit, its net and its tax apart and
    added, so no refund returns more tax than surcharge."""
    surcharge = quote.surcharge
    if surcharge is None:
        return lines, None, None
    shares = _line_shares(quote)
    backed = []
    for item in lines:
        gross, tax = shares[item.line]
        was, now = before[item.line], after[item.line]
        quantity = quote.lines[item.line].quantity
        tax_back = first_parts(tax, quantity, now) - first_parts(tax, quantity, was)
        net_back = first_parts(gross - tax, quantity, now) - first_parts(
            gross - tax, quantity, was
        )
        backed.append(
            attrs.evolve(item, surcharge=net_back + tax_back, surcharge_tax=tax_back)
        )
        rates = ", ".join(
            f"{rate.tax} {rate.rate} %" for rate in quote.lines[item.line].rates
        )
        notes.append(
            f"{item.sku}: its share of the payment surcharge, {net_back + tax_back} "
            f"(incl. tax {tax_back}{' at ' + rates if rates else ''})"
        )
    currency = quote.currency
    gross_back = sum_money([line.surcharge for line in backed if line.surcharge], currency)
    tax_back = sum_money(
        [line.surcharge_tax for line in backed if line.surcharge_tax], currency
    )
    notes.append(
        f"payment surcharge refunded with the goods: {gross_back} (incl. tax "
        f"{tax_back}) of {surcharge.gross}"
    )
    return tuple(backed), gross_back, tax_back


def provider_keeps(
    quote: Quote,
    refunded: Money,
    before: Money,
    *,
    partial: bool,
    missing: list[str],
    notes: list[str],
) -> RefundCost | None:
    """What the payment provider keeps when ``refunded`` goes back to the buyer after
    earlier refunds returned ``before`` (the payment's fee is counted once); ``None``
    where the quote priced no payment, or (partial) the schedule lacks it."""
    payment = quote.payment
    if payment is None:
        return None
    try:
        kept = refund_cost(payment.cost, refunded, refunded_before=before)
    except MissingPaymentCostError as lacking:
        if not partial:
            raise
        missing.extend(f"{item}: {lacking.how}" for item in lacking.missing)
        notes.append(
            "what the payment provider keeps is left out (partial): "
            + "; ".join(lacking.missing)
        )
        return None
    notes.append(
        f"the payment provider keeps {kept.total} ({kept.kept_fee} of the payment's "
        f"fee, {kept.refund_fee} for the refund)"
    )
    return kept
