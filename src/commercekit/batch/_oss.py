"""The One-Stop Shop return: taxable amounts and VAT per member state, rate and period.

A seller under one of the EU's special schemes files one VAT return, in its member state
of identification, for the sales it taxed at other member states' rates. The return
shows, for each member state of consumption where VAT is due, the total value of the
supplies exclusive of VAT and the VAT per rate, with the rates and the total VAT due
(Directive 2006/112/EC, Art. 369g(1) for the Union scheme, Art. 365 for the non-Union
scheme, Art. 369t(1) for the import scheme). Its tax period is the calendar quarter
(Art. 364, Art. 369f) or, for the import scheme, the month (Art. 369s).

The return is made out in euro (Art. 366(1), 369h(1), 369u(1)); amounts in another
currency are converted at the European Central Bank's rate for the last day of the tax
period (Art. 366(2), 369h(2), 369u(2)). That conversion is the seller's step here: a
line in another currency is refused, naming the rate to use, and is not counted.

Each line accepted is counted in exactly one row of the return; each total is the exact
sum of its lines, not rounded to a whole euro (Implementing Regulation (EU) No 282/2011,
Art. 60: the exact amount of VAT is reported). Which lines the return takes (the member
state of consumption as the regions layer places it, the member state of
identification, Northern Ireland's goods, credit notes) is decided in ``_oss_lines.py``.

References:
    Council Directive 2006/112/EC (the VAT Directive), Title XII, Chapter 6, as
    amended by Council Directive (EU) 2017/2455 and (EU) 2019/1995:
    https://eur-lex.europa.eu/eli/dir/2006/112/oj
    Council Implementing Regulation (EU) No 282/2011, Art. 60 and 61c, as amended by
    Council Implementing Regulation (EU) 2019/2026:
    https://eur-lex.europa.eu/eli/reg_impl/2011/282/oj
"""

from __future__ import annotations

import enum
from typing import Any

from commercekit.batch._amounts import currencies, decimal_column, read_amounts
from commercekit.batch._columns import (
    OPTIONS,
    days,
    numbers,
    passed_through,
)
from commercekit.batch._oss_lines import (
    check_identification,
    member_states,
    period_starts,
    refuse_credits,
)
from commercekit.batch._rejects import Rejections
from commercekit.batch._result import BatchResult, result
from commercekit.batch._tables import arrow, numpy, to_arrow
from commercekit.errors import InvalidBatchError, MissingDataError

__all__ = ["OssScheme", "oss_return"]


class OssScheme(enum.StrEnum):
    """Which of the EU's special schemes the return is for."""

    UNION = "union"
    """Union scheme (Art. 369a to 369k): intra-Community distance sales of goods, and
    services by sellers established in the EU; quarterly (Art. 369f)."""
    NON_UNION = "non_union"
    """Non-Union scheme (Art. 358a to 369): services by sellers not established in the
    EU; quarterly (Art. 364)."""
    IMPORT = "import"
    """Import scheme, IOSS (Art. 369l to 369x): distance sales of goods imported in
    consignments of at most EUR 150; monthly (Art. 369s)."""


_INPUTS = frozenset(
    {"jurisdiction", "date", "currency", "rate", "net", "net_minor", "tax", "tax_minor"}
    | {"row"}  # tax_lines' numbering: a refusal's row is its position in ``taxed``
)
_MADE = ("period", "period_end", "member_state", "vat", "taxable_amount", "lines")


def _periods(dates: Any, scheme: OssScheme) -> tuple[Any, Any]:
    """Each day's tax period, as text (``2026-Q3``, ``2026-07``), and its last day;
    each distinct period is named once."""
    pa, np = arrow(), numpy()
    step = 1 if scheme is OssScheme.IMPORT else 3
    first, rows = np.unique(period_starts(dates, scheme), return_inverse=True)
    labels, ends = [], []
    for month in first.tolist():
        year, number = 1970 + month // 12, month % 12 + 1
        labels.append(
            f"{year}-{number:02d}" if step == 1 else f"{year}-Q{(number + 2) // 3}"
        )
        ends.append(np.datetime64(month + step, "M").astype("datetime64[D]") - 1)
    taken = pa.array(rows.astype(np.int64))
    return (
        pa.array(labels, pa.string()).take(taken),
        pa.array(np.array(ends, dtype="datetime64[D]"), pa.date32()).take(taken),
    )


def oss_return(
    taxed: Any, *, scheme: OssScheme | str, identified_in: str | None = None
) -> BatchResult:
    """The One-Stop Shop return's figures for a ``scheme``, from taxed lines.

    ``taxed`` is a table (Arrow, Polars or pandas) of lines, such as the ``rows`` of
    [`tax_lines`][commercekit.batch.tax_lines]: ``jurisdiction`` (the member state of
    consumption, or its rate table's code such as ``PT-20``), ``date`` (``date32``, the
    day VAT became chargeable), ``currency`` (``EUR``), ``rate`` (percent, decimal or
    integer), and the amounts ``net`` and ``tax`` (``decimal128``, or ``net_minor`` and
    ``tax_minor`` in cents). Where needed, ``supply`` (``goods``, ``services`` or
    ``electronic_services``, as [`Supply`][commercekit.tax.Supply]) on every line of the
    Union scheme (goods and services follow different rules) and for Northern Ireland
    (``XI``: goods only),
    ``dispatched_from`` (the member state where transport of goods began) for every
    goods line of the Union scheme (whether goods are an intra-Community distance sale
    depends on it, Art. 14(4)(1): a goods line without it is refused), and
    ``supply_date`` (``date32``, the original supply's day) for a negative line. Other
    columns are copied to the refused rows, except a ``row`` column: a refused line's
    ``row`` is its position in ``taxed``.

    ``identified_in`` is the member state of identification, required for the Union
    scheme: services there, and goods dispatched within it, are declared in its domestic
    return, not here (Directive 2006/112/EC Art. 369a(2), 369b); goods dispatched to it
    from another member state are an intra-Community distance sale and counted
    (Art. 14(4)(1), 369b(a)). Goods dispatched and delivered within any one member
    state (identified in NL, from German stock to a German consumer) are a domestic
    supply there, declared in that state's domestic return, and refused. The non-Union
    scheme covers all services in the EU, including those in the member state of
    identification (Art. 359), and the import scheme all its distance sales of imported
    goods (Art. 369m): for them ``identified_in`` is optional and changes no line.
    ``identified_in="XI"`` is a seller identified in Northern Ireland, where EU VAT
    rules apply to goods only (Windsor Framework Art. 8 and Annex 3): HMRC's Union
    scheme there takes distance sales of goods dispatched from Northern Ireland to
    consumers in the EU, from 1 July 2021; other lines are refused, and so is ``XI``
    for the other schemes.

    The result's ``rows`` are the return's: one per ``period`` (``2026-Q3``; ``2026-07``
    for the import scheme), ``member_state`` and ``rate``, with ``period_end`` (the day
    whose ECB rate converts other currencies), ``currency`` (``EUR``),
    ``taxable_amount`` (the sum of the lines' nets), ``vat`` (the sum of their tax) and
    ``lines`` (how many lines it adds up). Its ``rejected`` rows are the lines refused:
    not in euro (``MissingDataError``: convert them first); in a place the regions layer
    does not know, or outside the EU VAT area on their day (an overseas country or
    territory, ``NC`` or ``FR-NC``); outside the scheme (Northern Ireland services,
    goods in the non-Union scheme, services in the import scheme, supplies in the
    member state of identification the Union return does not take, goods sent within
    one member state or from outside the EU VAT area); a credit
    correcting an earlier period (Art. 369g(4), 365, 369t(2): a later return's
    corrections, not built here) or without its ``supply_date``; or missing a value.
    A credit within its supply's period is counted, reducing the period's totals
    (Art. 90). Each line is in exactly one of the two.

    Raises:
        InvalidBatchError: ``taxed`` is not a table, a column is missing or of the
            wrong type, ``scheme`` is not an [`OssScheme`][commercekit.batch.OssScheme],
            or the Union scheme has no ``identified_in`` country code.

    Examples:
        >>> import pyarrow as pa
        >>> from datetime import date
        >>> from decimal import Decimal
        >>> lines = pa.table({
        ...     "jurisdiction": ["FR", "FR", "PT-20", "GB", "DE"],
        ...     "date": [date(2026, 7, 3), date(2026, 9, 30), date(2026, 8, 1),
        ...              date(2026, 8, 1), date(2026, 8, 1)],
        ...     "currency": ["EUR"] * 5,
        ...     "rate": [20, 20, 16, 20, 19],
        ...     "net_minor": [10000, 2550, 5000, 1000, 1000],
        ...     "tax_minor": [2000, 510, 800, 200, 190],
        ...     "supply": ["goods"] * 5,
        ...     "dispatched_from": ["DE"] * 5,
        ... })
        >>> filed = oss_return(lines, scheme="union", identified_in="DE")
        >>> for row in filed.rows.to_pylist():
        ...     print(row["period"], row["member_state"], row["rate"],
        ...           row["taxable_amount"], row["vat"], row["lines"])
        2026-Q3 FR 20 125.50 25.10 2
        2026-Q3 PT 16 50.00 8.00 1
        >>> filed.rejected.column("jurisdiction").to_pylist()
        ['GB', 'DE']
    """
    pa, np = arrow(), numpy()
    table, kind = to_arrow(taxed, "taxed")
    scheme = OPTIONS.member(scheme, OssScheme, "scheme")
    home = check_identification(scheme, identified_in)
    keys = passed_through(table, _INPUTS, _MADE)
    rejections = Rejections(table.num_rows)
    codes = currencies(table, "currency", rejections)
    rejections.refuse(
        codes != "EUR",
        "currency",
        MissingDataError,
        "missing the amounts in euro: the return is made out in euro (Directive "
        "2006/112/EC Art. 366, 369h, 369u); convert this line at the ECB rate for the "
        "last day of the tax period (its period_end) and pass it in EUR",
    )
    rates = _rate_column(table, rejections)
    amounts = {
        name: read_amounts(table, name, codes, rejections) for name in ("net", "tax")
    }
    states = member_states(table, scheme, home, rejections)
    dates = days(table, "date", rejections)
    net, tax = (amounts[name] for name in ("net", "tax"))
    assert net is not None  # noqa: S101  # required=True
    assert tax is not None  # noqa: S101
    refuse_credits(table, (net.units, tax.units), scheme, rejections, dates)
    label, last = _periods(dates, scheme)
    ok = rejections.accepted
    where = pa.array(np.flatnonzero(ok), pa.int64())
    columns = {
        "period": label.take(where),
        "period_end": last.take(where),
        "member_state": pa.array(states[ok].tolist(), pa.string()),
        "rate": rates.take(where),
        "currency": pa.array(["EUR"] * len(where), pa.string()),
    }
    for name, made in (("net", "taxable_amount"), ("tax", "vat")):
        found = amounts[name]
        assert found is not None  # noqa: S101  # required=True
        scale = int(found.scale[ok].max()) if ok.any() else 2
        exponent = np.where(ok, found.scale, scale)
        units = np.where(ok, found.units, 0)
        columns[made] = decimal_column(units, exponent, scale, ok).take(where)
    lines = pa.table(columns)
    groups = ["period", "period_end", "member_state", "rate", "currency"]
    filed = lines.group_by(groups, use_threads=False).aggregate(
        [("taxable_amount", "sum"), ("vat", "sum"), ("vat", "count")]
    )
    names = {"taxable_amount_sum": "taxable_amount", "vat_sum": "vat", "vat_count": "lines"}
    filed = filed.rename_columns([names.get(name, name) for name in filed.column_names])
    filed = filed.select([*groups, "taxable_amount", "vat", "lines"]).sort_by(
        [(name, "ascending") for name in ("period", "member_state", "rate")]
    )
    shown = [*keys.column_names, "jurisdiction", "date", "currency"]
    return result(filed, rejections, table.select(shown), np.arange(table.num_rows), kind)


def _rate_column(table: Any, rejections: Rejections) -> Any:
    """The ``rate`` column (percent, integers or decimals) as ``decimal128``; a row
    without one, or with a negative one, is refused."""
    pa, np = arrow(), numpy()
    numbers(table, "rate", rejections, read=False)  # the type, and a value in each row
    column = table.column("rate").combine_chunks()
    scale = column.type.scale if pa.types.is_decimal(column.type) else 0
    rates = column.cast(pa.decimal128(38, scale))
    negative = pa.compute.less(rates, pa.scalar(0, rates.type)).fill_null(fill_value=False)
    rejections.refuse(
        np.asarray(negative.to_numpy(zero_copy_only=False), dtype=bool),
        "rate",
        InvalidBatchError,
        "is a negative rate; a VAT rate is 0 or more",
    )
    return rates
