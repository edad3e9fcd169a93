"""Loyalty points taken back on a refund: the share the returned goods earned.

The points the order earned are reversed, not worked out again: the earn rule's basis,
tier multiplier, bonus events, cap and rounding made that figure, and a refund cannot
know them. Each refund reverses the share of those points that the goods' net value
returned so far is of the goods' whole net value, rounded down to whole points, less
what earlier refunds reversed. So no refund takes back more than the goods returned
earned, and the refund that completes the return takes back exactly the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from commercekit.checkout._checks import count
from commercekit.checkout._model import Quote
from commercekit.checkout._refund_result import Refund
from commercekit.checkout._returned_units import net_returned
from commercekit.errors import InputKind, InvalidAmountError, RefundMismatchError
from commercekit.money import sum_money


def points_earned_checked(value: object, previous: Sequence[Refund]) -> int:
    """The order's points, checked: a whole number, the same as earlier refunds had."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAmountError.refused(
            "points_earned",
            value,
            "is not a whole number of points; pass the int points the order earned "
            "(Earned.points, or the order's lot's points)",
            kind=InputKind.COUNT,
        )
    if value < 0:
        raise InvalidAmountError.refused(
            "points_earned",
            value,
            "is a negative number of points earned; pass 0 or more",
            kind=InputKind.COUNT,
        )
    count(value, "points_earned", unit="points")  # within range, for the messages
    for earlier in previous:
        if earlier.points_earned != value:
            raise RefundMismatchError(
                f"a previous refund reversed points of an order that earned "
                f"{earlier.points_earned}, not {value}"
            )
    return value


def _points_share(order: Quote, earned: int, after: Sequence[int]) -> tuple[int, str]:
    """The earned points due back once ``after`` units are returned, and on what basis.

    The share is by the goods' net value, the usual basis points are earned on (see
    ``EarnBasis``). Under another basis, or category multipliers, the goods earned in
    other proportions and a partial share is an approximation; the whole is exact
    whatever the rule. An order whose goods are all free (its points came from a
    fixed bonus) is shared by units instead, so its points still go back with them.
    """
    whole = sum_money([line.net for line in order.lines], order.currency)
    if whole.amount > 0:
        share = Fraction(net_returned(order, after).amount) / Fraction(whole.amount)
        basis = f"the goods' net value {whole}"
    else:
        share = Fraction(sum(after), sum(line.quantity for line in order.lines))
        basis = f"the {sum(line.quantity for line in order.lines)} units bought"
    due = share * earned
    # Down: a partial return takes back only the whole points its goods earned; the
    # fractions go back with the last return, when the share is exactly 1.
    return due.numerator // due.denominator, basis  # a share of zero or more


def points_to_reverse(
    quote: Quote,
    earned: int,
    previous: Sequence[Refund],
    after: Sequence[int],
    notes: list[str],
) -> int:
    """The points this refund takes back: the share due now less what was reversed."""
    if not earned:
        return 0
    reversed_before = sum(earlier.points_to_reverse for earlier in previous)
    due, basis = _points_share(quote, earned, after)
    # Never below zero, so the running total is the highest share due so far: at
    # most the points earned, and exactly them once everything is back.
    points = max(due - reversed_before, 0)
    notes.append(
        f"loyalty: {points} of the {earned} points earned reversed: {due} due for "
        f"what is back so far, as a share of {basis} rounded down, less "
        f"{reversed_before} reversed before"
    )
    return points
