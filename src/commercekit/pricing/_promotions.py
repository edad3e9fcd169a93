"""Promotions: what a promotion offers, to which items, when, to whom, with what else.

A [`Promotion`][commercekit.pricing.Promotion] pairs an *offer* with its *conditions*
and its *combination rules*:

* the offer is one of [`PercentOff`][commercekit.pricing.PercentOff],
  [`AmountOff`][commercekit.pricing.AmountOff],
  [`FixedPrice`][commercekit.pricing.FixedPrice],
  [`BuyXGetY`][commercekit.pricing.BuyXGetY], [`Tiered`][commercekit.pricing.Tiered]
  (quantity breaks or spend thresholds), [`BundlePrice`][commercekit.pricing.BundlePrice]
  and [`FreeShipping`][commercekit.pricing.FreeShipping];
* the conditions are a validity window (timezone-aware, start included, end excluded),
  an optional coupon code, eligible SKUs and collections (and exclusions), customer
  segments, a minimum subtotal or quantity, and usage limits per customer and in total;
* the combination rules are its class
  ([`PromotionClass`][commercekit.pricing.PromotionClass]: product, order or
  shipping), the classes it combines with, ids it never combines with, whether it is
  exclusive, and its priority.

A promotion is only a description:
[`apply_promotions`][commercekit.pricing.apply_promotions] decides, for one cart at
one moment, which promotions apply and what they take off.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from commercekit.pricing import PercentOff
    >>> amsterdam = ZoneInfo("Europe/Amsterdam")
    >>> black_friday = Promotion(
    ...     "BF-TEES",
    ...     PercentOff(20),
    ...     collections={"tees"},
    ...     starts=datetime(2026, 11, 27, tzinfo=amsterdam),
    ...     ends=datetime(2026, 11, 30, tzinfo=amsterdam),
    ... )
    >>> black_friday.promotion_class
    <PromotionClass.ORDER: 'order'>
    >>> Promotion("BF", PercentOff(20), starts=datetime(2026, 11, 27))
    Traceback (most recent call last):
    ...
    commercekit.errors.NaiveDatetimeError: starts datetime.datetime(2026, 11, 27, 0, 0) ...
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from commercekit._checks import one_currency
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import named_at_the_door
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidAmountError, InvalidPromotionError
from commercekit.money import Money
from commercekit.pricing import _checks as checks
from commercekit.pricing._cart import codes, names, whole_money, whole_number
from commercekit.pricing._offers import (
    OFFERS,
    PRODUCT_ONLY,
    AmountOff,
    BundlePrice,
    FixedPrice,
    FreeShipping,
    Offer,
    Tiered,
    optional_count,
)

__all__ = ["Promotion", "PromotionClass", "RejectionReason"]


class PromotionClass(enum.StrEnum):
    """What a promotion discounts; the classes apply in this order."""

    PRODUCT = "product"
    """Discounts items, line by line: applied first, on the prices as shown."""
    ORDER = "order"
    """Discounts the order's eligible subtotal, spread over the lines: applied second."""
    SHIPPING = "shipping"
    """Discounts the shipping charge: applied last."""


ALL_CLASSES = frozenset(PromotionClass)


class RejectionReason(enum.StrEnum):
    """Why a promotion was not applied to a cart (checked in this order)."""

    CODE_MISSING = "code-missing"
    """It needs a coupon code the cart does not carry."""
    NOT_STARTED = "not-started"
    """Its validity window has not begun."""
    EXPIRED = "expired"
    """Its validity window has ended."""
    NOT_FOR_SEGMENT = "not-for-segment"
    """It is for customer segments this customer is not in."""
    CUSTOMER_LIMIT_REACHED = "customer-limit-reached"
    """This customer has used it as often as allowed."""
    TOTAL_LIMIT_REACHED = "total-limit-reached"
    """All customers together have used it as often as allowed."""
    NO_ELIGIBLE_ITEMS = "no-eligible-items"
    """No line is in its SKUs or collections (or every one is excluded)."""
    BELOW_MINIMUM = "below-minimum"
    """The eligible items do not reach its minimum quantity, subtotal or first tier."""
    NO_SHIPPING = "no-shipping"
    """A shipping promotion, and there is no shipping charge (left) to discount."""
    NOTHING_TO_DISCOUNT = "nothing-to-discount"
    """Its discount comes to zero (items already at or below its price, say)."""
    DOES_NOT_COMBINE = "does-not-combine"
    """A promotion that comes first does not combine with it (or it with that one)."""
    EXCLUSIVE_APPLIED = "exclusive-applied"
    """An exclusive promotion that comes first applies."""
    NOT_BEST_OFFER = "not-best-offer"
    """Best-offer strategy: another single promotion saves the customer more."""


def _default_class(offer: Offer) -> PromotionClass:
    if isinstance(offer, PRODUCT_ONLY):
        return PromotionClass.PRODUCT
    if isinstance(offer, FreeShipping):
        return PromotionClass.SHIPPING
    return PromotionClass.ORDER


def _offer(value: object) -> Offer:
    if not isinstance(value, OFFERS):
        raise InvalidAmountError.of_kind(InputKind.TYPE)(
            value,
            "is not an offer; pass PercentOff, AmountOff, FixedPrice, BuyXGetY, Tiered, "
            "BundlePrice or FreeShipping",
        )
    return value


def _classes(value: object) -> frozenset[PromotionClass]:
    if isinstance(value, str) or not isinstance(value, frozenset | set | list | tuple):
        raise InvalidAmountError.of_kind(InputKind.LIST)(
            value, "is not a set of promotion classes; pass e.g. {PromotionClass.ORDER}"
        )
    return frozenset(checks.member(item, PromotionClass, "combines_with") for item in value)


def _promotion_class(value: object) -> PromotionClass:
    return checks.member(value, PromotionClass, "promotion_class")


def _name(value: object) -> str:
    return checks.text(value, "name", empty=True)


def _priority(value: object) -> int:
    return checks.signed_whole(value, "priority")


def _exclusive(value: object) -> bool:
    return checks.flag(value, "exclusive")


def _code(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidAmountError.of_kind(InputKind.TEXT)(
            value, "is not a coupon code; pass a non-empty string"
        )
    (code,) = codes([value])
    return code


def _optional_names(value: object, field: str = "") -> frozenset[str] | None:
    return None if value is None else names(value, field)


def _minimum(value: object) -> Money | None:
    return None if value is None else whole_money(value, "minimum")


def _limit(value: object) -> int | None:
    return None if value is None else whole_number(value, "usage limit", minimum=0)


def _id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidAmountError.of_kind(InputKind.TEXT)(
            value, "is not a promotion id; pass a non-empty string"
        )
    return value


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class Promotion:
    """A promotion: an offer, the conditions it needs, and how it combines.

    ``skus`` and ``collections`` select the eligible lines (a line in either is
    eligible; neither given means every line); ``excluded_skus`` and
    ``excluded_collections`` take lines back out. ``segments``, when given, are the
    customer segments it is for. ``minimum_subtotal`` and ``minimum_quantity`` apply to
    the eligible lines. ``starts`` is included and ``ends`` excluded; both must be
    timezone-aware. ``limit_per_customer`` and ``limit_total`` are compared with the
    cart's usage counts.

    ``promotion_class`` defaults from the offer (unit offers are product promotions,
    free shipping a shipping promotion, the rest order promotions). Two promotions
    combine only if each one's ``combines_with`` contains the other's class, neither
    names the other in ``never_with``, and neither is ``exclusive``. Higher
    ``priority`` wins conflicts; equal priorities are settled by id.

    Examples:
        >>> from commercekit.pricing import BuyXGetY, FreeShipping
        >>> Promotion("TEES-3-2", BuyXGetY(2, 1), collections={"tees"}).promotion_class
        <PromotionClass.PRODUCT: 'product'>
        >>> Promotion("SHIP", FreeShipping(), promotion_class=PromotionClass.ORDER)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidPromotionError: promotion 'SHIP': a FreeShipping offer ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    id: str = attrs.field(converter=_id)
    offer: Offer = attrs.field(converter=_offer)
    promotion_class: PromotionClass = attrs.field(
        default=attrs.Factory(lambda self: _default_class(self.offer), takes_self=True),
        converter=_promotion_class,
        kw_only=True,
    )
    name: str = attrs.field(default="", converter=_name, kw_only=True)
    code: str | None = attrs.field(default=None, converter=_code, kw_only=True)
    starts: datetime | None = attrs.field(default=None, kw_only=True)
    ends: datetime | None = attrs.field(default=None, kw_only=True)
    priority: int = attrs.field(default=0, converter=_priority, kw_only=True)
    exclusive: bool = attrs.field(default=False, converter=_exclusive, kw_only=True)
    combines_with: frozenset[PromotionClass] = attrs.field(
        default=ALL_CLASSES, converter=_classes, kw_only=True
    )
    never_with: frozenset[str] = attrs.field(
        default=frozenset(), converter=names, kw_only=True
    )
    skus: frozenset[str] | None = attrs.field(
        default=None, converter=_optional_names, kw_only=True
    )
    collections: frozenset[str] | None = attrs.field(
        default=None, converter=_optional_names, kw_only=True
    )
    excluded_skus: frozenset[str] = attrs.field(
        default=frozenset(), converter=names, kw_only=True
    )
    excluded_collections: frozenset[str] = attrs.field(
        default=frozenset(), converter=names, kw_only=True
    )
    segments: frozenset[str] | None = attrs.field(
        default=None, converter=_optional_names, kw_only=True
    )
    minimum_subtotal: Money | None = attrs.field(
        default=None, converter=_minimum, kw_only=True
    )
    minimum_quantity: int | None = attrs.field(
        default=None, converter=optional_count, kw_only=True
    )
    limit_per_customer: int | None = attrs.field(
        default=None, converter=_limit, kw_only=True
    )
    limit_total: int | None = attrs.field(default=None, converter=_limit, kw_only=True)

    def __attrs_post_init__(self) -> None:
        for what, moment in (("starts", self.starts), ("ends", self.ends)):
            if moment is not None:
                checks.moment(moment, what)
        if self.starts is not None and self.ends is not None and self.ends <= self.starts:
            raise InvalidPromotionError(
                self.id,
                f"ends {self.ends.isoformat()}, not after it starts "
                f"{self.starts.isoformat()}; the end must come after the start",
            )
        amounts = self.money_fields()
        if amounts:
            one_currency(*amounts, operation=f"mix in promotion {self.id!r}")
        offer, kind = self.offer, type(self.offer).__name__
        product = self.promotion_class is PromotionClass.PRODUCT
        shipping = self.promotion_class is PromotionClass.SHIPPING
        if isinstance(offer, PRODUCT_ONLY) and not product:
            raise InvalidPromotionError(
                self.id,
                f"{with_article(kind)} offer is about units, so it is a product promotion; "
                f"drop promotion_class or set it to PromotionClass.PRODUCT",
            )
        if isinstance(offer, FreeShipping) and not shipping:
            raise InvalidPromotionError(
                self.id,
                "a FreeShipping offer is a shipping promotion; drop "
                "promotion_class or set it to PromotionClass.SHIPPING",
            )
        if shipping and isinstance(offer, AmountOff) and offer.each:
            raise InvalidPromotionError(
                self.id,
                "AmountOff(each=True) takes an amount off each unit; a shipping "
                "promotion has no units: drop each=True",
            )

    @property
    def targets_all_lines(self) -> bool:
        """Whether every line is eligible (no SKU, collection or exclusion filter)."""
        return (
            self.skus is None
            and self.collections is None
            and not self.excluded_skus
            and not self.excluded_collections
        )

    def is_eligible(self, sku: str, collections: frozenset[str]) -> bool:
        """Whether a line with this SKU and these collections is eligible.

        Examples:
            >>> from commercekit.pricing import PercentOff
            >>> promo = Promotion("P", PercentOff(5), collections={"tees"},
            ...                   excluded_skus={"TEE-GIFT"})
            >>> promo.is_eligible("TEE-M", frozenset({"tees"}))
            True
            >>> promo.is_eligible("TEE-GIFT", frozenset({"tees"}))
            False
        """
        return line_is_eligible(
            self, checks.text(sku, "sku"), checks.names(collections, "collections")
        )

    def money_fields(self) -> list[Money]:
        """Every amount in the promotion (all must be in the cart's currency)."""
        found = [self.minimum_subtotal] if self.minimum_subtotal is not None else []
        offer = self.offer
        if isinstance(offer, AmountOff):
            found.append(offer.amount)
        elif isinstance(offer, FixedPrice | BundlePrice):
            found.append(offer.price)
        elif isinstance(offer, Tiered):
            for tier in offer.tiers:
                if isinstance(tier.minimum, Money):
                    found.append(tier.minimum)
                if tier.amount is not None:
                    found.append(tier.amount)
        return found


def line_is_eligible(promotion: Promotion, sku: str, collections: frozenset[str]) -> bool:
    """``Promotion.is_eligible`` for a cart line, already checked when built."""
    if sku in promotion.excluded_skus or not promotion.excluded_collections.isdisjoint(
        collections
    ):
        return False
    if promotion.skus is None and promotion.collections is None:
        return True
    return (promotion.skus is not None and sku in promotion.skus) or (
        promotion.collections is not None
        and not promotion.collections.isdisjoint(collections)
    )
