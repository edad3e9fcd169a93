"""The quote's tax summary against its parts composed by hand (issue 18): for a tax
made of several taxes (US state + local sales taxes, India's CGST + SGST, Quebec's GST
+ QST), every total shown is the sum of the parts shown, and each part is either what
its own rule computes or, where the law rounds the taxes together, a share of the
combined tax, and the row says which (``"share": "computed"`` or ``"allocated"``).

* United States: the state and local taxes are rounded together (SSUTA s. 324(B),
  https://www.streamlinedsalestax.org/docs/default-source/agreement/ssuta/
  ssuta-as-amended-through-05-09-24-with-hyperlinks.pdf: the rounding rule applies to
  the aggregated state and local taxes): each line's tax is its base x the combined
  rate, rounded half up; the parts are shares of it, and each is within a cent of its
  own rate x base.
* India (CGST Act and SGST Act each levy their own tax on the value) and Quebec (GST
  under the Excise Tax Act, QST under the Act respecting the Québec sales tax, each on
  the price): each tax is its own rate x each line's base, rounded half up per line.
"""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import quote
from commercekit.serde import quote_request_from_json, quote_to_json
from tests.test_service_fields import US_QUOTE

CENT = Decimal("0.01")
LINES = st.lists(
    st.tuples(st.integers(1, 50_000), st.integers(1, 5)), min_size=1, max_size=6
)
"""(unit price in cents, quantity) per line."""


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def _cart(lines: list[tuple[int, int]], currency: str) -> dict[str, Any]:
    return {
        "lines": [
            {
                "sku": f"ITEM-{index}",
                "unit_price": {"amount": str(Decimal(cents) / 100), "currency": currency},
                "quantity": quantity,
            }
            for index, (cents, quantity) in enumerate(lines)
        ]
    }


def _request(base: dict[str, Any], lines: list[tuple[int, int]], currency: str) -> Any:
    data = copy.deepcopy(base)
    data["cart"] = _cart(lines, currency)
    data["products"] = {
        f"ITEM-{i}": {"tax_category": "standard"} for i in range(len(lines))
    }
    return data


def _quoted(data: dict[str, Any]) -> dict[str, Any]:
    written: dict[str, Any] = quote_to_json(quote(*quote_request_from_json(data)))
    return written


def _bases(lines: list[tuple[int, int]]) -> list[Decimal]:
    return [Decimal(cents) * quantity / 100 for cents, quantity in lines]


def _amount(money: dict[str, str]) -> Decimal:
    return Decimal(money["amount"])


def _adds_up(written: dict[str, Any]) -> None:
    rows = written["tax_summary"]
    assert sum(_amount(row["amount"]) for row in rows) == _amount(written["tax"])
    assert _amount(written["tax"]) == sum(_amount(line["tax"]) for line in written["lines"])


NEW_YORK = copy.deepcopy(US_QUOTE)
for _local in NEW_YORK["local_rates"]:
    _local["categories"] = {}  # standard goods: every local tax follows its rate
NEW_YORK_RATES = {"sales tax": Decimal(4), "city: New York City": Decimal("4.5"),
                  "district: MCTD": Decimal("0.375")}  # fmt: skip

INDIA = {
    "seller": {"country": "IN", "registrations": ["IN-KA"]},
    "buyer": {"country": "IN", "subdivision": "IN-KA"},
    "at": "2026-06-01T12:00:00+05:30",
    "prices_include_tax": False,
}
QUEBEC = {
    "seller": {"country": "CA", "registrations": ["CA", "CA-QC"]},
    "buyer": {"country": "CA", "subdivision": "CA-QC"},
    "at": "2026-06-01T12:00:00-04:00",
    "prices_include_tax": False,
}


@given(LINES)
def test_us_local_parts_are_shares_of_the_tax_at_the_combined_rate(
    lines: list[tuple[int, int]],
) -> None:
    """Each line's tax == base x 8.875 % rounded half up; the rows are marked as
    allocated, add up to it, and each is within a cent a line of its own rate x base."""
    written = _quoted(_request(NEW_YORK, lines, "USD"))
    combined = sum(NEW_YORK_RATES.values(), Decimal(0))
    by_hand = [_round(base * combined / 100) for base in _bases(lines)]
    assert [_amount(line["tax"]) for line in written["lines"]] == by_hand
    _adds_up(written)
    total_base = sum(_bases(lines), Decimal(0))
    for row in written["tax_summary"]:
        assert row["share"] == "allocated", row
        assert _amount(row["base"]) == total_base
        own = total_base * NEW_YORK_RATES[row["tax"]] / 100
        assert abs(_amount(row["amount"]) - own) <= CENT * len(lines), row


def _computed_per_line(
    place: dict[str, Any], rates: dict[str, Decimal], currency: str, lines: Any
) -> None:
    written = _quoted(_request(place, lines, currency))
    _adds_up(written)
    rows = {row["tax"]: row for row in written["tax_summary"]}
    assert set(rows) == set(rates)
    for tax, rate in rates.items():
        by_hand = sum((_round(base * rate / 100) for base in _bases(lines)), Decimal(0))
        assert rows[tax]["share"] == "computed", rows[tax]
        assert _amount(rows[tax]["amount"]) == by_hand, (tax, rows[tax])


@given(LINES)
def test_india_cgst_and_sgst_are_each_computed(lines: list[tuple[int, int]]) -> None:
    """CGST 9 % and SGST 9 % of each line, each rounded half up: the rows add them."""
    _computed_per_line(INDIA, {"CGST": Decimal(9), "SGST": Decimal(9)}, "INR", lines)


@given(LINES)
def test_quebec_gst_and_qst_are_each_computed(lines: list[tuple[int, int]]) -> None:
    """GST 5 % and QST 9.975 % of each line, each rounded half up (10.10 + 3.30:
    GST 0.51 + 0.17 = 0.68, where 5 % of the 13.40 summed is 0.67)."""
    _computed_per_line(QUEBEC, {"GST": Decimal(5), "QST": Decimal("9.975")}, "CAD", lines)


def test_a_new_york_row_says_it_is_a_share() -> None:
    """USD 5.00 in New York City: 8.875 % is 0.44375, 0.44; NYC's 4.5 % alone would
    be 0.225, 0.23, but its share of 0.44 is 0.22 (4 %: 0.20, MCTD 0.375 %: 0.02)."""
    written = _quoted(_request(NEW_YORK, [(500, 1)], "USD"))
    shares = {row["tax"]: (row["amount"]["amount"], row["share"])
              for row in written["tax_summary"]}  # fmt: skip
    assert shares == {
        "sales tax": ("0.20", "allocated"),
        "city: New York City": ("0.22", "allocated"),
        "district: MCTD": ("0.02", "allocated"),
    }
