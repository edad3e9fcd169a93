"""MkDocs hook: writes the table of current rates from the bundled data at build time.

A page that contains the marker ``<!-- commercekit:rates-table -->`` gets, in its place,
every jurisdiction's rates in force on the build day, generated from the same files the
library reads, so the docs cannot drift from the code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from commercekit.tax import TaxCategory, jurisdictions
from commercekit.tax._rates import BUNDLED

MARKER = "<!-- commercekit:rates-table -->"


def rates_table(on: date) -> str:
    """A Markdown table of every bundled jurisdiction's rates in force on ``on``."""
    lines = [
        f"Rates in force on {on.isoformat()}, the day these pages were built.",
        "",
        "| jurisdiction | tax | standard | other rates in force |",
        "| --- | --- | --- | --- |",
    ]
    for code in jurisdictions():
        for tax in dict.fromkeys(row.tax for row in BUNDLED.rows[code]):
            rows = [row for row in BUNDLED.rows[code] if row.tax == tax and row.covers(on)]
            standard = [row for row in rows if row.category is TaxCategory.STANDARD]
            if not standard:
                continue
            by_rate: dict[str, list[str]] = {}
            for row in rows:
                if row.category is not TaxCategory.STANDARD:
                    label = f"{row.rate.normalize():f}% ({row.kind})"
                    by_rate.setdefault(label, []).append(str(row.category))
            others = "; ".join(
                f"{label}: {', '.join(categories)}" for label, categories in by_rate.items()
            )
            lines.append(
                f"| {code} | {tax} | {standard[0].rate.normalize():f}% "
                f"(since {standard[0].since}) | {others or '-'} |"
            )
    return "\n".join(lines)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the marker with the generated table."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, rates_table(datetime.now(UTC).date()))
