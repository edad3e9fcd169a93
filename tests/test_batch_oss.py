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

PLACES = (
    *("FR", "DE", "PT-20", "FR-20R", "XI", "GB", "CH", "ES-CN", "HR", "DE-BY", "gr"),
    *("MC", "IM", "FR-NC", "NL-AW", "FR-ZZZ", "NC"),
)
"""Member states, regional rate tables, Northern Ireland, third countries, a place
outside the VAT area, a state that joined on 2013-07-01 and one that left, Monaco (as
France) and the Isle of Man (as the UK), a Land (as Germany), overseas countries and
territories as subdivisions and by their own code, a code no one knows."""
START = date(2012, 1, 1)
SUPPLIES = (None, "goods", "services", "electronic_services")
ORIGINS = (None, "DE", "FR", "PL", "CH", "MC", "XI")
NI_SINCE = date(2021, 1, 1)  # the Windsor Framework's VAT rules for goods
OSS_SINCE = date(2021, 7, 1)  # the Union scheme takes distance sales of goods


@st.composite
def oss_lines(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Taxed lines in euro (and some in other currencies), in cents, some negative, with
    a supply kind, a place of dispatch and an original supply's day, each sometimes
    missing."""
    size = draw(st.integers(min_value=0, max_value=15))
    rows = []
    for index in range(size):
        day = START + timedelta(days=draw(st.integers(0, 5500)))
        supplied = day + timedelta(days=draw(st.integers(-200, 10)))
        rows.append(
            {
                "sku": f"S{index}",
                "jurisdiction": draw(st.sampled_from(PLACES)),
                "date": day,
                "currency": draw(st.sampled_from(["EUR", "EUR", "EUR", "USD"])),
                "rate": draw(st.sampled_from([Decimal(20), Decimal("5.5"), Decimal(0)])),
                "net_minor": draw(st.integers(-100, 10**9)),
                "tax_minor": draw(st.integers(-100, 10**8)),
                "supply": draw(st.sampled_from(SUPPLIES)),
                "dispatched_from": draw(st.sampled_from(ORIGINS)),
                "supply_date": draw(st.sampled_from([None, supplied])),
            }
        )
    return rows


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    kinds = {
        "sku": pa.string(),
        "jurisdiction": pa.string(),
        "date": pa.date32(),
        "currency": pa.string(),
        "rate": pa.decimal128(5, 1),
        "net_minor": pa.int64(),
        "tax_minor": pa.int64(),
        "supply": pa.string(),
        "dispatched_from": pa.string(),
        "supply_date": pa.date32(),
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


def _country(code: str, day: date) -> str | None:
    """The member state of consumption of a place by hand (Art. 5-7), before asking
    what is supplied: ``XI`` for Northern Ireland since 2021; None outside."""
    code = code.upper()
    state = {"PT-20": "PT", "FR-20R": "FR", "MC": "FR", "IM": "GB", "DE-BY": "DE"}.get(
        code, code
    )
    if state == "XI":
        state = "XI" if day >= NI_SINCE else "GB"
    if state == "XI" or (len(state) == 2 and is_eu_member(state, on=day)):
        return state
    return None  # CH, ES-CN, NC, FR-NC, NL-AW: outside; FR-ZZZ: unknown


def _kind(row: dict[str, Any], scheme: OssScheme) -> str | None:
    """The supply kind by hand, or "refused" where it contradicts the scheme."""
    scope = {OssScheme.NON_UNION: "services", OssScheme.IMPORT: "goods"}.get(scheme)
    supply = row["supply"]
    if scope and supply and (supply == "goods") != (scope == "goods"):
        return "refused"
    return supply or scope


def _state(row: dict[str, Any], scheme: OssScheme, home: str) -> str | None:
    """The member state of consumption by hand, or None where the line is refused."""
    kind, state = _kind(row, scheme), _country(row["jurisdiction"], row["date"])
    if kind == "refused" or state is None or (state == "XI" and kind != "goods"):
        return None  # outside the scheme or the EU VAT area; XI services are UK VAT
    if scheme is not OssScheme.UNION:
        return state
    return state if _in_union_return(row, kind, state, home) else None


def _in_union_return(row: dict[str, Any], kind: str | None, state: str, home: str) -> bool:
    """Whether the Union return takes the line, by hand."""
    if kind == "goods":
        # a distance sale is dispatched from another member state (Art. 14(4)(1));
        # HMRC's scheme for Northern Ireland takes goods dispatched from there, from
        # the day the scheme took goods
        dispatched = row["dispatched_from"]
        origin = dispatched and _country(dispatched, row["date"])
        if home == "XI":
            return origin == "XI" != state and row["date"] >= OSS_SINCE
        return origin not in {None, state}
    # no supply kind; Northern Ireland's scheme is for goods; services in the member
    # state of identification are in its domestic return (Art. 369b)
    return kind is not None and home not in {"XI", state}


def _credit_refused(row: dict[str, Any], scheme: OssScheme) -> bool:
    """A negative line by hand: refused unless it reduces a supply of its period."""
    net, tax, supplied = row["net_minor"], row["tax_minor"], row["supply_date"]
    if net >= 0 and tax >= 0:
        return False
    if net > 0 or tax > 0 or supplied is None or supplied > row["date"]:
        return True
    return _period(supplied, scheme)[0] != _period(row["date"], scheme)[0]


@given(
    rows=oss_lines(),
    scheme=st.sampled_from(OssScheme),
    home=st.sampled_from(["DE", "FR", "XI"]),
)
def test_each_line_is_counted_once_and_totals_are_its_sums(
    rows: list[dict[str, Any]], scheme: OssScheme, home: str
) -> None:
    """Every euro line in an EU member state of consumption, within the scheme, not a
    supply the Union return leaves to the member state of identification, and not a
    credit of an earlier period is in exactly one row of the return (by period, member
    state and rate) and the row's totals are the exact sums of its lines; every other
    line is refused."""
    if home == "XI" and scheme is not OssScheme.UNION:
        with pytest.raises(InvalidBatchError, match="goods only"):
            oss_return(_table(rows), scheme=scheme, identified_in=home)
        return
    filed = oss_return(_table(rows), scheme=scheme, identified_in=home)
    expected: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    refused = set()
    for index, row in enumerate(rows):
        state = _state(row, scheme, home)
        if row["currency"] != "EUR" or state is None or _credit_refused(row, scheme):
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
    arrow = oss_return(table, scheme="union", identified_in="DE")
    polars = oss_return(pl.from_arrow(table), scheme="union", identified_in="DE")
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
            "supply": ["goods"] * 4,
            "dispatched_from": ["DE"] * 4,
        }
    )
    taxed = tax_lines(lines, prices_include_tax=True)
    filed = oss_return(taxed.rows, scheme=OssScheme.UNION, identified_in="DE")
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


def _sales(**columns: Any) -> pa.Table:
    """Lines of 100.00 net at 20 % on 3 August 2026 (Q3), one per ``jurisdiction``;
    other columns as given."""
    size = len(columns["jurisdiction"])
    base: dict[str, Any] = {
        "date": pa.array([date(2026, 8, 3)] * size, pa.date32()),
        "currency": ["EUR"] * size,
        "rate": [20] * size,
        "net_minor": [10000] * size,
        "tax_minor": [2000] * size,
    }
    base.update(columns)
    return pa.table(base)


def _refusals(filed: Any) -> dict[str, tuple[str, str, str]]:
    return {
        r["line"]: (r["field"], r["error"], r["message"])
        for r in filed.rejected.to_pylist()
    }


def test_the_union_return_leaves_the_member_state_of_identification_out() -> None:
    """A German seller (identified in DE, Art. 369a(2)) declares its German services and
    its goods dispatched within Germany in the German domestic return, not in the OSS
    return (Art. 369b(c): services only where the seller is not established; Art.
    369b(a): goods only as intra-Community distance sales). Goods sent to German
    consumers from its Polish stock are such a sale (Art. 14(4)(1)) and are counted
    under DE; its sales to France are counted under FR."""
    lines = _sales(
        line=["services", "local", "from PL", "no kind", "no origin", "FR"],
        jurisdiction=["DE", "DE", "DE", "DE", "DE", "FR"],
        supply=["electronic_services", "goods", "goods", None, "goods", "services"],
        dispatched_from=[None, "DE", "PL", None, None, None],
    )
    filed = oss_return(lines, scheme="union", identified_in="de")
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [
        ("DE", 1),
        ("FR", 1),
    ]
    refused = _refusals(filed)
    assert set(refused) == {"services", "local", "no kind", "no origin"}
    assert refused["services"][:2] == ("supply", "InvalidBatchError")
    assert "369b(c)" in refused["services"][2]
    assert "DE's domestic VAT return" in refused["services"][2]
    assert refused["local"][0] == "dispatched_from"
    assert "DE's domestic VAT return" in refused["local"][2]
    assert refused["no kind"][:2] == ("supply", "MissingDataError")
    assert refused["no origin"][:2] == ("dispatched_from", "MissingDataError")


def test_goods_sent_within_another_member_state_are_its_domestic_supply() -> None:
    """A seller identified in NL sends goods from its German stock to a German consumer:
    not an intra-Community distance sale, which is dispatched from a member state other
    than the one where it ends (Art. 14(4)(1)), but a domestic supply in DE, declared in
    DE's domestic VAT return, not in the OSS return (Art. 369b(a)). Goods from outside
    the EU VAT area are no such sale either. From NL stock, the same sale is counted;
    without a place of dispatch it is refused, since which of these it is depends on it."""
    lines = _sales(
        line=["from DE", "from NL", "from CH", "no origin"],
        jurisdiction=["DE", "DE", "DE", "DE"],
        supply=["goods"] * 4,
        dispatched_from=["de", "NL", "CH", None],
    )
    filed = oss_return(lines, scheme="union", identified_in="NL")
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [("DE", 1)]
    refused = _refusals(filed)
    assert set(refused) == {"from DE", "from CH", "no origin"}
    field, error, message = refused["from DE"]
    assert (field, error) == ("dispatched_from", "InvalidBatchError")
    assert "a domestic supply in DE" in message
    assert "DE's domestic VAT return, not in the OSS return" in message
    assert "not an intra-Community distance sale" in refused["from CH"][2]


def test_a_goods_line_without_its_place_of_dispatch_is_refused_not_a_distance_sale() -> (
    None
):
    """Art. 14(4)(1) makes goods an intra-Community distance sale by where their
    transport began: a goods line without ``dispatched_from`` is refused in every member
    state, naming the column and what to write; a services line needs none."""
    lines = _sales(
        line=["goods to DE", "goods to FR", "services to DE"],
        jurisdiction=["DE", "FR", "DE"],
        supply=["goods", "goods", "services"],
        dispatched_from=[None, None, None],
    )
    filed = oss_return(lines, scheme="union", identified_in="NL")
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [("DE", 1)]
    refused = _refusals(filed)
    assert set(refused) == {"goods to DE", "goods to FR"}
    field, error, message = refused["goods to FR"]
    assert (field, error) == ("dispatched_from", "MissingDataError")
    assert "Add a 'dispatched_from' column" in message
    assert "Art. 14(4)(1)" in message


def test_the_other_schemes_take_the_member_state_of_identification() -> None:
    """The non-Union scheme covers all the services a seller outside the EU supplies in
    the EU, in its member state of identification too (Art. 359); the import scheme all
    its distance sales of imported goods (Art. 369m). A supply outside the scheme's
    kind is refused."""
    lines = _sales(line=["a", "b"], jurisdiction=["DE", "DE"], supply=[None, "goods"])
    services = oss_return(lines, scheme="non_union", identified_in="DE")
    assert services.rows.column("lines").to_pylist() == [1]
    assert (
        "covers services only (Directive 2006/112/EC Art. 359)"
        in (_refusals(services)["b"][2])
    )
    goods = oss_return(lines, scheme="import", identified_in="DE")
    assert goods.rows.column("lines").to_pylist() == [2]


@pytest.mark.parametrize("code", ["EL", "XX", "", "DE-BY", True, 276])
def test_identified_in_must_be_a_country(code: object) -> None:
    with pytest.raises(InvalidBatchError, match="identified_in"):
        oss_return(_sales(jurisdiction=["FR"]), scheme="union", identified_in=code)


def test_the_union_scheme_needs_the_member_state_of_identification() -> None:
    with pytest.raises(InvalidBatchError, match="identified_in='DE'"):
        oss_return(_sales(jurisdiction=["FR"]), scheme="union")


def test_identification_outside_the_eu_refuses_each_line() -> None:
    """The member state of identification is an EU member state (Art. 369a(2))."""
    filed = oss_return(
        _sales(line=["a"], jurisdiction=["FR"]), scheme="union", identified_in="US"
    )
    assert _refusals(filed)["a"][0] == "date"


@pytest.mark.parametrize(
    "code", ["FR-NC", "FR-PM", "FR-PF", "NL-AW", "NL-BQ1", "NL-CW", "NL-SX"]
)
def test_an_overseas_territory_given_as_a_subdivision_is_refused(code: str) -> None:
    """New Caledonia, Saint-Pierre-et-Miquelon, French Polynesia, Aruba, Bonaire,
    Curacao and Sint Maarten are overseas countries and territories outside the EU VAT
    area (TFEU Art. 355(2) and Annex II; Directive 2006/112/EC Art. 5(2)): given as a
    subdivision of their member state, never counted as it."""
    filed = oss_return(
        _sales(line=["a"], jurisdiction=[code]), scheme="union", identified_in="DE"
    )
    assert filed.rows.num_rows == 0
    field, error, message = _refusals(filed)["a"]
    assert (field, error) == ("jurisdiction", "InvalidBatchError")
    assert "is outside the EU VAT area on 2026-08-03" in message
    assert "Annex II" in message


@pytest.mark.parametrize("code", ["DK-GL", "DK-FO", "FR-ZZZ", "FR-MC"])
def test_a_code_the_regions_layer_does_not_know_is_refused(code: str) -> None:
    """Greenland and the Faroe Islands are GL and FO, not subdivisions of DK; FR-ZZZ
    and FR-MC are no subdivision of France: refused, never counted as DK or FR."""
    filed = oss_return(
        _sales(line=["a"], jurisdiction=[code]), scheme="union", identified_in="DE"
    )
    assert filed.rows.num_rows == 0
    field, error, message = _refusals(filed)["a"]
    assert (field, error) == ("jurisdiction", "UnknownCountryError")
    assert "is not an ISO 3166-2 subdivision" in message


def test_a_subdivision_inside_its_member_state_is_counted_as_it() -> None:
    """Bavaria (DE-BY) lies in Germany's VAT area: its line is in the return under DE."""
    filed = oss_return(
        _sales(jurisdiction=["DE-BY", "DE"], supply=["services"] * 2),
        scheme="union",
        identified_in="FR",
    )
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [("DE", 2)]


@pytest.mark.parametrize("code", ["NC", "PM", "AW", "BQ", "GL", "FO", "IM"])
def test_places_outside_the_eu_vat_area_are_refused(code: str) -> None:
    """Given by their own codes, the overseas countries and territories and the Isle of
    Man (which shares the UK's VAT) are outside the EU VAT area on 2026-08-03."""
    filed = oss_return(
        _sales(line=["a"], jurisdiction=[code]), scheme="union", identified_in="DE"
    )
    field, error, message = _refusals(filed)["a"]
    assert (field, error) == ("jurisdiction", "InvalidBatchError")
    assert "is outside the EU VAT area on 2026-08-03" in message


def test_monaco_is_counted_as_france() -> None:
    """Transactions with Monaco are treated as transactions with France (Art. 7(1)):
    a sale to Monaco is in the return under FR, beside the French one."""
    filed = oss_return(
        _sales(jurisdiction=["MC", "FR"], supply=["services"] * 2),
        scheme="union",
        identified_in="DE",
    )
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [("FR", 2)]


def test_northern_ireland_is_in_the_return_for_goods_only() -> None:
    """Northern Ireland follows the EU VAT rules for goods, not services (Windsor
    Framework Art. 8): an XI line needs its supply kind; services there are UK VAT."""
    lines = _sales(
        line=["goods", "services", "none"],
        jurisdiction=["XI", "XI", "XI"],
        supply=["goods", "services", None],
        dispatched_from=["DE", None, None],
    )
    filed = oss_return(lines, scheme="union", identified_in="DE")
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [("XI", 1)]
    refused = _refusals(filed)
    assert refused["services"][0] == "jurisdiction"
    assert "services to consumers there are UK VAT" in refused["services"][2]
    assert refused["none"][:2] == ("supply", "MissingDataError")
    assert "add a 'supply' column" in refused["none"][2]


def test_a_credit_in_its_supplys_period_reduces_the_return() -> None:
    """A price reduced after the supply reduces the taxable amount (Art. 90): a credit
    note in the same quarter as its supply is counted, and the row's totals are the
    sums with it. A credit of an earlier quarter is a correction made in a later
    return (Art. 369g(4)): refused, as is a credit without its supply's day."""
    lines = _sales(
        line=["sale", "credit", "old credit", "no day", "early"],
        jurisdiction=["FR"] * 5,
        net_minor=[10000, -2500, -1000, -1000, -1000],
        tax_minor=[2000, -500, -200, -200, -200],
        supply=["services"] * 5,
        supply_date=pa.array(
            [None, date(2026, 7, 2), date(2026, 6, 30), None, date(2026, 8, 4)],
            pa.date32(),
        ),
    )
    filed = oss_return(lines, scheme="union", identified_in="DE")
    assert [
        (r["member_state"], r["taxable_amount"], r["vat"], r["lines"])
        for r in filed.rows.to_pylist()
    ] == [("FR", Decimal("75.00"), Decimal("15.00"), 2)]
    refused = _refusals(filed)
    assert set(refused) == {"old credit", "no day", "early"}
    assert "369g(4)" in refused["old credit"][2]
    assert refused["no day"][:2] == ("supply_date", "MissingDataError")
    assert "after the credit's date" in refused["early"][2]


def test_a_credit_needs_a_supply_date_column() -> None:
    filed = oss_return(
        _sales(
            line=["a"],
            jurisdiction=["FR"],
            supply=["services"],
            net_minor=[-100],
            tax_minor=[-20],
        ),
        scheme="union",
        identified_in="DE",
    )
    field, error, message = _refusals(filed)["a"]
    assert (field, error) == ("supply_date", "MissingDataError")
    assert "add a 'supply_date' column" in message


def test_an_import_credit_of_last_month_is_a_correction() -> None:
    """The import scheme's period is the month (Art. 369s): a credit on 3 August for a
    sale of 31 July corrects an earlier period (Art. 369t(2)), while the quarterly
    Union return takes it."""
    lines = _sales(
        line=["credit"],
        jurisdiction=["FR"],
        supply=["goods"],
        dispatched_from=["DE"],
        net_minor=[-100],
        tax_minor=[-20],
        supply_date=pa.array([date(2026, 7, 31)], pa.date32()),
    )
    assert oss_return(lines, scheme="import").refused == 1
    assert oss_return(lines, scheme="union", identified_in="DE").refused == 0


def test_every_union_line_says_goods_or_services() -> None:
    """The Union scheme takes goods only as intra-Community distance sales (Art.
    369b(a), 14(4)(1)) and services only outside the member state of identification
    (Art. 369b(c)): a line that does not say which, in any member state, is refused
    naming the missing ``supply`` column, never counted."""
    lines = _sales(line=["FR", "IT", "DE"], jurisdiction=["FR", "IT", "DE"])
    filed = oss_return(lines, scheme="union", identified_in="DE")
    assert filed.rows.num_rows == 0
    refused = _refusals(filed)
    assert set(refused) == {"FR", "IT", "DE"}
    field, error, message = refused["FR"]
    assert (field, error) == ("supply", "MissingDataError")
    assert "add a 'supply' column" in message
    assert "'dispatched_from'" in message


def test_a_seller_identified_in_northern_ireland_declares_goods_from_there() -> None:
    """HMRC runs the Union scheme for Northern Ireland: distance sales of goods
    dispatched from Northern Ireland to consumers in the EU (Windsor Framework Art. 8
    and Annex 3: EU VAT rules apply there to goods only). Services are UK VAT and
    refused; goods dispatched from elsewhere are refused as not settled by the sources
    read; goods to a consumer in Northern Ireland are a UK domestic supply."""
    lines = _sales(
        line=["goods", "services", "from IE", "in XI", "no kind"],
        jurisdiction=["FR", "FR", "FR", "XI", "IE"],
        supply=["goods", "electronic_services", "goods", "goods", None],
        dispatched_from=["XI", None, "IE", "XI", "XI"],
    )
    filed = oss_return(lines, scheme="union", identified_in="xi")
    assert [(r["member_state"], r["lines"]) for r in filed.rows.to_pylist()] == [("FR", 1)]
    refused = _refusals(filed)
    assert set(refused) == {"services", "from IE", "in XI", "no kind"}
    assert refused["services"][:2] == ("supply", "InvalidBatchError")
    assert "Windsor Framework Art. 8 and Annex 3" in refused["services"][2]
    assert "gov.uk" in refused["services"][2]
    assert refused["from IE"][:2] == ("dispatched_from", "InvalidBatchError")
    assert "dispatched from Northern Ireland" in refused["from IE"][2]
    assert refused["in XI"][0] == "dispatched_from"
    assert "domestic supply in XI" in refused["in XI"][2]
    assert refused["no kind"][:2] == ("supply", "MissingDataError")


def test_northern_ireland_identifies_no_seller_before_the_scheme_took_goods() -> None:
    """The Union scheme took distance sales of goods from 1 July 2021."""
    lines = _sales(
        line=["a", "b"],
        jurisdiction=["FR", "FR"],
        date=pa.array([date(2021, 6, 30), date(2021, 7, 1)], pa.date32()),
        supply=["goods", "goods"],
        dispatched_from=["XI", "XI"],
    )
    filed = oss_return(lines, scheme="union", identified_in="XI")
    assert filed.rows.column("lines").to_pylist() == [1]
    assert _refusals(filed)["a"][0] == "date"


@pytest.mark.parametrize("scheme", ["non_union", "import"])
def test_northern_ireland_identifies_for_the_union_scheme_only(scheme: str) -> None:
    with pytest.raises(InvalidBatchError, match="Union scheme's distance sales of goods"):
        oss_return(_sales(jurisdiction=["FR"]), scheme=scheme, identified_in="XI")
