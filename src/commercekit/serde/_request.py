"""A quote request in JSON: everything [`quote`][commercekit.checkout.quote] needs.

The request mirrors ``quote(cart, context)``: a ``cart`` (lines, coupon codes, customer
segments, usage counts), then the context's fields (``seller``, ``buyer``, ``at``,
``products`` by SKU, ``shipping`` ...), each described in ``quote-request.schema.json``.

Shipping is priced on rate cards: a request gives the shop's own cards as data
(``"rate_cards": [{...}, ...]``, in any currency, the form
[`rate_card_from_dict`][commercekit.shipping.rate_card_from_dict] reads), or names the
bundled example cards (``"rate_cards": "examples"``, invented prices), and may choose a
``service``. Duty rates come from ``"tariff"``: a table of dated, sourced rows
(``{"name": ..., "rows": [{"destination", "heading", "rate", "since", "until",
"source"}, ...]}``), or ``"example"`` for the bundled example tariff. A ``"warehouse"``
(``{"country", "timezone", "cutoff", "handling_days", "subdivision"}``, the zone by its
IANA name and the cut-off as ``"HH:MM"``) gives the quote its delivery dates. A
``"payment"`` (the buyer's method and the fee schedule that prices it, see ``_payment``)
gives it the merchant's payment cost and any lawful surcharge. ``"local_rates"`` gives
the local sales taxes at a US buyer's address (see ``_request_sources``). A
``"service_facts"`` object (``ServiceFacts``' fields) makes the cart a sale of services.
A product's ``"rate_facts"`` object (``RateFacts``' fields, the value per day as money)
states what its Indian GST rate turns on (``fact_rates``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
from cattrs.gen import override

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.checkout import CheckoutContext, Product
from commercekit.errors import CommerceKitError, InputKind, InvalidJsonError, shown
from commercekit.money import RateTable, RoundingMode
from commercekit.pricing import Cart, Promotion
from commercekit.serde._converter import converter, country, locate, object_hook, structure
from commercekit.serde._objects import placed
from commercekit.serde._payment import PaymentRequest, check_schedule_currency
from commercekit.serde._request_sources import (
    check_promotions,
    data_sources,
    local_rates,
    omit_defaults,
    read_local_rates,
    read_rate_facts,
)
from commercekit.serde._scalars import json_type, shown_choice
from commercekit.shipping import (
    BUNDLED_TARIFF,
    DutyRate,
    Incoterm,
    RateCard,
    TariffTable,
    Warehouse,
    example_rate_cards,
    rate_card_from_dict,
    rate_card_to_dict,
)
from commercekit.tax import (
    BUNDLED,
    Buyer,
    ExciseKind,
    RoundingLevel,
    Seller,
    ServiceFacts,
    TaxCategory,
)

if TYPE_CHECKING:
    from commercekit.tax import LocalRate, RateFacts

    _RateFacts = RateFacts | None
    _LocalRates = tuple[LocalRate, ...] | None
else:  # read by their hooks, which import their rules for a request that gives them
    _RateFacts = _LocalRates = Any

__all__ = ["quote_request_from_json", "quote_request_to_json"]


@attrs.frozen
class _Shipping:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    rate_cards: tuple[RateCard, ...]
    service: str | None = None
    parcel_cm: tuple[int, int, int] = (30, 20, 10)
    includes_handling: bool = False


@attrs.frozen
class _Product:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    tax_category: TaxCategory
    hs_code: str | None = None
    origin: str | None = None
    weight_kg: Decimal | None = None
    rate_facts: _RateFacts = None
    excise: ExciseKind | None = None


_UNSAID = dict.fromkeys(("hs_code", "origin", "weight_kg", "rate_facts", "excise"))


@attrs.frozen
class _Request:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    cart: Cart
    seller: Seller
    buyer: Buyer
    at: datetime
    prices_include_tax: bool
    products: dict[str, _Product] = attrs.Factory(dict)
    promotions: tuple[Promotion, ...] = ()
    shipping: _Shipping | None = None
    incoterm: str = "DDP"
    ship_from: str | None = None
    marketplace: str | None = None
    transport_mode: str | None = None
    channel: str | None = None
    exchange_rates: RateTable | None = None
    rounding: RoundingLevel | None = None
    rounding_mode: RoundingMode | None = None
    tariff: TariffTable | None = None
    partial: bool = False
    warehouse: Warehouse | None = None
    payment: PaymentRequest | None = None
    local_rates: _LocalRates = None
    service_facts: ServiceFacts | None = None
    schema: str | None = None


def _incoterm(value: object, _: object) -> str:
    try:
        return Incoterm.parse(value).value
    except CommerceKitError:
        raise InvalidJsonError(
            "",
            f"{shown_choice(value)} is not an incoterm; use 'DDP', 'DAP' or 'DDU'",
            kind=InputKind.CHOICE,
            choices=("DDP", "DAP", "DDU"),
        ) from None


def _optional_country(value: object, _: object) -> str | None:
    return None if value is None else country(value, None)


@attrs.frozen
class _Tariff:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str
    rows: tuple[DutyRate, ...]


def _found(value: object, what: str) -> str:
    if isinstance(value, str):
        return f"{shown(value)} is not {what}"
    if value == []:
        return "is an empty JSON array"
    return f"is {json_type(value)}"


def _tariff(value: object, _: object) -> TariffTable | None:
    if value is None:
        return None
    if value == "example":
        return BUNDLED_TARIFF
    if not isinstance(value, dict):
        # A name can only be "example"; anything else was meant as the table itself.
        named = isinstance(value, str)
        raise InvalidJsonError(
            "",
            f"{_found(value, 'a tariff')}; give a tariff as "
            '{"name": ..., "rows": [...]}, or "example" (the bundled example tariff)',
            kind=InputKind.CHOICE if named else InputKind.TYPE,
            choices=("example",) if named else (),
        )
    table = structure(value, _Tariff)
    try:
        return TariffTable(table.rows, name=table.name)
    except CommerceKitError as error:
        raise locate(error, "rows") from None


def _rate_cards(value: object, _: object) -> tuple[RateCard, ...]:
    if value == "examples":
        return example_rate_cards()
    if not isinstance(value, list) or not value:
        # A name can only be "examples"; anything else was meant as the list of cards.
        named = isinstance(value, str)
        raise InvalidJsonError(
            "",
            f"{_found(value, 'a list of rate cards')}; give the shop's cards as a JSON "
            'array of at least one, or "examples" (the bundled ones)',
            kind=InputKind.CHOICE if named else InputKind.LIST,
            choices=("examples",) if named else (),
        )
    cards = []
    for index, card in enumerate(value):
        if not isinstance(card, Mapping):
            raise InvalidJsonError(
                f"[{index}]",
                f"is {json_type(card)}; expected a rate card as a JSON object (see "
                '"rate_card" in the request schema)',
                kind=InputKind.TYPE,
            )
        try:
            cards.append(rate_card_from_dict(card))
        except CommerceKitError as error:
            raise locate(error, f"[{index}]") from None
    return tuple(cards)


converter.register_structure_hook(
    _Shipping,
    object_hook(_Shipping, rate_cards=override(struct_hook=_rate_cards)),
)
converter.register_structure_hook(
    _Product,
    object_hook(
        _Product,
        origin=override(struct_hook=_optional_country),
        rate_facts=override(struct_hook=read_rate_facts),
    ),
)
converter.register_structure_hook(
    _Request,
    object_hook(
        _Request,
        incoterm=override(struct_hook=_incoterm),
        ship_from=override(struct_hook=_optional_country),
        tariff=override(struct_hook=_tariff),
        local_rates=override(struct_hook=read_local_rates),
        schema=override(rename="$schema"),
    ),
)


def _product(sku: str, facts: _Product) -> Product:
    try:
        return Product(
            sku,
            facts.tax_category,
            facts.hs_code,
            facts.origin,
            facts.weight_kg,
            rate_facts=facts.rate_facts,
            excise=facts.excise,
        )
    except CommerceKitError as error:
        where = f"products[{shown(sku)}]"
        found = placed(error, attrs.asdict(facts, recurse=False))
        if found is None:
            raise locate(error, where) from None
        raise locate(found, where) from None


def quote_request_from_json(data: Mapping[str, Any]) -> tuple[Cart, CheckoutContext]:
    """The cart and checkout context a JSON quote request (parsed) describes.

    Raises [`InvalidJsonError`][commercekit.errors.InvalidJsonError] naming the first
    field that is missing, misspelt or wrong.

    Examples:
        >>> cart, context = quote_request_from_json({
        ...     "cart": {"lines": [{"sku": "MUG", "quantity": 2,
        ...         "unit_price": {"amount": "12.00", "currency": "EUR"}}]},
        ...     "seller": {"country": "NL"}, "buyer": {"country": "NL"},
        ...     "at": "2026-11-26T12:00:00+01:00", "prices_include_tax": True,
        ...     "products": {"MUG": {"tax_category": "standard"}}})
        >>> cart.subtotal, context.buyer.country
        (Money('24.00', 'EUR'), 'NL')
        >>> quote_request_from_json({"cart": {"lines": [{"sku": "MUG", "quantity": 2,
        ...     "unit_price": {"amount": 12.0, "currency": "EUR"}}]}})
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidJsonError: cart.lines[0].unit_price.amount: is the ...
    """
    if not isinstance(data, Mapping):
        raise InvalidJsonError("", "is not a JSON object; a quote request is one")
    request = structure(data, _Request)
    if request.cart.shipping is not None:
        raise InvalidJsonError(
            "cart.shipping",
            "is not part of a request: the quote prices shipping on the rate cards",
        )
    money, seller, day = request.cart.subtotal, request.seller.country, request.at.date()
    check_schedule_currency(request.payment, money.currency.code, seller, day)
    products = {sku: _product(sku, facts) for sku, facts in request.products.items()}
    check_promotions(request.cart, request.promotions)
    shipping = request.shipping
    try:
        context = CheckoutContext(
            seller=request.seller,
            buyer=request.buyer,
            at=request.at,
            prices_include_tax=request.prices_include_tax,
            products=products,
            promotions=request.promotions,
            rate_cards=shipping.rate_cards if shipping else (),
            service=shipping.service if shipping else None,
            incoterm=request.incoterm,
            ship_from=request.ship_from,
            marketplace=request.marketplace,
            transport_mode=request.transport_mode,
            channel=request.channel,
            exchange_rates=request.exchange_rates,
            rounding=request.rounding,
            rounding_mode=request.rounding_mode,
            parcel_cm=shipping.parcel_cm if shipping else (30, 20, 10),
            shipping_includes_handling=shipping.includes_handling if shipping else False,
            tariffs=request.tariff,
            partial=request.partial,
            warehouse=request.warehouse,
            payment=request.payment.payment if request.payment else None,
            payment_costs=request.payment.costs if request.payment else None,
            tax_rates=local_rates(request.buyer, request.local_rates) or BUNDLED,
            service_facts=request.service_facts,
        )
    except CommerceKitError as error:
        found = placed(error, _context_fields(data))
        raise locate(found or error) from None
    return request.cart, context


def _context_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The request's fields by the names ``CheckoutContext`` gives them, each keyed by
    its path in the request, so that a refusal by the context lands on its field."""
    shipping = data.get("shipping")
    fields = {key: value for key, value in data.items() if key != "shipping"}
    if isinstance(shipping, Mapping):
        fields |= {f"shipping.{key}": value for key, value in shipping.items()}
    return fields


@context_free
def quote_request_to_json(cart: Cart, context: CheckoutContext) -> dict[str, Any]:
    """The JSON quote request for ``cart`` in ``context`` (the inverse of reading one).

    Only what a request can say is written: the tariff must be a ``TariffTable`` (or
    none), and the cart carries no shipping charge of its own (the quote prices it).
    """
    if not isinstance(cart, Cart) or not isinstance(context, CheckoutContext):
        raise InvalidJsonError(
            "",
            "needs a Cart and a CheckoutContext; pass quote_request_to_json(cart, context)",
        )
    if cart.shipping is not None:
        raise InvalidJsonError(
            "cart.shipping", "is set; a request leaves the shipping charge to the quote"
        )
    cart_json: dict[str, Any] = {
        "lines": [
            omit_defaults(converter.unstructure(line), {"collections": []})
            for line in cart.lines
        ]
    }
    for key in ("coupon_codes", "customer_segments", "customer_usage", "total_usage"):
        value = converter.unstructure(getattr(cart, key))
        if value:
            cart_json[key] = value
    data: dict[str, Any] = {
        "cart": cart_json,
        "seller": converter.unstructure(context.seller),
        "buyer": converter.unstructure(context.buyer),
        "at": context.at.isoformat(),
        "prices_include_tax": context.prices_include_tax,
    }
    if context.products:  # a Product's facts, unsaid left out: a _Product after its SKU
        data["products"] = {
            sku: omit_defaults(
                converter.unstructure(_Product(*attrs.astuple(p, recurse=False)[1:])),
                _UNSAID,
            )
            for sku, p in context.products.items()
        }
    if context.promotions:
        data["promotions"] = [converter.unstructure(p) for p in context.promotions]
    if context.rate_cards:
        examples = context.rate_cards == example_rate_cards()
        data["shipping"] = {
            "rate_cards": "examples"
            if examples
            else [rate_card_to_dict(card) for card in context.rate_cards],
            "service": context.service,
            "parcel_cm": list(context.parcel_cm),
        } | ({"includes_handling": True} if context.shipping_includes_handling else {})
    data["incoterm"] = context.incoterm.value
    optional = ("ship_from", "marketplace", "transport_mode", "channel")
    for key in (*optional, "rounding", "rounding_mode"):  # not stated: left out
        if getattr(context, key) is not None:
            data[key] = getattr(context, key)
    if context.exchange_rates is not None:
        data["exchange_rates"] = converter.unstructure(context.exchange_rates)
    data.update(data_sources(context))
    return data
