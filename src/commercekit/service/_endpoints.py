"""What each endpoint does with its JSON: read it into value objects, apply one rule,
write the answer. Pure functions, JSON-ready ``dict`` in and out; the HTTP layer
(``_app``) only carries them.

The request shapes are small attrs classes read with the one converter
([`structure`][commercekit.serde.structure]), so a wrong field is refused with its
JSON path as everywhere else; the answers are the value objects as the converter
writes them (money as ``{"amount": "12.34", "currency": "EUR"}``, dates ISO 8601).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._where import Where, applied
from commercekit.checkout import quote
from commercekit.errors import (
    InputKind,
    InvalidInputError,
    InvalidJsonError,
    InvalidTaxIdError,
    NoRuleError,
    UnknownCurrencyError,
    shown,
)
from commercekit.money import Money, RateTable, RoundingMode
from commercekit.pricing import Market, localize_price
from commercekit.regions import check_country
from commercekit.serde import (
    QUOTE_REQUEST_WHERE,
    converter,
    quote_request_from_json,
    quote_to_json,
    structure,
)
from commercekit.service._refund import refund_endpoint
from commercekit.shipping import (
    BUNDLED_TARIFF,
    DutyRate,
    Shipment,
    TariffTable,
    landed_cost,
)
from commercekit.tax import (
    BUNDLED,
    CountedSale,
    LocalRate,
    LocalRates,
    Sale,
    StateRatesOnly,
    TaxCategory,
    TaxRateSource,
    decide,
    threshold_status,
)
from commercekit.tax import validate_tax_id as validate

__all__ = ["ENDPOINTS"]

Json = dict[str, Any]


_RATES = ((UnknownCurrencyError, "exchange_rates"),)
"""A currency the rule could not convert: the exchange-rate table lacks it (or none
was given)."""

_QUOTE = QUOTE_REQUEST_WHERE


def _fields(request: type[Any]) -> frozenset[str]:
    return frozenset(field.name for field in attrs.fields(request))


def quote_endpoint(data: Json) -> Json:
    """``POST /quote``: a quote request in, the quote out (``quote_to_json``)."""
    cart, context = quote_request_from_json(data)
    return quote_to_json(applied(lambda: quote(cart, context), _QUOTE))


@attrs.frozen
class _TaxIdRequest:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    number: str
    country: str | None = None


def tax_id_endpoint(data: Json) -> Json:
    """``POST /tax-id``: ``{"number", "country"?}`` in; whether it is valid, and the
    number normalised or why not. A number that fails its check is an answer, not an
    error; a country code that is no country is refused."""
    asked = structure(data, _TaxIdRequest)
    if not any(char.isalnum() for char in asked.number):
        # Nothing to check, as the CLI says: a refusal, not an invalid number.
        raise InvalidJsonError(
            "number",
            f"{shown(asked.number)} holds no letters or digits; give a tax number",
            kind=InputKind.TEXT,
        )
    try:
        found = validate(asked.number, asked.country)
    except InvalidTaxIdError as error:
        return {"valid": False, "reason": " ".join(str(error).split())}
    except InvalidInputError as error:  # only the country can be refused as input
        raise InvalidJsonError(
            "country",
            f"{shown(asked.country)} is not a country whose tax numbers commercekit "
            "validates; give a two-letter code such as NL, DE or AU",
            kind=error.kind,
            choices=error.choices,
        ) from None
    return {
        "valid": True,
        "tax_id": converter.unstructure(found),
        "formatted": found.formatted,
    }


@attrs.frozen
class _DecideRequest:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sale: Sale
    on: date
    local_rates: tuple[LocalRate, ...] | None = None
    partial: bool = False


def decide_endpoint(data: Json) -> Json:
    """``POST /decide``: ``{"sale", "on"}`` in, the tax decision out; in a US state
    with local sales taxes, ``local_rates`` at the buyer's address (as a quote request
    gives them) or ``partial`` for the state's part alone."""
    asked = structure(data, _DecideRequest)
    result: Json = converter.unstructure(
        applied(
            lambda: decide(asked.sale, on=asked.on, rates=_rates(asked)), _DECIDE, _SALE
        )
    )
    return result


def _rates(asked: _DecideRequest) -> TaxRateSource:
    """The bundled tables, with the request's local rates over them for the buyer's
    state; the state's part alone where the request is ``partial``."""
    buyer = asked.sale.buyer
    source: TaxRateSource = (
        BUNDLED
        if asked.local_rates is None
        else LocalRates(buyer.subdivision or buyer.country, asked.local_rates)
    )
    return StateRatesOnly(source) if asked.partial else source


_DECIDE = Where(
    _fields(_DecideRequest),
    renamed={"tax_rates": "local_rates", "state": "local_rates", "local": "local_rates"},
    by_error=((NoRuleError, "on"),),
)
_SALE = Where(_fields(Sale), prefix="sale.")
"""A rule's refusal at a field of the sale it decides (``buyer.subdivision``)."""


@attrs.frozen
class _ThresholdRequest:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sales: tuple[CountedSale, ...]
    seller_country: str = attrs.field(converter=check_country)
    on: date
    registrations: tuple[str, ...] = ()
    exchange_rates: RateTable | None = None


def threshold_status_endpoint(data: Json) -> Json:
    """``POST /threshold-status``: a seller's sales in, every registration threshold's
    status out, as ``{"statuses": [...]}``."""
    asked = structure(data, _ThresholdRequest)
    where = Where(
        _fields(_ThresholdRequest), renamed={"rates": "exchange_rates"}, by_error=_RATES
    )
    statuses = applied(
        lambda: threshold_status(
            asked.sales,
            asked.registrations,
            seller_country=asked.seller_country,
            on=asked.on,
            rates=asked.exchange_rates,
        ),
        where,
    )
    return {"statuses": [converter.unstructure(status) for status in statuses]}


@attrs.frozen
class _Tariff:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str
    rows: tuple[DutyRate, ...]


@attrs.frozen
class _LandedRequest:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    shipment: Shipment
    incoterm: str
    on: date
    tariff: Any = None  # "example", {"name", "rows"} or null: read by _tariff
    exchange_rates: RateTable | None = None
    mode: RoundingMode = RoundingMode.HALF_UP
    eu_flat_duty_scope: str = "all"
    without_excise: bool = False


_NO_TARIFF = "no tariff given"


def _tariff(value: object) -> TariffTable:
    """The request's tariff: the bundled example only when asked for by name; none
    given is an empty table, so a duty that needs a rate says which is missing."""
    if value is None:
        return TariffTable((), name=_NO_TARIFF)
    if value == "example":
        return BUNDLED_TARIFF
    if not isinstance(value, Mapping):
        raise InvalidJsonError(
            "tariff",
            'give a tariff as {"name": ..., "rows": [...]}, or "example" (the bundled '
            "example tariff)",
            choices=("example",),
        )
    table = structure(value, _Tariff, "tariff")
    return TariffTable(table.rows, name=table.name)


def _no_rule(error: NoRuleError) -> str:
    """A duty with no row is the tariff's to give; any other rule missing is the day's."""
    return "tariff" if error.subject.startswith("duty") else "on"


def landed_cost_endpoint(data: Json) -> Json:
    """``POST /landed-cost``: a shipment, an incoterm and a day in; duty, import tax and
    who pays them out."""
    asked = structure(data, _LandedRequest)
    tariffs = _tariff(asked.tariff)
    where = Where(
        _fields(_LandedRequest),
        renamed={"rates": "exchange_rates", "tariffs": "tariff"},
        by_error=((NoRuleError, _no_rule), *_RATES),
    )
    landed = applied(
        lambda: landed_cost(
            asked.shipment,
            incoterm=asked.incoterm,
            on=asked.on,
            rates=asked.exchange_rates,
            tariffs=tariffs,
            mode=asked.mode,
            eu_flat_duty_scope=asked.eu_flat_duty_scope,  # type: ignore[arg-type]  # checked by landed_cost
            without_excise=asked.without_excise,
        ),
        where,
    )
    result: Json = converter.unstructure(landed)
    return result


@attrs.frozen
class _LocalizeRequest:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    base_price: Money
    market: Market
    exchange_rates: RateTable
    on: date
    category: TaxCategory = TaxCategory.STANDARD
    cost: Money | None = None
    min_margin: Decimal | None = None
    minimum_price: Money | None = None
    mode: RoundingMode = RoundingMode.HALF_UP


def localize_price_endpoint(data: Json) -> Json:
    """``POST /localize-price``: a base price and a market in, the price shown there."""
    asked = structure(data, _LocalizeRequest)
    where = Where(
        _fields(_LocalizeRequest), renamed={"rates": "exchange_rates"}, by_error=_RATES
    )
    price = applied(
        lambda: localize_price(
            asked.base_price,
            asked.market,
            asked.exchange_rates,
            on=asked.on,
            category=asked.category,
            cost=asked.cost,
            min_margin=asked.min_margin,
            minimum_price=asked.minimum_price,
            mode=asked.mode,
        ),
        where,
    )
    result: Json = converter.unstructure(price)
    return result


ENDPOINTS: tuple[tuple[str, Callable[[Json], Json]], ...] = (
    ("/quote", quote_endpoint),
    ("/tax-id", tax_id_endpoint),
    ("/decide", decide_endpoint),
    ("/threshold-status", threshold_status_endpoint),
    ("/landed-cost", landed_cost_endpoint),
    ("/localize-price", localize_price_endpoint),
    ("/refund", refund_endpoint),
)
"""Each ``POST`` path and the function that answers it."""
