"""Checked inputs for the checkout's value objects and functions.

The checkout refuses bad input with
[`InvalidAmountError`][commercekit.errors.InvalidAmountError], naming the argument (of
its kind: an ``InvalidAmountCountError`` for a count, an ``InvalidAmountChoiceError``
for a choice, ...); the checks are the shared ones (``commercekit._checks``) bound to
that error, plus the few the checkout's own figures need: amounts of a quote or a
refund are money of zero or more in whole minor units, all in one currency, and
``net + tax == gross``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Context, Decimal
from typing import Any, TypeVar

import attrs

from commercekit import _checks
from commercekit._words import with_article
from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    InputKind,
    InvalidAmountError,
    InvalidInputError,
    MissingDataError,
    shown,
)
from commercekit.money import Money, to_minor_units

_Kind = TypeVar("_Kind")

Validator = Callable[[object, "attrs.Attribute[Any]", object], None]

MAX_TRANSIT_DAYS = 365
"""The longest transit a shipping charge may state (a year; parcels take days)."""

error = _checks.invalid
"""The checkout's ``(field, value, reason)`` error: an ``InvalidAmountError``."""

_CHECK = _checks.Checks(error)


_EXACT_SUM = Context(prec=80)
"""Adds two amounts in range exactly (at most 69 digits), whatever the caller's context:
a context object's own methods never read the thread's context."""


def amount(value: object, field: str) -> Money:
    """Money of zero or more in whole minor units of its currency (a quote's figure)."""
    money = _checks.money(value, field, error)
    to_minor_units(money)  # a quote's amounts are in whole minor units
    return money


def number(value: object, field: str) -> Decimal:
    """A finite decimal of either sign (the caller checks its range); no floats."""
    return _checks.signed_decimal(value, field, error)


def same_currency(currency: str, amounts: dict[str, Money], what: str) -> None:
    """Every amount of a ``what`` in ``currency``; the first that is not is refused."""
    for field, money in amounts.items():
        if money.currency.code != currency:
            raise CurrencyMismatchError(
                currency, money.currency.code, f"combine (as the {what}'s {field})"
            )


def adds_up(net: Money, tax: Money, gross: Money, what: str) -> None:
    """``net + tax == gross``, or an error saying which figures disagree."""
    if _EXACT_SUM.add(net.amount, tax.amount) != gross.amount:
        raise InvalidAmountError(
            (net, tax, gross),
            f"does not add up: net + tax must equal gross on a {what}",
        )


count = _CHECK.whole
"""A whole number of zero or more (or > 0 with ``positive``), at most ``maximum``."""
flag = _CHECK.flag
"""True or False; a truthy string such as ``"no"`` is refused."""
choice = _CHECK.member
"""A member of ``kind`` (or its value); the error lists the values."""
instance = _CHECK.instance
"""``value`` if it is a ``kind``; otherwise an error naming the type to build."""
sequence = _CHECK.items
"""A list or tuple (not text, a mapping or a set), as a tuple."""


def label(value: object, field: str) -> str:
    """Non-empty text: a SKU, a service's name, a line of an explanation."""
    return _checks.text(value, field, error)


def optional_label(value: object, field: str) -> str | None:
    """Non-empty text, or ``None`` for 'not given'."""
    return None if value is None else label(value, field)


def many(value: object, kind: type[_Kind], field: str) -> tuple[_Kind, ...]:
    """A list or tuple of ``kind``, as a tuple."""
    found = _checks.items(value, field, error)
    if {*map(type, found)} <= {kind}:  # each exactly a kind: a quote's thousand lines
        return found
    for index, item in enumerate(found):
        if not isinstance(item, kind):
            raise error(
                f"{field}[{index}]",
                item,
                f"is not {with_article(kind.__name__)}; pass a list of {kind.__name__}",
                kind=InputKind.TYPE,
            )
    return found


def lines_of_text(value: object, field: str) -> tuple[str, ...]:
    """A list of non-empty texts (an explanation, what a partial quote misses)."""
    found = _checks.items(value, field, error)
    for index, item in enumerate(found):
        label(item, f"{field}[{index}]")
    return found


def plugin(kind: str, method: str, *, optional: bool = False) -> Validator:
    """A validator: the value is an object with ``method`` (a ``kind`` Protocol)."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not callable(getattr(value, method, None)):
            raise error(
                attribute.name,
                value,
                f"is not {with_article(kind)}: it has no {method}() method; pass "
                f"{with_article(kind)}" + (" or None" if optional else ""),
                kind=InputKind.TYPE,
            )

    return check


__all__ = [
    "MAX_TRANSIT_DAYS",
    "adds_up",
    "amount",
    "as_context_field",
    "choice",
    "count",
    "error",
    "flag",
    "instance",
    "label",
    "lines_of_text",
    "many",
    "number",
    "optional_label",
    "plugin",
    "same_currency",
    "sequence",
]


_SALE_LINE = re.compile(r"sale\.lines\[(\d+)\]\.(category|excise|rate_facts)(\.\w+)?")

_PRODUCT_FIELD = {"category": "tax_category", "excise": "excise"}
_PRODUCT_FIELD |= {"rate_facts": "rate_facts"}
_CONTEXT_FIELDS = {"sale.service": "service_facts", "sale.lines": "cart.lines"}
_CONTEXT_FIELDS |= {"sale.transport_mode": "transport_mode", "sale.channel": "channel"}
"""A sale's fields as a quote names them: the context's service facts, the cart's
lines, how the goods travel."""


def as_context_field(
    error: MissingDataError | InvalidInputError, skus: Sequence[str] = ()
) -> CommerceKitError:
    """A refusal of the sale a quote decides, named as the quote's own field: a line's
    category (``sale.lines[0].category`` as ``products['MUG'].tax_category``, ``skus``
    being the SKU of each sale line), the service facts
    (``sale.service.operator_service`` as ``service_facts.operator_service``) and the
    lines (``sale.lines`` as ``cart.lines``); a line's rate facts
    (``sale.lines[0].rate_facts.heading``) as its product's, in what is missing too; and
    a line its words count ("line 1", in the order the quote sorts them) by its SKU."""
    if isinstance(error, MissingDataError) and skus:
        error = _lines_named(error, skus)
    field = error.field or ""
    line = _SALE_LINE.fullmatch(field)
    said = getattr(error, "missing", ())
    if line is not None and int(line[1]) < len(skus):
        product = f"products[{shown(skus[int(line[1])])}]"
        named = f"{product}.{_PRODUCT_FIELD[line[2]]}{line[3] or ''}"
        said = tuple(m.replace(f"sale.lines[{line[1]}]", product) for m in said)
    else:
        renamed = (
            quote_field + field.removeprefix(sale_field)
            for sale_field, quote_field in _CONTEXT_FIELDS.items()
            if field == sale_field or field.startswith(f"{sale_field}.")
        )
        named = next(renamed, "")
        if not named:
            return error
    if isinstance(error, MissingDataError):
        return MissingDataError(said, error.how, field=named, json_how=error.json_how)
    return type(error)(error.value, error.reason, field=named, choices=error.choices)


_LINE_WORD = re.compile(r"\bline (\d+)\b")


def _lines_named(error: MissingDataError, skus: Sequence[str]) -> MissingDataError:
    """``error`` with each "line N" of its words as "the line of 'SKU'"."""

    def sku(found: re.Match[str]) -> str:
        at = int(found[1])
        return f"the line of {shown(skus[at])}" if at < len(skus) else found[0]

    def named(text: str) -> str:
        return _LINE_WORD.sub(sku, text)

    if not any(map(_LINE_WORD.search, (*error.missing, error.how))):
        return error
    json_how = None if error.json_how is None else named(error.json_how)
    missing = tuple(map(named, error.missing))
    return MissingDataError(missing, named(error.how), field=error.field, json_how=json_how)
