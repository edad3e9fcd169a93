"""Why the bundled tables have no rate for a category on a day, said by name: the
rules that price each item, a US state's holiday or missing fact, India's headings, a
US-only category elsewhere, or a day before the data. Imported when a rate is missing.
"""

from __future__ import annotations

from datetime import date
from typing import NoReturn

from commercekit.errors import MissingDataError, NoRuleError
from commercekit.tax._categories import IN_ONLY, US_ONLY, TaxCategory, in_only, us_only
from commercekit.tax._rate_table import STANDARD, Table, find

__all__ = ["refuse_missing"]


def refuse_missing(
    code: str, table: Table, asked: TaxCategory, day: date, *, place: str, per_heading: bool
) -> NoReturn:
    """No rate for ``asked`` on ``day``: before the data (``NoRuleError``), or a
    category a rate-per-heading jurisdiction (``per_heading``: India) has no rows for
    (``MissingDataError``), each said with what to give instead. The rules of items
    and headings are imported when asked."""
    from commercekit.tax._in_categories import missing_rate_reason  # noqa: PLC0415
    from commercekit.tax._per_item import per_item_rates  # noqa: PLC0415

    first = min(r.since for r in table.rows if r.category is STANDARD)
    covered = any(find(table.standard[tax, asked], day) for tax in table.taxes)
    by_item = per_item_rates(place, asked, on=day) if covered else ()
    if by_item and code[:3] == "US-":  # a holiday sets the everyday rule aside
        from commercekit.tax._us_holidays import refuse_on_holiday  # noqa: PLC0415

        rates = tuple(rate for rule in by_item for rate in (rule.below, rule.above))
        refuse_on_holiday(code, asked, rates, day)
    if by_item:
        raise MissingDataError(
            f"the price of each item of {asked} in {place}",
            f"{'; '.join(rule.explain() for rule in by_item)}; one rate for a whole "
            "line would be a guess: tax each unit with item_tax_lines(price, quantity, "
            f"per_item_rates({place!r}, {str(asked)!r}, on=day))",
        )
    if asked in IN_ONLY and covered:
        if not per_heading:
            raise in_only(code, asked)
        from commercekit.tax._in_pan_masala import refuse_rates_for  # noqa: PLC0415

        raise refuse_rates_for(place, day)
    if code[:3] == "US-" and covered:
        from commercekit.tax._us_categories import refuse_category  # noqa: PLC0415

        refuse_category(code, asked, day)  # the holiday or the fact it lacks, by name
    if per_heading and covered:
        reason = missing_rate_reason(asked, day)
        why = (
            f"{code} sets a rate per HSN heading (goods) or SAC (services), and no "
            f"bundled row covers {asked} as a whole on {day.isoformat()}"
            f"{'; ' + reason if reason else ''}"
        )
        rows = "(standard: the residual entry, books, newspapers, apparel, footwear)"
        raise MissingDataError(
            f"{code} GST rate for {asked}",
            f"{why}; pass a TaxRateSource with the rate of the product's heading, or a "
            f"category that has rows {rows}",
            json_how=f"{why}; give a category that has rows {rows} (a JSON request "
            "carries no rates of its own)",
        )
    if asked in US_ONLY and code[:3] != "US-" and covered:
        raise us_only(code, asked)
    # Every table has a standard rate (refused when loaded otherwise).
    raise NoRuleError(f"{code} {asked} rates", day, f"{first.isoformat()} onwards")
