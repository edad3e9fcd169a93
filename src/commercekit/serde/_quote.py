"""A checkout quote as JSON: the figures, who pays what and when, and the reasons.

The JSON Schema ``quote.schema.json`` describes the shape. Totals are given as well as
their parts (``subtotal``, ``tax``, ``grand_total``) so a reader need not add money up
in a language that may do it in floats.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from commercekit._numbers import context_free
from commercekit.checkout import Quote, QuoteLine, ShippingCharge
from commercekit.errors import InvalidJsonError, shown
from commercekit.pricing import AppliedPromotion, PromotionResult, RejectedPromotion
from commercekit.serde._converter import converter
from commercekit.serde._payment import payment_json
from commercekit.shipping import DeliveryWindow, ItemDuty, LandedCost
from commercekit.tax import LineTax, RateTotal, TaxDecision, TaxRate

__all__ = ["quote_to_json"]


def _money(value: object) -> Any:
    return converter.unstructure(value)


def _rate(rate: TaxRate) -> dict[str, Any]:
    return {
        "jurisdiction": rate.jurisdiction,
        "tax": rate.tax,
        "category": rate.category.value,
        "applies_as": rate.applies_as.value,
        "rate": converter.unstructure(rate.rate),
        "kind": rate.kind.value,
        "since": rate.since.isoformat(),
        "until": rate.until.isoformat() if rate.until else None,
        "source": rate.source,
        "note": rate.note,
    }


def _line(line: QuoteLine) -> dict[str, Any]:
    return {
        "sku": line.sku,
        "quantity": line.quantity,
        "unit_price": _money(line.unit_price),
        "amount": _money(line.amount),
        "discount": _money(line.discount),
        "net": _money(line.net),
        "tax": _money(line.tax),
        "gross": _money(line.gross),
        "rates": [_rate(rate) for rate in line.rates],
        "position": line.position,
        "parts": [_part(part) for part in line.parts],
    }


def _part(part: LineTax) -> dict[str, Any]:
    taxed = part.line
    return {
        "description": taxed.description,
        "unit_price": _money(taxed.price),
        "quantity": taxed.quantity,
        "discount": None if taxed.discount is None else _money(taxed.discount),
        "net": _money(part.net),
        "tax": _money(part.tax),
        "gross": _money(part.gross),
        "rates": [_rate(rate) for rate in taxed.rates],
    }


def _shipping(charge: ShippingCharge | None) -> dict[str, Any] | None:
    if charge is None:
        return None
    return {
        "service": charge.service,
        "price": _money(charge.price),
        "discount": _money(charge.discount),
        "net": _money(charge.net),
        "tax": _money(charge.tax),
        "gross": _money(charge.gross),
        "transit_days": list(charge.transit_days),
        "delivery": _delivery(charge.delivery),
    }


def _delivery(window: DeliveryWindow | None) -> dict[str, Any] | None:
    if window is None:
        return None
    return {
        "earliest": window.earliest.isoformat(),
        "latest": window.latest.isoformat(),
        "dispatch": window.dispatch.isoformat(),
        "reasons": list(window.reasons),
    }


def _rate_total(total: RateTotal) -> dict[str, Any]:
    return {
        "tax": total.tax,
        "rate": converter.unstructure(total.rate),
        "kind": total.kind.value,
        "base": _money(total.base),
        "amount": _money(total.amount),
        "share": "allocated" if total.allocated else "computed",
    }


def _decision(decision: TaxDecision) -> dict[str, Any]:
    verification = decision.verification
    return {
        "regime": decision.regime.value,
        "taxed_in": decision.taxed_in,
        "collected_by": decision.collected_by.value,
        "charged_at_checkout": decision.charged_at_checkout,
        "scheme": decision.scheme,
        "rates": [_rate(rate) for rate in decision.rates],
        "documents": list(decision.documents),
        "rules": [{"text": rule.json, "source": rule.source} for rule in decision.rules],
        "conversions": list(decision.conversions),
        "verification": None
        if verification is None
        else {
            "tax_id": str(verification.tax_id),
            "valid": verification.valid,
            "level": verification.level.value,
            "registry": verification.registry,
        },
    }


def _applied(applied: AppliedPromotion) -> dict[str, Any]:
    return {
        "id": applied.promotion.id,
        "name": applied.promotion.name,
        "promotion_class": applied.promotion.promotion_class.value,
        "amount": _money(applied.amount),
        "shipping": _money(applied.shipping),
        "line_discounts": [_money(part) for part in applied.line_discounts],
        "note": applied.note,
    }


def _rejected(rejected: RejectedPromotion) -> dict[str, Any]:
    return {
        "id": rejected.promotion.id,
        "reason": rejected.reason.value,
        "detail": rejected.detail,
        "blocked_by": rejected.blocked_by,
    }


def _promotions(result: PromotionResult) -> dict[str, Any]:
    return {
        "applied": [_applied(applied) for applied in result.applied],
        "rejected": [_rejected(rejected) for rejected in result.rejected],
        "unknown_codes": sorted(result.unknown_codes),
        "line_discount": _money(result.line_discount),
        "shipping_discount": _money(result.shipping_discount),
        "discount": _money(result.discount),
    }


def _duty(duty: ItemDuty) -> dict[str, Any]:
    return {
        "sku": duty.item.description,
        "hs_code": duty.item.hs_code,
        "origin": duty.item.origin,
        "customs_value": _money(duty.customs_value),
        "base": _money(duty.base),
        "rate": None if duty.rate is None else converter.unstructure(duty.rate),
        "amount": _money(duty.amount),
        "rule": duty.rule,
        "source": duty.source,
    }


def _landed(landed: LandedCost | None) -> dict[str, Any] | None:
    if landed is None:
        return None
    return {
        "destination": landed.shipment.destination,
        "incoterm": landed.incoterm.value,
        "customs_value": _money(landed.customs_value),
        "duties": [_duty(duty) for duty in landed.duties],
        "duty": _money(landed.duty),
        "tax_rates": [_rate(rate) for rate in landed.tax_rates],
        "import_taxes": [
            {
                "item": line.item.description,
                "base": _money(line.base),
                "rates": [_rate(rate) for rate in line.rates],
                "amount": _money(line.amount),
            }
            for line in landed.taxes
        ],
        "tax_base": _money(landed.tax_base),
        "import_tax": _money(landed.import_tax),
        "fees": [
            {"name": fee.name, "amount": _money(fee.amount), "taxable": fee.taxable}
            for fee in landed.fees
        ],
        "fee_tax": _money(landed.fee_tax),
        "rounding": None if landed.rounding is None else _money(landed.rounding),
        "charges": _money(landed.charges),
        "explanation": list(landed.explanation),
        "conversions": list(landed.conversions),
    }


@context_free
def quote_to_json(quote: Quote) -> dict[str, Any]:
    """``quote`` as JSON-ready data (``json.dumps`` writes it as is).

    ``landed_cost`` is what the border charges, computed as customs would (no import
    VAT where it was charged at checkout: IOSS, the UK's GBP 135 rule, VOEC);
    ``border_charges`` says when it is paid: collected at checkout (DDP) or due at
    delivery (DAP/DDU). ``missing`` lists what a partial quote could not compute.
    Each line's ``parts`` are the parts of its items' price taxed at their own rates
    (Massachusetts and Rhode Island clothing over the per-item threshold), empty where
    the whole line is taxed at its ``rates``.
    ``shipping.delivery`` is the delivery window (``earliest``, ``latest``,
    ``dispatch`` as ISO dates, and the ``reasons``), or ``null`` where the request
    named no warehouse. ``payment`` is what taking the payment costs the merchant
    (not charged to the buyer) with any lawful surcharge (in ``grand_total``), or
    ``null`` where the request named no payment.
    """
    if not isinstance(quote, Quote):
        raise InvalidJsonError(
            "", f"{shown(quote)} is not a Quote; pass quote(cart, context)"
        )
    return {
        "currency": quote.currency,
        "at": quote.at.isoformat(),
        "incoterm": quote.incoterm.value,
        "lines": [_line(line) for line in quote.lines],
        "shipping": _shipping(quote.shipping),
        "tax_summary": [_rate_total(total) for total in quote.tax_summary],
        "decision": _decision(quote.decision),
        "promotions": _promotions(quote.promotions),
        "landed_cost": _landed(quote.landed),
        "border_charges": {
            "collected_at_checkout": _money(quote.collected_border_charges),
            "due_at_delivery": _money(quote.due_at_delivery),
        },
        "subtotal": _money(quote.subtotal),
        "tax": _money(quote.tax),
        "grand_total": _money(quote.grand_total),
        "due_at_delivery": _money(quote.due_at_delivery),
        "payment": payment_json(quote.payment),
        "explanation": _in_json_words(quote.explanation, quote.decision),
        "missing": _in_json_words(quote.missing, quote.decision),
    }


def _in_json_words(texts: tuple[str, ...], decision: TaxDecision) -> list[str]:
    """``texts`` (a quote's explanation, what it left out) with each of the decision's
    rules that has a JSON caller's words (``Rule.json_text``) said in them."""
    rules = decision.rules
    if all(rule.json_text is None for rule in rules):
        return list(texts)
    from commercekit.tax import missing_from  # noqa: PLC0415  # US rules say them only

    said = attrs.evolve(decision, rules=[attrs.evolve(r, text=r.json) for r in rules])
    pairs = [
        *((rule.text, rule.json_text) for rule in rules if rule.json_text is not None),
        *zip(missing_from(decision), missing_from(said), strict=True),
    ]
    return [functools.reduce(lambda t, p: t.replace(*p), pairs, text) for text in texts]
