"""Showing money the way a buyer reads it, and reading it back.

Formatting follows CLDR exactly as babel ships it: the symbol, its place, the
separators, the spaces (often non-breaking: U+00A0 or the narrow U+202F) and the number
of decimals CLDR shows for the currency. One deliberate difference: commercekit never
hides a digit the amount has: CLDR shows IQD with no decimals while ISO 4217 gives it
three, so IQD 1234.250 is shown as ``1.234,25 IQD`` in German, not rounded to 1.234.

Parsing accepts what formatting produces and the variants people type: plain spaces
instead of non-breaking ones, a hyphen or the Unicode minus sign, ``¥`` for ``￥``,
the ISO code instead of the symbol. It refuses, with a reason, anything it would have
to guess: a symbol several currencies share, a number whose separators do not fit the
locale, two currencies in one text, or no currency at all without ``currency=``.

Examples:
    >>> from commercekit.money import Money
    >>> format_money(Money("1234.56", "EUR"), "nl_NL")
    '€\\xa01.234,56'
    >>> format_money(Money("1234.56", "EUR"), "fr_FR")
    '1\\u202f234,56\\xa0€'
    >>> format_money(Money("1235", "JPY"), "ja_JP")
    '￥1,235'
    >>> parse_money("1 234,56 €", "fr_FR")
    Money('1234.56', 'EUR')
    >>> parse_money("$5.00", "en_CA")
    Money('5.00', 'CAD')
    >>> parse_money("1,234.56", "en_US")
    Traceback (most recent call last):
    ...
    commercekit.errors.MoneyParseError: cannot read '1,234.56' as money in locale en_US: ...
"""

from __future__ import annotations

import decimal
import functools
import unicodedata

import babel
import babel.numbers

from commercekit.errors import MoneyParseError, UnknownLocaleError
from commercekit.money._currency import MINOR_UNITS, validate_currency
from commercekit.money._money import Money
from commercekit.money._rounding import require_money

__all__ = ["format_money", "parse_money"]

# Characters people and CLDR use as spaces in amounts: space, no-break space, narrow
# no-break space, thin space.
_SPACES = " \u00a0\u202f\u2009"
# Direction marks CLDR puts around amounts in right-to-left locales.
_MARKS = "\u200e\u200f\u061c"
_MINUS = "-\u2212"
# babel computes in the ambient decimal context; this one keeps it from rounding long
# amounts (28 digits by default) or failing under a caller's narrower context.
_BABEL_CONTEXT = decimal.Context(
    prec=1000,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@functools.lru_cache(maxsize=256)
def _locale(identifier: str) -> babel.Locale:
    try:
        return babel.Locale.parse(identifier)
    except (ValueError, TypeError, babel.UnknownLocaleError):
        raise UnknownLocaleError(identifier) from None


def format_money(money: Money, locale: str) -> str:
    """``money`` as CLDR writes it in ``locale``, with every digit the amount has.

    Examples:
        >>> format_money(Money("1234.56", "CHF"), "de_CH")
        "CHF\\xa01'234.56"
        >>> format_money(Money("-5", "USD"), "en_US")
        '-$5.00'
        >>> format_money(Money("0.125", "EUR"), "de_DE")
        '0,125\\xa0€'
    """
    money = require_money(money)
    if not isinstance(locale, str):
        raise UnknownLocaleError(locale)
    amount = money.amount if money.amount else money.amount.copy_abs()  # no "-0.00"
    with decimal.localcontext(_BABEL_CONTEXT):
        return babel.numbers.format_currency(
            amount,
            money.currency.code,
            locale=_locale(locale),
            decimal_quantization=False,
        )


def _fold(symbol: str, *, loose: bool) -> str:
    """A currency marker as compared: NFKC-normalised (``￥`` is ``¥``) without direction
    marks; ``loose`` also drops spaces and a final dot (people type ``kr`` for ``kr.``)."""
    folded = "".join(
        char for char in unicodedata.normalize("NFKC", symbol) if char not in _MARKS
    )
    if loose:
        folded = "".join(char for char in folded if char not in _SPACES)
        folded = folded.rstrip(".") or folded
    return folded


@functools.lru_cache(maxsize=512)
def _symbols(identifier: str, *, loose: bool) -> dict[str, frozenset[str]]:
    """Each currency symbol of the locale (folded) → the ISO codes that use it."""
    found: dict[str, set[str]] = {}
    for code, symbol in _locale(identifier).currency_symbols.items():
        if code in MINOR_UNITS:
            found.setdefault(_fold(symbol, loose=loose), set()).add(code)
    return {symbol: frozenset(codes) for symbol, codes in found.items()}


def _currency_in(token: str, text: str, locale: str, currency: str | None) -> str:
    """The ISO code the currency marker ``token`` stands for in ``locale``."""
    if not token:
        if currency is None:
            raise MoneyParseError(
                text,
                locale,
                "the text names no currency; pass currency='USD' "
                "(or the right code) to say which",
            )
        return currency
    # An ISO code names itself. A symbol matches as CLDR writes it and as people type
    # it; every currency it can stand for counts (West Africa writes XOF as "FCFA" too,
    # which CLDR gives XAF), so a shared symbol needs currency= to decide.
    if token.upper() in MINOR_UNITS:
        codes = frozenset({token.upper()})
    else:
        nothing: frozenset[str] = frozenset()
        codes = _symbols(locale, loose=False).get(_fold(token, loose=False), nothing)
        codes |= _symbols(locale, loose=True).get(_fold(token, loose=True), nothing)
    if not codes:
        raise MoneyParseError(
            text, locale, f"{token!r} is not a currency symbol or ISO code in {locale}"
        )
    if currency is not None:
        if currency not in codes:
            raise MoneyParseError(
                text,
                locale,
                f"the text says {token!r} ({', '.join(sorted(codes))}) "
                f"but currency={currency!r} was given",
            )
        return currency
    if len(codes) > 1:
        raise MoneyParseError(
            text,
            locale,
            f"{token!r} stands for several currencies in {locale} "
            f"({', '.join(sorted(codes))}); pass currency= to say which",
        )
    return next(iter(codes))


def _strip_sign(part: str) -> tuple[str, int]:
    """Remove spaces and at most one minus sign at either end; count the signs."""
    part = part.strip(_SPACES)
    signs = 0
    if part[:1] in _MINUS and part:
        part, signs = part[1:].strip(_SPACES), 1
    if part[-1:] in _MINUS and part:
        part, signs = part[:-1].strip(_SPACES), signs + 1
    return part, signs


def parse_money(text: str, locale: str, currency: str | None = None) -> Money:
    """Read an amount of money written in ``locale``'s conventions.

    ``currency`` (an ISO code) says which currency is meant when the text shows none,
    or picks between currencies that share a symbol; if the text names a different
    currency, that is an error rather than a silent choice.

    Examples:
        >>> parse_money("€ 1.234,56", "nl_NL")
        Money('1234.56', 'EUR')
        >>> parse_money("1234,5", "de_DE", currency="EUR")
        Money('1234.5', 'EUR')
        >>> parse_money("-1 234,56 kr", "sv_SE")
        Money('-1234.56', 'SEK')
        >>> parse_money("1.234,56 €", "en_US")
        Traceback (most recent call last):
        ...
        commercekit.errors.MoneyParseError: cannot read '1.234,56 €' as money in locale ...
    """
    if not isinstance(text, str):
        raise MoneyParseError(repr(text), str(locale), "the text to parse must be a str")
    if not isinstance(locale, str):
        raise UnknownLocaleError(locale)
    loc = _locale(locale)
    if currency is not None:
        currency = validate_currency(currency)
    cleaned = "".join(char for char in text if char not in _MARKS).strip(_SPACES)
    digits = [index for index, char in enumerate(cleaned) if char.isdigit()]
    if not digits:
        raise MoneyParseError(text, locale, "there is no number in it")
    if cleaned.startswith("(") and cleaned.endswith(")"):
        raise MoneyParseError(
            text, locale, "accounting parentheses are ambiguous; write a minus sign"
        )
    number = cleaned[digits[0] : digits[-1] + 1]
    before, signs_before = _strip_sign(cleaned[: digits[0]])
    after, signs_after = _strip_sign(cleaned[digits[-1] + 1 :])
    if signs_before + signs_after > 1:
        raise MoneyParseError(text, locale, "it has more than one minus sign")
    if before and after:
        raise MoneyParseError(
            text, locale, f"it has currency markers on both sides ({before!r}, {after!r})"
        )
    code = _currency_in(before or after, text, locale, currency)

    group = babel.numbers.get_group_symbol(loc)
    if group in _SPACES:
        number = "".join(group if char in _SPACES else char for char in number)
    try:
        with decimal.localcontext(_BABEL_CONTEXT):
            amount = babel.numbers.parse_decimal(number, loc, strict=True)
    except babel.numbers.NumberFormatError as error:
        raise MoneyParseError(
            text, locale, f"{number!r} is not a number in {locale}: {error}"
        ) from None
    if signs_before + signs_after:
        amount = amount.copy_negate()
    return Money(amount, code)
