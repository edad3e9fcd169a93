"""Per-rate totals of taxed lines: the tax summary of each order, or of a whole book.

An invoice's tax summary has one row per tax and rate: the base (the nets added up) and
the tax (the lines' taxes added up), as
[`tax_invoice`][commercekit.tax.tax_invoice]'s ``by_rate`` gives it. Here the lines are
the rows of [`tax_lines`][commercekit.batch.tax_lines], grouped by the columns asked for
(``order``, or ``jurisdiction`` for a book), and every total is the exact sum of the rows
it counts: no rounding happens after the lines. Where a jurisdiction's law rounds an
invoice's tax once per rate, never per line (``Jurisdiction.invoice_rounding``: Japan,
Consumption Tax Act Enforcement Order Art. 70-10), a sum of its lines' rounded taxes is
no figure an invoice may show: ``tax_totals`` refuses to add up more than one of its
lines at one rate in a group (found by the ``jurisdiction`` column ``tax_lines``
gives), and says to tax each invoice with ``tax_invoice`` at ``RoundingLevel.INVOICE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from commercekit._numbers import RANGE, out_of_range
from commercekit.batch._columns import OPTIONS
from commercekit.batch._tables import arrow, in_kind, to_arrow
from commercekit.errors import InputKind, InvalidBatchError
from commercekit.money import validate_currency

__all__ = ["tax_totals"]

_RATE = ("currency", "tax_name", "rate", "rate_kind")
_SUMS = ("net", "tax", "gross")
_TEXT = ("currency", "tax_name", "rate_kind")


def _grouping(by: object, columns: list[str]) -> tuple[str, ...]:
    found = OPTIONS.items(by, "by")
    names = tuple(OPTIONS.text(name, "by") for name in found)
    for name in names:
        if name not in columns or name in _SUMS or name in _RATE:
            raise InvalidBatchError.refused(
                "by",
                name,
                "is not a column of the taxed lines to group by (such as 'order' or "
                "'jurisdiction'); the currency, tax and rate are always grouped",
                kind=InputKind.CHOICE,
                choices=tuple(c for c in columns if c not in _SUMS and c not in _RATE),
            )
    return tuple(dict.fromkeys(names))


def _check_types(table: Any) -> None:
    """Refuse columns of a type ``tax_lines`` never gives."""
    pa = arrow()
    for name in (*_SUMS, "rate", *_TEXT):
        found = table.schema.field(name).type
        decimal = name not in _TEXT
        if not (pa.types.is_decimal(found) if decimal else pa.types.is_string(found)):
            written = "a decimal128" if decimal else "a text"
            raise InvalidBatchError.refused(
                name,
                str(found),
                f"is not {written} column: pass the rows tax_lines gave",
                kind=InputKind.TYPE,
            )


def _rounded_per_invoice(table: Any, groups: Sequence[str]) -> None:
    """Refuse a group adding up several lines, at one rate, of a jurisdiction whose law
    rounds an invoice's tax once per rate (their per-line roundings are not its)."""
    if "jurisdiction" not in table.column_names:
        return
    from commercekit.tax import JURISDICTION_REGISTRY, RoundingLevel  # noqa: PLC0415

    laws: dict[str, str] = {}
    for place in table.column("jurisdiction").unique().to_pylist():
        rules = JURISDICTION_REGISTRY.get(str(place).partition("-")[0])
        if rules is not None and rules.invoice_rounding is RoundingLevel.INVOICE:
            laws[place] = rules.invoice_rounding_rule
    if not laws:
        return
    pc = arrow().compute
    theirs = table.filter(pc.is_in(table.column("jurisdiction"), arrow().array(laws)))
    keys = list(dict.fromkeys([*groups, "jurisdiction"]))
    counts = theirs.group_by(keys, use_threads=False).aggregate([("net", "count")])
    for group in counts.filter(pc.greater(counts.column("net_count"), 1)).to_pylist():
        place, named = group["jurisdiction"], groups[: -len(_RATE)]
        where = ", ".join(f"{name}={group[name]!r}" for name in named)
        rate = f"{group['tax_name']} {group['rate'].normalize():f}%"
        raise InvalidBatchError.refused(
            "jurisdiction",
            place,
            f"has {group['net_count']} lines at {rate} in one group"
            f"{f' ({where})' if named else ''}, each rounded on its own, and "
            f"{laws[place]}: their sum is no invoice's tax. Tax each invoice with "
            "tax_invoice(lines, rounding=RoundingLevel.INVOICE, mode=the business's "
            "own) or quote(), and total those; group by a column that keeps each line "
            "apart, or leave these lines out",
            kind=InputKind.PLACE,
        )


def _in_range(table: Any) -> None:
    """Refuse an amount (a row's, or a total's) of 10^18 or more in magnitude."""
    for name in _SUMS:
        for value in arrow().compute.min_max(table.column(name)).values():
            if value.as_py() is not None and out_of_range(value.as_py()):
                raise InvalidBatchError.refused(
                    name, value.as_py(), f"is out of range: {RANGE}"
                )


def tax_totals(taxed: Any, *, by: Sequence[str] = ()) -> Any:
    """One row per group of ``by`` columns, currency, tax and rate: ``net``, ``tax``
    and ``gross`` added up exactly, and ``lines``, how many rows each adds.

    ``taxed`` is the ``rows`` of [`tax_lines`][commercekit.batch.tax_lines] (any
    kind of table; the totals come back in the same kind), ``by`` the columns to group
    by as well: ``("order",)`` gives each order's tax summary, equal to ``by_rate`` of
    ``tax_invoice`` on the order's lines at ``RoundingLevel.LINE`` (``base`` is
    ``net``, ``amount`` is ``tax``); ``("jurisdiction",)`` a book's totals per place
    and rate. Rows are sorted by the groups. Several lines at one rate of a
    jurisdiction whose invoices round once per rate (Japan) are not added up: see the
    module docs.

    Raises:
        InvalidBatchError: ``taxed`` is not a table of taxed lines (a column missing,
            amounts or rates not ``decimal128``, currency, tax or rate kind not text, a
            value missing, an amount or a total of 10^18 or more), or ``by`` names a
            column it does not have, or a group adds up several Japanese lines at one
            rate (``InvalidBatchPlaceError`` at ``jurisdiction``).
        UnknownCurrencyError: a currency that is not an ISO 4217 code.

    Examples:
        >>> import pyarrow as pa
        >>> from decimal import Decimal
        >>> money = pa.decimal128(38, 2)
        >>> taxed = pa.table({
        ...     "order": ["A1", "A1", "B7"],
        ...     "currency": ["EUR"] * 3,
        ...     "tax_name": ["VAT"] * 3,
        ...     "rate": pa.array([Decimal(19)] * 3),
        ...     "rate_kind": ["standard"] * 3,
        ...     "net": pa.array([Decimal("100.00"), Decimal("8.39"), Decimal(5)], money),
        ...     "tax": pa.array([Decimal("19.00"), Decimal("1.60"), Decimal(1)], money),
        ...     "gross": pa.array([Decimal("119.00"), Decimal("9.99"), Decimal(6)], money),
        ... })
        >>> totals = tax_totals(taxed, by=["order"])
        >>> totals.select(["order", "net", "tax", "lines"]).to_pylist()[0]
        {'order': 'A1', 'net': Decimal('108.39'), 'tax': Decimal('20.60'), 'lines': 2}
    """
    table, kind = to_arrow(taxed, "taxed")
    groups = (*_grouping(by, table.column_names), *_RATE)
    for name in (*groups, *_SUMS):
        if name not in table.column_names:
            raise InvalidBatchError.refused(
                name,
                table.column_names,
                f"is missing: the taxed lines (tax_lines(...).rows) have a column {name}",
                kind=InputKind.LIST,
            )
        if table.column(name).null_count:
            raise InvalidBatchError.refused(
                name, table.column(name).null_count, "has rows without a value"
            )
    _check_types(table)
    for code in table.column("currency").unique().to_pylist():
        validate_currency(code)
    _in_range(table)  # before adding up: a sum past 38 digits wraps around
    _rounded_per_invoice(table, groups)
    totals = table.group_by(list(groups), use_threads=False).aggregate(
        [(name, "sum") for name in _SUMS] + [("net", "count")]
    )
    names = {f"{name}_sum": name for name in _SUMS} | {"net_count": "lines"}
    totals = totals.rename_columns([names.get(c, c) for c in totals.column_names])
    _in_range(totals)
    ordered = totals.select([*groups, *_SUMS, "lines"])
    return in_kind(ordered.sort_by([(name, "ascending") for name in groups]), kind)
