"""MkDocs hook: writes generated content into the pages at build time.

A page that contains the marker ``<!-- commercekit:rates-table -->`` gets, in its place,
every jurisdiction's rates in force on the build day, generated from the same files the
library reads, so the docs cannot drift from the code. A page that contains
``<!-- commercekit:on-hand-plot -->`` gets an SVG chart of a simulated inventory run,
and one that contains ``<!-- commercekit:earnings-plot -->`` the margin-velocity grid of
the earnings page's shop, drawn from its books (``earnings_shop.py``), the same figures
the page's examples print.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import Decimal
from html import escape
from typing import Any

# mkdocs puts this folder on the path while it loads a hook, and the tests put it there
import earnings_shop

from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    ReorderPointPolicy,
    lead_time_demand,
    safety_stock_for_fill_rate,
    simulate,
)
from commercekit.metrics import (
    Portfolio,
    ProductPosition,
    ProductRole,
    margin_breakdown,
    portfolio,
)
from commercekit.tax import TaxCategory, jurisdictions
from commercekit.tax._rates import BUNDLED

MARKER = "<!-- commercekit:rates-table -->"
PLOT_MARKER = "<!-- commercekit:on-hand-plot -->"
EARNINGS_MARKER = "<!-- commercekit:earnings-plot -->"


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


def earnings_portfolio() -> Portfolio:
    """The earnings page's shop's products on the margin-velocity grid, by the page's
    own calls on its books."""
    shop = earnings_shop
    by_product = margin_breakdown(
        shop.LINES,
        shop.RETURNS,
        start=shop.MONTH_START,
        end=shop.MONTH_END,
        by=("product",),
    )
    return portfolio(by_product, periods=shop.PERIODS, rule=shop.RULE)


_ROLE_COLOURS = {
    ProductRole.GROWTH_ENGINE: "#2e8b57",
    ProductRole.PROFIT_PROTECTOR: "#2c7be5",
    ProductRole.TRAFFIC_BUILDER: "#e67e22",
    ProductRole.DROP_OR_DROPSHIP: "#c0392b",
}


def _step(span: float, ticks: int = 6) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(power * m for m in (1, 2, 5, 10) if power * m >= raw)


def _ratio(position: ProductPosition) -> float:
    if position.margin_ratio is None:
        raise ValueError(f"{position.product} has no net sales: no margin ratio to plot")
    return float(position.margin_ratio)


class _Plane:
    """The chart's plot area: units from 0 to ``x_max`` across, margin ratios from
    ``y_min`` to ``y_max`` up, in a ``WIDTH`` x ``HEIGHT`` drawing."""

    WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 380, 64, 130, 16, 44

    def __init__(self, speeds: list[float], ratios: list[float]) -> None:
        self.x_step = _step(max(speeds))
        self.x_max = math.ceil(max(speeds) * 1.1 / self.x_step) * self.x_step
        low = min(0.0, *ratios)
        self.y_step = _step(max(ratios) - low)
        self.y_min = math.floor(low / self.y_step) * self.y_step
        self.y_max = math.ceil(max(ratios) * 1.1 / self.y_step) * self.y_step

    def x(self, units: float) -> float:
        return self.LEFT + units / self.x_max * (self.WIDTH - self.LEFT - self.RIGHT)

    def y(self, ratio: float) -> float:
        share = (ratio - self.y_min) / (self.y_max - self.y_min)
        return self.HEIGHT - self.BOTTOM - share * (self.HEIGHT - self.TOP - self.BOTTOM)

    def frame(self) -> str:
        """The axes, their ticks and their titles."""
        x0, x1, y0, y1 = (
            self.x(0),
            self.x(self.x_max),
            self.y(self.y_min),
            self.y(self.y_max),
        )
        ticks = round(self.x_max / self.x_step) + 1
        axes = (
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y0:.1f}" stroke="#888"/>'
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x0:.1f}" y2="{y1:.1f}" stroke="#888"/>'
        )
        parts = [axes]
        parts.extend(
            f'<text x="{self.x(i * self.x_step):.1f}" y="{y0 + 16:.1f}" '
            f'text-anchor="middle">{i * self.x_step:g}</text>'
            for i in range(ticks)
        )
        ticks = round((self.y_max - self.y_min) / self.y_step) + 1
        parts.extend(
            f'<text x="{x0 - 6:.1f}" y="{self.y(self.y_min + i * self.y_step):.1f}" '
            f'text-anchor="end" dominant-baseline="middle">'
            f"{self.y_min + i * self.y_step:.0%}</text>"
            for i in range(ticks)
        )
        middle = (y0 + y1) / 2
        parts.append(
            f'<text x="{(x0 + x1) / 2:.1f}" y="{self.HEIGHT - 6}" text-anchor="middle">'
            "net units sold in the month</text>"
            f'<text x="14" y="{middle:.1f}" text-anchor="middle" '
            f'transform="rotate(-90 14 {middle:.1f})">margin ratio</text>'
        )
        return "".join(parts)


def _label(x: float, y: float, text: str, attributes: str = "") -> str:
    """Text with a white halo drawn under it, so that no line crosses the letters."""
    at = f'x="{x:.1f}" y="{y:.1f}" {attributes}'
    halo = 'stroke="white" stroke-width="3" stroke-linejoin="round"'
    return f"<text {at} {halo}>{text}</text><text {at}>{text}</text>"


def _quadrants(plane: _Plane, placed: Portfolio) -> str:
    """The four groups, tinted and named in their corners, and the two cut-offs."""
    cut_x, cut_y = plane.x(float(placed.units_cut)), plane.y(float(placed.ratio_cut))
    left, right = plane.x(0), plane.x(plane.x_max)
    top, bottom = plane.y(plane.y_max), plane.y(plane.y_min)
    corners = (  # role, its area (x, y, x, y), where its name goes and how it is aligned
        (ProductRole.PROFIT_PROTECTOR, (left, top, cut_x, cut_y), left + 6, top + 14),
        (ProductRole.GROWTH_ENGINE, (cut_x, top, right, cut_y), right - 6, top + 14),
        (ProductRole.DROP_OR_DROPSHIP, (left, cut_y, cut_x, bottom), left + 6, bottom - 8),
        (ProductRole.TRAFFIC_BUILDER, (cut_x, cut_y, right, bottom), right - 6, bottom - 8),
    )
    parts = []
    for role, (x0, y0, x1, y1), x, y in corners:
        colour = _ROLE_COLOURS[role]
        parts.append(
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
            f'fill="{colour}" fill-opacity="0.07"/>'
        )
        anchor = "start" if x < cut_x else "end"
        name = role.value.replace("_", " ")
        parts.append(
            _label(x, y, name, f'text-anchor="{anchor}" font-weight="bold" fill="{colour}"')
        )
    dashed = 'stroke="#555" stroke-dasharray="6 4"'
    parts.append(
        f'<line x1="{cut_x:.1f}" y1="{top:.1f}" x2="{cut_x:.1f}" y2="{bottom:.1f}" '
        f"{dashed}/>"
        f'<line x1="{left:.1f}" y1="{cut_y:.1f}" x2="{right:.1f}" y2="{cut_y:.1f}" '
        f"{dashed}/>"
    )
    units = f"fast from {placed.units_cut.normalize():f} a month"
    parts.append(_label(cut_x + 4, top + 30, units, 'fill="#555"'))
    parts.append(_label(left + 6, cut_y - 5, f"profitable from {placed.ratio_cut:.0%}",
                        'fill="#555"'))  # fmt: skip
    return "".join(parts)


def earnings_chart(placed: Portfolio) -> str:
    """An inline SVG of the margin-velocity grid: each product at its net units a
    period (across) and its margin ratio (up), its area its margin, with the cut-offs
    dashed and the four groups tinted and named in their corners."""
    speeds = [float(p.units_per_period) for p in placed.products]
    ratios = [_ratio(p) for p in placed.products]
    plane = _Plane([*speeds, float(placed.units_cut)], [*ratios, float(placed.ratio_cut)])
    biggest = max(abs(p.margin_per_period.amount) for p in placed.products) or Decimal(1)
    dots = []
    for p, speed, ratio in zip(placed.products, speeds, ratios, strict=True):
        x, y = plane.x(speed), plane.y(ratio)
        radius = 4 + 12 * math.sqrt(abs(p.margin_per_period.amount) / biggest)
        dots.append(
            f'<g data-product="{escape(p.product)}" data-role="{p.role.value}" '
            f'data-units="{p.units_per_period}" data-ratio="{p.margin_ratio}" '
            f'data-margin="{p.margin_per_period.amount}">'
            f"<title>{escape(p.product)}: {escape(p.why)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f'fill="{_ROLE_COLOURS[p.role]}" fill-opacity="0.75"/>'
            f"{_label(x + radius + 4, y + 4, f'{escape(p.product)} {p.margin_per_period}')}"
            "</g>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {plane.WIDTH} '
        f'{plane.HEIGHT}" role="img" aria-label="Each product by net units sold and '
        'margin ratio" style="max-width:100%;font:11px sans-serif">'
        "<title>Margin ratio against net units sold in the month, per product, with "
        "the shop's cut-offs; each circle's area is the product's margin</title>"
        f"{_quadrants(plane, placed)}{plane.frame()}{''.join(dots)}</svg>"
    )


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the markers with the generated table and charts."""
    if PLOT_MARKER in markdown:
        markdown = markdown.replace(PLOT_MARKER, stock_chart())
    if EARNINGS_MARKER in markdown:
        markdown = markdown.replace(EARNINGS_MARKER, earnings_chart(earnings_portfolio()))
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, rates_table(datetime.now(UTC).date()))
