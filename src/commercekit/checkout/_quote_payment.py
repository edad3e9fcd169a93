"""The payment at checkout: what taking it costs the merchant, and a lawful surcharge.

With a payment in the context (``CheckoutContext.payment``, priced by
``payment_costs``), the quote reports what taking the payment of its grand total costs
the merchant: [`payment_cost`][commercekit.payments.payment_cost] of that total, by the
buyer's method, for a merchant in the seller's country, on the day of the quote. That
cost is **not charged to the buyer** and changes no total.

Unless the shop asks to pass it on (``Payment(surcharge=True)``). Then:

1. The surcharge is the merchant's cost of accepting the order's total before it (the
   lines, the shipping and the border charges collected), **VAT included**: what the
   buyer pays for it is never more than that cost, whatever the cart's price
   convention.
2. It is checked with [`check_surcharge`][commercekit.payments.check_surcharge] against
   the merchant's cost of the whole payment (the total with the surcharge), for a
   consumer or a business buyer (a buyer with a tax number is a business unless a
   registry check found it not valid, as the tax decision reads it). Where the law
   bans it (a consumer card in the EU or the UK from 13 January 2018) or no rule is
   bundled, [`SurchargeRefusedError`][commercekit.errors.SurchargeRefusedError] reaches
   the caller: nothing is charged silently.
3. A card surcharge is part of the price of the goods, not a separate (exempt) payment
   service: CJEU C-276/09 *Everything Everywhere* (2 December 2010) held such charges
   are not consideration for a supply distinct from the principal one, and the taxable
   amount includes the incidental expenses the supplier charges the customer
   (Directive 2006/112/EC Art. 78(b)). So it is taxed like the shipping: split over the
   lines' rates in proportion to their amounts. It depends on the total of the goods,
   so it is taxed on its own lines after them, at the quote's rounding level; its
   tax joins each rate's row of the tax summary. (Under invoice-level rounding a
   rate's row is thus rounded twice, once for the goods and once for the surcharge,
   and can differ by a cent from one rounding of its whole base.)
4. It is shown with its net, tax and gross and is part of the grand total. The payment
   then costs a little more than the surcharge (the fees on the surcharge itself), so
   the surcharge never exceeds the merchant's cost of the payment.

References:
    * CJEU, C-276/09 Everything Everywhere, ECLI:EU:C:2010:730:
      https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62009CJ0276
    * Directive 2006/112/EC Art. 73 and 78: https://eur-lex.europa.eu/eli/dir/2006/112/oj
    * Directive (EU) 2015/2366 Art. 62(4); Directive 2011/83/EU Art. 19; the UK's
      Consumer Rights (Payment Surcharges) Regulations 2012 reg. 4 and 6A: see
      ``commercekit.payments``.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from commercekit import payments
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.checkout._checks import error
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import QuoteLine, ShippingCharge
from commercekit.checkout._payment import Payment, PaymentSurcharge, QuotePayment
from commercekit.checkout._quote_rounding import TaxRounding
from commercekit.checkout._quote_taxes import round_zero, split_over_rates
from commercekit.errors import InputKind, InvalidInputError, InvalidPaymentError
from commercekit.money import Money, sum_money
from commercekit.payments import (
    Buyer as Payer,
)
from commercekit.payments import (
    PaymentCost,
    PaymentCostSource,
    example_providers,
    example_schedule,
    payment_cost,
)
from commercekit.shipping import Incoterm
from commercekit.tax import Buyer, RateTotal, TaxRate

__all__ = ["SurchargeRow", "merged_summary", "payment_priced", "surcharge_rows"]


def payment_priced(
    context: CheckoutContext,
    buyer: Buyer,
    lines: Sequence[QuoteLine],
    *,
    shipping: ShippingCharge | None,
    collected: Money,
    notes: list[str],
    missing: list[str],
    rounding: TaxRounding,
) -> tuple[QuotePayment | None, tuple[RateTotal, ...]]:
    """The payment as the quote prices it, and the surcharge's tax by rate (empty
    without a surcharge); ``None`` where the context names no payment, or where a
    partial quote left out tax or border charges collected at checkout (DDP): the
    total paid, so the payment's cost and any surcharge, is then not known, and
    ``missing`` says so. Under DAP the border charges left out are the buyer's at
    delivery: the payment taken at checkout is known and priced. A surcharge's tax is
    rounded as the goods' (``rounding``)."""
    payment = context.payment
    if payment is None:
        return None, ()
    left_out = _total_unknown(context, missing)
    if left_out:
        missing.append(left_out)
        notes.append(left_out)
        return None, ()
    if payment.converted:
        raise InvalidPaymentError.refused(
            "converted",
            payment.converted,
            f"is given, but the quote is paid in its own currency "
            f"({collected.currency.code}), the fee schedule's: the provider converts "
            "nothing, so no conversion fee applies; pass Payment(converted=False)",
            kind=InputKind.FLAG,
        )
    currency = collected.currency.code
    parts = [line.gross for line in lines] + [collected]
    before = sum_money(parts + ([shipping.gross] if shipping else []), currency)
    if not before.amount:
        cost = _nothing_taken(before, payment, context)
        notes.append(f"payment: {cost.why[0]}")
        return QuotePayment(payment, cost, None, cost.why), ()
    if not payment.surcharge:
        cost = _cost(before, payment, context)
        why = _said(cost, payment, context, "not charged to the buyer")
        notes.append(f"payment: {why[0]}")
        return QuotePayment(payment, cost, None, why), ()
    cost_before = _cost(before, payment, context)
    total = before + cost_before.total
    cost = _cost(total, payment, context)
    payer, who = _payer(buyer)
    surcharge, by_rate = _surcharge(
        cost_before, cost, context, payer=payer, lines=lines, rounding=rounding
    )
    passed_on = f"{cost_before.total} of it passed on as a surcharge"
    why = (
        *_said(cost, payment, context, passed_on),
        who,
        *surcharge.decision.why,
        (
            f"The surcharge of {surcharge.gross} is the merchant's cost of accepting "
            f"{before}; the payment of {total} costs {cost.total}, so the surcharge "
            "never exceeds the merchant's cost."
        ),
    )
    notes.append(f"payment: {why[0]}")
    notes.append(f"payment surcharge: {why[-1]}")
    return QuotePayment(payment, cost, surcharge, why), by_rate


def _total_unknown(context: CheckoutContext, missing: Sequence[str]) -> str | None:
    """Why the total paid is not known, where a partial quote left out part of what is
    collected at checkout: the tax, and the border charges under DDP; else None."""
    collected_at_checkout: tuple[str, ...] = ("tax: ", "border charges: ")
    if context.incoterm is not Incoterm.DDP:
        collected_at_checkout = ("tax: ",)
    unknown = [
        what.rstrip(": ")
        for what in collected_at_checkout
        if any(line.startswith(what) for line in missing)
    ]
    if not unknown:
        return None
    return (
        "payment: its cost and any surcharge are left out: part of the "
        f"{' and the '.join(unknown)} collected at checkout is missing, so the total "
        "paid is not known"
    )


def _surcharge(
    cost_before: PaymentCost,
    cost: PaymentCost,
    context: CheckoutContext,
    *,
    payer: Payer,
    lines: Sequence[QuoteLine],
    rounding: TaxRounding,
) -> tuple[PaymentSurcharge, tuple[RateTotal, ...]]:
    """The surcharge (the cost of the order before it), checked against the law with
    the cost of the whole payment, and its tax by rate."""
    payment = context.payment
    assert payment is not None  # noqa: S101  # only called for the context's payment
    gross = cost_before.total
    # The surcharge rules load here, when a surcharge is asked for.
    decision = payments.check_surcharge(
        gross,
        cost.amount,
        payment.method,
        buyer=payer,
        merchant_country=context.seller.country,
        cost=cost.total,
        on=context.at.date(),
        card_type=payment.card_type,
        card_country=payment.issuer_country,
        free_means_offered=payment.free_means_offered,
    )
    by_rate: tuple[RateTotal, ...] = ()
    tax = round_zero(gross)
    if any(line.rates for line in lines):  # tax is charged at checkout
        rows = surcharge_rows(lines)
        taxed = split_over_rates(
            gross,
            [row.rates for row in rows],
            [row.net for row in rows],
            before=[row.before for row in rows],
            description="payment surcharge",
            untaxed=[],
        )
        if taxed:
            from commercekit.tax import tax_invoice  # noqa: PLC0415  # a surcharge's tax

            invoice = tax_invoice(
                taxed, prices_include_tax=True, rounding=rounding.level, mode=rounding.mode
            )
            tax, by_rate = invoice.tax, invoice.by_rate
    return PaymentSurcharge(gross - tax, tax, gross, cost_before, decision), by_rate


@attrs.frozen
class SurchargeRow:
    """One share of the goods a surcharge is split over: a line taxed whole, or one
    part of a line taxed in parts (``line`` is the line's index)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    line: int
    rates: tuple[TaxRate, ...]
    net: Money
    before: Money


def surcharge_rows(lines: Sequence[QuoteLine]) -> list[SurchargeRow]:
    """What a surcharge is shared over, in the quote's order: a line taxed in parts
    (``QuoteLine.parts``) as its parts, the others whole; a line a partial quote left
    untaxed (no rates) takes its share untaxed. The refund shares it back the same way."""
    return [
        SurchargeRow(i, part.line.rates, part.net, part.line.price * part.line.quantity)
        for i, line in enumerate(lines)
        for part in line.parts
    ] + [
        SurchargeRow(i, line.rates, line.amount - line.discount, line.amount)
        for i, line in enumerate(lines)
        if not line.parts
    ]


def _payer(buyer: Buyer) -> tuple[Payer, str]:
    """Whom the surcharging rules see: a business where the buyer has a tax number
    that no registry check found not valid (as ``decide`` reads it), else a consumer."""
    checked = buyer.verification
    if buyer.tax_id is not None and (checked is None or checked.valid):
        return Payer.BUSINESS, f"The buyer is a business (tax number {buyer.tax_id})."
    return Payer.CONSUMER, "The buyer is a consumer (no valid tax number)."


def _cost(amount: Money, payment: Payment, context: CheckoutContext) -> PaymentCost:
    """What taking ``amount`` costs the merchant (the seller), on the quote's day."""
    source = context.payment_costs
    assert source is not None  # noqa: S101  # the context refuses a payment without it
    try:
        return payment_cost(
            amount,
            payment.method,
            source,
            merchant_country=context.seller.country,
            on=context.at.date(),
            card_type=payment.card_type,
            issuer_country=payment.issuer_country,
            converted=payment.converted,
        )
    except InvalidInputError as refused:
        if refused.field != "amount":
            raise
        raise error(
            "payment_costs",
            type(source).__name__,
            f"prices this payment in another currency than the quote's "
            f"({amount.currency.code}); a quote's payment is priced in the quote's "
            f"currency: pass a PaymentCostSource whose fees are in "
            f"{amount.currency.code}",
            kind=InputKind.AMOUNT,
        ) from None


def _nothing_taken(
    nothing: Money, payment: Payment, context: CheckoutContext
) -> PaymentCost:
    """The cost of a grand total of zero: no payment is taken, so no fee is charged
    and there is nothing to pass on (the schedule's row still names the provider)."""
    found = _cost(nothing, payment, context)
    said = (
        f"{payment.describe()}: the grand total is {nothing}, and a payment of zero is "
        "never taken, so it costs the merchant nothing and no surcharge is charged."
    )
    return attrs.evolve(
        found,
        percentage_fee=nothing,
        fixed_fee=nothing,
        cross_border_fee=nothing,
        conversion_fee=nothing,
        why=(said,),
    )


def _example_name(source: PaymentCostSource) -> str | None:
    """The provider whose bundled example schedule ``source`` is, or ``None``."""
    for provider in example_providers():
        if source is example_schedule(provider):
            return provider
    return None


def _said(
    cost: PaymentCost, payment: Payment, context: CheckoutContext, charged: str
) -> tuple[str, ...]:
    """Why the merchant's cost is what it is, and what of it the buyer pays."""
    row = cost.row
    source = context.payment_costs
    example = _example_name(source) if source is not None else None
    label = "example schedule" if example else "schedule"
    said = [
        (
            f"{payment.describe()} costs the merchant {cost.total} on {cost.amount} "
            f"({row.provider} {label}), {charged}"
        ),
        *cost.why,
    ]
    if example:
        said.append(
            f"The {example} schedule is commercekit's labelled example of the "
            f"provider's public prices (read {row.read_on}), not your contract: "
            "quote with your own fee schedule, your contract's rows."
        )
    return tuple(said)


def merged_summary(
    summary: tuple[RateTotal, ...], extra: tuple[RateTotal, ...]
) -> tuple[RateTotal, ...]:
    """The tax summary with ``extra``'s rows added to the same tax and rate's row."""
    if not extra:
        return summary
    rows = {(row.tax, row.rate, row.kind): row for row in summary}
    for row in extra:
        key = (row.tax, row.rate, row.kind)
        found = rows.get(key)
        rows[key] = (
            row
            if found is None
            else RateTotal(
                tax=row.tax,
                rate=row.rate,
                kind=row.kind,
                base=found.base + row.base,
                amount=found.amount + row.amount,
                allocated=found.allocated or row.allocated,
            )
        )
    return tuple(rows[key] for key in sorted(rows, key=lambda key: (key[0], key[1])))
