"""The quote request's fields that name data sources and optional facts: the tariff
(the bundled example, or a ``TariffTable``'s rows), a partial quote, the warehouse,
the payment, and the facts of a sale of services (``service_facts``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from commercekit.checkout import CheckoutContext
from commercekit.errors import InvalidJsonError
from commercekit.serde._converter import converter, locate
from commercekit.serde._payment import payment_request_json
from commercekit.shipping import BUNDLED_TARIFF, TariffTable, Warehouse

__all__ = ["data_sources", "omit_defaults"]


def omit_defaults(data: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if defaults.get(key, ...) != value}


def data_sources(context: CheckoutContext) -> dict[str, Any]:
    """The request fields naming bundled data (the example tariff), partial quotes,
    the warehouse, the payment and the facts of a sale of services."""
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
