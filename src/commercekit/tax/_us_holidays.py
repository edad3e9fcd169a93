"""US sales tax holidays on general goods, refused rather than guessed.

Massachusetts (most goods priced up to USD 2,500, for personal use) and Ohio (2024 and
2025: most goods priced up to USD 500) exempt general goods for a few days a year. The
goods they leave out (vehicles, boats, alcohol, tobacco; in Massachusetts business
purchases) share commercekit's ``standard`` category with the goods they exempt, so
neither the general rate nor an exemption would be right for every item. On those
days a US decision (and so a quote) that would charge goods at a bundled rate above
0 % raises [`MissingDataError`][commercekit.errors.MissingDataError] naming the
holiday; a rate source answering the day with rates of its own (0 % for goods it knows
qualify) is used as given. The days are in ``_data/us_holidays.csv``, sourced.

Clothing holidays, whose goods a category does name, are per-item rules instead
([`per_item_rates`][commercekit.tax.per_item_rates]).
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._item_rules import LOCAL_WORDS, LocalTaxes
from commercekit.tax._rates import BUNDLED
from commercekit.tax._tax_rate import TaxRate

__all__ = ["on_holiday", "refuse_on_holiday"]


@attrs.frozen
class _Holiday(_bundled.Sourced):
    """One general-goods holiday in one state, ``since`` to ``until`` inclusive."""

    state: str
    name: str
    since: date
    until: date
    limit: Money
    words: str
    excluded: frozenset[TaxCategory]
    sources: tuple[str, ...]
    official: bool
    local_taxes: LocalTaxes
    note: str


_COLUMNS = (
    "state", "name", "since", "until", "limit", "currency", "words", "excluded",
    "source", "official", "local_taxes", "note",
)  # fmt: skip


@functools.cache
def _table() -> tuple[_Holiday, ...]:
    """The bundled holidays, read when a US decision first asks."""
    lines = _bundled.read("commercekit.tax", "us_holidays.csv", columns=_COLUMNS)
    rows = tuple(
        line.build(
            _Holiday,
            state=line.text("state"),
            name=line.text("name"),
            since=line.day("since"),
            until=line.day("until"),
            limit=Money(line.decimal("limit"), line.text("currency")),
            words=line.text("words"),
            excluded=frozenset(check_category(word) for word in line.words("excluded")),
            sources=line.sources(),
            official=line.flag("official"),
            local_taxes=line.choice("local_taxes", LocalTaxes),
            note=line.text("note"),
        )
        for line in lines
    )
    pairs = zip(lines, rows, strict=True)
    _bundled.check_periods((line, row.state, row.since, row.until) for line, row in pairs)
    return rows


def _bundled_rates(state: str, category: TaxCategory, day: date) -> frozenset[TaxRate]:
    """The bundled rates of ``category`` in ``state`` on ``day``: its table's rows and
    its per-item rules' rates either side."""
    # Imported on a holiday's day only: a quote elsewhere never needs the rules.
    from commercekit.tax._per_item import per_item_rates  # noqa: PLC0415

    rules = per_item_rates(state, category, on=day)
    return frozenset(BUNDLED.rows[state]) | {
        rate for rule in rules for rate in (rule.below, rule.above)
    }


def on_holiday(state: str, category: TaxCategory, day: date) -> _Holiday | None:
    """The general-goods holiday covering ``category`` in ``state`` on ``day``, if
    any (a partial answer may not leave such a category out: see
    ``_us_local.left_out_category``)."""
    on = _checks.day(day, "on")
    found = next(
        (row for row in _table() if row.state == state and row.since <= on <= row.until),
        None,
    )
    return None if found is None or category in found.excluded else found


def refuse_on_holiday(
    state: str,
    category: TaxCategory,
    answer: tuple[TaxRate, ...],
    day: date,
    *,
    field: str | None = None,
) -> None:
    """Raise ``MissingDataError`` where ``day`` is a general-goods holiday in ``state``
    and ``answer`` (the rates of ``category``) charges a bundled rate above 0 %, unless
    the holiday leaves ``category`` out by name; else return. ``field`` is where the
    refused category was given (the error's ``field``)."""
    found = on_holiday(state, category, day)
    if found is None:
        return
    on = _checks.day(day, "on")
    bundled = _bundled_rates(state, category, on)
    charged = [rate for rate in answer if rate.rate > 0 and rate in bundled]
    if not charged:
        return
    raise MissingDataError(
        f"whether each item of {category} qualifies for the {found.name} on {on}",
        f"from {found.since} to {found.until} {state} exempts {found.words}, "
        f"{found.note} (local taxes: {LOCAL_WORDS[found.local_taxes]}; source: "
        f"{found.source}). commercekit's category {category!s} does not tell the goods "
        f"that qualify from those that do not, so its {charged[0].rate}% would be wrong "
        "for some: pass a TaxRateSource whose rates_for("
        f"{state!r}, {str(category)!r}, on=day) answers the day with rates of its own, "
        "or give each qualifying item the category 'exempt'",
        field=field,
    )
