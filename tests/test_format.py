"""Formatting and parsing money in CLDR's local formats (babel 2.19, CLDR 49 data).

Every locale babel ships is checked in test_format_roundtrip.py; these are the worked
examples, exactly as CLDR writes them.
"""

from __future__ import annotations

import pytest

from commercekit.errors import (
    InvalidAmountError,
    MoneyParseError,
    UnknownCurrencyError,
    UnknownLocaleError,
)
from commercekit.money import Money, format_money, parse_money

NBSP, NNBSP = "\u00a0", "\u202f"

# Exactly as CLDR writes them, non-breaking spaces included.
FORMATTED = [
    (Money("1234.56", "EUR"), "nl_NL", f"€{NBSP}1.234,56"),
    (Money("1234.56", "EUR"), "fr_FR", f"1{NNBSP}234,56{NBSP}€"),
    (Money("1234.56", "EUR"), "de_DE", f"1.234,56{NBSP}€"),
    (Money("1235", "JPY"), "ja_JP", "￥1,235"),
    (Money("1234.56", "CHF"), "de_CH", f"CHF{NBSP}1'234.56"),
    (Money("1234.56", "USD"), "en_US", "$1,234.56"),
    (Money("-1234.56", "USD"), "en_US", "-$1,234.56"),
    (Money("-1234.56", "EUR"), "nl_NL", f"€{NBSP}-1.234,56"),
    (Money("1234567.5", "INR"), "en_IN", "₹12,34,567.50"),
    # Indian grouping: a lakh is 1,00,000 and a crore 1,00,00,000.
    (Money("100000.00", "INR"), "en_IN", "₹1,00,000.00"),
    (Money("12345678.90", "INR"), "hi_IN", "₹1,23,45,678.90"),
    # Tamil groups plain numbers in lakhs but money in thousands (CLDR patterns).
    (Money("12345678.90", "INR"), "ta", f"₹{NBSP}12,345,678.90"),
    # babel would drop the Swiss apostrophes in pairs (it unquotes its own output).
    (Money("12345678.90", "CHF"), "de_CH", f"CHF{NBSP}12'345'678.90"),
    (Money("-1234567.5", "CHF"), "fr_CH", f"-1'234'567,50{NBSP}CHF"),
    (Money("1234567.89", "USD"), "en_US_POSIX", f"${NBSP}1234567.89"),
    (Money("1234.56", "SEK"), "sv_SE", f"1{NBSP}234,56{NBSP}kr"),
    (Money("1234.56", "GBP"), "en_GB", "£1,234.56"),
    (Money("1234.56", "CAD"), "en_US", "CA$1,234.56"),
    (Money("1.5", "KWD"), "en_US", "KWD1.500"),
    # CLDR shows IQD with 0 decimals (ISO: 3); a non-zero decimal is never hidden.
    (Money("1234", "IQD"), "de_DE", f"1.234{NBSP}IQD"),
    (Money("1234.250", "IQD"), "de_DE", f"1.234,25{NBSP}IQD"),
    (Money("0.125", "EUR"), "de_DE", f"0,125{NBSP}€"),
]


@pytest.mark.parametrize(("money", "locale", "text"), FORMATTED)
def test_format_exactly_as_cldr(money: Money, locale: str, text: str) -> None:
    assert format_money(money, locale) == text


@pytest.mark.parametrize(("money", "locale", "text"), FORMATTED)
def test_parse_reads_what_format_writes(money: Money, locale: str, text: str) -> None:
    assert parse_money(text, locale) == money
    typed = text.replace(NBSP, " ").replace(NNBSP, " ")
    assert parse_money(typed, locale) == money


@pytest.mark.parametrize(
    ("text", "locale", "currency", "expected"),
    [
        ("€ 1.234,56", "nl_NL", None, Money("1234.56", "EUR")),
        ("1 234,56 €", "fr_FR", None, Money("1234.56", "EUR")),
        ("EUR 12,50", "de_DE", None, Money("12.50", "EUR")),
        ("12,50 eur", "de_DE", None, Money("12.50", "EUR")),
        ("¥1,235", "ja_JP", None, Money("1235", "JPY")),
        ("1234,5", "de_DE", "EUR", Money("1234.5", "EUR")),
        ("\u221212,50 €", "de_DE", None, Money("-12.50", "EUR")),
        ("$5.00", "en_CA", None, Money("5.00", "CAD")),
        ("US$5.00", "en_CA", None, Money("5.00", "USD")),
        ("$5.00", "en_US", "USD", Money("5.00", "USD")),
        ("\u200f1,234.50\u00a0ج.م.\u200f", "ar_EG", None, Money("1234.50", "EGP")),
        # Groups as the locale's plain-number pattern writes them, or none at all.
        ("₹ 1,00,000.00", "ta", None, Money("100000.00", "INR")),
        ("₹100000", "en_IN", None, Money("100000", "INR")),
        ("CHF 12345678.90", "de_CH", None, Money("12345678.90", "CHF")),
        ("CHF 12\u2019345\u2019678.90", "de_CH", None, Money("12345678.90", "CHF")),
    ],
)
def test_parse_what_people_type(
    text: str, locale: str, currency: str | None, expected: Money
) -> None:
    parsed = parse_money(text, locale, currency)
    assert parsed == expected
    assert parsed.currency == expected.currency


@pytest.mark.parametrize(
    ("text", "locale", "currency", "reason"),
    [
        ("1.234,56 €", "en_US", None, "is not a number in en_US"),
        ("1,2,3 €", "de_DE", None, "is not a number"),
        ("12.50", "en_US", None, "names no currency"),
        ("€ 12,50", "de_DE", "USD", "currency='USD' was given"),
        ("12,50 Taler", "de_DE", None, "not a currency symbol or ISO code"),
        ("€ 12,50 EUR", "de_DE", None, "both sides"),
        ("--12,50 €", "de_DE", None, "more than one minus"),
        ("(12.50 $)", "en_US", None, "parentheses"),
        ("€", "de_DE", None, "no number"),
        ("", "de_DE", None, "no number"),
        # CLDR writes XAF as "FCFA" and XOF as "F CFA"; people write "FCFA" for both.
        ("12 FCFA", "fr_FR", None, "several currencies"),
        ("12 F CFA", "fr_FR", None, "several currencies"),
        # Albanian writes XCG as "ANG", the ISO code of the guilder XCG replaced.
        ("0,50 ANG", "sq", None, "several currencies"),
        # Digit groups that do not fit the locale: the text may hold a typo, or a
        # decimal mark written as a group mark; either way, reading it is a guess.
        ("1,000,00.00", "en_US", "USD", "not the ones en_US uses"),
        ("₹100,000.00", "en_IN", None, "not the ones en_IN uses"),
        ("₹1,00,000.00", "en_US", "INR", "not the ones en_US uses"),
        ("$ 1,234.56", "en_US_POSIX", None, "not the ones en_US_POSIX uses"),
        ("0,125 $", "en_US", None, "starts with 0 and then the group mark"),
        ("1.234.5 €", "de_DE", None, "not the ones de_DE uses"),
        ("12a34 €", "de_DE", None, "'a' is neither a digit nor one of its marks"),
        # format_money writes 0-9 in every locale; other digits are refused, not read.
        ("\u0661\u0662\u0663 ج.م.", "ar_EG", None, "digits other than 0-9"),
        ("₹\u0967,\u0966\u0966,\u0966\u0966\u0966", "hi_IN", None, "digits other than 0-9"),
    ],
)
def test_parse_refuses_to_guess(
    text: str, locale: str, currency: str | None, reason: str
) -> None:
    with pytest.raises(MoneyParseError, match=reason):
        parse_money(text, locale, currency)


def test_symbols_as_people_type_them() -> None:
    assert parse_money("kr 12,50", "da_DK") == Money("12.50", "DKK")  # CLDR: "kr."
    assert parse_money("12 F CFA", "fr_FR", currency="XOF") == Money("12", "XOF")
    assert parse_money("12 FCFA", "fr_FR", currency="XAF") == Money("12", "XAF")
    assert parse_money("0,50 ANG", "sq", currency="XCG").currency.code == "XCG"
    assert parse_money("0,50 ANG", "sq", currency="ANG").currency.code == "ANG"


def test_refusal_says_how_to_write_the_number() -> None:
    with pytest.raises(MoneyParseError) as refused:
        parse_money("₹100,000.00", "en_IN")
    assert refused.value.reason.endswith("write it as 12,34,567.89, or with no group marks")
    with pytest.raises(MoneyParseError) as refused:
        parse_money("1'234'56 CHF", "de_CH")
    assert "write it as 1'234'567.89" in refused.value.reason


def test_bad_arguments() -> None:
    with pytest.raises(UnknownLocaleError, match="not a locale CLDR knows"):
        format_money(Money("1", "EUR"), "xx_YY")
    with pytest.raises(UnknownLocaleError):
        parse_money("€ 1", "xx_YY")
    with pytest.raises(UnknownLocaleError):
        format_money(Money("1", "EUR"), None)  # type: ignore[arg-type]
    with pytest.raises(UnknownCurrencyError):
        parse_money("1,00", "de_DE", currency="ABC")
    with pytest.raises(InvalidAmountError, match="is not money"):
        format_money(1.5, "de_DE")  # type: ignore[arg-type]
    with pytest.raises(MoneyParseError, match="must be a str"):
        parse_money(12.5, "de_DE")  # type: ignore[arg-type]
