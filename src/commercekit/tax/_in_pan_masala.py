"""India: pan masala (tariff item 2106 90 20), its GST and compensation cess.

Pan masala paid 28 % GST (1/2017-Central Tax (Rate) Schedule IV) and a compensation
cess of 60 % of the value (1/2017-Compensation Cess (Rate) S. No. 1) from 2017-07-01:
both are rates, bundled in ``_data/in_by_heading.csv`` (category ``pan_masala``). Then
each rate needs the retail sale price declared on each unit, which commercekit does
not take, so the lookup refuses, saying what the rate turns on:

* from 2023-04-01 the cess is 0.32 R per unit, R the unit's retail sale price
  (2/2023-Compensation Cess (Rate));
* from 2023-07-27 that for pan masala with a declared retail sale price (S. No. 1), and
  60 % of the value for the other (S. No. 1A; 3/2023-Compensation Cess (Rate));
* from 2026-02-01 no cess (3/2025-Compensation Cess (Rate)) and 40 % GST
  (19/2025-Central Tax (Rate)) on a value deemed to be the declared retail sale price
  less the tax (rule 31D of the CGST Rules, 20/2025-Central Tax).

Sources: all read in reproductions and summaries, not the gazette (official: no); the
data file's header lists them. Outside India ``pan_masala`` is refused
(``tax/_categories.py``), never the standard or a food rate.

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import RateFacts, fact_rates
    >>> [(r.tax, r.rate) for r in fact_rates("IN-MH", "pan_masala", RateFacts(),
    ...                                      on=date(2023, 3, 31))]
    [('CGST', Decimal('14')), ('SGST', Decimal('14')), ('compensation cess', Decimal('60'))]
    >>> fact_rates("IN", "pan_masala", RateFacts(), on=date(2023, 4, 1))
    Traceback (most recent call last):
    ...
    commercekit.errors.MissingDataError: missing the retail sale price declared on ...
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from commercekit._checks import invalid
from commercekit.errors import InputKind, MissingDataError, NoRuleError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._in_headings import heading_rates

if TYPE_CHECKING:
    from commercekit.tax._in_rate_facts import RateFacts
    from commercekit.tax._tax_rate import TaxRate

__all__ = ["pan_masala_rates", "refuse_rates_for"]

HEADING = "21069020"
"""Tariff item 2106 90 20, pan masala."""
_GST_BEGAN = date(2017, 7, 1)
_PER_UNIT = date(2023, 4, 1)
"""From this day the cess is an amount per unit: the bundled rows end the day before."""
_DECLARED_PRICE = date(2023, 7, 27)
_RULE_31D = date(2026, 2, 1)


def _why_not_bundled(day: date) -> str | None:
    """What pan masala's taxes turn on from 2023-04-01, unbundled; ``None`` before."""
    if day < _PER_UNIT:
        return None
    if day >= _RULE_31D:
        return (
            "from 2026-02-01 pan masala pays no compensation cess (3/2025-Compensation "
            "Cess (Rate)) and 40% GST (19/2025-Central Tax (Rate)) on a value that rule "
            "31D of the CGST Rules deems to be the retail sale price declared on each "
            "unit, less the tax (20/2025-Central Tax), not on the price charged"
        )
    cess = (
        "a compensation cess of 0.32 R per unit, R the retail sale price of the unit "
        "(2/2023-Compensation Cess (Rate), from 2023-04-01)"
    )
    if day >= _DECLARED_PRICE:
        cess = (
            "a compensation cess of 0.32 R per unit with a declared retail sale "
            "price (R that price) and 60% of the value without one "
            "(3/2023-Compensation Cess (Rate) S. No. 1 and 1A, from 2023-07-27)"
        )
    return f"pan masala pays 28% GST and {cess}, an amount per unit, not a rate"


def pan_masala_rates(code: str, facts: RateFacts, day: date) -> tuple[TaxRate, ...]:
    """The GST of pan masala on ``day`` as the taxes of the place ``code``, then its
    compensation cess. ``facts.heading``, if stated, must be 2106 90 20. Raises
    ``NoRuleError`` before 2017-07-01 and ``MissingDataError`` from 2023-04-01, naming
    the retail sale price each unit declares."""
    if facts.heading not in (None, HEADING):
        raise invalid(
            "heading",
            facts.heading,
            "is not pan masala's tariff item 2106 90 20",
            kind=InputKind.TEXT,
        )
    if day < _GST_BEGAN:
        raise NoRuleError("IN GST rate for pan_masala", day, "2017-07-01 on")
    unbundled = _refusal(day)
    if unbundled is not None:
        raise unbundled
    return heading_rates(code, TaxCategory.PAN_MASALA, HEADING, day)


def _refusal(day: date) -> MissingDataError | None:
    """The refusal of pan masala's taxes on ``day`` from 2023-04-01; ``None`` before."""
    why = _why_not_bundled(day)
    if why is None:
        return None
    return MissingDataError(
        f"the retail sale price declared on each unit of pan masala on {day}",
        f"{why}; commercekit takes no retail sale price per unit: pass a "
        "TaxRateSource with the taxes of the supply",
        json_how=f"{why}; commercekit takes no retail sale price per unit (a JSON "
        "request carries no rates of its own)",
    )


def refuse_rates_for(place: str, day: date) -> MissingDataError:
    """Why ``rates_for`` has no rate of pan masala in India on ``day``: its GST and
    cess are two taxes, which ``fact_rates`` answers until 2023-03-31; the retail
    sale price of each unit after."""
    unbundled = _refusal(day)
    if unbundled is not None:
        return unbundled
    why = (
        "pan masala pays 28% GST and a compensation cess of 60% of the value "
        "(1/2017-Compensation Cess (Rate) S. No. 1) until 2023-03-31, two taxes the "
        "rate table does not hold"
    )
    return MissingDataError(
        f"IN GST rate for pan_masala in the rate table on {day}",
        f"{why}: ask fact_rates({place!r}, 'pan_masala', RateFacts(), on=day), which "
        "answers both (a quote or decision does it for you)",
        json_how=f"{why}: a quote answers both",
    )
