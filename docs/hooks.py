"""MkDocs hook: writes generated content into the pages at build time.

A page that contains the marker ``<!-- commercekit:rates-table -->`` gets, in its place,
every jurisdiction's rates in force on the build day, generated from the same files the
library reads, so the docs cannot drift from the code. A page that contains
``<!-- commercekit:on-hand-plot -->`` gets an SVG chart of a simulated inventory run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    ReorderPointPolicy,
    lead_time_demand,
    safety_stock_for_fill_rate,
    simulate,
)
from commercekit.tax import TaxCategory, jurisdictions
from commercekit.tax._rates import BUNDLED

MARKER = "<!-- commercekit:rates-table -->"
PLOT_MARKER = "<!-- commercekit:on-hand-plot -->"


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


def stock_chart(days: int = 200) -> str:
    """An inline SVG line chart of on-hand stock in the inventory page's simulated run.

    The run is the page's own example (seed 42, so every build draws the same chart):
    on hand at the end of each of the first ``days`` days, and the reorder point dashed.
    """
    daily, four_days = DemandProfile(100, 30), LeadTime(4)
    cover = lead_time_demand(daily, four_days)
    point = safety_stock_for_fill_rate(cover, "0.95", order_quantity=1000).reorder_point
    run = simulate(ReorderPointPolicy(point, 1000), daily, four_days, 10_000, seed=42)
    series = run.on_hand[:days]
    width, height, left, bottom, top, right = 640, 260, 56, 36, 12, 12
    peak = max(*series, 1)
    scale_x = (width - left - right) / max(len(series) - 1, 1)
    scale_y = (height - top - bottom) / peak

    def x(day: float) -> str:
        return f"{left + day * scale_x:.1f}"

    def y(units: float) -> str:
        return f"{height - bottom - units * scale_y:.1f}"

    points = " ".join(f"{x(day)},{y(units)}" for day, units in enumerate(series))
    ticks = "".join(
        f'<text x="{left - 6}" y="{y(units)}" text-anchor="end" '
        f'dominant-baseline="middle">{units}</text>'
        for units in range(0, peak + 1, 500)
    )
    days_ticks = "".join(
        f'<text x="{x(day)}" y="{height - bottom + 16}" text-anchor="middle">{day}</text>'
        for day in range(0, len(series), 50)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="On-hand stock over {len(series)} simulated days" '
        f'style="max-width:100%;font:11px sans-serif">'
        f"<title>On hand at the end of each day, (r, Q) = ({point}, 1000)</title>"
        f'<line x1="{left}" y1="{y(0)}" x2="{width - right}" y2="{y(0)}" stroke="#888"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{y(0)}" stroke="#888"/>'
        f"{ticks}{days_ticks}"
        f'<text x="{(left + width - right) / 2}" y="{height - 4}" '
        f'text-anchor="middle">day</text>'
        f'<text x="14" y="{(top + height - bottom) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(top + height - bottom) / 2})">units on hand</text>'
        f'<line x1="{left}" y1="{y(float(point))}" x2="{width - right}" '
        f'y2="{y(float(point))}" stroke="#c0392b" stroke-dasharray="6 4"/>'
        f'<text x="{width - right}" y="{float(y(float(point))) - 4:.1f}" '
        f'text-anchor="end" fill="#c0392b">reorder point r = {point}</text>'
        f'<polyline points="{points}" fill="none" stroke="#2c7be5" stroke-width="1.5"/>'
        "</svg>"
    )


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the markers with the generated table and chart."""
    if PLOT_MARKER in markdown:
        markdown = markdown.replace(PLOT_MARKER, stock_chart())
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, rates_table(datetime.now(UTC).date()))
