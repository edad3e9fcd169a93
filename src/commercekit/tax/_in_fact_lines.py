"""India: a decision's rates for a category whose GST turns on a fact of the supply.

A category such as ``non_alcoholic_drinks`` has no one Indian rate: heading 2202 10
(aerated waters and other sweetened or flavoured drinks) paid 28 % and a 12 %
compensation cess, while packaged water, fruit juice or milk drinks have entries of
their own. So a decision takes each line's stated facts
([`SaleLine.rate_facts`][commercekit.tax.SaleLine]) and lists the rates
[`fact_rates`][commercekit.tax.fact_rates] gives for them; a line without the fact a
rate turns on is refused, naming it on the line, never rated by the one row bundled.
Pan masala's rates until 2023-03-31 turn on no fact and need none.

Examples:
    >>> from datetime import date
    >>> cola = RateFacts(heading="2202 10 10")
    >>> [(r.tax, r.rate) for r in line_fact_rates(
    ...     "IN", "non_alcoholic_drinks", [("sale.lines[0]", cola)], date(2025, 9, 21))]
    [('IGST', Decimal('28')), ('compensation cess', Decimal('12'))]
    >>> line_fact_rates("IN", "non_alcoholic_drinks", [("sale.lines[0]", None)],
    ...                 date(2025, 9, 21))
    Traceback (most recent call last):
    ...
    commercekit.errors.MissingDataError: missing sale.lines[0].rate_facts.heading: ...
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from commercekit.errors import MissingDataError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._in_facts import fact_rates
from commercekit.tax._in_rate_facts import RateFacts
from commercekit.tax._tax_rate import TaxRate

__all__ = ["line_fact_rates"]


def line_fact_rates(
    code: str,
    category: TaxCategory | str,
    lines: Sequence[tuple[str, RateFacts | None]],
    day: date,
) -> tuple[TaxRate, ...]:
    """The rates of ``category`` in the Indian place ``code`` on ``day`` for each of
    ``lines`` (where each line is, as ``sale.lines[0]``, and its facts), once each.

    Raises ``MissingDataError`` where a line's facts do not give its rate, at
    ``<where>.rate_facts.<fact>`` for a fact not stated (``heading`` of a drink), or
    for a heading without a bundled entry; ``NoRuleError`` where no bundled row has
    the facts stated.
    """
    found: dict[tuple[str, Decimal, str], TaxRate] = {}
    for where, facts in lines:
        try:
            rates = fact_rates(code, category, facts or RateFacts(), on=day)
        except MissingDataError as error:
            field = error.field or ""
            if not field.startswith("facts."):
                raise
            at = f"{where}.rate_facts."
            raise MissingDataError(
                tuple(m.replace("RateFacts.", at) for m in error.missing),
                error.how,
                field=at + field.removeprefix("facts."),
                json_how=error.json_how,
            ) from None
        for rate in rates:
            found.setdefault((rate.tax, rate.rate, rate.note), rate)
    return tuple(found.values())
