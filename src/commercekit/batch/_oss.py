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
Art. 60: the exact amount of VAT is reported). Corrections of earlier periods go in a
later return, apart (Art. 369g(4), 369t(2)): a negative line is refused.

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
    distinct,
    numbers,
    passed_through,
    texts,
)
from commercekit.batch._rejects import Rejections
from commercekit.batch._result import BatchResult, result
from commercekit.batch._tables import arrow, numpy, to_arrow
from commercekit.errors import CommerceKitError, InvalidBatchError, MissingDataError
from commercekit.regions import is_eu_member, special_territory

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


def _member_states(table: Any, scheme: OssScheme, rejections: Rejections) -> Any:
    """Each row's member state of consumption: the country of its jurisdiction (its
    rate table: ``PT`` for the Azores' ``PT-20``), an EU member state on the row's day,
    or ``XI`` (Northern Ireland) for goods. Checked once per distinct place and day."""
    np = numpy()
    groups, combinations = distinct(
        [texts(table, "jurisdiction", rejections), days(table, "date", rejections)]
    )
    states = np.full(len(combinations), None, dtype=object)
    reasons = np.full(len(combinations), None, dtype=object)
    for index, (place, day) in enumerate(combinations):
        if place is None or day is None:
            continue
        code = place.strip().upper()
        state = code.partition("-")[0]
        try:
            territory = special_territory(code, on=day)
            if territory is not None and not territory.in_eu_vat_area:
                reasons[index] = territory.explain()
            elif state == "XI" and scheme is not OssScheme.NON_UNION:
                states[index] = state
            elif state == "XI" or not is_eu_member(state, on=day):
                reasons[index] = (
                    f"{place!r} is not an EU member state of consumption on {day}: the "
                    f"{scheme} scheme's return covers supplies taxed in EU member "
                    "states (and in Northern Ireland, XI, for goods)"
                )
            else:
                states[index] = state
        except CommerceKitError as error:
            reasons[index] = str(error)
    messages = reasons[groups]
    rejections.refuse(messages != None, "jurisdiction", InvalidBatchError, messages)  # noqa: E711
    return states[groups]


def _periods(dates: Any, scheme: OssScheme) -> tuple[Any, Any]:
    """Each day's tax period, as text (``2026-Q3``, ``2026-07``), and its last day;
    each distinct period is named once."""
    pa, np = arrow(), numpy()
    day = dates.fill_null(0).to_numpy(zero_copy_only=False).astype("datetime64[D]")
    months = day.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    step = 1 if scheme is OssScheme.IMPORT else 3
    first, rows = np.unique(months - months % step, return_inverse=True)
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


def oss_return(taxed: Any, *, scheme: OssScheme | str) -> BatchResult:
    """The One-Stop Shop return's figures for a ``scheme``, from taxed lines.

    ``taxed`` is a table (Arrow, Polars or pandas) of lines, such as the ``rows`` of
    [`tax_lines`][commercekit.batch.tax_lines]: ``jurisdiction`` (the member state of
    consumption, or its rate table's code such as ``PT-20``), ``date`` (``date32``, the
    day VAT became chargeable), ``currency`` (``EUR``), ``rate`` (percent, decimal or
    integer), and the amounts ``net`` and ``tax`` (``decimal128``, or ``net_minor`` and
    ``tax_minor`` in cents). Other columns are copied to the refused rows, except a
    ``row`` column: a refused line's ``row`` is its position in ``taxed``.

    The result's ``rows`` are the return's: one per ``period`` (``2026-Q3``; ``2026-07``
    for the import scheme), ``member_state`` and ``rate``, with ``period_end`` (the day
    whose ECB rate converts other currencies), ``currency`` (``EUR``),
    ``taxable_amount`` (the sum of the lines' nets), ``vat`` (the sum of their tax) and
    ``lines`` (how many lines it adds up). Its ``rejected`` rows are the lines refused:
    not in euro (``MissingDataError``: convert them first), not in an EU member state
    of consumption on their day, negative, or missing a value. Each line is in exactly
    one of the two.

    Raises:
        InvalidBatchError: ``taxed`` is not a table, a column is missing or of the
            wrong type, or ``scheme`` is not an [`OssScheme`][commercekit.batch.OssScheme].

    Examples:
        >>> import pyarrow as pa
        >>> from datetime import date
        >>> from decimal import Decimal
        >>> lines = pa.table({
        ...     "jurisdiction": ["FR", "FR", "PT-20", "GB"],
        ...     "date": [date(2026, 7, 3), date(2026, 9, 30), date(2026, 8, 1),
        ...              date(2026, 8, 1)],
        ...     "currency": ["EUR"] * 4,
        ...     "rate": [20, 20, 16, 20],
        ...     "net_minor": [10000, 2550, 5000, 1000],
        ...     "tax_minor": [2000, 510, 800, 200],
        ... })
        >>> filed = oss_return(lines, scheme="union")
        >>> for row in filed.rows.to_pylist():
        ...     print(row["period"], row["member_state"], row["rate"],
        ...           row["taxable_amount"], row["vat"], row["lines"])
        2026-Q3 FR 20 125.50 25.10 2
        2026-Q3 PT 16 50.00 8.00 1
        >>> filed.rejected.column("jurisdiction").to_pylist()
        ['GB']
    """
    pa, np = arrow(), numpy()
    table, kind = to_arrow(taxed, "taxed")
    scheme = OPTIONS.member(scheme, OssScheme, "scheme")
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
    for name, found in amounts.items():
        assert found is not None  # noqa: S101  # required=True
        rejections.refuse(
            found.units < 0,
            name,
            InvalidBatchError,
            f"is a negative {name}: corrections of earlier periods are reported apart, "
            "in a later return (Directive 2006/112/EC Art. 369g(4), 369t(2))",
        )
    states = _member_states(table, scheme, rejections)
    label, last = _periods(days(table, "date", rejections), scheme)
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
