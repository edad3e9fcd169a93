"""Border charges at checkout: duties and import taxes when the goods cross a border.

When the goods cross a customs border
([`customs_border`][commercekit.regions.customs_border]),
[`landed_cost`][commercekit.shipping.landed_cost] values each line's net under the
context's incoterm: under DDP the seller collects the charges now, otherwise they are
due at the door. A territory with customs of its own that commercekit does not model
(a duty-free zone charges nothing; Ceuta and Melilla levy IPSI) and a VAT border with
no customs border (the EU to the Canary Islands or Åland) are named: their own taxes
are not bundled, so the quote refuses, or, when partial, lists them in ``missing``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs

from commercekit._methods import attrs_repr
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import QuoteLine, ShippingCharge
from commercekit.checkout._product import Product
from commercekit.checkout._quote_taxes import round_zero
from commercekit.errors import MissingDataError, NoRuleError, shown
from commercekit.money import Money
from commercekit.regions import Place, Territory, customs_border, fiscal_border
from commercekit.tax import TaxDecision

if TYPE_CHECKING:
    from commercekit.shipping import DutyRate, Item, LandedCost


class _NoTariff:
    """The tariff of a context that gave none: asked only where duty is due."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        raise MissingDataError(
            f"a duty rate for {hs_code} from {origin} into {destination}",
            "pass tariffs= to the CheckoutContext (a TariffSource with real rates, or "
            "commercekit.shipping.BUNDLED_TARIFF, the labelled example)",
            field="tariffs",
            json_how='write "tariff" in the request (its "name" and "rows" of real '
            'rates, or "example", the labelled example)',
        )


@attrs.define
class Border:
    """Duties and import taxes when the goods cross a customs border."""

    __repr__ = attrs_repr
    context: CheckoutContext
    products: Mapping[str, Product]
    decision: TaxDecision
    origin: Place
    destination: Place
    notes: list[str]
    missing: list[str]

    def _own_customs(
        self, territory: Territory, zero: Money
    ) -> tuple[LandedCost | None, Money, Money]:
        """A territory outside every customs territory commercekit models: a duty-free
        zone with no tax (Heligoland, Livigno) charges nothing; one with its own import
        tax (Ceuta, Melilla: IPSI) is not bundled."""
        if territory.tax_instead.startswith("none"):
            self.notes.append(f"no duty or import tax: {territory.explain()}")
            return None, zero, zero
        self._not_bundled(f"the customs and import taxes of {territory.name}", territory)
        return None, zero, zero

    def _untaxed_arrival(self) -> None:
        """A VAT border without a customs border (the EU to the Canary Islands or Åland):
        the territory's own import tax is due on arrival, and none is bundled."""
        territory = self.destination.territory
        if not fiscal_border(self.origin, self.destination) or territory is None:
            return
        if territory.tax_instead.startswith("none"):
            return  # no tax there at all (Heligoland, Livigno, Mount Athos)
        self._not_bundled(f"the import taxes of {territory.name}", territory)

    def _not_bundled(self, what: str, territory: Territory) -> None:
        """Raise that a territory's own taxes are not bundled, or list it (partial)."""
        error = MissingDataError(
            f"{what} ({territory.tax_instead.split(';')[0]})",
            "commercekit bundles no rates for them; ask for a partial quote "
            "(partial=True) to leave them out, listed in Quote.missing",
        )
        if not self.context.partial:
            raise error
        self.missing.append(f"border charges: {error}")

    def _items(self, lines: Sequence[QuoteLine]) -> tuple[Item, ...]:
        """Each line with a value, as an Item with its product's facts."""
        from commercekit.shipping import Item  # noqa: PLC0415  # at a customs border only

        facts = self.products
        return tuple(
            Item(
                line.sku,
                line.net,
                hs_code=facts[line.sku].hs_code,
                origin=facts[line.sku].origin,
                quantity=line.quantity,
                category=facts[line.sku].tax_category,
                excise=facts[line.sku].excise,
            )
            for line in lines
            if line.net.amount > 0
        )

    def charges(
        self, lines: Sequence[QuoteLine], shipping: ShippingCharge | None
    ) -> tuple[LandedCost | None, Money, Money]:
        """The landed cost, what the seller collects now and what is due at the door."""
        zero = round_zero(lines[0].net)
        services = self.context.service_facts is not None  # they cross no border
        if services or not customs_border(self.origin, self.destination):
            if not services:
                self._untaxed_arrival()
            return None, zero, zero
        territory = self.destination.territory
        if territory is not None and territory.customs_of == territory.code:
            return self._own_customs(territory, zero)
        # Loaded at a customs border only: a quote within the EU never builds a shipment.
        from commercekit.shipping import Shipment, landed_cost  # noqa: PLC0415

        items = self._items(lines)
        if not items:
            return None, zero, zero
        decision = self.decision
        place = self.destination
        shipment = Shipment(
            items,
            destination=place.country,
            subdivision=place.subdivision,
            postcode=place.postcode,
            shipping=shipping.net if shipping is not None else None,
            sold_under=decision.cleared_under,
            transport_mode=self.context.transport_mode,
            shipped_from=self.origin.country,
            channel=self.context.channel,
        )
        context = self.context
        try:
            cost = landed_cost(
                shipment,
                incoterm=context.incoterm,
                on=context.at.date(),
                rates=context.exchange_rates,
                tariffs=context.tariffs or _NoTariff(),
                tax_rates=context.tax_rates,
                without_excise=context.partial,
            )
        except (MissingDataError, NoRuleError) as error:
            if not context.partial:
                raise _of_product(error, items) from None
            self.missing.append(f"border charges: {error}")
            self.notes.append(f"border charges left out (partial quote): {error}")
            return None, zero, zero
        self.notes.extend(cost.explanation)
        self.missing.extend(f"border charges: {lacks}" for lacks in cost.lacks)
        if cost.incoterm is cost.incoterm.DDP:
            return cost, cost.charges, zero
        return cost, zero, cost.charges


_ITEM = re.compile(r"shipment\.items\[(\d+)\]\.(hs_code|origin|excise)")
_TRAVEL = ("shipment.channel", "shipment.transport_mode")
"""The shipment's fields a quote takes from the context's of the same name."""


def _of_product(
    error: MissingDataError | NoRuleError, items: Sequence[Item]
) -> MissingDataError | NoRuleError:
    """``error``, where it names a fact of the shipment, naming the context's field
    that gave it (``shipment.items[0].hs_code`` as ``products['TEE'].hs_code``: each
    item is a line, named by its SKU; ``shipment.channel`` as ``channel``)."""
    field = getattr(error, "field", None) or ""
    if type(error) is not MissingDataError:
        return error
    if field in _TRAVEL:
        name = field.removeprefix("shipment.")
        reason = error.how.rpartition("; give ")[0] or error.how
        return MissingDataError(
            error.missing,
            f"{reason}; give CheckoutContext({name}=...)",
            field=name,
            json_how=f'{reason}; write "{name}" in the request',
        )
    if field == "shipment.items":  # goods a relief covers beside goods it does not
        return error.at("cart.lines")
    item = _ITEM.fullmatch(field)
    if item is None:
        return error
    sku = items[int(item[1])].description
    return error.at(f"products[{shown(sku)}].{item[2]}")
