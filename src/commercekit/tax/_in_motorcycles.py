"""India: the GST and compensation cess of motorcycles, by their engine capacity.

Motorcycles of heading 8711 with an internal combustion engine paid 28 % GST
(1/2017-Central Tax (Rate) Schedule IV) and, above 350 cc, a compensation cess of 3 %
(1/2017-Compensation Cess (Rate) S. No. 53). From 2025-09-22 the cess is Nil and the GST
is 18 % up to 350 cc and 40 % above (9/2025-Central Tax (Rate) Schedules II and III, as
reported). The caller states ``RateFacts.propulsion`` and ``RateFacts.engine_cc``; an
electric motorcycle is rated by ``tax/_in_electric.py`` (12 %, 5 % from 2019-08-01, no
cess), a hybrid one is refused, and so is a fact not stated. A used motorcycle sold
under the margin scheme (8/2018-Central Tax (Rate)) is not told apart: its tax is on
a margin no fact states. The rows are in ``_data/in_motorcycles.csv``, each with the
table or report it was read in.

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import RateFacts, fact_rates
    >>> classic = RateFacts(propulsion="petrol", engine_cc=349)
    >>> [(r.tax, r.rate) for r in fact_rates("IN-KA", "motorcycles", classic,
    ...                                      on=date(2025, 9, 22))]
    [('CGST', Decimal('9')), ('SGST', Decimal('9'))]
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import NoRuleError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._in_cars import Propulsion, hybrid_refused, limit, missing_fact
from commercekit.tax._in_electric import electric_rates
from commercekit.tax._in_headings import CESS, row_rate, split_gst
from commercekit.tax._tax_rate import TaxRate

if TYPE_CHECKING:
    from commercekit.tax._in_rate_facts import RateFacts

__all__ = ["motorcycle_rates", "motorcycle_rows"]


@attrs.frozen
class _Row:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash

    over: int | None
    up_to: int | None
    rate: TaxRate

    def matches(self, engine_cc: int) -> bool:
        return (self.over is None or engine_cc > self.over) and (
            self.up_to is None or engine_cc <= self.up_to
        )


_COLUMNS = (
    "tax", "rate", "kind", "engine_cc_over", "engine_cc_up_to", "since", "until",
    "source", "note",
)  # fmt: skip


@functools.cache
def motorcycle_rows() -> tuple[_Row, ...]:
    """The bundled rows, read when first asked for."""
    lines = _bundled.read("commercekit.tax", "in_motorcycles.csv", columns=_COLUMNS)
    rows = [
        (
            line,
            _Row(
                over=limit(line, "engine_cc_over"),
                up_to=limit(line, "engine_cc_up_to"),
                rate=row_rate(line, line.text("tax"), TaxCategory.MOTORCYCLES),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods(
        (line, (row.rate.tax, row.over, row.up_to), row.rate.since, row.rate.until)
        for line, row in rows
    )
    return tuple(row for _, row in rows)


def motorcycle_rates(code: str, facts: RateFacts, day: date) -> tuple[TaxRate, ...]:
    """The GST of a motorcycle with ``facts`` on ``day`` as the taxes of the place
    ``code``, then its compensation cess where one applies. Raises
    ``MissingDataError`` naming the fact not stated (or a hybrid motorcycle, not
    bundled) and ``NoRuleError`` before 2017-07-01. An electric motorcycle is rated
    by ``tax/_in_electric.py``, with no engine capacity asked."""
    in_force = [row for row in motorcycle_rows() if row.rate.covers(day)]
    if not in_force:
        raise NoRuleError("IN GST rate for motorcycles by its facts", day, "2017-07-01 on")
    if facts.propulsion is None:
        raise missing_fact(
            "motorcycle", "propulsion", "whether it has an internal combustion engine"
        )
    if facts.propulsion is Propulsion.ELECTRIC:
        return electric_rates(code, TaxCategory.MOTORCYCLES, day)
    if facts.propulsion.hybrid:
        bundled = (
            "commercekit bundles motorcycles with an internal combustion engine and "
            "electric ones only (a hybrid's entries were not read)"
        )
        raise hybrid_refused("motorcycles", "motorcycle", bundled)
    if facts.engine_cc is None:
        raise missing_fact(
            "motorcycle", "engine_cc", "the engine capacity in cc (above 350 cc or not)"
        )
    rates = [row.rate for row in in_force if row.matches(facts.engine_cc)]
    [gst] = [rate for rate in rates if rate.tax == "GST"]  # the rows tile the cc
    cess = tuple(attrs.evolve(r, jurisdiction=code) for r in rates if r.tax == CESS)
    return split_gst(gst, code, day) + cess
