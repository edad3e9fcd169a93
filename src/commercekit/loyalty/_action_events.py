"""What a member did: the facts an action rule decides on, as the shop passes them.

A [`ProductReview`][commercekit.loyalty.ProductReview] names the product and the
[`DeliveredOrder`][commercekit.loyalty.DeliveredOrder] it was bought in; a
[`Referral`][commercekit.loyalty.Referral] names both customers, the new customer's
first order and, when the shop has them, fingerprints of their households and payment
instruments (opaque strings: a hashed address, a card fingerprint from the payment
provider); a [`Birthday`][commercekit.loyalty.Birthday] says since when it has been on
file; a [`ShopAction`][commercekit.loyalty.ShopAction] names the shop's own action.
"""

from __future__ import annotations

import calendar
import enum
from datetime import date

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._action_rules import LeapDay
from commercekit.loyalty._checks import (
    choice,
    day,
    days,
    flag,
    instance,
    items,
    points,
    text,
)
from commercekit.loyalty._referral import window_closes

__all__ = [
    "Birthday",
    "DeliveredOrder",
    "Moderation",
    "ProductReview",
    "Referral",
    "ShopAction",
]


class Moderation(enum.StrEnum):
    """Where a review stands in the shop's moderation."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


def _convert_id(value: object) -> str:
    return text(value, "id")


def _convert_delivered_on(value: object) -> date:
    return day(value, "delivered_on")


def _convert_window(value: object) -> int:
    return days(value, "return_window_days")


def _ids(value: object, field: str) -> tuple[str, ...]:
    """The distinct ids of a list, sorted (so that equal sets compare and print equal)."""
    return tuple(sorted({text(found, field) for found in items(value, field)}))


def _convert_products(value: object) -> tuple[str, ...]:
    return _ids(value, "products")


def _convert_referrer_households(value: object) -> tuple[str, ...]:
    return _ids(value, "referrer_households")


def _convert_referee_households(value: object) -> tuple[str, ...]:
    return _ids(value, "referee_households")


def _convert_referrer_payments(value: object) -> tuple[str, ...]:
    return _ids(value, "referrer_payments")


def _convert_referee_payments(value: object) -> tuple[str, ...]:
    return _ids(value, "referee_payments")


def _convert_returned(value: object) -> bool:
    return flag(value, "returned")


@named_at_the_door
@attrs.frozen
class DeliveredOrder:
    """An order delivered to the member, with its return window: what an action's
    points rest on (the order a reviewed product was bought in, a referee's first
    order), held until the window closes.

    ``products`` are the ids of the products in it; ``returned`` says it was sent back
    (for a review: the product reviewed was). The return window runs
    ``return_window_days`` from delivery, the day of delivery being day 0. (Not to be
    confused with [`metrics.Purchase`][commercekit.metrics.Purchase], one customer's
    spend on a day, which cohorts are built from.)

    Examples:
        >>> order = DeliveredOrder("A-1001", date(2026, 3, 2), 14, products=["sku-1"])
        >>> order.window_closes, order.release_on
        (datetime.date(2026, 3, 16), datetime.date(2026, 3, 17))
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    id: str = attrs.field(converter=_convert_id)
    delivered_on: date = attrs.field(converter=_convert_delivered_on)
    return_window_days: int = attrs.field(converter=_convert_window)
    products: tuple[str, ...] = attrs.field(default=(), converter=_convert_products)
    returned: bool = attrs.field(default=False, converter=_convert_returned)

    def __attrs_post_init__(self) -> None:
        window_closes(self.delivered_on, self.return_window_days)  # refuses past date.max

    @property
    def window_closes(self) -> date:
        """The last day the order can be returned."""
        return window_closes(self.delivered_on, self.return_window_days)[0]

    @property
    def release_on(self) -> date:
        """The day after the window closes: points resting on the order wait for it."""
        return window_closes(self.delivered_on, self.return_window_days)[1]


def _convert_product(value: object) -> str:
    return text(value, "product")


def _convert_purchase(value: object) -> DeliveredOrder | None:
    return None if value is None else instance(value, DeliveredOrder, "purchase")


def _convert_length(value: object) -> int:
    return points(value, "length", unit="characters")


def _convert_moderation(value: object) -> Moderation:
    return choice(value, Moderation, "moderation")


@named_at_the_door
@attrs.frozen
class ProductReview:
    """A review of ``product``, bought in ``purchase`` (None when the member has no
    order of it), ``length`` characters long, where the shop's moderation left it.

    There is no rating: what a review says never changes its points (16 CFR 465.4).

    Examples:
        >>> order = DeliveredOrder("A-1001", date(2026, 3, 2), 14, products=["sku-1"])
        >>> review = ProductReview("sku-1", order, length=180, moderation="approved")
        >>> review.product, review.moderation
        ('sku-1', <Moderation.APPROVED: 'approved'>)
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    product: str = attrs.field(converter=_convert_product)
    purchase: DeliveredOrder | None = attrs.field(converter=_convert_purchase)
    length: int = attrs.field(kw_only=True, converter=_convert_length)
    moderation: Moderation = attrs.field(kw_only=True, converter=_convert_moderation)


def _convert_referrer(value: object) -> str:
    return text(value, "referrer")


def _convert_referee(value: object) -> str:
    return text(value, "referee")


def _convert_first_order(value: object) -> DeliveredOrder | None:
    return None if value is None else instance(value, DeliveredOrder, "first_order")


@named_at_the_door
@attrs.frozen
class Referral:
    """``referrer`` (the member) brought in ``referee``, whose ``first_order`` is None
    until they have ordered.

    The households and payment instruments are fingerprints the shop holds for each
    side (any opaque strings); a check runs only when both sides have some.

    Examples:
        >>> first = DeliveredOrder("B-7", date(2026, 3, 2), 14)
        >>> Referral("cust-1", "cust-2", first, referrer_payments=["card-9f2"],
        ...          referee_payments=["card-9f2"]).referee
        'cust-2'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    referrer: str = attrs.field(converter=_convert_referrer)
    referee: str = attrs.field(converter=_convert_referee)
    first_order: DeliveredOrder | None = attrs.field(converter=_convert_first_order)
    referrer_households: tuple[str, ...] = attrs.field(
        default=(), converter=_convert_referrer_households
    )
    referee_households: tuple[str, ...] = attrs.field(
        default=(), converter=_convert_referee_households
    )
    referrer_payments: tuple[str, ...] = attrs.field(
        default=(), converter=_convert_referrer_payments
    )
    referee_payments: tuple[str, ...] = attrs.field(
        default=(), converter=_convert_referee_payments
    )


def _convert_birthday(value: object) -> date:
    return day(value, "birthday")


def _convert_on_file_since(value: object) -> date:
    return day(value, "on_file_since")


@named_at_the_door
@attrs.frozen
class Birthday:
    """The member's date of birth and the day it was put on file (a change starts the
    count again: pass the day the current date was entered).

    Examples:
        >>> leapling = Birthday(date(2000, 2, 29), on_file_since=date(2025, 6, 1))
        >>> [leapling.kept_in(2027, rule) for rule in LeapDay]
        [datetime.date(2027, 2, 28), datetime.date(2027, 3, 1)]
        >>> leapling.kept_in(2028, LeapDay.MARCH_1)
        datetime.date(2028, 2, 29)
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    birthday: date = attrs.field(converter=_convert_birthday)
    on_file_since: date = attrs.field(kw_only=True, converter=_convert_on_file_since)

    def __attrs_post_init__(self) -> None:
        if self.on_file_since < self.birthday:
            raise InvalidLoyaltyError.refused(
                "on_file_since",
                self.on_file_since,
                f"is before the birthday {self.birthday.isoformat()}; check the dates",
                kind=InputKind.DATE,
            )

    def kept_in(self, year: int, leap_day: LeapDay) -> date:
        """The day the birthday falls on in ``year`` (29 February by ``leap_day``)."""
        year = points(year, "year", positive=True, unit="years", maximum=date.max.year)
        leap_day = choice(leap_day, LeapDay, "leap_day")
        month, on = self.birthday.month, self.birthday.day
        if (month, on) == (2, 29) and not calendar.isleap(year):
            month, on = (2, 28) if leap_day is LeapDay.FEBRUARY_28 else (3, 1)
        return date(year, month, on)


def _convert_name(value: object) -> str:
    return text(value, "name")


@named_at_the_door
@attrs.frozen
class ShopAction:
    """The shop's own action ``name`` (as its rule names it) was done.

    Examples:
        >>> ShopAction("newsletter sign-up").name
        'newsletter sign-up'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    name: str = attrs.field(converter=_convert_name)
