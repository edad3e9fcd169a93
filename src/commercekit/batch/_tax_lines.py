"""Tax on the lines of an order book: each line's rate on its day, its net, tax and gross.

One row per order line; each row equals the per-call rule for that line:

* with an ``amount`` column (the line's amount): ``add_tax(amount, rate, mode=mode)``
  where prices exclude tax, ``extract_tax(amount, rate, mode=mode)`` where they include
  it, with ``rate = rate_for(jurisdiction, category, on=date, tax=tax_name)``;
* with ``price`` and ``quantity`` columns: line ``i`` of
  ``tax_invoice(lines, prices_include_tax=..., rounding=RoundingLevel.LINE, mode=mode)``
  for ``TaxLine(price, quantity, rate)``: the line's amount is price x quantity rounded
  half-up to the minor unit, then taxed as above. At the line level, a line's tax does
  not depend on the other lines of its invoice. (Japan's invoices round once per rate,
  never per line: a Japanese row is its line's tax alone, and ``tax_totals`` will not
  add several up.)

The rate is looked up once per distinct (jurisdiction, category, day, tax) in the
table, not once per row; a row whose rate cannot be found (an unknown jurisdiction or
category, a day before the data, a place outside the VAT area, two taxes and no
``tax_name`` to choose) is refused with the error ``rate_for`` raises for it. Tax is
rounded to the currency's minor unit with the named mode, exactly (whole numbers, no
division in floating point), as the per-call rules round it.
"""

from __future__ import annotations

from typing import Any

from commercekit._numbers import RANGE
from commercekit.batch._amounts import (
    FINEST_MINOR,
    Amounts,
    _decimal_units,
    currencies,
    minor_scale,
    read_amounts,
)
from commercekit.batch._amounts import decimal_column as _decimals
from commercekit.batch._columns import OPTIONS, days, distinct, passed_through, texts
from commercekit.batch._integers import divide_rounded, ints, multiply, pow10, to_int64
from commercekit.batch._rejects import Rejections
from commercekit.batch._result import BatchResult, result
from commercekit.batch._tables import arrow, numpy, to_arrow
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidAmountError,
    InvalidBatchError,
)
from commercekit.money import DEFAULT_ROUNDING, RoundingMode
from commercekit.tax import rate_for

__all__ = ["tax_lines"]

INPUTS = frozenset(
    {
        "amount",
        "amount_minor",
        "price",
        "price_minor",
        "quantity",
        "currency",
        "jurisdiction",
        "category",
        "date",
        "tax_name",
    }
)
OUTPUTS = ("net", "tax", "gross", "rate", "rate_kind")
RATE_SCALE = 3
"""The ``rate`` column's places: every bundled rate is a whole number of thousandths of
a percent (Quebec's QST, 9.975 %, is the finest), checked by the tests."""


def _quantity(table: Any, rejections: Rejections) -> Amounts:
    """The ``quantity`` column (integers or decimal128), exactly."""
    pa, np = arrow(), numpy()
    column = table.column("quantity")
    if pa.types.is_integer(column.type):
        units, scale = ints(column.fill_null(0).to_numpy(zero_copy_only=False)), 0
    elif pa.types.is_decimal(column.type):
        units, scale = _decimal_units(column)
    else:
        raise InvalidBatchError.refused(
            "quantity",
            str(column.type),
            "is a column of the wrong type: give integers or decimal128 (floats are "
            "not exact)",
            kind=InputKind.TYPE,
        )
    present = ~np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    rejections.refuse(~present, "quantity", InvalidBatchError, "quantity is missing")
    return Amounts(units, np.full(len(units), scale, dtype=np.int64), present)


def _given(table: Any, codes: Any, rejections: Rejections) -> tuple[Amounts, Any]:
    """The ``amount`` column, or the ``price`` and ``quantity`` columns (``None`` for
    the quantity without them); an amount ``Money`` could not hold is refused, and so
    is a table with both forms (one of them would be ignored)."""
    names = table.column_names
    amounts = [name for name in names if name in ("amount", "amount_minor")]
    prices = [name for name in names if name in ("price", "price_minor", "quantity")]
    if amounts and prices:
        raise InvalidBatchError.refused(
            amounts[0],
            [*amounts, *prices],
            "is given beside a unit price or quantity: give each line's amount, or "
            "its price and quantity, not both (one of them would be ignored)",
            kind=InputKind.LIST,
        )
    if "quantity" not in names:
        amount = read_amounts(table, "amount", codes, rejections)
        assert amount is not None  # noqa: S101  # required=True
        _in_range(amount, "amount", rejections)
        return amount, None
    price = read_amounts(table, "price", codes, rejections)
    assert price is not None  # noqa: S101  # required=True
    quantity = _quantity(table, rejections)
    _in_range(price, "price", rejections)
    return price, quantity


def _line_amounts(
    given: Amounts, quantity: Amounts | None, minor: Any, rejections: Rejections, field: str
) -> Amounts:
    """Each line's amount, after the checks the per-call rules make once the rate is
    found: no negative amount, price or quantity; price x quantity rounded half-up to
    the minor unit (``TaxLine.amount``) and in range."""
    negative = "pass zero or more (a refund or credit is recorded on its own, as the "
    negative += "positive amount returned)"
    if quantity is None:
        rejections.refuse(
            given.units < 0, field, InvalidAmountError, f"{field} is negative; {negative}"
        )
        return given
    rejections.refuse(
        given.units < 0, "price", InvalidAmountError, f"price is negative; {negative}"
    )
    rejections.refuse(
        quantity.units < 0,
        "quantity",
        InvalidAmountError,
        "quantity is negative; returns are refunds, not lines",
    )
    units = divide_rounded(
        multiply(multiply(given.units, quantity.units), pow10(minor)),
        pow10(given.scale + quantity.scale),
        RoundingMode.HALF_UP,
    )
    line = Amounts(to_int64(units), minor, given.present & quantity.present)
    _in_range(line, "amount", rejections)
    return line


def _in_range(amounts: Amounts, field: str, rejections: Rejections) -> None:
    """Refuse amounts ``Money`` would refuse: 10^18 or more in magnitude."""
    np = numpy()
    units = amounts.units
    big = np.abs(units) >= multiply(pow10(amounts.scale), 10**18)
    rejections.refuse(big, field, InvalidAmountError, f"{field} is out of range: {RANGE}")


def _plan(table: Any, rejections: Rejections) -> tuple[Any, list[Any]]:
    """Each row's combination of (jurisdiction, category, day, tax), and each
    combination's ``TaxRate``, looked up once (``None`` where it was not needed or
    not found; those rows are refused with ``rate_for``'s error)."""
    pa, np = arrow(), numpy()
    columns = [
        texts(table, "jurisdiction", rejections),
        texts(table, "category", rejections),
        days(table, "date", rejections),
    ]
    if "tax_name" in table.column_names:
        columns.append(texts(table, "tax_name", rejections, required=False))
    else:
        columns.append(pa.nulls(table.num_rows, pa.string()))
    groups, combinations = distinct(columns)
    wanted = np.zeros(len(combinations), dtype=bool)
    wanted[groups[rejections.accepted]] = True
    found: list[Any] = [None] * len(combinations)
    failed: dict[type, Any] = {}
    for index, (place, category, day, tax) in enumerate(combinations):
        if not wanted[index]:
            continue
        try:
            rate = rate_for(place, category, on=day, tax=tax)
        except CommerceKitError as error:
            messages = failed.setdefault(type(error), np.full(len(found), None, object))
            messages[index] = str(error)
            continue
        found[index] = rate
    for kind, messages in failed.items():
        row_messages = messages[groups]
        rejections.refuse(row_messages != None, "rate", kind, row_messages)  # noqa: E711
    return groups, found


def _taxes(
    line: Amounts, minor: Any, rate: tuple[Any, Any], *, inclusive: bool, mode: Any
) -> Any:
    """Each line's tax in minor units: round(amount x R / 100) on a net amount,
    round(amount x R / (100 + R)) on a gross one, R = numerator / denominator."""
    numerator, denominator = rate
    share = 100 * denominator + numerator if inclusive else 100 * denominator
    return divide_rounded(
        multiply(multiply(line.units, numerator), pow10(minor)),
        multiply(pow10(line.scale), share),
        mode,
    )


def tax_lines(
    lines: Any, *, prices_include_tax: bool, mode: RoundingMode = DEFAULT_ROUNDING
) -> BatchResult:
    """The tax on every line of an order book, each row equal to the per-call rule.

    ``lines`` is an Arrow table, or a Polars or pandas DataFrame, with columns:

    * ``amount`` (``decimal128``) or ``amount_minor`` (integer minor units): the
      line's amount, net where ``prices_include_tax`` is false, gross where it is
      true; or ``price`` / ``price_minor`` and ``quantity`` (integers or
      ``decimal128``) for a unit price and a quantity;
    * ``currency`` (ISO 4217 text), ``jurisdiction`` (``"DE"``, ``"CA-QC"``, ``"XI"``),
      ``category`` (a [`TaxCategory`][commercekit.tax.TaxCategory] value), ``date``
      (``date32``, the day of the supply) and, where two taxes apply (GST and PST),
      ``tax_name`` (``"GST"``) to choose one;
    * any other column (``order``, ``line``, ``sku``) is copied to the results.

    The result's ``rows`` hold, per line accepted, ``row`` (its position), the
    copied columns, ``jurisdiction`` (the table the rate came from: ``"FR-20R"`` for
    ``"FR-2A"``), ``category``, ``date``, ``currency``, ``tax_name``, ``rate`` (percent)
    and ``rate_kind``, then ``net``, ``tax`` and ``gross`` (tax rounded with ``mode``
    to the minor unit, ``net + tax == gross``). The column types depend on the input's
    types only, never on its rows (so every Dask partition's match): ``rate`` is
    ``decimal128(38, 3)`` (9.975 is the finest bundled rate), amounts are
    ``decimal128(38, 4)`` (four places hold every ISO 4217 currency's minor unit), or
    at a decimal ``amount`` column's own scale where that is finer. The module
    docstring says which per-call function each row equals. A negative amount or quantity, an unknown
    currency and a missing rate refuse that row, with the per-call error.

    Raises:
        InvalidBatchError: ``lines`` is not a table, a column is missing or of the
            wrong type (floats for amounts), or an option is not valid.

    Examples:
        >>> import pyarrow as pa
        >>> from datetime import date
        >>> from decimal import Decimal
        >>> lines = pa.table({
        ...     "order": ["A1", "A1", "B7"],
        ...     "amount": pa.array([Decimal("119.00"), Decimal("9.99"), Decimal("5")]),
        ...     "currency": ["EUR", "EUR", "EUR"],
        ...     "jurisdiction": ["DE", "DE", "XX"],
        ...     "category": ["standard", "standard", "books"],
        ...     "date": [date(2026, 11, 26)] * 3,
        ... })
        >>> taxed = tax_lines(lines, prices_include_tax=True)
        >>> taxed.rows.select(["order", "rate", "net", "tax", "gross"]).to_pylist()[1]
        {'order': 'A1', 'rate': Decimal('19.000'), 'net': Decimal('8.3900'), 'tax': Decimal('1.6000'), 'gross': Decimal('9.9900')}
        >>> taxed.rejected.column("error").to_pylist()
        ['UnknownJurisdictionError']
    """  # noqa: E501  # the doctest's output is one line
    table, kind = to_arrow(lines, "lines")
    inclusive = OPTIONS.flag(prices_include_tax, "prices_include_tax")
    mode = OPTIONS.member(mode, RoundingMode, "mode")
    keys = passed_through(table, INPUTS, ("tax_name", *OUTPUTS))
    rejections = Rejections(table.num_rows)
    codes = currencies(table, "currency", rejections)
    given, quantity = _given(table, codes, rejections)
    groups, rates = _plan(table, rejections)
    field = "gross" if inclusive else "net"
    line = _line_amounts(given, quantity, minor_scale(codes), rejections, field)
    ok = rejections.accepted
    where = numpy().flatnonzero(ok)
    columns = {"row": arrow().array(where, arrow().int64())}
    for name in keys.column_names:
        columns[name] = keys.column(name).take(where)
    columns.update(_rate_columns(rates, groups[ok]))
    columns["date"] = days(table, "date", rejections).take(where)
    columns["currency"] = arrow().array(codes[ok].tolist(), arrow().string())
    scale = max(FINEST_MINOR, _given_scale(table))
    amounts = _amounts(
        line, codes, (rates, groups), scale, inclusive=inclusive, mode=mode, ok=ok
    )
    columns.update({name: values.take(where) for name, values in amounts.items()})
    return result(
        arrow().table(columns), rejections, keys, numpy().arange(table.num_rows), kind
    )


def _given_scale(table: Any) -> int:
    """The places of a decimal ``amount`` column (0 for any other form): an amount is
    shown as given, and a line's amount from a price is rounded to the minor unit."""
    pa = arrow()
    if "quantity" in table.column_names or "amount" not in table.column_names:
        return 0
    kind = table.schema.field("amount").type
    return int(kind.scale) if pa.types.is_decimal(kind) else 0


def _rate_columns(rates: list[Any], groups: Any) -> dict[str, Any]:
    """The rate's columns for each row of ``groups`` (its combination's number)."""
    pa = arrow()

    def column(values: list[Any], kind: Any) -> Any:
        return pa.array(values, kind).take(pa.array(groups, pa.int64()))

    def field(name: str) -> list[Any]:
        return [None if rate is None else str(getattr(rate, name)) for rate in rates]

    return {
        "jurisdiction": column(field("jurisdiction"), pa.string()),
        "category": column(field("category"), pa.string()),
        "tax_name": column(field("tax"), pa.string()),
        "rate": column(
            [None if rate is None else rate.rate for rate in rates],
            pa.decimal128(38, RATE_SCALE),
        ),
        "rate_kind": column(field("kind"), pa.string()),
    }


def _amounts(
    line: Amounts,
    codes: Any,
    found: tuple[list[Any], Any],
    scale: int,
    *,
    inclusive: bool,
    mode: RoundingMode,
    ok: Any,
) -> dict[str, Any]:
    """``net``, ``tax`` and ``gross`` of every row (null where refused), as
    ``decimal128(38, scale)`` columns; ``found`` is each combination's rate and each
    row's combination."""
    np = numpy()
    rates, groups = found
    ratios = [(0, 1) if rate is None else rate.rate.as_integer_ratio() for rate in rates]
    numerator = ints([ratio[0] for ratio in ratios] or [0])[groups]
    denominator = ints([ratio[1] for ratio in ratios] or [1])[groups]
    minor = minor_scale(codes)
    safe = Amounts(np.where(ok, line.units, 0), line.scale, line.present)
    tax = _taxes(
        safe,
        minor,
        (to_int64(np.where(ok, numerator, 0)), to_int64(np.where(ok, denominator, 1))),
        inclusive=inclusive,
        mode=mode,
    )
    common = np.maximum(line.scale, minor)
    amount = multiply(safe.units, pow10(common - line.scale))
    tax = multiply(tax, pow10(common - minor))
    other = amount - tax if inclusive else amount + tax
    net, gross = (other, amount) if inclusive else (amount, other)
    return {
        name: _decimals(units, common, scale, ok)
        for name, units in (("net", net), ("tax", tax), ("gross", gross))
    }
