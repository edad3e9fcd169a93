"""Delivery dates at checkout: when the chosen service brings the goods.

With a warehouse in the context (``CheckoutContext.warehouse``), the shipping charge
carries the window [`delivery_window`][commercekit.shipping.delivery_window] gives for
an order placed at the quote's moment (``at``): the warehouse's cut-off (in its time
zone) and handling days, the chosen service's transit days, and the public holidays at
the warehouse and at the address. The address's holidays are its region's where the
context knows the region and the region keeps holidays of its own: the buyer's
subdivision (a US state, a German Land), or the special territory its postcode lies
in (the Canary Islands, Northern Ireland). The window's reasons join the quote's
explanation.

Without a warehouse there are no dates, and the explanation says so: a quote without
them is complete for money. No warehouse, time zone or cut-off is ever assumed. Where
the holidays library has no calendar for the warehouse's country or the address's,
the quote raises [`MissingDataError`][commercekit.errors.MissingDataError]: counting
weekends only would promise a day that may be a holiday.
"""

from __future__ import annotations

import attrs

from commercekit._checks import invalid
from commercekit.checkout._context import CheckoutContext
from commercekit.checkout._model import ShippingCharge
from commercekit.errors import InvalidInputError, UnknownCountryError
from commercekit.regions import Place, holiday_region
from commercekit.shipping import DeliveryWindow, Warehouse, delivery_window

_NO_WAREHOUSE = "no delivery dates: the quote names no warehouse the goods leave from"
"""The explanation's line for a quote priced without a warehouse."""

_NO_SHIPPING = (
    "no delivery dates: the quote prices no shipping (no rate cards or live carrier), "
    "so there are no transit days to count"
)
"""The explanation's line for a warehouse given where no shipping is priced."""


def delivered(
    charge: ShippingCharge | None,
    context: CheckoutContext,
    destination: Place,
    notes: list[str],
) -> ShippingCharge | None:
    """``charge`` with its delivery window, when the context names the warehouse; the
    window (or why there is none) is added to ``notes``."""
    warehouse = context.warehouse
    if charge is None:
        if warehouse is not None:
            notes.append(_NO_SHIPPING)
        return None
    if warehouse is None:
        notes.append(_NO_WAREHOUSE)
        return charge
    region = _destination_region(destination, notes)
    try:
        window = delivery_window(
            warehouse,
            destination.country,
            charge.transit_days,
            ordered_at=context.at,
            subdivision=region,
        )
    except InvalidInputError as error:
        if error.field != "ordered_at":
            raise
        raise invalid("at", context.at, error.reason, kind=error.kind) from None
    notes.append(_summary(window, warehouse, charge))
    notes.extend(f"delivery: {reason}" for reason in window.reasons)
    return attrs.evolve(charge, delivery=window)


def _destination_region(destination: Place, notes: list[str]) -> str | None:
    """The region of the address with holidays of its own, as the ``holidays`` library
    names it: the buyer's subdivision, else the special territory of its postcode.
    ``None`` where neither is known, or where the region keeps its country's holidays
    (said in ``notes``)."""
    territory = destination.territory
    region = destination.subdivision or (territory.subdivision if territory else None)
    if region is None:
        return None
    try:
        return holiday_region(destination.country, region)
    except UnknownCountryError:
        notes.append(
            f"delivery: {region} has no public-holiday calendar of its own in the "
            f"holidays library; the holidays of {destination.country} as a whole are "
            "counted"
        )
        return None


def _summary(window: DeliveryWindow, warehouse: Warehouse, charge: ShippingCharge) -> str:
    low, high = charge.transit_days
    return (
        f"delivery: {window.earliest.isoformat()} to {window.latest.isoformat()}, "
        f"handed to the carrier {window.dispatch.isoformat()} ({warehouse.country} "
        f"warehouse, cut-off {warehouse.cutoff:%H:%M} {warehouse.timezone}, "
        f"{warehouse.handling_days} handling and {low}-{high} transit business days "
        f"by {charge.service})"
    )
