"""The quote request's fields that name data sources and optional facts: the tariff
(the bundled example, or a ``TariffTable``'s rows), local rates, a partial quote, the
warehouse, the payment, and the facts of a sale of services (``service_facts``).

A request carries its data as rows, never as a plug-in. ``"local_rates"`` gives the
local sales taxes at a US buyer's address (one object per county, city or special
district: ``name``, ``type``, ``rate`` in percent as a string, ``source``, ``as_of``
and, per category its state treats apart, ``categories``); the request's quote then
asks [`LocalRates`][commercekit.tax.LocalRates] built from them, for that call only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from commercekit.checkout import CheckoutContext
from commercekit.errors import CommerceKitError, InputKind, InvalidJsonError, shown
from commercekit.pricing import Cart, Promotion
from commercekit.serde._converter import converter, locate
from commercekit.serde._objects import placed
from commercekit.serde._payment import payment_request_json
from commercekit.shipping import BUNDLED_TARIFF, TariffTable, Warehouse
from commercekit.tax import BUNDLED, Buyer

if TYPE_CHECKING:
    from commercekit.tax import LocalRate, LocalRates, RateFacts, TaxRateSource

__all__ = [
    "check_promotions",
    "data_sources",
    "local_rates",
    "omit_defaults",
    "read_local_rates",
    "read_rate_facts",
]


def read_local_rates(value: object, _: object) -> tuple[LocalRate, ...] | None:
    """The request's ``local_rates``: the US local rates are imported when given."""
    from commercekit.tax import LocalRate  # noqa: PLC0415  # US local taxes, when given

    return converter.structure(value, tuple[LocalRate, ...] | None)  # type: ignore[arg-type]


def read_rate_facts(value: object, _: object) -> RateFacts | None:
    """A product's ``rate_facts``: India's rules are imported when they are given."""
    from commercekit.tax import RateFacts  # noqa: PLC0415  # India's facts, when given

    return converter.structure(value, RateFacts | None)  # type: ignore[arg-type]


def check_promotions(cart: Cart, promotions: tuple[Promotion, ...]) -> None:
    """Refuse, at ``promotions[i]``, promotions that cannot stand together: an id
    given twice, an amount in another currency than the cart's, a ``never_with``
    naming no promotion given (as ``apply_promotions`` would, without the path)."""
    currency = cart.lines[0].unit_price.currency
    first: dict[str, int] = {}
    for index, promotion in enumerate(promotions):
        if promotion.id in first:
            raise InvalidJsonError(
                f"promotions[{index}].id",
                f"{shown(promotion.id)} is the id of promotions[{first[promotion.id]}] "
                "too; give each promotion its own id",
                kind=InputKind.TEXT,
            )
        first[promotion.id] = index
        for money in promotion.money_fields():
            if money.currency != currency:
                raise InvalidJsonError(
                    f"promotions[{index}]",
                    f"has an amount in {money.currency.code} and the cart is in "
                    f"{currency.code}; give the promotion's amounts in the cart's currency",
                )
    for index, promotion in enumerate(promotions):
        for other in sorted(promotion.never_with):
            if other not in first:
                raise InvalidJsonError(
                    f"promotions[{index}].never_with",
                    f"names {shown(other)}, which is not the id of a promotion given; "
                    "pass that promotion too, or remove it",
                )


def omit_defaults(data: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` without the keys whose value is their default."""
    return {key: value for key, value in data.items() if defaults.get(key, ...) != value}


def local_rates(buyer: Buyer, given: tuple[LocalRate, ...] | None) -> LocalRates | None:
    """The rate source of the request's ``local_rates`` (read already, each checked
    when built), for the buyer's state; refused at ``buyer.subdivision`` for a US
    buyer without one, and at ``local_rates`` where the buyer is in no US state with
    local sales taxes."""
    if given is None:
        return None
    from commercekit.tax import LocalRates  # noqa: PLC0415  # US local taxes, when given

    where = buyer.subdivision or buyer.country
    if where == "US":  # the rates are for a state the request does not name
        raise InvalidJsonError(
            "buyer.subdivision",
            "is missing: local_rates are those of the buyer's state, and sales tax is "
            "the state's where the goods are delivered; give it ('US-NY', 'US-TX' ...)",
        )
    try:
        return LocalRates(where, given)
    except CommerceKitError as error:
        if getattr(error, "field", None) == "state":
            raise InvalidJsonError(
                "local_rates",
                f"are given for a buyer in {where}: local rates are those of a US state "
                "with local sales taxes, named as the buyer's subdivision (US-NY ...)",
            ) from None
        found = placed(error, {"local_rates": list(given)})
        raise found or locate(error, "local_rates") from None


def _local_rates_json(source: LocalRates) -> list[dict[str, Any]]:
    if source.source is not BUNDLED:
        raise InvalidJsonError(
            "local_rates",
            "wrap a plugin's rate source; a request carries the local rates over the "
            "bundled state tables only",
        )
    return [
        omit_defaults(
            converter.unstructure(local), {"categories": {}, "single_article_limit": None}
        )
        for local in source.local
    ]


def _tax_rates(context: CheckoutContext) -> TaxRateSource:
    """The rate source a request can carry: the bundled tables or ``LocalRates`` (its
    ``local_rates``), either wrapped in ``StateRatesOnly`` where the quote is partial
    (as a partial quote wraps it itself); ``InvalidJsonError`` at ``tax_rates`` for
    any other, never dropped."""
    from commercekit.tax import LocalRates, StateRatesOnly  # noqa: PLC0415  # US local taxes, if any

    source = context.tax_rates
    if isinstance(source, StateRatesOnly) and context.partial:
        source = source.source
    if source is BUNDLED or isinstance(source, LocalRates):
        return source
    raise InvalidJsonError(
        "tax_rates",
        f"is {source!r}, which a request cannot carry: it holds the bundled state "
        "tables, local rates over them (local_rates: LocalRates(...)) and partial: "
        "true (the state's part alone: StateRatesOnly, on a partial quote only); "
        "quote with the plugin in Python instead",
    )


def data_sources(context: CheckoutContext) -> dict[str, Any]:
    """The request fields naming bundled data (the example tariff), the local rates,
    partial quotes, the warehouse, the payment and the facts of a sale of services."""
    from commercekit.tax import LocalRates  # noqa: PLC0415  # US local taxes, if any

    data: dict[str, Any] = {}
    tariffs = context.tariffs
    if tariffs is BUNDLED_TARIFF:
        data["tariff"] = "example"
    elif isinstance(tariffs, TariffTable):
        data["tariff"] = {
            "name": tariffs.name,
            "rows": [
                omit_defaults(converter.unstructure(row), {"note": "", "description": ""})
                for row in tariffs.rates
            ],
        }
    elif tariffs is not None:
        raise InvalidJsonError(
            "tariff",
            "is a plugin's live tariff; a request carries a TariffTable's rows only",
        )
    source = _tax_rates(context)
    if isinstance(source, LocalRates):
        data["local_rates"] = _local_rates_json(source)
    if context.partial:
        data["partial"] = True
    if context.warehouse is not None:
        data["warehouse"] = _warehouse(context.warehouse)
    if context.payment is not None and context.payment_costs is not None:
        data["payment"] = payment_request_json(context.payment, context.payment_costs)
    if context.service_facts is not None:
        data["service_facts"] = omit_defaults(
            converter.unstructure(context.service_facts),
            dict.fromkeys(
                ("location", "paid_in_foreign_exchange", "establishments_of_one_person")
            ),
        )
    return data


def _warehouse(warehouse: Warehouse) -> dict[str, Any]:
    """The warehouse as JSON: its zone by IANA name, its cut-off as "HH:MM"."""
    data: dict[str, Any] = {}
    for field in attrs.fields(Warehouse):
        try:
            data[field.name] = converter.unstructure(getattr(warehouse, field.name))
        except InvalidJsonError as error:
            raise locate(error, f"warehouse.{field.name}") from None
    return omit_defaults(data, {"subdivision": None})
