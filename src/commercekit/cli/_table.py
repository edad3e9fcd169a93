"""The quote as a table a person reads (``commercekit quote`` without ``--format json``).

It says what the JSON quote says, in figures and in words: what a partial quote lacks,
every promotion that did not apply, why a border charge is zero, and who pays it,
when the goods arrive, and what taking the payment costs the merchant.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, TextIO

from commercekit.checkout import Quote, QuotePayment
from commercekit.money import Money
from commercekit.pricing import PromotionResult
from commercekit.shipping import DeliveryWindow, example_rate_cards

if TYPE_CHECKING:  # a quote across a customs border brings these
    from commercekit.shipping import ItemDuty, LandedCost


@functools.cache
def _example_services() -> frozenset[str]:
    """The services of the bundled example rate cards (invented prices), as a quote
    names them: a shipping line priced on one of them says so."""
    return frozenset(f"{card.carrier} {card.service}" for card in example_rate_cards())


def money_text(money: Money) -> str:
    return f"{money.amount:>10} {money.currency.code}"


def print_quote(result: Quote, out: TextIO) -> None:
    """The quote as a table a person reads: lines, promotions, tax, shipping, borders.

    It says what the JSON quote says in figures and in words: what a partial quote
    lacks, every promotion that did not apply and every coupon code no promotion has,
    and why a border charge is zero.
    """
    # The incoterm decides who pays border charges; with no border there is nothing
    # for it to decide. A partial quote lacks only border data (CheckoutContext.partial).
    crosses_border = bool(
        result.landed is not None
        or result.collected_border_charges.amount
        or result.due_at_delivery.amount
        or result.missing
    )
    incoterm = f" (incoterm {result.incoterm.value})" if crosses_border else ""
    out.write(f"Quote at {result.at.isoformat()} in {result.currency}{incoterm}\n\n")
    if result.missing:
        out.write("MISSING: a partial quote; its totals leave out\n")
        for missing in result.missing:
            out.write(f"  {missing}\n")
        out.write("\n")
    _print_lines(result, out)
    _print_promotions(result.promotions, out)
    _print_tax(result, out)
    if result.landed is not None:
        _print_border(result, result.landed, out)
    elif result.missing:
        out.write("\nDuties and import taxes\n  not computed: see MISSING above\n")
    out.write(f"\n  {'tax included':<24} {money_text(result.tax)}\n")
    out.write(f"  {'total at checkout':<24} {money_text(result.grand_total)}\n")
    if result.payment is not None:
        _print_payment_cost(result.payment, out)
    if result.due_at_delivery.amount:
        out.write(f"  {'due at delivery':<24} {money_text(result.due_at_delivery)}\n")
    if result.missing:
        out.write("  (partial: without what is MISSING above)\n")


_EXAMPLE_CARD = " (example rate card, invented prices)"


def _print_lines(result: Quote, out: TextIO) -> None:
    """The lines in the order the cart gave them (the quote keeps them by SKU)."""
    out.write(
        f"  {'SKU':<16} {'qty':>4} {'unit price':>14} {'discount':>14} {'net':>14} "
        f"{'tax':>14} {'gross':>14}\n"
    )
    for line in sorted(result.lines, key=lambda line: line.position):
        out.write(
            f"  {line.sku:<16} {line.quantity:>4} {money_text(line.unit_price)} "
            f"{money_text(line.discount)} {money_text(line.net)} {money_text(line.tax)} "
            f"{money_text(line.gross)}\n"
        )
    shipping = result.shipping
    if shipping is not None:
        days = "-".join(str(day) for day in shipping.transit_days)
        example = _EXAMPLE_CARD if shipping.service in _example_services() else ""
        out.write(
            f"  {'shipping':<16} {'':>4} {money_text(shipping.price)} "
            f"{money_text(shipping.discount)} {money_text(shipping.net)} "
            f"{money_text(shipping.tax)} {money_text(shipping.gross)}\n"
            f"    {shipping.service}{example}, {days} business days\n"
        )
        _print_delivery(shipping.delivery, out)
    if result.payment is not None:
        _print_surcharge(result.payment, out)


def _print_surcharge(payment: QuotePayment, out: TextIO) -> None:
    """The surcharge the buyer pays for the payment method, as a line of its own."""
    surcharge = payment.surcharge
    if surcharge is None:
        return
    out.write(
        f"  {'payment surcharge':<21} {'':>14} {'':>14} {money_text(surcharge.net)} "
        f"{money_text(surcharge.tax)} {money_text(surcharge.gross)}\n"
        f"    {payment.payment.describe()}: the merchant's cost of accepting "
        f"{surcharge.cost.amount}, {surcharge.decision.ruling.value} by law\n"
    )
    for reason in surcharge.decision.why:
        out.write(f"      why: {reason}\n")


def _print_payment_cost(payment: QuotePayment, out: TextIO) -> None:
    """What taking the payment costs the merchant, part by part, why, and its source."""
    cost = payment.cost
    parts = (
        ("percentage", cost.percentage_fee),
        ("fixed", cost.fixed_fee),
        ("cross-border", cost.cross_border_fee),
        ("conversion", cost.conversion_fee),
    )
    fees = " + ".join(f"{fee} {name}" for name, fee in parts if fee.amount)
    out.write(
        f"  {'payment cost (merchant)':<24} {money_text(cost.total)}"
        f"  ({fees or 'no fee'})\n"
        f"    {payment.why[0]}\n"
    )
    for reason in payment.why[1:]:
        if reason not in (payment.surcharge.decision.why if payment.surcharge else ()):
            out.write(f"      why: {reason}\n")
    out.write(f"      source: {cost.source}\n")


def _print_delivery(window: DeliveryWindow | None, out: TextIO) -> None:
    """The delivery dates under the shipping line, and what moved them; or that there
    are none (the request named no warehouse)."""
    if window is None:
        out.write("    no delivery dates: the request names no warehouse\n")
        return
    earliest, latest = window.earliest.isoformat(), window.latest.isoformat()
    dates = earliest if earliest == latest else f"{earliest} to {latest}"
    out.write(
        f"    delivery {dates} (handed to the carrier {window.dispatch.isoformat()})\n"
    )
    for reason in window.reasons:
        out.write(f"      why: {reason}\n")


def _print_promotions(promotions: PromotionResult, out: TextIO) -> None:
    """Each promotion once, at what it took off; why the others did not apply."""
    if not (promotions.applied or promotions.rejected or promotions.unknown_codes):
        return
    out.write("\nPromotions\n")
    for applied in promotions.applied:
        # ``amount`` is all it took off, the shipping included; ``shipping`` is the
        # part of it taken off the shipping charge, not more on top.
        shipping = applied.shipping
        where = ""
        if shipping.amount and shipping == applied.amount:
            where = " off the shipping"
        elif shipping.amount:
            where = f" ({shipping} of it off the shipping)"
        out.write(f"  applied   {applied.promotion.id:<20} -{applied.amount}{where}\n")
    for rejected in promotions.rejected:
        out.write(
            f"  rejected  {rejected.promotion.id:<20} {rejected.reason.value}: "
            f"{rejected.detail}\n"
        )
    for code in sorted(promotions.unknown_codes):
        out.write(f"  unknown   {code:<20} no promotion has this coupon code\n")


def _print_tax(result: Quote, out: TextIO) -> None:
    """Whose tax, the tax by rate, and the rules the decision rests on."""
    decision = result.decision
    out.write("\nTax\n")
    out.write(
        f"  {decision.regime.value}: "
        + (f"{decision.taxed_in} tax" if decision.taxed_in else "no VAT/GST at checkout")
        + f", accounted for by {decision.collected_by.value}"
        + (f" under {decision.scheme}" if decision.scheme else "")
        + "\n"
    )
    for total in result.tax_summary:
        out.write(
            f"  {total.tax} {total.rate}% ({total.kind.value}) on {total.base}: "
            f"{total.amount}"
            + (" (its share of the tax at the combined rate)" if total.allocated else "")
            + "\n"
        )
    for rule in decision.rules:
        out.write(f"  why: {rule.text}\n       {rule.source}\n")
    _print_conversions(decision.conversions, out)


# The landed cost's explanation lines that say why a duty or the import tax is what
# it is (see shipping/_landed.py): a relief, a flat duty, a minimum not reached, no
# import VAT/GST in the country, or VAT charged at sale instead of at the border.
_DUTY_REASONS = ("no duty", "duty of ", "low-value consignment")
_IMPORT_TAX_REASONS = ("no import ", "import tax")
# India's customs value with transport and insurance assumed or capped (r. 10(2)), and
# the amount payable rounded to the rupee (s. 154A), see shipping/_india.py.
_VALUE_REASONS = ("assumed ", "transport ")
_ROUNDING_REASONS = ("duties and IGST payable ",)
_SOURCED = re.compile(r"(?P<text>.*) \[(?P<source>[^\[\]]+)\]")


def _print_border(result: Quote, landed: LandedCost, out: TextIO) -> None:
    """Duty per item and import tax, each with why where it is zero, and who pays."""
    out.write("\nDuties and import taxes\n")
    out.write(f"  customs value {landed.customs_value}\n")
    _print_reasons(landed, _VALUE_REASONS, out)
    for duty in landed.duties:
        out.write(f"  duty on {duty.item.description}: {_duty_text(duty)}\n")
        if duty.rate is not None:  # a tariff's rate: say which tariff
            out.write(f"    rate from {duty.source}\n")
    _print_reasons(landed, _DUTY_REASONS, out)
    out.write(f"  import tax {landed.import_tax}\n")
    _print_reasons(landed, _IMPORT_TAX_REASONS, out)
    if landed.rounding is not None:  # a part of the charges: shown, so they add up
        out.write(f"  rounding {landed.rounding}\n")
        _print_reasons(landed, _ROUNDING_REASONS, out)
    _print_conversions(landed.conversions, out)
    out.write(f"  the seller collects at checkout: {result.collected_border_charges}\n")
    out.write(f"  the buyer pays at delivery:      {result.due_at_delivery}\n")


def _print_conversions(conversions: tuple[str, ...], out: TextIO) -> None:
    """The currency conversions behind the figures above, each with its rate table's
    provider and moment (the bundled examples' say "example figures")."""
    for conversion in conversions:
        out.write(f"  converted: {conversion}\n")


def _duty_text(duty: ItemDuty) -> str:
    """The duty with its rule, and its rate when a tariff rate was charged."""
    if duty.rate is None:  # a relief or a flat duty: no rate was applied
        return f"{duty.amount} ({duty.rule})"
    if duty.rate and not duty.amount:  # a tariff rate, then relieved
        return f"{duty.amount} ({duty.rule}; the tariff rate is {duty.rate}%)"
    return f"{duty.rate}% = {duty.amount} ({duty.rule})"


def _print_reasons(landed: LandedCost, starts: tuple[str, ...], out: TextIO) -> None:
    """The explanation lines that begin with ``starts``, their sources below them."""
    for line in landed.explanation:
        if not line.startswith(starts):
            continue
        sourced = _SOURCED.fullmatch(line)
        if sourced is None:
            out.write(f"    why: {line}\n")
        else:
            out.write(f"    why: {sourced['text']}\n         {sourced['source']}\n")
