"""One line of goods in a sale: its value, units, tax category and, where a regime
asks, what kind of goods it is (``tax._excise``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind
from commercekit.money import Money, require_money
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._excise import (
    ExciseKind,
    check_excise_kind,
    kind_of,
    optional_hs_code,
)

if TYPE_CHECKING:
    from commercekit.tax._in_rate_facts import RateFacts

    _RateFacts = RateFacts | None
else:  # India's facts are imported when given; serde reads them by its own hook
    _RateFacts = Any

__all__ = ["SaleLine", "optional_hs_code"]

_MAX_UNITS = 10**9


def _rate_facts(value: object) -> RateFacts | None:
    if value is None:
        return None
    # India's facts, imported when given: a sale elsewhere never states them.
    from commercekit.tax._in_rate_facts import RateFacts  # noqa: PLC0415

    if not isinstance(value, RateFacts):
        raise invalid("rate_facts", value, "is not RateFacts", kind=InputKind.TYPE)
    return value


def _quantity(value: object) -> int:
    if value.__class__ is int and 0 < value <= _MAX_UNITS:  # the common case, at once
        return value
    return checks.whole(  # anything else is refused here, saying why
        value, "quantity", invalid, positive=True, maximum=_MAX_UNITS, unit="units"
    )


@named_at_the_door
@attrs.frozen
class SaleLine:
    """One line of goods in a sale: its value (all units, after discounts), how many
    units, and its tax category. Per-item limits are measured on ``unit_value``.

    ``excise`` states what kind of goods the line is (``"alcohol"``, ``"tobacco"``,
    ``"none"`` ...: an [`ExciseKind`][commercekit.tax.ExciseKind]) and ``hs_code``
    gives its tariff heading, from which the kind is read; a low-value regime that
    excludes some kinds refuses a line whose kind neither says nor its category
    settles. Where both say, they must agree. ``rate_facts`` (a
    [`RateFacts`][commercekit.tax.RateFacts]) states the facts an Indian GST rate
    turns on beyond the category (a drink's HSN heading, a room's value per day ...):
    a decision in India refuses a line of such a category without them.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    value: Money = attrs.field(converter=require_money, validator=_checks.valid_amount)
    quantity: int = attrs.field(default=1, converter=_quantity)
    category: TaxCategory = attrs.field(
        default=TaxCategory.STANDARD, converter=check_category
    )
    excise: ExciseKind | None = attrs.field(
        default=None, converter=check_excise_kind, kw_only=True
    )
    hs_code: str | None = attrs.field(
        default=None, converter=optional_hs_code, kw_only=True
    )
    rate_facts: _RateFacts = attrs.field(default=None, converter=_rate_facts, kw_only=True)

    def __attrs_post_init__(self) -> None:
        kind_of(self.excise, self.hs_code, self.category)

    @property
    def kind(self) -> ExciseKind | None:
        """What kind of goods the line is, as stated, read from its code or settled
        by its category; ``None`` where none says."""
        return kind_of(self.excise, self.hs_code, self.category)
