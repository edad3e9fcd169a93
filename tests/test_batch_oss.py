"""The One-Stop Shop return in bulk: every line counted in exactly one row of the return
or refused, every total the sum of its lines, periods as the Directive sets them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.batch import OssScheme, oss_return, tax_lines
from commercekit.errors import InvalidBatchError
from commercekit.regions import is_eu_member

PLACES = ("FR", "DE", "PT-20", "FR-20R", "XI", "GB", "CH", "ES-CN", "HR", "DE-BY", "gr")
"""Member states, regional rate tables, Northern Ireland, third countries, a place
outside the VAT area, a state that joined on 2013-07-01 and one that left."""
START = date(2012, 1, 1)


@st.composite
def oss_lines(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Taxed lines in euro (and some in other currencies), in cents, some negative."""
    size = draw(st.integers(min_value=0, max_value=15))
    return [
        {
            "sku": f"S{index}",
            "jurisdiction": draw(st.sampled_from(PLACES)),
            "date": START + timedelta(days=draw(st.integers(0, 5500))),
            "currency": draw(st.sampled_from(["EUR", "EUR", "EUR", "USD"])),
            "rate": draw(st.sampled_from([Decimal(20), Decimal("5.5"), Decimal(0)])),
            "net_minor": draw(st.integers(-100, 10**9)),
            "tax_minor": draw(st.integers(-100, 10**8)),
        }
        for index in range(size)
    ]


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    kinds = {
        "sku": pa.string(),
        "jurisdiction": pa.string(),
        "date": pa.date32(),
        "currency": pa.string(),
        "rate": pa.decimal128(5, 1),
        "net_minor": pa.int64(),
        "tax_minor": pa.int64(),
    }
    return pa.table({k: pa.array([row[k] for row in rows], kinds[k]) for k in kinds})


def _period(day: date, scheme: OssScheme) -> tuple[str, date]:
    """The tax period by hand: the month for IOSS (Art. 369s), else the quarter."""
    if scheme is OssScheme.IMPORT:
        first, months = date(day.year, day.month, 1), 1
        label = f"{day.year}-{day.month:02d}"
    else:
        first, months = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1), 3
        label = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    month = first.month - 1 + months
    after = date(first.year + month // 12, month % 12 + 1, 1)
    return label, after - timedelta(days=1)


def _state(row: dict[str, Any], scheme: OssScheme) -> str | None:
    """The member state of consumption by hand, or None where the line is refused."""
    code = row["jurisdiction"].upper()
    if code == "ES-CN":
        return None
    state = code.partition("-")[0]
    if state == "XI":
        return None if scheme is OssScheme.NON_UNION else state
    return state if state not in {"CH"} and is_eu_member(state, on=row["date"]) else None


@given(rows=oss_lines(), scheme=st.sampled_from(OssScheme))
def test_each_line_is_counted_once_and_totals_are_its_sums(
    rows: list[dict[str, Any]], scheme: OssScheme
) -> None:
    """Every euro line in an EU member state of consumption with no negative amount is
    in exactly one row of the return (by period, member state and rate) and the row's
    totals are the exact sums of its lines; every other line is refused."""
    filed = oss_return(_table(rows), scheme=scheme)
    expected: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    refused = set()
    for index, row in enumerate(rows):
        state = _state(row, scheme)
        if (
            row["currency"] != "EUR"
            or state is None
            or row["net_minor"] < 0
            or row["tax_minor"] < 0
        ):
            refused.add(index)
            continue
        label, end = _period(row["date"], scheme)
        total = expected[label, end, state, row["rate"]]
        total[0] += row["net_minor"]
        total[1] += row["tax_minor"]
        total[2] += 1
    got = {
        (r["period"], r["period_end"], r["member_state"], r["rate"]): [
            int(r["taxable_amount"] * 100),
            int(r["vat"] * 100),
            r["lines"],
        ]
        for r in filed.rows.to_pylist()
    }
    assert got == dict(expected)
    assert set(filed.rejected.column("row").to_pylist()) == refused
    assert sum(r["lines"] for r in filed.rows.to_pylist()) + filed.refused == len(rows)


@given(rows=oss_lines())
def test_polars_gives_the_arrow_return(rows: list[dict[str, Any]]) -> None:
    """A Polars table of lines gives the same return and refusals as Arrow."""
    table = _table(rows)
    arrow = oss_return(table, scheme="union")
    polars = oss_return(pl.from_arrow(table), scheme="union")
    assert polars.rows.to_arrow().to_pylist() == arrow.rows.to_pylist()
    assert polars.rejected.to_arrow().to_pylist() == arrow.rejected.to_pylist()


def test_a_quarter_from_taxed_lines() -> None:
    """Lines taxed by tax_lines go straight into the return: the Union scheme's return
    for Q3 2026 shows per member state and rate the nets and the VAT (Art. 369g(1)),
    in euro; a line in USD is refused, naming the ECB rate of the period's last day
    (Art. 369h(2))."""
    days = [date(2026, 7, 3), date(2026, 9, 30), date(2026, 8, 14), date(2026, 8, 1)]
    lines = pa.table(
        {
            "order": ["A", "B", "C", "D"],
            "amount": pa.array(
                [Decimal("120.00"), Decimal("30.00"), Decimal("11.60"), Decimal("10")]
            ),
            "currency": ["EUR", "EUR", "EUR", "USD"],
            "jurisdiction": ["FR", "FR", "PT-20", "IE"],
            "category": ["standard", "standard", "standard", "standard"],
            "date": pa.array(days, pa.date32()),
        }
    )
    taxed = tax_lines(lines, prices_include_tax=True)
    filed = oss_return(taxed.rows, scheme=OssScheme.UNION)
    assert [
        (r["member_state"], r["rate"], r["taxable_amount"], r["vat"], r["lines"])
        for r in filed.rows.to_pylist()
    ] == [
        ("FR", Decimal(20), Decimal("125.00"), Decimal("25.00"), 2),
        ("PT", Decimal(16), Decimal("10.00"), Decimal("1.60"), 1),
    ]
    assert filed.rows.column("period_end").to_pylist() == [date(2026, 9, 30)] * 2
    refusal = filed.rejected.to_pylist()[0]
    assert (refusal["order"], refusal["error"]) == ("D", "MissingDataError")
    assert "ECB rate for the last day of the tax period" in refusal["message"]


def test_the_import_scheme_files_monthly() -> None:
    """IOSS returns are monthly (Art. 369s); Northern Ireland counts for goods."""
    lines = pa.table(
        {
            "jurisdiction": ["XI", "XI"],
            "date": pa.array([date(2026, 1, 31), date(2026, 2, 1)], pa.date32()),
            "currency": ["EUR", "EUR"],
            "rate": [20, 20],
            "net": pa.array([Decimal("100.00"), Decimal("50.00")]),
            "tax": pa.array([Decimal("20.00"), Decimal("10.00")]),
        }
    )
    filed = oss_return(lines, scheme="import").rows.to_pylist()
    assert [(r["period"], r["period_end"], r["vat"]) for r in filed] == [
        ("2026-01", date(2026, 1, 31), Decimal("20.00")),
        ("2026-02", date(2026, 2, 28), Decimal("10.00")),
    ]
    services = oss_return(lines, scheme="non_union")
    assert services.rejected.column("field").to_pylist() == ["jurisdiction"] * 2


@pytest.mark.parametrize(
    ("value", "scheme", "message"),
    [
        ([{"net": 1}], "union", "is not a table"),
        (pa.table({"net": [1.0]}), "union", "is missing"),
        (pa.table({"jurisdiction": ["FR"]}), "monthly", "is not one of"),
    ],
)
def test_bad_input_refuses_the_table(value: object, scheme: str, message: str) -> None:
    with pytest.raises(InvalidBatchError, match=message):
        oss_return(value, scheme=scheme)
