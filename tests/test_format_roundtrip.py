"""parse_money reads back what format_money writes, in every locale babel ships.

The contract is ``parse_money(format_money(m, loc), loc, currency=m's code) == m``: with
``currency=`` given, because in most locales some symbol stands for several currencies
(CLDR writes both CFA francs as "FCFA", Albanian writes XCG as "ANG", the code of the
guilder it replaced), and there parse without ``currency=`` refuses rather than guess.

Every CLDR locale babel ships (``babel.localedata.locale_identifiers()``, 1147 in babel
2.19) is drawn, not a chosen few: their digit groupings differ (thousands, Indian lakhs,
pairs in Toki Pona, none in en_US_POSIX, lakhs for numbers but thousands for money in
Tamil), and so do their marks (ASCII apostrophes in Switzerland, U+2E41 in Adlam,
U+066B/U+060C in Bengali-script Arabic, no-break spaces). format_money writes the digits
0-9 in all of them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.localedata import locale_identifiers
from hypothesis import example, given
from hypothesis import strategies as st

from commercekit.errors import MoneyParseError
from commercekit.money import Money, format_money, parse_money
from commercekit.money._currency import MINOR_UNITS
from tests.strategies import varied_currencies

ALL_LOCALES = tuple(sorted(locale_identifiers()))


@st.composite
def amounts_up_to_18_digits(draw: st.DrawFn, code: str) -> Decimal:
    """An amount with 1 to 18 whole digits (each length as likely), either sign, with the
    currency's decimals and up to 3 more, built from digits so it is exact."""
    length = draw(st.integers(1, 18))
    whole = draw(st.integers(10 ** (length - 1) if length > 1 else 0, 10**length - 1))
    decimals = MINOR_UNITS[code] + draw(st.integers(0, 3))
    fraction = draw(st.integers(0, 10**decimals - 1))
    sign = draw(st.sampled_from(("", "-")))
    return Decimal(
        f"{sign}{whole}.{fraction:0{decimals}d}" if decimals else f"{sign}{whole}"
    )


def any_locale_money() -> st.SearchStrategy[tuple[str, Money]]:
    """Any babel locale with a Money in any currency (0, 2, 3 and 4 decimals alike)."""
    money = varied_currencies().flatmap(
        lambda code: amounts_up_to_18_digits(code).map(lambda amount: Money(amount, code))
    )
    return st.tuples(st.sampled_from(ALL_LOCALES), money)


@given(any_locale_money())
@example(("en_IN", Money("100000.00", "INR")))  # lakh grouping: 1,00,000.00
@example(("ta", Money("12345678.90", "INR")))  # lakhs for numbers, thousands for money
@example(("de_CH", Money("-123456789012345678.9876", "CLF")))  # ASCII apostrophes
@example(("en_US_POSIX", Money("123456789012345678", "JPY")))  # never grouped
@example(("tok", Money("1234567.891", "KWD")))  # groups of two
@example(("bgn", Money("-1000000.5", "EUR")))  # U+066B decimal, U+060C group mark
@example(("sq", Money("0.50", "XCG")))  # the symbol is "ANG", another currency's code
def test_parse_reads_back_format_in_every_locale(drawn: tuple[str, Money]) -> None:
    """parse_money(format_money(m, loc), loc, currency=m's code) == m for every locale."""
    locale, money = drawn
    text = format_money(money, locale)
    parsed = parse_money(text, locale, currency=money.currency.code)
    assert parsed == money
    assert parsed.currency.code == money.currency.code


@given(any_locale_money())
@example(("sq", Money("0.50", "XCG")))
@example(("fr_FR", Money("12", "XOF")))
def test_parse_without_currency_reads_back_or_refuses(drawn: tuple[str, Money]) -> None:
    """Without currency=, parse gives exactly m, or refuses a symbol several share."""
    locale, money = drawn
    text = format_money(money, locale)
    try:
        parsed = parse_money(text, locale)
    except MoneyParseError as error:
        refusal = error.reason
    else:
        assert parsed == money
        assert parsed.currency.code == money.currency.code
        return
    assert "stands for several currencies" in refusal


# Amounts every locale must round-trip, not just a drawn sample: the lakh and crore
# boundaries (1,00,000 and 1,23,45,678), the Swiss million, 18 digits, 3 and 0 decimals.
FIXED = [
    Money("100000", "INR"),
    Money("12345678.90", "INR"),
    Money("100000", "EUR"),
    Money("-12345678.90", "EUR"),
    Money("123456789012345678.125", "KWD"),
    Money("1000000", "JPY"),
]


@pytest.mark.parametrize("money", FIXED, ids=str)
def test_every_locale_reads_back_what_it_writes(money: Money) -> None:
    """In all 1147 locales: format writes digits 0-9, and parse(format(m)) == m."""
    failures = []
    for locale in ALL_LOCALES:
        text = format_money(money, locale)
        try:
            parsed = parse_money(text, locale, currency=money.currency.code)
        except MoneyParseError as error:
            failures.append(f"{locale}: {text!r}: {error.reason}")
            continue
        if parsed != money or not all(char.isascii() for char in text if char.isdigit()):
            failures.append(f"{locale}: {text!r} -> {parsed!r}")
    assert not failures, "\n".join(failures)
