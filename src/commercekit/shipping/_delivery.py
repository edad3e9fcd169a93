"""Delivery dates: cut-off times, handling days and transit days, with public holidays.

An order placed before the warehouse's cut-off (in the warehouse's time zone) is handled
that day; after it, the next business day. Handling takes whole business days at the
warehouse; transit takes the service's minimum to maximum business days, counted on
days the carrier delivers: not weekends, not public holidays at the origin or at the
destination. Holidays come from the ``holidays`` library, by country and, where given,
subdivision (a German Land, a US state). Where a place's subdivision is not given, only
the holidays its whole country keeps are skipped, and the reasons name each day counted
that some of its regions keep as a holiday (Epiphany, for Bavaria), so a promise made
without the region says where it may be a day early.

The warehouse's time zone must be one of its country's, by the IANA time zone tables:
its cut-off and handling day are read on its own clock (the rule is in ``_zones``).

Examples:
    >>> from datetime import datetime, time
    >>> from zoneinfo import ZoneInfo
    >>> amsterdam = Warehouse(
    ...     "NL", ZoneInfo("Europe/Amsterdam"), cutoff=time(15, 0), handling_days=0
    ... )
    >>> ordered = datetime(2026, 12, 23, 16, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    >>> window = delivery_window(amsterdam, "DE", (2, 3), ordered_at=ordered)
    >>> window.earliest, window.latest
    (datetime.date(2026, 12, 29), datetime.date(2026, 12, 30))
    >>> for reason in window.reasons:
    ...     print(reason)
    ordered 2026-12-23 16:30 CET, after the 15:00 cut-off: handled next business day
    2026-12-25 skipped: Christmas Day (NL)
    >>> Warehouse("NL", ZoneInfo("America/New_York"), cutoff=time(15, 0), handling_days=0)
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidAmountPlaceError: zoneinfo.ZoneInfo(key='America/New_York')
    is not a time zone of NL, where the warehouse is: ...
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs

from commercekit._checks import invalid, moment
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidAmountError
from commercekit.regions import (
    check_country,
    closed_on,
    holiday_region,
    regional_holidays,
)
from commercekit.shipping import _checks as check
from commercekit.shipping._zones import check_zone

__all__ = ["DeliveryWindow", "Warehouse", "delivery_window"]


def _timezone(value: object) -> ZoneInfo:
    if isinstance(value, str):
        raise invalid(
            "timezone",
            value,
            f"is text, not a ZoneInfo; pass ZoneInfo({value!r})",
            kind=InputKind.TYPE,
        )
    return check.instance(value, ZoneInfo, "timezone")


def _cutoff(value: object) -> time:
    cutoff = check.instance(value, time, "cutoff")
    if cutoff.tzinfo is not None:
        raise invalid(
            "cutoff",
            value,
            "carries a time zone; the cut-off is a wall-clock time in the warehouse's "
            "timezone: pass e.g. time(15, 0)",
            kind=InputKind.DATE,
        )
    return cutoff


def _handling_days(value: object) -> int:
    return check.whole(value, "handling_days", unit="days", maximum=check.MAX_DAYS)


def _region(instance: Warehouse, _: object, value: str | None) -> None:
    if value is not None:
        holiday_region(instance.country, value)


@named_at_the_door
@attrs.frozen
class Warehouse:
    """Where orders ship from: its country (and subdivision), time zone, cut-off time
    and handling days.

    ``cutoff`` is the wall-clock time (a naive ``time``, read in ``timezone``) from
    which an order is handled the next business day; ``handling_days`` the business
    days between the order's handling day and hand-over to the carrier (0 means
    same-day dispatch, at most a year). Neither has a default: a cut-off or handling
    time the shop did not state would promise a date it may not keep.

    ``subdivision`` is a region with its own public holidays, as the ``holidays``
    library names it (``"BY"`` for Bavaria) or by its ISO 3166-2 code (``"DE-BY"``).
    ``timezone`` must be one of the country's IANA zones (see ``_zones``). Refused
    with an ``InvalidAmountError`` of the input's kind (the shipping package's errors):
    ``InvalidAmountTypeError`` for a zone that is not a ``ZoneInfo``,
    ``InvalidAmountPlaceError`` for one that is not the country's,
    ``InvalidAmountCountError`` for handling days that are not a whole number.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str = attrs.field(converter=check_country)
    timezone: ZoneInfo = attrs.field(converter=_timezone)
    cutoff: time = attrs.field(converter=_cutoff)
    handling_days: int = attrs.field(converter=_handling_days)
    subdivision: str | None = attrs.field(default=None, validator=_region)

    def __attrs_post_init__(self) -> None:
        check_zone(self.timezone, self.country, self.subdivision)


def _days(value: object, field: str = "") -> date:
    return check.day(value, field)


def _reasons(value: object) -> tuple[str, ...]:
    return check.texts(value, "reasons")


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class DeliveryWindow:
    """The earliest and latest delivery dates, and what moved them."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    earliest: date = attrs.field(converter=_days)
    latest: date = attrs.field(converter=_days)
    dispatch: date = attrs.field(converter=_days)
    reasons: tuple[str, ...] = attrs.field(converter=_reasons)

    def __attrs_post_init__(self) -> None:
        if not self.dispatch <= self.earliest <= self.latest:
            raise InvalidAmountError(
                (self.dispatch, self.earliest, self.latest),
                "are not in order; a parcel is dispatched, then arrives between the "
                "earliest and the latest date",
            )


def _closed(on: date, places: tuple[tuple[str, str | None], ...]) -> str | None:
    """Why nothing moves on ``on`` (a weekend day, or a holiday at one of the places)."""
    for country, subdivision in places:
        why = closed_on(on, country, subdivision=subdivision)
        if why is not None:
            where = f"{country}-{subdivision}" if subdivision else country
            return why if on.weekday() >= 5 else f"{why} ({where})"
    return None


def _add_business_days(
    start: date, days: int, places: tuple[tuple[str, str | None], ...], notes: list[str]
) -> date:
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        why = _closed(day, places)
        if why is None:
            left -= 1
        elif day.weekday() < 5:  # a holiday, not a weekend
            notes.append(f"{day.isoformat()} skipped: {why}")
    return day


@context_free
def delivery_window(
    warehouse: Warehouse,
    country: str,
    transit_days: tuple[int, int],
    *,
    ordered_at: datetime,
    subdivision: str | None = None,
) -> DeliveryWindow:
    """When an order placed at ``ordered_at`` arrives in ``country``.

    ``transit_days`` is the service's (min, max) in business days after dispatch.
    ``ordered_at`` must be timezone-aware; it is read in the warehouse's time zone.
    ``subdivision`` is the destination's region with holidays of its own (see
    ``Warehouse``); without it, the reasons name each day counted that a region keeps.
    """
    warehouse = check.instance(warehouse, Warehouse, "warehouse")
    ordered_at = moment(ordered_at, "ordered_at", invalid)
    destination = check_country(country)
    low, high = check.transit_days(transit_days, "transit_days")
    region = None if subdivision is None else holiday_region(destination, subdivision)
    try:
        return _window(warehouse, destination, region, (low, high), ordered_at)
    except OverflowError:
        raise invalid(
            "ordered_at",
            ordered_at,
            "is too near the end of the calendar to count days after it",
            kind=InputKind.DATE,
        ) from None


def _window(
    warehouse: Warehouse,
    destination: str,
    subdivision: str | None,
    transit_days: tuple[int, int],
    ordered_at: datetime,
) -> DeliveryWindow:
    low, high = transit_days
    local = ordered_at.astimezone(warehouse.timezone)
    home = (
        None
        if warehouse.subdivision is None
        else holiday_region(warehouse.country, warehouse.subdivision)
    )
    origin = ((warehouse.country, home),)
    notes: list[str] = []
    day = local.date()
    closed = _closed(day, origin)
    if local.time() >= warehouse.cutoff or closed:
        why = (
            f"on a closed day ({closed})"
            if closed
            else f"after the {warehouse.cutoff:%H:%M} cut-off"
        )
        notes.append(f"ordered {local:%Y-%m-%d %H:%M %Z}, {why}: handled next business day")
        day = _add_business_days(day, 1, origin, notes)
    dispatch = _add_business_days(day, warehouse.handling_days, origin, notes)
    route = (*origin, (destination, subdivision))
    earliest = _add_business_days(dispatch, low, route, notes)
    latest = _add_business_days(dispatch, high, route, notes)
    counted = _counted(day, dispatch, latest, origin, route)
    if home is None:
        notes += _regional(counted, warehouse.country, "warehouse's")
    if subdivision is None:
        transit = [counted_day for counted_day in counted if counted_day > dispatch]
        notes += _regional(transit, destination, "destination's")
    return DeliveryWindow(
        earliest=earliest,
        latest=latest,
        dispatch=dispatch,
        reasons=tuple(dict.fromkeys(notes)),
    )


def _counted(
    start: date,
    dispatch: date,
    latest: date,
    origin: tuple[tuple[str, str | None], ...],
    route: tuple[tuple[str, str | None], ...],
) -> list[date]:
    """The days counted as business days from the handling day to the latest arrival:
    at the warehouse until dispatch, on the whole route after it. (At most about three
    years of days: the handling day, handling and transit are each capped.)"""
    days = []
    for offset in range((latest - start).days + 1):
        day = start + timedelta(days=offset)
        if _closed(day, route if day > dispatch else origin) is None:
            days.append(day)
    return days


def _regional(counted: list[date], country: str, whose: str) -> list[str]:
    """Each day counted that only some regions of ``country`` keep as a public
    holiday: a count made without the place's region may be a day short there."""
    notes = []
    for day in counted:
        names: dict[str, list[str]] = {}
        for region, name in regional_holidays(day, country):
            names.setdefault(name, []).append(region)
        if names:
            held = "; ".join(f"{name}: {', '.join(where)}" for name, where in names.items())
            notes.append(
                f"{day.isoformat()} counted as a business day in {country}, a public "
                f"holiday in some regions only ({held}); name the {whose} region to "
                "count it"
            )
    return notes
