"""The products a checkout sells: what the quote needs to know about a SKU beyond its
price (its tax category, tariff heading, origin, weight, India's rate facts and its
excise kind)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.checkout._checks import choice, instance, number
from commercekit.checkout._model import _sku
from commercekit.errors import InvalidAmountError
from commercekit.regions import check_country
from commercekit.shipping import check_hs_code
from commercekit.tax import ExciseKind, TaxCategory, check_category, excise_kind

if TYPE_CHECKING:
    from commercekit.tax import RateFacts

__all__ = ["Product"]


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


def _origin(value: object) -> str | None:
    return None if value is None else check_country(value)


def _hs_code(value: object) -> str | None:
    return None if value is None else check_hs_code(value)


def _excise(value: object) -> ExciseKind | None:
    return None if value is None else choice(value, ExciseKind, "excise")


@named_at_the_door
@attrs.frozen
class Product:
    """What the quote needs to know about a SKU beyond its price.

    ``tax_category`` decides its VAT/GST rate. ``hs_code`` (its tariff heading) and
    ``origin`` (ISO 3166) are needed where duty is due; ``weight_kg`` where rate cards
    price shipping. ``rate_facts`` ([`RateFacts`][commercekit.tax.RateFacts]) states
    what an Indian GST rate turns on beyond the category (a room's value per day, a
    drink's HSN heading ...), asked of [`fact_rates`][commercekit.tax.fact_rates].
    ``excise`` ([`ExciseKind`][commercekit.tax.ExciseKind]) says whether it is alcohol,
    tobacco ..., which low-value regimes exclude, where neither ``hs_code`` nor the
    category says (given with them, it must agree). A missing fact the quote needs
    raises [`MissingDataError`][commercekit.errors.MissingDataError].
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(converter=_sku)
    tax_category: TaxCategory = attrs.field(converter=check_category)
    hs_code: str | None = attrs.field(default=None, converter=_hs_code)
    origin: str | None = attrs.field(default=None, converter=_origin)
    weight_kg: Decimal | None = attrs.field(default=None, converter=_weight)
    rate_facts: RateFacts | None = attrs.field(default=None, converter=_rate_facts)
    excise: ExciseKind | None = attrs.field(default=None, converter=_excise)

    def __attrs_post_init__(self) -> None:
        excise_kind(self.excise, self.hs_code, self.tax_category)
