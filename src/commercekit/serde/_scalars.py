"""JSON's scalars, read strictly: text, whole numbers, flags, decimals, money, dates.

What the shipped JSON Schema accepts, and so exactly what the reader accepts. cattrs'
defaults are lenient: ``int("3")``, ``str(5)`` and ``bool("no")`` would all quietly
accept the wrong thing, so here an int must be a JSON integer, a string a JSON string, a
flag ``true`` or ``false``. A decimal, and money's amount, is a string of ASCII digits:
a JSON number is a binary float, and floats are not money. A datetime must carry its
UTC offset. A time of day is ``"HH:MM"`` on the 24-hour clock, a time zone its IANA
name. Each hook raises [`InvalidJsonError`][commercekit.errors.InvalidJsonError]
with an empty path; ``locate`` puts the field's path in front.
"""

from __future__ import annotations

import enum
import functools
import json
import os
import re
import zoneinfo
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from commercekit._bundled import package_files
from commercekit._json_words import json_number
from commercekit._numbers import RANGE
from commercekit._words import with_article
from commercekit.errors import (
    CommerceKitError,
    InputKind,
    InvalidAmountError,
    InvalidJsonError,
    shown,
)
from commercekit.money import Money, to_decimal
from commercekit.regions import check_country

__all__ = [
    "country",
    "json_object",
    "json_type",
    "read_bool",
    "read_clock",
    "read_date",
    "read_datetime",
    "read_decimal",
    "read_enum",
    "read_int",
    "read_money",
    "read_str",
    "read_timezone",
    "shown_choice",
    "write_clock",
    "write_decimal",
    "write_money",
    "write_timezone",
]


_AMOUNT, _DATE_KIND = InputKind.AMOUNT, InputKind.DATE
_TEXT, _TYPE = InputKind.TEXT, InputKind.TYPE
# A currency is a code to look up (TEXT), as a country is a PLACE: a CHOICE would have
# to list its ~180 allowed values in ``choices``, and the set depends on the CLDR data.
_CURRENCY = _TEXT


def json_type(value: object) -> str:
    """What a parsed JSON value is, in the words of JSON (for error messages)."""
    if value is None or isinstance(value, bool):
        return f"the JSON value {json.dumps(value)}"
    if isinstance(value, int | float):
        return f"the JSON number {json_number(value)}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    kinds = ((Mapping, "a JSON object"), (list | tuple, "a JSON array"))
    return next((name for kind, name in kinds if isinstance(value, kind)), shown(value))


def shown_choice(value: object) -> str:
    """A value refused as a choice: text quoted, anything else by its JSON kind."""
    return shown(value) if isinstance(value, str) else json_type(value)


def json_object(value: object, what: str) -> Mapping[str, Any]:
    """``value`` if it is a JSON object; otherwise an error saying ``what`` was expected."""
    if not isinstance(value, Mapping):
        raise InvalidJsonError("", f"is {json_type(value)}; expected {what}", kind=_TYPE)
    return value


# What the shipped JSON Schema accepts, and so exactly what the reader accepts: ASCII
# digits only (Python's Decimal() and fromisoformat() read far more: "1e3", "+5", " 5",
# "1_000", Arabic-Indic digits, week dates).
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"  # optional here, to say "no UTC offset" when missing
)


def read_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise InvalidJsonError("", f"is {json_type(value)}; expected a string", kind=_TEXT)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidJsonError(
            "", "holds a lone surrogate (\\ud800-\\udfff), which is not text", kind=_TEXT
        ) from None
    return value


def read_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidJsonError(
            "", f"is {json_type(value)}; expected a whole number", kind=InputKind.COUNT
        )
    return value


def read_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidJsonError(
            "", f"is {json_type(value)}; expected true or false", kind=InputKind.FLAG
        )
    return value


def read_decimal(value: object, _: object) -> Decimal:
    if not isinstance(value, str):
        raise InvalidJsonError(
            "",
            f'is {json_type(value)}; write decimals as strings such as "0.84" '
            f"(a JSON number is read as a binary float, which cannot hold most decimals "
            f"exactly)",
            kind=_AMOUNT,
        )
    try:
        if not _DECIMAL.fullmatch(value):
            raise InvalidAmountError(value, "is not written as the schema says")
        return to_decimal(value, "decimal")
    except InvalidAmountError:
        raise InvalidJsonError("", _decimal_problem(value), kind=_AMOUNT) from None


def _decimal_problem(text: str) -> str:
    if _DECIMAL.fullmatch(text):  # written right, but outside the library's range
        return f"{shown(text)} is out of range: {RANGE}"
    return f'{shown(text)} is not a decimal number; write e.g. "12.34"'


def write_decimal(number: Decimal) -> str:
    # Fixed-point, never "1E+2": readable, and Decimal() reads back the same value.
    return format(number, "f")


def read_money(value: object, _: object) -> Money:
    data = json_object(value, 'money as {"amount": "12.34", "currency": "EUR"}')
    missing = [key for key in ("amount", "currency") if key not in data]
    if missing:
        raise InvalidJsonError(missing[0], "is missing; money is an amount and a currency")
    extra = sorted(set(data) - {"amount", "currency"})
    if extra:
        raise InvalidJsonError(extra[0], "is not a field of money (amount, currency)")
    amount, currency = data["amount"], data["currency"]
    if not isinstance(amount, str):
        raise InvalidJsonError(
            "amount",
            f'is {json_type(amount)}; write money amounts as strings such as "12.34" '
            f"(floats are not money)",
            kind=_AMOUNT,
        )
    if not isinstance(currency, str):
        raise InvalidJsonError(
            "currency",
            f"is {json_type(currency)}; expected an ISO 4217 code like 'EUR'",
            kind=_CURRENCY,
        )
    try:
        if not _DECIMAL.fullmatch(amount):
            raise InvalidAmountError(amount, "is not written as the schema says")
        number = to_decimal(amount, "amount")
    except InvalidAmountError:
        raise InvalidJsonError("amount", _decimal_problem(amount), kind=_AMOUNT) from None
    try:
        return Money(number, currency)
    except CommerceKitError as error:
        raise InvalidJsonError("currency", str(error), kind=_CURRENCY) from None


def write_money(money: Money) -> dict[str, str]:
    return {"amount": write_decimal(money.amount), "currency": money.currency.code}


def read_date(value: object, _: object) -> date:
    if not isinstance(value, str):
        raise InvalidJsonError(
            "", f"is {json_type(value)}; expected a date 'YYYY-MM-DD'", kind=_DATE_KIND
        )
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidJsonError(
            "", f"{shown(value)} is not an ISO 8601 date 'YYYY-MM-DD'", kind=_DATE_KIND
        ) from None


def read_datetime(value: object, _: object) -> datetime:
    example = "'2026-11-26T12:00:00+01:00'"
    if not isinstance(value, str):
        raise InvalidJsonError(
            "",
            f"is {json_type(value)}; expected an ISO 8601 datetime such as {example}",
            kind=_DATE_KIND,
        )
    try:
        if not _DATETIME.fullmatch(value):
            raise ValueError(value)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidJsonError(
            "",
            f"{shown(value)} is not an ISO 8601 datetime such as {example}",
            kind=_DATE_KIND,
        ) from None
    if moment.utcoffset() is None:
        raise InvalidJsonError(
            "",
            f"{shown(value)} has no UTC offset, so it is no single moment; add one, as in "
            f"{example} or 'Z' for UTC",
            kind=_DATE_KIND,
        )
    return moment


def read_clock(value: object, _: object) -> time:
    """A time of day, ``"HH:MM"`` on the 24-hour clock (a wall-clock time: its place
    says in which time zone)."""
    if not isinstance(value, str) or not _CLOCK.fullmatch(value):
        said = shown(value) if isinstance(value, str) else json_type(value)
        raise InvalidJsonError(
            "",
            f'{said} is not a time of day; write it "HH:MM" on the 24-hour clock, '
            'as in "15:00"',
            kind=_DATE_KIND,
        )
    return time.fromisoformat(value)


def write_clock(clock: time) -> str:
    if clock.second or clock.microsecond or clock.tzinfo is not None:
        raise InvalidJsonError(
            "",
            f'is {clock.isoformat()}; JSON carries a time of day as "HH:MM", without '
            "seconds or a time zone",
            kind=_DATE_KIND,
        )
    return f"{clock:%H:%M}"


_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})
"""Names on the search path that are no place's zone: "localtime" is whichever machine
reads it, "Factory" tzdata's placeholder for a zone not known, "posixrules" the default
rules file (``available_timezones`` leaves it out too)."""


@functools.cache
def _tzdata_zones() -> frozenset[str]:
    """The zones the ``tzdata`` package lists (one file), or none without it."""
    try:
        listed = package_files("tzdata").joinpath("zones").read_text("utf-8")
    except (ImportError, FileNotFoundError):
        return frozenset()
    return frozenset(line.strip() for line in listed.splitlines() if line.strip())


def _on_search_path(name: str) -> bool:
    """Whether ``name`` is a zone file on ``zoneinfo.TZPATH`` as
    ``available_timezones`` finds them: a normalised path, not under ``right/`` or
    ``posix/``, through no linked folder, to a file that starts with ``TZif``."""
    parts = name.split("/")
    if "" in parts or "." in parts or ".." in parts:
        return False
    if len(parts) > 1 and parts[0] in ("right", "posix"):
        return False
    for root in zoneinfo.TZPATH:
        folder = root
        for part in parts[:-1]:
            folder = os.path.join(folder, part)
            if os.path.islink(folder) or not os.path.isdir(folder):
                break
        else:
            path = os.path.join(root, name)
            if os.path.isdir(path):
                continue
            try:
                with open(path, "rb") as file:
                    if file.read(4) == b"TZif":
                        return True
            except (OSError, ValueError):  # unreadable, or a NUL in the name
                continue
    return False


@functools.lru_cache(maxsize=256)
def _is_zone(name: str) -> bool:
    """Whether ``name`` is in ``zoneinfo.available_timezones()`` and names a place,
    asked of this one name (listing them all opens every file on the search path,
    some 600, on the first zone a process reads)."""
    return name not in _NOT_PLACES and (name in _tzdata_zones() or _on_search_path(name))


def read_timezone(value: object, _: object) -> zoneinfo.ZoneInfo:
    """A time zone by its IANA name (``"Europe/Amsterdam"``)."""
    name = read_str(value, None)
    if not _is_zone(name):
        raise InvalidJsonError(
            "",
            f"{shown(name)} is not an IANA time zone name; write it as in "
            '"Europe/Amsterdam" or "America/New_York"',
            kind=_TEXT,
        )
    return zoneinfo.ZoneInfo(name)


def write_timezone(zone: zoneinfo.ZoneInfo) -> str:
    if zone.key is None:
        raise InvalidJsonError(
            "",
            "is a time zone read from a file, without an IANA name; JSON names its "
            'zone, as in "Europe/Amsterdam"',
            kind=_TEXT,
        )
    return zone.key


def country(value: object, _: object) -> str:
    """A country code (or ``XI``, Northern Ireland as VAT names it)."""
    code = read_str(value, None)
    if code.upper() == "XI":
        return "XI"
    try:
        return check_country(code)
    except CommerceKitError as error:
        raise InvalidJsonError("", str(error), kind=InputKind.PLACE) from None


def read_enum(value: object, kind: type[enum.Enum]) -> enum.Enum:
    # Only text or a number can be a member: an Enum handed an array or object fails
    # inside Python (unhashable, or a repr too deep to build) before saying so.
    readable = isinstance(value, str | int) and not isinstance(value, bool)
    try:
        if readable:
            return kind(value)
    except CommerceKitError:  # the enum's own refusal (_missing_), saying what to give
        raise
    except ValueError:
        pass
    values = [str(member.value) for member in kind]
    known = ", ".join(repr(member.value) for member in kind)
    said = shown(value) if isinstance(value, str) else json_type(value)
    raise InvalidJsonError(
        "",
        f"{said} is not {with_article(_words(kind.__name__))}; use one of: {known}",
        kind=InputKind.CHOICE,
        choices=values,
    )


def _words(name: str) -> str:
    """A class's name as words ("TaxCategory" to "tax category"): a JSON writer knows
    the thing, not the Python class."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
