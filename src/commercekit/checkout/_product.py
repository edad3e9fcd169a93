"""What the quote needs to know about a SKU: its tax category, and for shipping and
customs its weight, HS code and origin (see ``Product``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.checkout._checks import instance, number
from commercekit.checkout._model import _sku
from commercekit.errors import InvalidAmountError
from commercekit.regions import check_country
from commercekit.shipping import check_hs_code
from commercekit.tax import TaxCategory, check_category

if TYPE_CHECKING:
    from commercekit.tax import RateFacts

__all__ = ["Product", "optional_country"]


def _rate_facts(value: object) -> RateFacts | None:
    if value is None:
        return None
    from commercekit.tax import RateFacts  # noqa: PLC0415  # India's facts, when given

    return instance(value, RateFacts, "rate_facts")


def _weight(value: object) -> Decimal | None:
    if value is None:
        return None
    weight = number(value, "weight_kg")
    if not 0 <= weight <= 10**6:
        raise InvalidAmountError(
            value, "is not a weight from 0 to 1,000,000 kg", field="weight_kg"
        )
    return weight


def optional_country(value: object) -> str | None:
    """A country (ISO 3166 alpha-2), or ``None``."""
    return None if value is None else check_country(value)


def _hs_code(value: object) -> str | None:
    return None if value is None else check_hs_code(value)


@attrs.frozen
class Product:
    """What the quote needs to know about a SKU beyond its price.

    ``tax_category`` decides its VAT/GST rate. ``hs_code`` (its tariff heading) and
    ``origin`` (country of origin, ISO 3166) are needed when it crosses a customs border
    and duty is due; ``weight_kg`` when the quote prices shipping on rate cards.
    ``rate_facts`` ([`RateFacts`][commercekit.tax.RateFacts]) states what an Indian
    GST rate turns on beyond the category (a hotel room's value per day, a restaurant's
    premises, a flight's class, a drink's HSN heading); the quote asks
    [`fact_rates`][commercekit.tax.fact_rates] with it where the place of supply is in
    India and the category has such rows. A fact the quote needs and does not have
    raises [`MissingDataError`][commercekit.errors.MissingDataError]; nothing is
    assumed.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(converter=_sku)
    tax_category: TaxCategory = attrs.field(converter=check_category)
    hs_code: str | None = attrs.field(default=None, converter=_hs_code)
    origin: str | None = attrs.field(default=None, converter=optional_country)
    weight_kg: Decimal | None = attrs.field(default=None, converter=_weight)
    rate_facts: RateFacts | None = attrs.field(default=None, converter=_rate_facts)
