"""India: goods rated by the HSN heading the caller states, with the compensation cess.

India rates goods per HSN heading; where commercekit bundles the entry of a heading,
[`fact_rates`][commercekit.tax.fact_rates] answers its GST from the heading given in
[`RateFacts.heading`][commercekit.tax.RateFacts] and, where the heading pays it, the
**compensation cess** as a tax of its own (GST (Compensation to States) Act 2017 s. 8;
Notification 1/2017-Compensation Cess (Rate)): one more ``TaxRate`` on the same value,
so a ``TaxLine`` holding them all shows the cess as its own line, and the tax is the sum.
The cess is one rate on intra- and inter-State supplies alike.

Bundled (``_data/in_by_heading.csv``): heading 2202 10, drinks with added sugar or
other sweetening matter, or flavoured, aerated waters among them: 28 % GST and 12 % cess
from 2017-07-01 (1/2017-Central Tax (Rate) Schedule IV; 1/2017-Compensation Cess (Rate)
S. No. 2-4); 40 % GST and no cess from 2025-09-22 (9/2025-Central Tax (Rate);
2/2025-Compensation Cess (Rate) made S. No. 2-4 Nil).

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import RateFacts, fact_rates
    >>> cola = RateFacts(heading="2202 10 10")
    >>> [(r.tax, r.rate) for r in fact_rates("IN-MH", "non_alcoholic_drinks", cola,
    ...                                      on=date(2025, 9, 21))]
    [('CGST', Decimal('14')), ('SGST', Decimal('14')), ('compensation cess', Decimal('12'))]
    >>> [(r.tax, r.rate) for r in fact_rates("IN", "non_alcoholic_drinks", cola,
    ...                                      on=date(2025, 9, 22))]
    [('IGST', Decimal('40'))]
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit.errors import InputKind, MissingDataError
from commercekit.tax._categories import RateKind, TaxCategory, check_category
from commercekit.tax._india import gst_taxes
from commercekit.tax._tax_rate import TaxRate

__all__ = [
    "CESS",
    "check_heading",
    "heading_categories",
    "heading_rates",
    "row_rate",
    "split_gst",
]

CESS = "compensation cess"
"""The tax name of the cess's ``TaxRate``."""
_GST = "GST"


def check_heading(value: object) -> str:
    """An HSN heading, subheading or tariff item (4, 6 or 8 digits; spaces allowed,
    dropped)."""
    if not isinstance(value, str):
        raise invalid("heading", value, "is not text", kind=InputKind.TYPE)
    digits = value.replace(" ", "")
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (4, 6, 8):
        raise invalid(
            "heading",
            value,
            "is not an HSN heading; give 4, 6 or 8 digits, as '2202 10 10'",
            kind=InputKind.TEXT,
        )
    return digits


_COLUMNS = (
    "category", "heading", "tax", "rate", "kind", "since", "until", "source", "note",
)  # fmt: skip


def row_rate(line: _bundled.Line, tax: str, category: TaxCategory) -> TaxRate:
    """The rate of an Indian data row of ``category`` for ``tax``: its ``rate``,
    ``kind``, ``since``, ``until``, ``source`` and ``note`` columns."""
    return line.build(
        TaxRate,
        jurisdiction="IN",
        tax=tax,
        category=category,
        applies_as=category,
        rate=line.decimal("rate"),
        kind=line.choice("kind", RateKind),
        since=line.day("since"),
        until=line.optional_day("until"),
        source=line.text("source"),
        note=line.raw("note"),
    )


@functools.cache
def rows_table() -> dict[TaxCategory, tuple[tuple[str, TaxRate], ...]]:
    """The bundled rows by category: (heading's digits, rate), the rate's ``tax``
    ``GST`` for the whole GST or ``compensation cess``."""
    lines = _bundled.read("commercekit.tax", "in_by_heading.csv", columns=_COLUMNS)
    rows = [
        (
            line,
            check_heading(line.text("heading")),
            row_rate(line, line.text("tax"), check_category(line.text("category"))),
        )
        for line in lines
    ]
    _bundled.check_periods(
        (line, (rate.category, heading, rate.tax), rate.since, rate.until)
        for line, heading, rate in rows
    )
    found: dict[TaxCategory, list[tuple[str, TaxRate]]] = {}
    for _, heading, rate in rows:
        found.setdefault(rate.category, []).append((heading, rate))
    return {category: tuple(rows) for category, rows in found.items()}


def heading_categories() -> frozenset[TaxCategory]:
    """The categories with rows by heading."""
    return frozenset(rows_table())


def heading_rates(
    code: str, category: TaxCategory, heading: str, day: date
) -> tuple[TaxRate, ...]:
    """The GST of ``heading`` in ``category`` on ``day`` as the taxes of the place
    ``code``, then the compensation cess where it applies; ``MissingDataError`` for a
    heading without a bundled entry."""
    found = [
        rate
        for entry, rate in rows_table()[category]
        if heading.startswith(entry) and rate.covers(day)
    ]
    gst = [rate for rate in found if rate.tax == _GST]
    if not gst:
        entries = sorted({entry for entry, _ in rows_table()[category]})
        bundled = (
            f"commercekit bundles the {category} entries of headings {entries} only, "
            "and a heading wider than an entry does not say which applies"
        )
        raise MissingDataError(
            f"IN GST rate for heading {heading} on {day}",
            f"{bundled}; pass a TaxRateSource with the rate of the product's heading",
            field="facts.heading",
            json_how=f"{bundled}; write the heading at least as precisely as one of "
            "those entries (a JSON request carries no rates of its own)",
        )
    [whole] = gst
    cess = tuple(
        attrs.evolve(rate, jurisdiction=code) for rate in found if rate.tax == CESS
    )
    return split_gst(whole, code, day) + cess


def split_gst(whole: TaxRate, code: str, day: date) -> tuple[TaxRate, ...]:
    """The whole GST rate ``whole`` as the taxes of the place ``code`` on ``day``:
    IGST at the rate, or CGST and SGST (UTGST) at half each. The rows' notes are
    written for the CGST entry; each other tax's note says first what it is."""
    halves = whole.rate / 2
    return tuple(
        attrs.evolve(
            whole,
            jurisdiction=code,
            tax=tax,
            rate=whole.rate if tax == "IGST" else halves,
            note=whole.note if tax == "CGST" else f"{_what(tax, whole.rate)}{whole.note}",
        )
        for tax in gst_taxes(code, day)
    )


def _what(tax: str, whole: Decimal) -> str:
    """What an IGST, SGST or UTGST rate is, before the CGST entry's note."""
    if tax == "IGST":
        return (
            f"IGST {whole}% (the whole rate, by the Integrated Tax (Rate) twin of the "
            "entry); the entry: "
        )
    return (
        f"{tax} {whole / 2}% (as CGST, by the State's or Union territory's twin); "
        "the entry: "
    )
