"""What crosses the border: items, the shipment they travel in, and the fees on it.

An [`Item`][commercekit.shipping.Item] says what a line is, where it was made and what
it is worth; a [`Shipment`][commercekit.shipping.Shipment] the items sent together to one
destination, with what was charged to carry and insure them; a
[`Fee`][commercekit.shipping.Fee] a carrier's or customs' fee. How the goods travel and
who pays the import charges are in ``_terms``.
"""

from __future__ import annotations

import attrs

from commercekit import _checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import CurrencyMismatchError, InvalidAmountError
from commercekit.money import Money, sum_money
from commercekit.regions import check_country
from commercekit.shipping import _checks as check
from commercekit.shipping._tariff import check_hs_code
from commercekit.shipping._terms import CHANNELS, TRANSPORT_MODES, Channel, TransportMode
from commercekit.tax import ExciseKind, TaxCategory, excise_kind

__all__ = ["Fee", "Item", "Shipment"]


def _description(value: object) -> str:
    return check.text(value, "description")


def _value(value: object) -> Money:
    return check.money(value, "value")


def _hs_code(value: object) -> str | None:
    return None if value is None else check_hs_code(value)


def _quantity(value: object) -> int:
    return _checks.whole(value, "quantity", invalid, positive=True, unit="units")


def _category(value: object) -> TaxCategory:
    return check.member(value, TaxCategory, "category")


def _excise(value: object) -> ExciseKind | None:
    return None if value is None else check.member(value, ExciseKind, "excise")


@attrs.frozen
class Item:
    """One line of a shipment: what it is, where it was made, and its value in total.

    ``origin`` is the country of origin (ISO 3166); ``landed_cost`` refuses an item
    without one, since duty rates and reliefs depend on it. ``category`` is the tax
    category its import VAT/GST is charged at. ``excise`` says what kind of goods it
    is ([`ExciseKind`][commercekit.tax.ExciseKind]: excise duty is due on alcohol,
    tobacco and energy products, and some reliefs exclude them and perfumes) where
    neither ``hs_code`` nor the category says; given with them, it must agree.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    description: str = attrs.field(converter=_description)
    value: Money = attrs.field(converter=_value)
    hs_code: str | None = attrs.field(default=None, converter=_hs_code)
    origin: str | None = attrs.field(default=None, converter=check.optional_country)
    quantity: int = attrs.field(default=1, converter=_quantity)
    category: TaxCategory = attrs.field(default=TaxCategory.STANDARD, converter=_category)
    excise: ExciseKind | None = attrs.field(default=None, converter=_excise)

    def __attrs_post_init__(self) -> None:
        excise_kind(self.excise, self.hs_code, self.category)

    @property
    def kind(self) -> ExciseKind | None:
        """What kind of goods the item is (stated, read from its code or settled by
        its category); ``None`` where none says."""
        return excise_kind(self.excise, self.hs_code, self.category)

    @property
    def unit_value(self) -> Money:
        """The value of one unit (for limits set per item)."""
        # Money divided by a number keeps 28 digits: a unit value differs from a limit
        # by no less than a cent over the quantity, far above that rounding.
        return self.value / self.quantity


def _fee_name(value: object) -> str:
    return check.text(value, "name")


def _fee_amount(value: object) -> Money:
    return check.money(value, "amount")


def _taxable(_: object, __: object, value: object) -> None:
    check.flag(value, "taxable")


@attrs.frozen
class Fee:
    """A carrier or customs fee, and whether import VAT/GST is charged on it."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str = attrs.field(converter=_fee_name)
    amount: Money = attrs.field(converter=_fee_amount)
    taxable: bool = attrs.field(default=True, validator=_taxable)


def _items(value: object) -> tuple[Item, ...]:
    found = check.listed(value, Item, "items")
    if not found:
        raise InvalidAmountError(value, "has no items; a shipment needs one")
    return found


def _shipping(value: object) -> Money | None:
    return check.optional_money(value, "shipping")


def _insurance(value: object) -> Money | None:
    return check.optional_money(value, "insurance")


def _inland(value: object) -> Money | None:
    return check.optional_money(value, "transport_inland")


def _channel(value: object) -> Channel | None:
    return None if value is None else Channel(check.choice(value, CHANNELS, "channel"))


def _subdivision(shipment: Shipment, _: object, value: str | None) -> None:
    if value is not None:
        check.subdivision(
            value, "GB" if shipment.destination == "XI" else shipment.destination
        )


def _transport_mode(value: object) -> TransportMode | None:
    if value is None:
        return None
    return TransportMode(check.choice(value, TRANSPORT_MODES, "transport_mode"))


def _sold_under(value: object) -> str | None:
    return check.optional_text(value, "sold_under")


@attrs.frozen
class Shipment:
    """Items sent together to one destination, with what was charged to carry them.

    ``destination`` is a country; Canada needs its province as ``subdivision`` for the
    tax. ``transport_inland`` is the carriage beyond the border, where the law adds it
    to the import-tax base.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    items: tuple[Item, ...] = attrs.field(converter=_items)
    destination: str = attrs.field(converter=check_country)
    shipping: Money | None = attrs.field(default=None, converter=_shipping)
    insurance: Money | None = attrs.field(default=None, converter=_insurance)
    transport_inland: Money | None = attrs.field(default=None, converter=_inland)
    subdivision: str | None = attrs.field(default=None, validator=_subdivision)
    channel: Channel | None = attrs.field(default=None, converter=_channel)
    """``"post"`` or ``"courier"``; ``None`` when not said. Landed cost asks for it
    only where the relief differs by channel: into Canada, goods shipped from the US
    or Mexico by courier are relieved up to CAD 40 (tax) and 150 (duty), by post up to
    CAD 20 (CBSA Customs Notice 20-18); into Singapore, goods by sea are relieved by
    post only."""
    sold_under: str | None = attrs.field(default=None, converter=_sold_under)
    """The scheme under which VAT/GST was charged at sale (``"IOSS"``, ``"VOEC"``, the
    UK's ``"GBP 135"``, ``"AU low-value goods"`` …): the goods then clear customs free of
    import VAT/GST, and reliefs tied to the scheme (Norway's duty-free VOEC goods)
    apply. ``None`` when no tax was charged at sale."""
    postcode: str | None = attrs.field(default=None, converter=check.optional_postcode)
    transport_mode: TransportMode | None = attrs.field(
        default=None, converter=_transport_mode
    )
    """How the goods travel to the border: ``"air"``, ``"sea"`` or ``"land"``; ``None``
    when not said. Into India, transport of goods by air counts at no more than 20% of
    their FOB value (Customs Valuation Rules 2007 r. 10(2)): landed cost refuses a
    transport cost above that without the mode, as the customs value depends on it."""
    shipped_from: str | None = attrs.field(default=None, converter=check.optional_country)
    """The country the goods are shipped from (not their origin); ``None`` when not
    said. Canada's courier thresholds depend on it (CAD 40 and 150 from the US or
    Mexico, CAD 20 from elsewhere, CBSA Customs Notice 20-18): landed cost asks for it
    there."""

    def __attrs_post_init__(self) -> None:
        currency = self.items[0].value.currency.code
        extras = (self.shipping, self.insurance, self.transport_inland)
        amounts = [item.value for item in self.items]
        amounts += [money for money in extras if money is not None]
        for money in amounts:
            if money.currency.code != currency:
                raise CurrencyMismatchError(currency, money.currency.code, "ship")

    @property
    def currency(self) -> str:
        """The currency every amount of the shipment is in."""
        return self.items[0].value.currency.code

    @property
    def goods(self) -> Money:
        """The value of the goods alone."""
        return sum_money([item.value for item in self.items], self.currency)
