"""Calendar months: adding them and finding their last day.

Adding months clamps to the end of a shorter month, as contracts and card networks do:
31 January plus one month is the last day of February, not 3 March. Clamping loses the
day, so ``add_months(add_months(d, 1), 1)`` can differ from ``add_months(d, 2)``; the
rules here always add from the original date.
"""

from __future__ import annotations

import calendar
from datetime import date

from commercekit._numbers import context_free
from commercekit.errors import InputKind, InvalidLoyaltyError
from commercekit.loyalty._checks import day as checked_day
from commercekit.loyalty._checks import signed_points

__all__ = ["add_months", "end_of_month"]


@context_free
def end_of_month(day: date) -> date:
    """The last day of ``day``'s month.

    Examples:
        >>> end_of_month(date(2028, 2, 10)), end_of_month(date(2027, 2, 10))
        (datetime.date(2028, 2, 29), datetime.date(2027, 2, 28))
    """
    day = checked_day(day, "day")
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@context_free
def add_months(day: date, months: int) -> date:
    """``day`` moved by a whole number of ``months`` (negative moves back).

    The day of the month is kept when the target month has it, and otherwise becomes
    that month's last day.

    Examples:
        >>> add_months(date(2026, 1, 31), 1)
        datetime.date(2026, 2, 28)
        >>> add_months(date(2028, 1, 31), 1), add_months(date(2028, 2, 29), 12)
        (datetime.date(2028, 2, 29), datetime.date(2029, 2, 28))
        >>> add_months(date(2026, 3, 15), -3)
        datetime.date(2025, 12, 15)
        >>> add_months(date(2026, 3, 15), 1.5)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidLoyaltyCountError: months=1.5 is not a whole number of ...
    """
    day = checked_day(day, "day")
    return moved(day, signed_points(months, "months", zero=True, unit="months"))


def moved(day: date, months: int, fields: tuple[str, str] = ("day", "months")) -> date:
    """``day`` moved by ``months``, both checked. Outside the calendar the refusal
    names the day's argument (``fields[0]``) and the months' (``fields[1]``), and the
    range of days the move leaves inside it."""
    day_field, months_field = fields
    year, index = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not date.min.year <= year <= date.max.year:
        first = date.min.year * 12 + max(0, -months)  # the months the move leaves room for
        last = date.max.year * 12 + 11 - max(0, months)
        give = (
            f"give {day_field} from {_month(first).isoformat()} to "
            f"{end_of_month(_month(last)).isoformat()}"
            if first <= last
            else f"give {months_field} of fewer months"
        )
        raise InvalidLoyaltyError.refused(
            day_field,
            day,
            f"moved by {months_field}={months} falls outside the calendar "
            f"({date.min.isoformat()} to {date.max.isoformat()}); {give}",
            kind=InputKind.DATE,
        )
    last_day = calendar.monthrange(year, index + 1)[1]
    return date(year, index + 1, min(day.day, last_day))


def _month(index: int) -> date:
    """The first day of the month ``index`` months after the start of year 0."""
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)
