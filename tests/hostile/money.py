"""Valid calls over ``commercekit.money``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import moneyed

from commercekit.money import (
    CashRounding,
    Money,
    RateTable,
    RoundingMode,
)
from tests.hostile import EVERY_REFUSAL, Call, call, method

DAY = date(2026, 6, 1)
AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _rates() -> RateTable:
    return RateTable(
        base="EUR",
        rates={"USD": Decimal("1.0842"), "GBP": "0.8457"},
        observed_at=AT,
        provider="ECB reference rates",
    )


def _cash_rounding() -> CashRounding:
    return CashRounding(
        currency="CHF",
        increment=Decimal("0.05"),
        since=date(2000, 1, 1),
        until=None,
        source="https://www.snb.ch/en/",
        convention="cash rounds to 5 Rappen",
        note="",
    )


CALLS: dict[str, Callable[[], Call]] = {
    "CashRounding": lambda: call(
        currency="CHF",
        increment=Decimal("0.05"),
        since=date(2000, 1, 1),
        until=None,
        source="https://www.snb.ch/en/",
        convention="cash rounds to 5 Rappen",
        note="",
        mode=RoundingMode.HALF_UP,
    ),
    "CashRounding.covers": lambda: method(_cash_rounding().covers, DAY),
    "CurrencyInfo": lambda: call(
        code="EUR", numeric="978", minor_units=2, name="Euro", fund=False
    ),
    "Money": lambda: call("12.50", "EUR"),
    "Money.round": lambda: method(Money("12.345", "EUR").round, 2),
    "Money.from_moneyed": lambda: method(Money.from_moneyed, moneyed.Money("12.50", "EUR")),
    "RateTable": lambda: call(
        base="EUR",
        rates={"USD": Decimal("1.0842")},
        observed_at=AT,
        provider="ECB reference rates",
    ),
    "RateTable.ratio": lambda: method(_rates().ratio, "USD"),
    "RateTable.cross": lambda: method(_rates().cross, "USD", "GBP"),
    "RateTable.rate": lambda: method(_rates().rate, "USD", "GBP"),
    "RateTable.check_known_at": lambda: method(_rates().check_known_at, DAY),
    "RateTable.check_age": lambda: method(
        _rates().check_age, at=AT, max_age=timedelta(days=1)
    ),
    "allocate": lambda: call(Money("10.00", "EUR"), [1, Decimal("2"), 3]),
    "allocate_minor_units": lambda: call(1000, [1, Decimal("2"), 3]),
    "cash_increment": lambda: call("CHF", on=DAY),
    "cash_round": lambda: call(Money("10.02", "CHF"), on=DAY, mode=RoundingMode.HALF_UP),
    "cash_rounding": lambda: call("CHF", on=DAY, country="CH"),
    "convert": lambda: call(
        Money("10.00", "EUR"),
        "USD",
        _rates(),
        mode=RoundingMode.HALF_UP,
        at=AT,
        max_age=timedelta(days=1),
    ),
    "convert_noted": lambda: call(
        Money("10.00", "EUR"), "USD", _rates(), [], how="pass rates=", rounded=True, on=DAY
    ),
    "convert_unrounded": lambda: call(Money("10.00", "EUR"), "USD", _rates()),
    "currency_info": lambda: call("EUR"),
    "format_money": lambda: call(Money("1234.50", "EUR"), "de_DE"),
    "is_currency": lambda: call("EUR"),
    "measured": lambda: call(Money("135.0048", "GBP"), Money(135, "GBP")),
    "minor_units": lambda: call("JPY"),
    "parse_money": lambda: call("1.234,50 €", "de_DE", "EUR"),
    "percent_of": lambda: call(Money("80.00", "EUR"), Decimal("19"), mode=RoundingMode.UP),
    "round_money": lambda: call(Money("2.345", "EUR"), mode=RoundingMode.HALF_EVEN),
    "split": lambda: call(Money("10.00", "EUR"), 3),
    "sum_money": lambda: call([Money("1.00", "EUR"), Money("2.50", "EUR")], "EUR"),
    "validate_currency": lambda: call("EUR"),
    "to_decimal": lambda: call("12.50", what="rate"),
    "require_money": lambda: call(Money("12.50", "EUR"), what="the price"),
    "make_money": lambda: call(Decimal("59.97"), Money("1", "EUR").currency),
    "round_ratio": lambda: call(19, 119, RoundingMode.HALF_UP),
    "decimal_rounding": lambda: call(RoundingMode.HALF_EVEN),
    "to_minor_units": lambda: call(Money("12.34", "EUR")),
    "from_minor_units": lambda: call(1234, "EUR"),
}

_SIGNED = frozenset({"negative money", "negative Decimal", "negative int"})
_AMOUNT = "an amount may be negative: a refund, a credit or a change owed"

_LONG = frozenset({"10,000-digit integer", "int 10**30"})
_EXACT_RATIO = (
    "the terms of an exact ratio of signed amounts are signed ints, as long as the "
    "amounts' digits make them (gross x rate x 10^places); ints have no range to exceed"
)

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("Money", "amount"): (_SIGNED, _AMOUNT),
    ("allocate", "money"): (_SIGNED, _AMOUNT),
    ("allocate_minor_units", "units"): (_SIGNED, _AMOUNT),
    ("cash_round", "money"): (_SIGNED, _AMOUNT),
    ("convert", "money"): (_SIGNED, _AMOUNT),
    ("convert_noted", "money"): (_SIGNED, _AMOUNT),
    ("convert_noted", "how"): (
        frozenset({"empty text", "unknown code"}),
        "how to supply a table is free text",
    ),
    ("convert_noted", "notes"): (
        frozenset({"nested 10,000 deep"}),
        "the caller's list the note is appended to; what it already holds is theirs",
    ),
    ("convert_unrounded", "money"): (_SIGNED, _AMOUNT),
    ("format_money", "money"): (_SIGNED, _AMOUNT),
    ("measured", "value"): (_SIGNED, _AMOUNT),
    ("measured", "limit"): (_SIGNED, "a limit is compared as given, whatever its sign"),
    ("percent_of", "money"): (_SIGNED, _AMOUNT),
    ("round_money", "money"): (_SIGNED, _AMOUNT),
    ("split", "money"): (_SIGNED, _AMOUNT),
    ("sum_money", "items"): (_SIGNED, _AMOUNT),
    ("percent_of", "percent"): (_SIGNED, "a percentage may be negative: a markdown"),
    ("to_decimal", "value"): (
        _SIGNED,
        "a number may be negative; the caller's rule decides",
    ),
    ("require_money", "value"): (_SIGNED, _AMOUNT),
    ("Money.from_moneyed", "money"): (_SIGNED, _AMOUNT),
    ("make_money", "amount"): (_SIGNED, _AMOUNT),
    ("to_minor_units", "money"): (_SIGNED, _AMOUNT),
    ("from_minor_units", "units"): (_SIGNED, _AMOUNT),
    ("round_ratio", "numerator"): (_SIGNED | _LONG, _EXACT_RATIO),
    ("round_ratio", "denominator"): (_SIGNED | _LONG, _EXACT_RATIO),
    ("Money.round", "ndigits"): (
        frozenset({"negative int"}),
        "rounding to tens or hundreds (ndigits=-1, -2) is py-moneyed's documented use",
    ),
    ("is_currency", "code"): (
        EVERY_REFUSAL,
        "a question, not a rule: it answers False for anything that is not a code",
    ),
}
