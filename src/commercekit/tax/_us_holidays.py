"""US sales tax holidays commercekit cannot apply item by item, refused rather than guessed.

Massachusetts (most goods priced up to USD 2,500, for personal use) and Ohio (2024 and
2025: most goods priced up to USD 500) exempt general goods for a few days a year. The
goods they leave out (vehicles, boats, alcohol, tobacco; in Massachusetts business
purchases) share commercekit's ``standard`` category with the goods they exempt, so
neither the general rate nor an exemption would be right for every item. On those
days a US decision (and so a quote) that would charge goods at a bundled rate above
0 % raises [`MissingDataError`][commercekit.errors.MissingDataError] naming the
holiday; a rate source answering the day with rates of its own (0 % for goods it knows
qualify) is used as given. The days are in ``_data/us_holidays.csv``, sourced.

Some back-to-school holidays name a category but set terms a per-item rule cannot hold:
Missouri's school supplies up to USD 50 *per purchase*, Alabama's computers in a
single purchase of USD 750 or less, Arkansas' school supplies and electronic devices at
any price, West Virginia's laptops and tablets but not desktops, South Carolina's
clothing, supplies and computers at any price, New Mexico's gross receipts tax holiday
(a deduction each retailer may choose not to give). Their rows name the categories they
cover (``covers``) and are refused the same way on their days.

Clothing holidays, whose goods a category does name, are per-item rules instead
([`per_item_rates`][commercekit.tax.per_item_rates]).

A holiday a state's law makes every year is refused the same way on each day its rule
allows in a year whose days are not bundled (Massachusetts' August weekends of 2026):
``_us_holiday_laws``.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.tax import _checks
from commercekit.tax._categories import TaxCategory, check_category
from commercekit.tax._item_rules import LOCAL_WORDS, LocalTaxes
from commercekit.tax._rates import BUNDLED
from commercekit.tax._tax_rate import TaxRate

if TYPE_CHECKING:
    from commercekit.tax._us_holiday_laws import HolidayLaw

__all__ = ["on_holiday", "refuse_on_holiday", "refuse_without_rule"]


@attrs.frozen
class _Holiday(_bundled.Sourced):
    """One general-goods holiday in one state, ``since`` to ``until`` inclusive."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str
    name: str
    since: date
    until: date
    limit: Money | None
    words: str
    excluded: frozenset[TaxCategory]
    covers: frozenset[TaxCategory]
    """The categories the row refuses; empty: every category not ``excluded``."""
    sources: tuple[str, ...]
    official: bool
    local_taxes: LocalTaxes
    note: str
    unbundled: bool = False
    """A window a yearly law allows in a year whose days are not bundled."""


_COLUMNS = (
    "state", "name", "since", "until", "limit", "currency", "words", "excluded",
    "covers", "source", "official", "local_taxes", "note",
)  # fmt: skip


def _limit(line: _bundled.Line) -> Money | None:
    found = line.optional_decimal("limit")
    return None if found is None else Money(found, line.text("currency"))


def _why(found: _Holiday, category: TaxCategory) -> str:
    """Why the holiday cannot be applied to ``category`` item by item."""
    if found.covers:
        return found.note[:1].upper() + found.note[1:]
    return (
        f"commercekit's category {category!s} does not tell the goods that qualify "
        "from those that do not"
    )


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
            limit=_limit(line),
            words=line.text("words"),
            excluded=frozenset(check_category(word) for word in line.words("excluded")),
            covers=frozenset(check_category(word) for word in line.words("covers")),
            sources=line.sources(),
            official=line.flag("official"),
            local_taxes=line.choice("local_taxes", LocalTaxes),
            note=line.text("note"),
        )
        for line in lines
    )
    pairs = zip(lines, rows, strict=True)
    _bundled.check_periods(
        (line, (row.state, tuple(sorted(row.covers))), row.since, row.until)
        for line, row in pairs
    )
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
    """The holiday row refusing ``category`` in ``state`` on ``day`` (a general-goods
    holiday, or one whose ``covers`` names the category), if any (a partial answer may
    not leave such a category out: see ``_us_local.left_out_category``)."""
    on = _checks.day(day, "on")
    found = next(
        (
            row
            for row in _table()
            if row.state == state
            and row.since <= on <= row.until
            and category not in row.excluded
            and (not row.covers or category in row.covers)
        ),
        None,
    )
    if found is None and state[:3] == "US-":
        from commercekit.tax._us_holiday_laws import unbundled_law  # noqa: PLC0415

        law = unbundled_law(state, category, on)
        found = None if law is None else _unbundled(law, on.year)
    return found


def _unbundled(law: HolidayLaw, year: int) -> _Holiday:
    """A holiday row for the window ``law`` allows in ``year``, whose days are not
    bundled: refused as a holiday no rule can hold."""
    since, until = law.window(year)
    bundled = ", ".join(str(each) for each in sorted(law.bundled)) or "none"
    return _Holiday(
        state=law.state,
        name=f"{law.name} of {year}",
        since=since,
        until=until,
        limit=None,
        words=law.rule,
        excluded=law.excluded,
        covers=frozenset(law.covers),
        sources=law.sources,
        official=law.official,
        local_taxes=law.local_taxes,
        note=f"its days of {year} are not bundled (the years bundled: {bundled})",
        unbundled=True,
    )


def refuse_without_rule(state: str, category: TaxCategory, day: date) -> None:
    """Raise ``MissingDataError`` naming the holiday where ``day`` is a holiday in
    ``state`` whose ``covers`` names ``category`` and no rate answers it (Missouri's
    school supplies per purchase); else return."""
    found = on_holiday(state, category, day)
    if found is not None and found.covers:
        raise _refusal(found, category, _checks.day(day, "on"), rate=None)


def refuse_on_holiday(
    state: str, category: TaxCategory, answer: tuple[TaxRate, ...], day: date
) -> None:
    """Raise ``MissingDataError`` where ``day`` is a general-goods holiday in ``state``
    and ``answer`` (the rates of ``category``) charges a bundled rate above 0 %, unless
    the holiday leaves ``category`` out by name; else return."""
    found = on_holiday(state, category, day)
    if found is None:
        return
    on = _checks.day(day, "on")
    bundled = _bundled_rates(state, category, on)
    charged = [rate for rate in answer if rate.rate > 0 and rate in bundled]
    if not charged:
        return
    raise _refusal(found, category, on, rate=charged[0].rate)


def _others(found: _Holiday) -> str:
    """What to give the items a holiday that covers named categories leaves taxed
    (a general-goods holiday refuses 'standard' itself)."""
    return (
        " and each other one the category 'standard' (the general rate)"
        if found.covers
        else ""
    )


def _refusal(
    found: _Holiday, category: TaxCategory, on: date, *, rate: Decimal | None
) -> MissingDataError:
    """The refusal naming ``found`` for ``category`` on ``on``; ``rate`` the bundled
    rate that would have been charged, if any."""
    wrong = (
        "no one rate fits every item"
        if rate is None
        else f"its {rate}% would be wrong for some"
    )
    exempt = f"give each qualifying item the category 'exempt'{_others(found)}"
    if found.unbundled:
        why = (
            f"{on} may be a day of {found.state}'s {found.name}: its law makes one "
            f"every year, {found.words} (source: {found.source}), and {found.note}, "
            f"so commercekit cannot tell whether {on} is one, and on a holiday day "
            f"{wrong}"
        )
        exempt = f"if {on} is a holiday day, {exempt}"
    else:
        terms = "" if found.covers else f", {found.note}"
        why = (
            f"from {found.since} to {found.until} {found.state} exempts {found.words}"
            f"{terms} (local taxes: {LOCAL_WORDS[found.local_taxes]}; source: "
            f"{found.source}). {_why(found, category)}, so {wrong}"
        )
    return MissingDataError(
        f"whether each item of {category} qualifies for the {found.name} on {on}",
        f"{why}: pass a TaxRateSource whose rates_for({found.state!r}, "
        f"{str(category)!r}, on=day) answers the day with rates of its own, or {exempt}",
        json_how=f"{why}: {exempt} (a JSON request carries no rates of its own)",
        field="category",  # the category asked for; a decision names its line
    )
