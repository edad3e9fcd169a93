"""A catalog's columns, read once and checked row by row as the per-call rule checks them.

[`localize_catalog`][commercekit.batch.localize_catalog] reads these columns:

* the key columns named in ``keys`` (``sku`` by default), passed through as they are;
* ``price`` (``decimal128``) or ``price_minor`` (integer minor units), in ``currency``
  (ISO 4217 codes): the base price;
* ``category`` (optional): the tax category's value (``"books"``); without the column
  every row is ``standard``, as in the per-call rule;
* ``cost`` or ``cost_minor`` (optional, in the row's ``currency``) with ``min_margin``
  (``decimal128``, a fraction: ``0.25`` for 25 %): a margin floor where both are given;
* ``market`` (optional): the plan market to price the row in (the long form); without
  it every row is priced in every market of the plan (the wide form);
* ``minimum_price`` or ``minimum_price_minor`` (long form only): a minimum advertised
  price, in the row's market's currency.

Any other column is refused, so that a misspelt optional column (``min_price``) cannot
be silently ignored: name it in ``keys`` to pass it through.
"""

from __future__ import annotations

from typing import Any

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import RANGE
from commercekit.batch._amounts import _column, _decimal_units
from commercekit.batch._columns import is_text
from commercekit.batch._integers import exact, largest, to_int64
from commercekit.batch._plan import CATEGORIES, PricePlan
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import arrow, numpy
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidAmountError,
    InvalidBatchError,
)
from commercekit.money import minor_units, validate_currency
from commercekit.tax import check_category

__all__ = ["OUTPUT", "Amount", "Catalog", "read_catalog"]

OUTPUT = (
    "row",
    "market",
    "currency",
    "converted",
    "fee",
    "with_tax",
    "shown",
    "floor",
    "bound_by",
    "tax_percent",
)
"""The columns a priced row has besides its keys."""

_AMOUNTS = ("price", "cost", "minimum_price")
_READ = frozenset(
    {"currency", "category", "min_margin", "market"}
    | {f"{name}{end}" for name in _AMOUNTS for end in ("", "_minor")}
)
_MAX_SCALE = 38  # decimal128's most places; the library's range allows 50


@attrs.frozen
class Amount:
    """An amount column: row ``i`` is ``units[i] x 10^-scale`` (``scale`` an int, or
    an int64 array of each row's minor-unit places); ``present`` marks given values."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    units: Any
    scale: Any
    present: Any
    decimal: bool


@attrs.frozen
class Catalog:
    """The catalog's columns as numbers and indices (``currency`` indexes ``codes``,
    ``category`` indexes ``CATEGORIES``, ``market`` the plan's markets); rows refused
    by a check that does not depend on the market are in ``rejections``."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    size: int
    keys: Any
    price: Amount
    currency: Any
    codes: tuple[str, ...]
    category: Any | None
    cost: Amount | None
    margin: Amount | None
    market: Any | None
    minimum: Amount | None
    rejections: Rejections


def _keys(table: Any, keys: object) -> tuple[str, ...]:
    if isinstance(keys, str) or not isinstance(keys, tuple | list) or not keys:
        raise InvalidBatchError.refused(
            "keys",
            keys,
            "is not a list of column names; pass e.g. ['sku']",
            kind=InputKind.LIST,
        )
    for name in keys:
        if not isinstance(name, str) or name not in table.column_names:
            raise InvalidBatchError.refused(
                "keys",
                name,
                f"is not a column of the catalog ({table.column_names})",
                kind=InputKind.CHOICE,
                choices=table.column_names,
            )
        if name in OUTPUT or name in ("field", "error", "message"):
            raise InvalidBatchError.refused(
                "keys", name, "is a column of the result; rename it in the catalog"
            )
    unread = [n for n in table.column_names if n not in _READ and n not in keys]
    if unread:
        raise InvalidBatchError.refused(
            "catalog",
            unread,
            "are columns localize_catalog does not read; name them "
            "in keys= to pass them through, or drop them (a misspelt column is never "
            "ignored silently)",
            kind=InputKind.LIST,
        )
    return tuple(dict.fromkeys(keys))


def _codes(table: Any, name: str) -> tuple[Any, list[Any]] | None:
    """The column's values as indices into its distinct values (-1 where null)."""
    pa = arrow()
    if name not in table.column_names:
        return None
    column = table.column(name)
    if pa.types.is_null(column.type):  # no value in any row (an all-empty column)
        return numpy().full(len(column), -1, dtype=numpy().int64), []
    if not is_text(column.type):
        raise InvalidBatchError.refused(
            name, str(column.type), "is not a text column", kind=InputKind.TYPE
        )
    encoded = pa.compute.dictionary_encode(column.cast(pa.string())).combine_chunks()
    index = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return index.astype(numpy().int64), encoded.dictionary.to_pylist()


def _amount(
    table: Any, name: str, rejections: Rejections, *, required: bool
) -> Amount | None:
    found = _column(table, name, required=required, ratio=name == "min_margin")
    if found is None:
        return None
    np = numpy()
    form, column = found
    present = ~np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if required:
        rejections.refuse(
            ~present, name, InvalidBatchError, f"{name} is missing in this row"
        )
    if form == "decimal":
        if not 0 <= column.type.scale <= _MAX_SCALE:
            raise InvalidBatchError.refused(
                name,
                str(column.type),
                f"has a scale outside 0 to {_MAX_SCALE}",
                kind=InputKind.TYPE,
            )
        units, scale = _decimal_units(column)
        return Amount(np.where(present, units, 0), scale, present, decimal=True)
    raw = column.fill_null(0).to_numpy(zero_copy_only=False)
    units = raw.astype(np.int64) if raw.dtype != np.uint64 else to_int64(exact(raw))
    return Amount(units, None, present, decimal=False)


def _in_range(amount: Amount, name: str, rejections: Rejections) -> None:
    """Refuse the rows whose amount is 10^18 or more (``Money`` refuses them)."""
    np = numpy()
    if largest(amount.units) < 10**18:
        return
    limit = 10 ** (18 + np.asarray(amount.scale, dtype=object))
    rejections.refuse(
        amount.present & (np.abs(exact(amount.units)) >= limit),
        name,
        InvalidAmountError,
        f"{name} is out of range: {RANGE} (argument '{name}')",
    )


def _negative(amount: Amount | None, name: str, rejections: Rejections) -> None:
    if amount is not None:
        rejections.refuse(
            amount.present & (amount.units < 0),
            name,
            InvalidAmountError,
            f"{name} is negative; give zero or more (argument '{name}')",
        )


def _choose(
    index: Any, values: list[Any], name: str, check: Any, rejections: Rejections
) -> Any:
    """Each row's value checked by ``check`` (once per distinct value), as an index
    array (-1 where refused); a row whose value ``check`` refuses is refused with its
    error."""
    np = numpy()
    found = np.full(len(values) + 1, -1, dtype=np.int64)  # the last: a null's -1
    for position, value in enumerate(values):
        try:
            found[position] = check(value)
        except CommerceKitError as error:
            rejections.refuse(index == position, name, error, str(error))
    return found[index]


def _present(index: Any, name: str, rejections: Rejections) -> None:
    rejections.refuse(index < 0, name, InvalidBatchError, f"{name} is missing in this row")


def _market_index(plan: PricePlan) -> Any:
    codes = plan.codes

    def check(value: str) -> int:
        if value not in codes:
            raise InvalidBatchError.refused(
                "market",
                value,
                f"is not a market of the plan ({', '.join(codes)})",
                kind=InputKind.CHOICE,
                choices=codes,
            )
        return codes.index(value)

    return check


def _pairs(table: Any) -> None:
    names = set(table.column_names)
    has_cost = bool({"cost", "cost_minor"} & names)
    if has_cost != ("min_margin" in names):
        given, missing = ("cost", "min_margin") if has_cost else ("min_margin", "cost")
        raise InvalidBatchError.refused(
            given,
            table.column_names,
            f"is given without {missing}: a margin floor "
            f"needs both columns; add {missing}, or drop {given}",
            kind=InputKind.LIST,
        )
    if {"minimum_price", "minimum_price_minor"} & names and "market" not in names:
        raise InvalidBatchError.refused(
            "minimum_price",
            table.column_names,
            "needs the long form: a minimum "
            "advertised price is in one market's currency, so give each row a market "
            "column (one row per SKU and market)",
            kind=InputKind.LIST,
        )


@attrs.frozen
class _Texts:
    """The text columns: each row's index into the distinct values (-1 where null)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    currency: tuple[Any, list[Any]]
    category: tuple[Any, list[Any]] | None
    market: tuple[Any, list[Any]] | None


def _texts(table: Any, plan: PricePlan, rejections: Rejections) -> tuple[_Texts, Any]:
    """The text columns, rows without a value refused; and each row's market (long
    form: -1 where refused), or None (wide form)."""
    currency = _codes(table, "currency")
    if currency is None:
        raise InvalidBatchError.refused(
            "currency",
            table.column_names,
            "is missing: the table needs a column "
            "currency (the base price's ISO 4217 code)",
            kind=InputKind.LIST,
        )
    texts = _Texts(currency, _codes(table, "category"), _codes(table, "market"))
    for name, found in (("currency", texts.currency), ("category", texts.category)):
        if found is not None:
            _present(found[0], name, rejections)
    if texts.market is None:
        return texts, None
    _present(texts.market[0], "market", rejections)
    return texts, _choose(*texts.market, "market", _market_index(plan), rejections)


def read_catalog(table: Any, plan: PricePlan, keys: object) -> Catalog:
    """The catalog's columns, each row checked in the order the per-call rule's
    arguments are checked (``Money`` built first, then ``localize_price``'s checks), so
    a row's first problem is the one reported."""
    np = numpy()
    names = _keys(table, keys)
    _pairs(table)
    rejections = Rejections(table.num_rows)
    price = _amount(table, "price", rejections, required=True)
    assert price is not None  # noqa: S101  # required
    texts, market = _texts(table, plan, rejections)
    cost = _amount(table, "cost", rejections, required=False)
    margin = _amount(table, "min_margin", rejections, required=False)
    minimum = _amount(table, "minimum_price", rejections, required=False)
    if price.decimal:  # Money(amount, code) reads the amount before the code
        _in_range(price, "price", rejections)
    places = _choose(*texts.currency, "currency", _minor_units, rejections)
    places = _one_if_uniform(np.where(places < 0, 0, places), texts.currency[1])
    if not price.decimal:
        price = _in_minor(price, places)
        _in_range(price, "price", rejections)
    if cost is not None:
        cost = _in_minor(cost, places)
        _in_range(cost, "cost", rejections)
    if minimum is not None:
        market_places = np.array([p.places for p in plan.markets] + [0])[market]
        minimum = _in_minor(minimum, market_places)
        _in_range(minimum, "minimum_price", rejections)
    _negative(price, "price", rejections)
    category = None
    if texts.category is not None:
        category = _choose(*texts.category, "category", _category, rejections)
    _negative(cost, "cost", rejections)
    if margin is not None:
        _in_range(margin, "min_margin", rejections)
        _negative(margin, "min_margin", rejections)
    if minimum is not None:
        _negative(minimum, "minimum_price", rejections)
        _on_grid(minimum, market_places, rejections)
    return Catalog(
        size=table.num_rows,
        keys=table.select(list(names)),
        price=price,
        currency=texts.currency[0],
        codes=tuple(_canonical(code) for code in texts.currency[1]),
        category=category,
        cost=cost,
        margin=margin,
        market=market,
        minimum=minimum,
        rejections=rejections,
    )


def _in_minor(amount: Amount, places: Any) -> Amount:
    """A minor-unit column given the places of each row's currency."""
    return amount if amount.decimal else attrs.evolve(amount, scale=places)


def _one_if_uniform(places: Any, codes: list[Any]) -> Any:
    """``places``, or one int where every known code has the same (the fast path)."""
    found = {_minor_units(code) for code in codes if _canonical(code)}
    return found.pop() if len(found) == 1 else places


def _minor_units(code: str) -> int:
    return minor_units(validate_currency(code))


def _canonical(code: str) -> str:
    try:
        return validate_currency(code)
    except CommerceKitError:
        return ""  # its rows are refused


def _category(value: str) -> int:
    return CATEGORIES.index(check_category(value))


def _on_grid(minimum: Amount, places: Any, rejections: Rejections) -> None:
    """Refuse a minimum price with digits finer than its market's minor unit."""
    np = numpy()
    finer = np.asarray(minimum.scale) - places
    if not np.any(finer > 0):
        return
    step = exact(np.power(10, np.maximum(finer, 0)))
    rejections.refuse(
        minimum.present & (exact(minimum.units) % step != 0),
        "minimum_price",
        InvalidAmountError,
        "minimum_price has digits finer than the market currency's "
        "minor unit; give a price that can be shown (argument 'minimum_price')",
    )
