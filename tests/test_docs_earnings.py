"""The earnings page (``docs/earnings.md``), its shop's books (``docs/earnings_shop.py``)
and the chart the docs build draws from them (``docs/hooks.py``).

* The hook replaces the page's marker with an SVG that holds every product.
* The chart shows the figures the page prints: each product's group, net units, margin
  ratio and margin, read back from the SVG, equal the lines of the page's portfolio
  example (which sybil checks against the same books).
* The chart puts each product on the side of each dashed cut-off that its group says.
* The books are what the page says they are: November's orders are the November days
  of the sales history, and every return is of an order sold.
* The page sits after "Unit economics" in the navigation, and is linked from the home
  page and from "Unit economics".
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import earnings_shop
import hooks

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = (DOCS / "earnings.md").read_text("utf-8")
# the page's portfolio example prints: rank, product, role, net units, ratio, margin
_PRINTED = re.compile(
    r"^\d (?P<product>[A-Z]+) (?P<role>[a-z_]+) (?P<units>\d+\.\d{4}) "
    r"(?P<ratio>-?\d\.\d{4}) (?P<margin>-?\d+\.\d{2}) EUR$",
    re.M,
)
_DRAWN = re.compile(
    r'<g data-product="(?P<product>[^"]+)" data-role="(?P<role>[^"]+)" '
    r'data-units="(?P<units>[^"]+)" data-ratio="(?P<ratio>[^"]+)" '
    r'data-margin="(?P<margin>[^"]+)">.*?<circle cx="(?P<x>[\d.]+)" cy="(?P<y>[\d.]+)"',
)
_DASHED = re.compile(
    r'<line x1="(?P<x1>[\d.]+)" y1="(?P<y1>[\d.]+)" x2="(?P<x2>[\d.]+)" '
    r'y2="(?P<y2>[\d.]+)" stroke="#555" stroke-dasharray="6 4"/>'
)


def _chart() -> str:
    built = hooks.on_page_markdown(f"before\n{hooks.EARNINGS_MARKER}\nafter")
    assert hooks.EARNINGS_MARKER not in built
    assert built.startswith("before\n<svg ")
    assert built.endswith("</svg>\nafter")
    return built


def test_the_hook_replaces_the_marker_with_a_chart_of_each_product() -> None:
    chart = _chart()
    assert chart.count("<svg") == chart.count("</svg>") == 1
    drawn = [found["product"] for found in _DRAWN.finditer(chart)]
    assert sorted(drawn) == sorted(earnings_shop.CATALOG)
    for group in ("growth engine", "profit protector", "traffic builder"):
        assert f">{group}</text>" in chart
    assert ">drop or dropship</text>" in chart
    assert PAGE.count(hooks.EARNINGS_MARKER) == 1


def test_the_chart_shows_the_figures_the_page_prints() -> None:
    printed = {found["product"]: found.groupdict() for found in _PRINTED.finditer(PAGE)}
    assert sorted(printed) == sorted(earnings_shop.CATALOG)
    for found in _DRAWN.finditer(_chart()):
        shown = printed[found["product"]]
        for figure in ("role", "units", "ratio", "margin"):
            assert found[figure] == shown[figure], (found["product"], figure)
        assert f"{shown['product']} {shown['margin']} EUR</text>" in found.string


def test_the_chart_puts_each_product_on_its_groups_side_of_the_cut_offs() -> None:
    chart = _chart()
    vertical, horizontal = (found.groupdict() for found in _DASHED.finditer(chart))
    assert vertical["x1"] == vertical["x2"]
    assert horizontal["y1"] == horizontal["y2"]
    cut_x, cut_y = float(vertical["x1"]), float(horizontal["y1"])
    fast = {"growth_engine": True, "traffic_builder": True}
    profitable = {"growth_engine": True, "profit_protector": True}
    for found in _DRAWN.finditer(chart):
        x, y, role = float(found["x"]), float(found["y"]), found["role"]
        assert (x >= cut_x) == fast.get(role, False), found["product"]
        assert (y <= cut_y) == profitable.get(role, False), found["product"]  # y down


def test_novembers_orders_are_the_november_days_of_the_sales_history() -> None:
    sold = Counter()
    for sale in earnings_shop.NOVEMBER:
        sold[sale.product, sale.day] += sale.units
    start = earnings_shop.HISTORY_START
    for product, units in earnings_shop.DAILY_SALES.items():
        for offset, count in enumerate(units):
            day = start + timedelta(offset)
            if earnings_shop.MONTH_START <= day < earnings_shop.MONTH_END:
                assert sold[product, day] == count, (product, day)
    assert [line.order for line in earnings_shop.LINES] == [
        sale.order for sale in earnings_shop.NOVEMBER
    ]
    assert {back.order for back in earnings_shop.RETURNS} == set(earnings_shop.RETURNED)


def test_the_page_follows_unit_economics_and_is_linked_to() -> None:
    nav = (DOCS.parent / "mkdocs.yml").read_text("utf-8")
    assert (
        "  - Unit economics: unit-economics.md\n  - What a sale really earns: earnings.md\n"
    ) in nav
    for page in ("index.md", "unit-economics.md"):
        assert "](earnings.md)" in (DOCS / page).read_text("utf-8"), page
