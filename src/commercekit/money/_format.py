"""Showing money the way a buyer reads it, and reading it back.

Formatting follows CLDR exactly as babel ships it: the symbol, its place, the
separators, the spaces (often non-breaking: U+00A0 or the narrow U+202F) and the number
of decimals CLDR shows for the currency. One deliberate difference: commercekit never
hides a digit the amount has: CLDR shows IQD with no decimals while ISO 4217 gives it
three, so IQD 1234.250 is shown as ``1.234,25 IQD`` in German, not rounded to 1.234.
One repair: babel 2.19 loses the ASCII apostrophes CLDR groups Swiss amounts with
(``1234567.89`` for ``1'234'567.89``); commercekit writes them where CLDR puts them.
Digits are always the Latin 0-9 (CLDR's ``latn`` numbering system, which babel writes
in every locale, Arabic and Devanagari ones included).

Parsing accepts what formatting produces and the variants people type: plain spaces
instead of non-breaking ones, the typographic apostrophe U+2019 for a Swiss ``'``, a
hyphen or the Unicode minus sign, ``¥`` for ``￥``, the ISO code instead of the symbol,
no group marks at all. Digit groups must fit one of the locale's own CLDR patterns, for
plain numbers or for money: ``1,00,000`` in en_IN, ``100,000`` in en_US, and both in
Tamil, which groups numbers in lakhs but money in thousands. It refuses, with a reason,
anything it would have to guess: a symbol several currencies share, digit groups or
separators that do not fit the locale, digits other than 0-9, two currencies in one
text, or no currency at all without ``currency=``.

Examples:
    >>> from commercekit.money import Money
    >>> format_money(Money("1234.56", "EUR"), "nl_NL")
    '€\\xa01.234,56'
    >>> format_money(Money("1234.56", "EUR"), "fr_FR")
    '1\\u202f234,56\\xa0€'
    >>> format_money(Money("1235", "JPY"), "ja_JP")
    '￥1,235'
    >>> format_money(Money("100000", "INR"), "en_IN")
    '₹1,00,000.00'
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
import re
import unicodedata

import attrs
import babel
import babel.numbers

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free
from commercekit.errors import MoneyParseError, UnknownLocaleError, shown
from commercekit.money._currency import MINOR_UNITS, validate_currency
from commercekit.money._money import Money
from commercekit.money._rounding import require_money

__all__ = ["format_money", "parse_money"]

_DIGITS = "0123456789"
# babel's grouping for a pattern with no group mark at all (en_US_POSIX: "¤ 0.00").
_UNGROUPED = 1000
# Characters people and CLDR use as spaces in amounts: space, no-break space, narrow
# no-break space, thin space.
_SPACES = " \u00a0\u202f\u2009"
# Direction marks CLDR puts around amounts in right-to-left locales.
_MARKS = "\u200e\u200f\u061c"
_APOSTROPHES = {"'": "'\u2019"}
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


@attrs.frozen
class _NumberStyle:
    """How a locale writes the number in an amount: its marks and its digit groups."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    decimal: str
    group: str
    # (size of the last group, size of the groups before it) for each pattern.
    groupings: tuple[tuple[int, int], ...]

    def example(self) -> str:
        """1234567.89 written in each of the locale's groupings, for error messages."""
        shown = {_grouped("1234567", sizes, self.group) for sizes in self.groupings}
        return " or ".join(sorted(f"{whole}{self.decimal}89" for whole in shown))


def _grouped(digits: str, sizes: tuple[int, int], group: str) -> str:
    """``digits`` with ``group`` marks placed as ``sizes`` says."""
    last, others = sizes
    if last >= _UNGROUPED or len(digits) <= last:
        return digits
    head, parts = digits[:-last], [digits[-last:]]
    while len(head) > others:
        head, parts = head[:-others], [head[-others:], *parts]
    return group.join([head, *parts])


@functools.lru_cache(maxsize=512)
def _number_style(identifier: str) -> _NumberStyle:
    """The decimal mark, group mark and digit groupings of a locale's amounts.

    Groupings come from the locale's CLDR patterns: the plain-number one and the money
    one format_money uses. They differ in a few locales (Tamil, Marathi, Malayalam,
    Odia, Dhivehi group numbers in lakhs, 1,00,000, but money in thousands), and a
    reader may meet either.
    """
    loc = _locale(identifier)
    patterns = (loc.decimal_formats[None], loc.currency_formats["standard"])
    return _NumberStyle(
        decimal=babel.numbers.get_decimal_symbol(loc),
        group=babel.numbers.get_group_symbol(loc),
        groupings=tuple(sorted({pattern.grouping for pattern in patterns})),
    )


@context_free
def format_money(money: Money, locale: str) -> str:
    """``money`` as CLDR writes it in ``locale``, with every digit the amount has.

    Examples:
        >>> format_money(Money("1234.56", "CHF"), "de_CH")
        "CHF\\xa01'234.56"
        >>> format_money(Money("1234567.89", "CHF"), "de_CH")
        "CHF\\xa01'234'567.89"
        >>> format_money(Money("12345678.9", "INR"), "hi_IN")
        '₹1,23,45,678.90'
        >>> format_money(Money("-5", "USD"), "en_US")
        '-$5.00'
        >>> format_money(Money("0.125", "EUR"), "de_DE")
        '0,125\\xa0€'
    """
    money = require_money(money)
    if not isinstance(locale, str):
        raise UnknownLocaleError(locale)
    amount = money.amount if money.amount else money.amount.copy_abs()  # no "-0.00"
    loc = _locale(locale)
    style = _number_style(locale)
    # babel reads its finished text as if it were a pattern and drops each pair of
    # ASCII apostrophes as quotes; CLDR now groups Swiss amounts with that apostrophe
    # (CLDR-13542, U+2019 before), so babel would write "1234567.89" for 1'234'567.89.
    # There, commercekit has babel write the number ungrouped and places the marks.
    regroup = "'" in style.group
    with decimal.localcontext(_BABEL_CONTEXT):
        text = babel.numbers.format_currency(
            amount,
            money.currency.code,
            locale=loc,
            decimal_quantization=False,
            group_separator=not regroup,
        )
    if not regroup:
        return text
    sizes = loc.currency_formats["standard"].grouping
    # The first run of digits is the whole part: no CLDR currency symbol has a digit.
    return re.sub(
        "[0-9]+", lambda whole: _grouped(whole.group(), sizes, style.group), text, count=1
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
    # A locale's symbol can be another currency's ISO code (Albanian writes XCG, the
    # Caribbean guilder, as "ANG", the code of the guilder it replaced): both count.
    nothing: frozenset[str] = frozenset()
    codes = _symbols(locale, loose=False).get(_fold(token, loose=False), nothing)
    codes |= _symbols(locale, loose=True).get(_fold(token, loose=True), nothing)
    if token.upper() in MINOR_UNITS:
        codes |= {token.upper()}
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


def _fits(groups: list[str], sizes: tuple[int, int]) -> bool:
    """Whether digit groups (split at the group marks, two or more) follow ``sizes``."""
    last, others = sizes
    first, *middle, final = groups
    return (
        last < _UNGROUPED
        and len(final) == last
        and all(len(part) == others for part in middle)
        and 1 <= len(first) <= others
    )


def _read_number(number: str, text: str, locale: str) -> decimal.Decimal:
    """The exact value of ``number`` (digits first and last) as ``locale`` writes it."""
    style = _number_style(locale)

    def refuse(why: str) -> MoneyParseError:
        return MoneyParseError(
            text,
            locale,
            f"{number!r} is not a number in {locale}: {why}; "
            f"write it as {style.example()}, or with no group marks",
        )

    # The group marks people type for the locale's: any space for a space, and the
    # typographic apostrophe (CLDR's Swiss mark until CLDR-13542) for the ASCII one.
    typed = _SPACES if style.group in _SPACES else _APOSTROPHES.get(style.group, "")
    number = "".join(style.group if char in typed else char for char in number)
    whole, mark, fraction = number.partition(style.decimal)
    if mark and not all(char in _DIGITS for char in fraction):
        raise refuse(f"only digits may follow the decimal mark {style.decimal!r}")
    groups = whole.split(style.group)
    for part in groups:
        for char in part:
            if char not in _DIGITS:
                raise refuse(
                    f"{char!r} is neither a digit nor one of its marks "
                    f"({style.decimal!r} decimal, {style.group!r} groups)"
                )
    if len(groups) > 1:
        if groups[0].startswith("0"):
            raise refuse(f"it starts with 0 and then the group mark {style.group!r}")
        if not any(_fits(groups, sizes) for sizes in style.groupings):
            raise refuse(f"the digit groups in {whole!r} are not the ones {locale} uses")
    # Decimal() reads a string exactly, whatever the ambient context.
    return decimal.Decimal("".join(groups) + (f".{fraction}" if mark else ""))


@context_free
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
        >>> parse_money("₹1,00,000.00", "en_IN")
        Money('100000.00', 'INR')

        A shared symbol needs ``currency=``; digit groups must fit the locale:

        >>> parse_money("12 FCFA", "fr_FR")
        Traceback (most recent call last):
        ...
        commercekit.errors.MoneyParseError: ... 'FCFA' stands for several currencies ...
        >>> parse_money("12 FCFA", "fr_FR", currency="XOF")
        Money('12', 'XOF')
        >>> parse_money("1,000,00.00 $", "en_US")
        Traceback (most recent call last):
        ...
        commercekit.errors.MoneyParseError: ... write it as 1,234,567.89, or with no ...
        >>> parse_money("1.234,56 €", "en_US")
        Traceback (most recent call last):
        ...
        commercekit.errors.MoneyParseError: cannot read '1.234,56 €' as money in locale ...
    """
    if not isinstance(text, str):
        raise MoneyParseError(text, shown(locale), "the text to parse must be a str")
    if not isinstance(locale, str):
        raise UnknownLocaleError(locale)
    _locale(locale)  # an unknown locale is refused before the text is read
    if currency is not None:
        currency = validate_currency(currency)
    cleaned = "".join(char for char in text if char not in _MARKS).strip(_SPACES)
    foreign = sorted({char for char in cleaned if char.isdecimal()} - set(_DIGITS))
    if foreign:
        # format_money writes 0-9 in every locale; reading other digits would also
        # mean guessing which marks go with them (Arabic has its own, U+066B/U+066C).
        raise MoneyParseError(
            text,
            locale,
            f"it has digits other than 0-9 ({''.join(foreign)}); "
            "write the amount with the digits 0-9",
        )
    digits = [index for index, char in enumerate(cleaned) if char in _DIGITS]
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

    amount = _read_number(number, text, locale)
    if signs_before + signs_after:
        amount = amount.copy_negate()
    return Money(amount, code)
