"""India: the GST of electric cars and two-wheelers.

Electrically operated vehicles of chapter 87, two and three wheeled ones included,
paid 12 % GST (1/2017-Central Tax (Rate) Schedule II S. No. 206) until 2019-07-31 and
5 % from 2019-08-01 (Schedule I S. No. 242A, inserted by 12/2019-Central Tax (Rate)),
unchanged from 2025-09-22 as reported, and no compensation cess. A motor car or a
motorcycle whose [`RateFacts.propulsion`][commercekit.tax.RateFacts] is ``electric``
is rated here, with no other fact asked. The rows are in
``_data/in_electric_vehicles.csv``, each with the reproduction it was read in.

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import RateFacts, fact_rates
    >>> scooter = RateFacts(propulsion="electric")
    >>> [(r.tax, r.rate) for r in fact_rates("IN-KA", "motorcycles", scooter,
    ...                                      on=date(2019, 8, 1))]
    [('CGST', Decimal('2.5')), ('SGST', Decimal('2.5'))]
"""

from __future__ import annotations

import functools
from datetime import date

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit.errors import NoRuleError
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._in_headings import row_rate, split_gst
from commercekit.tax._tax_rate import TaxRate

__all__ = ["electric_rates", "electric_rows"]

_COLUMNS = ("category", "rate", "kind", "since", "until", "source", "note")
_CATEGORIES = (TaxCategory.MOTOR_CARS, TaxCategory.MOTORCYCLES)


def _rate(line: _bundled.Line) -> TaxRate:
    category = check_category(line.text("category"))
    if category not in _CATEGORIES:
        raise line.error("category", str(category), "is not motor_cars or motorcycles")
    return row_rate(line, "GST", category)


@functools.cache
def electric_rows() -> tuple[TaxRate, ...]:
    """The bundled GST rates of electric vehicles, read when first asked for."""
    lines = _bundled.read("commercekit.tax", "in_electric_vehicles.csv", columns=_COLUMNS)
    rows = [(line, _rate(line)) for line in lines]
    _bundled.check_periods(
        (line, rate.category, rate.since, rate.until) for line, rate in rows
    )
    return tuple(rate for _, rate in rows)


def electric_rates(code: str, category: TaxCategory, day: date) -> tuple[TaxRate, ...]:
    """The GST of an electric vehicle of ``category`` (``motor_cars`` or
    ``motorcycles``) on ``day`` as the taxes of the place ``code``. Raises
    ``NoRuleError`` before 2017-07-01."""
    if category not in _CATEGORIES:
        raise invalid("category", str(category), "is not motor_cars or motorcycles")
    found = [r for r in electric_rows() if r.category is category and r.covers(day)]
    if not found:
        raise NoRuleError(f"IN GST rate for electric {category}", day, "2017-07-01 on")
    return split_gst(found[0], code, day)
