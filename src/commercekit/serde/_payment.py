"""The buyer's payment in JSON: how it is asked for, and what the quote says it costs.

A request's ``"payment"`` is one object: how the buyer pays (``method``, and for a card
or a wallet ``card_type`` and ``issuer_country``; ``converted``, ``surcharge``,
``free_means_offered``) and
where its fees come from, exactly one of:

* ``"provider"``: the name of a bundled **example** schedule
  ([`example_providers`][commercekit.payments.example_providers]: ``"mollie"``,
  ``"stripe"``), standard prices read from the provider's public pages, not a contract;
* ``"fee_schedule"``: the shop's own contract as a JSON array of fee rows, each the
  fields of a [`FeeRow`][commercekit.payments.FeeRow] (a fee the contract does not
  state is ``null``, never left out: no figure is assumed).

One object, because a plugin in another language has its buyer's payment and its
provider's prices at hand together, and a quote needs both or neither.

In a quote, ``"payment"`` repeats the choice (``surcharge_asked``), the merchant's
``cost`` of the grand total with every part, its ``total``, the schedule ``row`` (with
its ``sources``) and ``why``; the ``surcharge`` (net, tax, gross, the cost it passes
on and the legal decision) or ``null``; and ``why``. A refund's ``payment_cost`` is
what the provider keeps, with its ``total``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
from cattrs.gen import make_dict_unstructure_fn, override

from commercekit import checkout, payments
from commercekit._json_words import json_reason
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.checkout import Payment, QuotePayment
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidInputError,
    InvalidJsonError,
    shown,
)
from commercekit.payments import (
    CardType,
    FeeRow,
    FeeSchedule,
    PaymentCost,
    PaymentCostSource,
    PaymentMethod,
    example_providers,
    example_schedule,
)
from commercekit.serde._converter import converter, country, locate, object_hook
from commercekit.serde._objects import placed

if TYPE_CHECKING:
    from commercekit.checkout import Refund
    from commercekit.payments import RefundCost

__all__ = [
    "PaymentRequest",
    "check_schedule_currency",
    "payment_json",
    "payment_request_json",
]


@attrs.frozen
class _Fields:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    method: PaymentMethod
    card_type: CardType | None = None
    issuer_country: str | None = None
    converted: bool = False
    surcharge: bool = False
    free_means_offered: bool | None = None
    provider: str | None = None
    fee_schedule: tuple[FeeRow, ...] | None = None


@attrs.frozen
class PaymentRequest:
    """A request's payment, read: the buyer's ``payment`` and the ``costs`` that price
    it (a bundled example schedule or the request's own)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    payment: Payment
    costs: PaymentCostSource


def _optional_country(value: object, _: object) -> str | None:
    return None if value is None else country(value, None)


_read_fields = object_hook(_Fields, issuer_country=override(struct_hook=_optional_country))


def _source(fields: _Fields, given: Mapping[str, Any]) -> PaymentCostSource:
    """The schedule the payment names: a bundled example, or its own rows."""
    known = example_providers()
    if (fields.provider is None) == (fields.fee_schedule is None):
        both = fields.provider is not None
        said, joined = ("both", "and") if both else ("neither", "nor")
        # Neither: a key written as null is the one to fix; both: the object is.
        named = [key for key in ("provider", "fee_schedule") if key in given]
        raise InvalidJsonError(
            named[0] if named and not both else "",
            f'names {said} "provider" {joined} "fee_schedule"; give exactly one: '
            '"provider" (a '
            f"bundled example schedule: {', '.join(map(repr, known))}) or "
            '"fee_schedule" (your contract\'s fee rows)',
            kind=InputKind.CHOICE,
            choices=known,
        )
    if fields.provider is not None:
        if fields.provider not in known:
            raise InvalidJsonError(
                "provider",
                f"{shown(fields.provider)} is not a provider with a bundled example "
                f"schedule; use one of: {', '.join(map(repr, known))}, or give your "
                'contract as "fee_schedule"',
                kind=InputKind.CHOICE,
                choices=known,
            )
        return example_schedule(fields.provider)
    assert fields.fee_schedule is not None  # noqa: S101  # exactly one is given
    try:
        return FeeSchedule(fields.fee_schedule)
    except CommerceKitError as error:
        # A row the schedule refused (``rows[2].provider``) is the request's row.
        field = getattr(error, "field", None) or ""
        row = field.removeprefix("rows") if field.startswith("rows[") else ""
        raise locate(error, "fee_schedule" + row) from None


def _read(value: object, _: object) -> PaymentRequest:
    fields = _read_fields(value, _Fields)
    data = value if isinstance(value, Mapping) else {}
    source = _source(fields, data)
    try:
        payment = Payment(
            fields.method,
            fields.card_type,
            fields.issuer_country,
            converted=fields.converted,
            surcharge=fields.surcharge,
            free_means_offered=fields.free_means_offered,
        )
    except InvalidInputError as error:
        if error.field in ("card_type", "issuer_country") and error.value is None:
            raise InvalidJsonError(
                error.field, json_reason(error), kind=error.kind, choices=error.choices
            ) from None
        raise locate(placed(error, data) or error) from None
    return PaymentRequest(payment, source)


converter.register_structure_hook(PaymentRequest, _read)


def check_schedule_currency(
    request: PaymentRequest | None, currency: str, merchant_country: str, on: date
) -> None:
    """Refuses a request's own fee schedule whose rows for this payment (the seller's
    country, the method and card type, in force on the day) are all in another
    currency than the cart's: a quote's payment is priced in the quote's currency.
    A bundled example is checked by the quote, which names its provider."""
    if request is None:
        return
    source = request.costs
    if not isinstance(source, FeeSchedule) or _example(source) is not None:
        return
    payment = request.payment
    rows = [
        row
        for row in source.rows
        if row.merchant_country == merchant_country
        and row.method == payment.method
        and row.card_type == payment.card_type
        and row.covers(on)
    ]
    theirs = sorted({row.currency for row in rows})
    if rows and currency not in theirs:
        raise InvalidJsonError(
            "payment.fee_schedule",
            f"prices this {payment.method} payment for a merchant in {merchant_country} "
            f"in {', '.join(theirs)}, but the cart is in {currency}; a quote's payment "
            f"is priced in the quote's currency: give fee rows in {currency}",
            kind=InputKind.AMOUNT,
        )


def _example(source: PaymentCostSource) -> str | None:
    """The provider whose bundled example schedule ``source`` is, or ``None``."""
    for provider in example_providers():
        if source is example_schedule(provider):
            return provider
    return None


def payment_request_json(payment: Payment, costs: PaymentCostSource) -> dict[str, Any]:
    """A request's ``"payment"``: the buyer's payment and the schedule that prices it
    (by provider name for a bundled example, as rows for a ``FeeSchedule``)."""
    data: dict[str, Any] = {
        "method": payment.method.value,
        "card_type": None if payment.card_type is None else payment.card_type.value,
        "issuer_country": payment.issuer_country,
        "converted": payment.converted,
        "surcharge": payment.surcharge,
        "free_means_offered": payment.free_means_offered,
    }
    provider = _example(costs)
    if provider is not None:
        return data | {"provider": provider}
    if isinstance(costs, FeeSchedule):
        rows = [_row(row) for row in costs.rows]
        # The note is optional in a request, as in FeeRow: an empty one is left out.
        return data | {"fee_schedule": [_omit_empty_note(row) for row in rows]}
    raise InvalidJsonError(
        "payment_costs",
        "is a plugin's live fee schedule; a request carries a bundled example's "
        "provider or a FeeSchedule's rows only",
    )


@functools.cache
def _row_fields() -> Callable[[FeeRow], dict[str, Any]]:
    """cattrs' generated function writing a fee row's fields (built on first use)."""
    return make_dict_unstructure_fn(FeeRow, converter)


def _omit_empty_note(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key != "note" or value}


def _row(row: FeeRow) -> dict[str, Any]:
    """A fee row as JSON, its enums by value."""
    data: dict[str, Any] = _row_fields()(row)
    for key in ("method", "card_type", "card_origin"):
        value = getattr(row, key)
        data[key] = None if value is None else value.value
    return data


def _cost(cost: PaymentCost) -> dict[str, Any]:
    return {
        "amount": converter.unstructure(cost.amount),
        "percentage_fee": converter.unstructure(cost.percentage_fee),
        "fixed_fee": converter.unstructure(cost.fixed_fee),
        "cross_border_fee": converter.unstructure(cost.cross_border_fee),
        "conversion_fee": converter.unstructure(cost.conversion_fee),
        "total": converter.unstructure(cost.total),
        "source": cost.source,
        "row": _row(cost.row),
        "why": list(cost.why),
    }


def _refund_cost(cost: RefundCost) -> dict[str, Any]:
    return {
        "refunded": converter.unstructure(cost.refunded),
        "kept_fee": converter.unstructure(cost.kept_fee),
        "refund_fee": converter.unstructure(cost.refund_fee),
        "total": converter.unstructure(cost.total),
        "source": cost.row.source,
        "row": _row(cost.row),
        "why": list(cost.why),
    }


def _is(package: ModuleType, name: str) -> Callable[[object], bool]:
    """Whether a type is ``package.name``: the class itself, asked for only of a type
    of that name, so that the refunds' classes load when a refund is written, not
    with every quote."""
    return lambda kind: (
        getattr(kind, "__name__", None) == name and (kind is getattr(package, name))
    )


converter.register_unstructure_hook(PaymentCost, _cost)
converter.register_unstructure_hook_func(_is(payments, "RefundCost"), _refund_cost)
converter.register_unstructure_hook(FeeRow, _row)


@functools.cache
def _refund_fields() -> Callable[[Refund], dict[str, Any]]:
    """cattrs' generated function writing a refund's fields, built on first use (after
    the RefundCost and FeeRow hooks, which it resolves when built)."""
    return make_dict_unstructure_fn(checkout.Refund, converter)


def _refund(back: Refund) -> dict[str, Any]:
    """A refund's fields, with what it adds up to: ``goods``, ``tax`` (the VAT/GST
    reversed) and ``total`` (what goes back to the buyer), so a plugin reads them."""
    data: dict[str, Any] = _refund_fields()(back)
    for name in ("goods", "tax", "total"):
        data[name] = converter.unstructure(getattr(back, name))
    return data


converter.register_unstructure_hook_func(_is(checkout, "Refund"), _refund)


def payment_json(payment: QuotePayment | None) -> dict[str, Any] | None:
    """A quote's ``"payment"``: the choice, the merchant's cost, any surcharge, why."""
    if payment is None:
        return None
    chosen = payment.payment
    surcharge = payment.surcharge
    decision = None if surcharge is None else surcharge.decision
    return {
        "method": chosen.method.value,
        "card_type": None if chosen.card_type is None else chosen.card_type.value,
        "issuer_country": chosen.issuer_country,
        "converted": chosen.converted,
        "surcharge_asked": chosen.surcharge,
        "free_means_offered": chosen.free_means_offered,
        "cost": _cost(payment.cost),
        "surcharge": None
        if surcharge is None or decision is None
        else {
            "net": converter.unstructure(surcharge.net),
            "tax": converter.unstructure(surcharge.tax),
            "gross": converter.unstructure(surcharge.gross),
            "cost": _cost(surcharge.cost),
            "ruling": decision.ruling.value,
            "cap": converter.unstructure(decision.cap),
            "instruments": list(decision.instruments),
            "sources": list(decision.sources),
            "why": list(decision.why),
        },
        "charged_to_buyer": converter.unstructure(payment.charged),
        "why": list(payment.why),
    }
