"""Hypothesis strategies for commercekit's property tests, all in one module.

Amounts are built from integers of minor units (and a chosen number of extra decimals),
never from floats, so every drawn value is an exact ``Decimal`` and shrinks towards
small, readable cases: zero, one minor unit, EUR.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from commercekit.money import Money
from commercekit.money._currency import MINOR_UNITS
from commercekit.tax import RateKind, TaxCategory, TaxLine, TaxRate

__all__ = [
    "BIG_UNITS",
    "LOCALES",
    "REPRESENTATIVE_CURRENCIES",
    "any_amounts",
    "currencies",
    "currency_pairs",
    "exact_amounts",
    "locale_currencies",
    "locales",
    "localized_money",
    "long_amounts",
    "minor_unit_amounts",
    "money",
    "money_lists",
    "multipliers",
    "ratio_lists",
    "ratios",
    "shown_amounts",
    "tax_lines",
    "tax_rates",
    "varied_currencies",
]

BIG_UNITS = 10**12
"""The largest count of minor units drawn: EUR 10 000 000 000.00, JPY 10**12."""

REPRESENTATIVE_CURRENCIES = ("EUR", "JPY", "KWD", "CLF")
"""One currency for each ISO 4217 minor unit in use: 2, 0, 3 and 4 decimals."""

_CODES = tuple(sorted(MINOR_UNITS))
_CODES_BY_DECIMALS = {
    decimals: tuple(code for code in _CODES if MINOR_UNITS[code] == decimals)
    for decimals in sorted(set(MINOR_UNITS.values()))
}

# Real CLDR locales chosen for their different separators and symbol placement, each
# with the currency of its territory (the one a shop there most often shows):
# "." or "," or "'" as decimal or group mark, no-break and narrow no-break spaces,
# Indian lakh grouping, symbols before or after, right-to-left marks.
LOCALES: dict[str, str] = {
    "nl_NL": "EUR",
    "fr_FR": "EUR",
    "de_DE": "EUR",
    "de_CH": "CHF",
    "fr_CH": "CHF",
    "it_CH": "CHF",
    "de_AT": "EUR",
    "ja_JP": "JPY",
    "en_US": "USD",
    "en_GB": "GBP",
    "en_IN": "INR",
    "hi_IN": "INR",
    "en_CA": "CAD",
    "fr_CA": "CAD",
    "en_AU": "AUD",
    "en_ZA": "ZAR",
    "sv_SE": "SEK",
    "nb_NO": "NOK",
    "da_DK": "DKK",
    "fi_FI": "EUR",
    "pl_PL": "PLN",
    "cs_CZ": "CZK",
    "hu_HU": "HUF",
    "lt_LT": "EUR",
    "bg_BG": "EUR",
    "pt_BR": "BRL",
    "pt_PT": "EUR",
    "es_ES": "EUR",
    "es_MX": "MXN",
    "it_IT": "EUR",
    "ar_EG": "EGP",
    "he_IL": "ILS",
    "ko_KR": "KRW",
    "zh_CN": "CNY",
    "ru_RU": "RUB",
    "tr_TR": "TRY",
    "id_ID": "IDR",
    "vi_VN": "VND",
}


def _decimal(digits: int, exponent: int) -> Decimal:
    """``digits`` * 10**``exponent``, exactly (``scaleb`` would round to the context)."""
    return Decimal(f"{digits}E{exponent}")


def currencies() -> st.SearchStrategy[str]:
    """Any ISO 4217 code amounts can be kept in (a key of ``MINOR_UNITS``)."""
    return st.sampled_from(_CODES)


def varied_currencies() -> st.SearchStrategy[str]:
    """A currency with 0, 2, 3 or 4 decimals, each minor unit about equally likely."""
    by_decimals = st.sampled_from(sorted(_CODES_BY_DECIMALS)).flatmap(
        lambda decimals: st.sampled_from(_CODES_BY_DECIMALS[decimals])
    )
    return st.one_of(st.sampled_from(REPRESENTATIVE_CURRENCIES), by_decimals)


def currency_pairs() -> st.SearchStrategy[tuple[str, str]]:
    """Two different currency codes."""
    return st.tuples(varied_currencies(), currencies()).filter(
        lambda pair: len(set(pair)) == 2
    )


def _units(limit: int = BIG_UNITS) -> st.SearchStrategy[int]:
    """A count of minor units, negative, zero or positive, small ones drawn often."""
    return st.one_of(st.integers(-1000, 1000), st.integers(-limit, limit))


def minor_unit_amounts(code: str, *, limit: int = BIG_UNITS) -> st.SearchStrategy[Decimal]:
    """An amount in whole minor units of ``code``, with exactly its decimals."""
    exponent = MINOR_UNITS[code]
    return _units(limit).map(lambda units: _decimal(units, -exponent))


def exact_amounts(
    code: str, *, max_extra: int = 20, limit: int = BIG_UNITS
) -> st.SearchStrategy[Decimal]:
    """An amount with 1 to ``max_extra`` more decimals than ``code`` has."""
    exponent = MINOR_UNITS[code]
    return st.integers(1, max_extra).flatmap(
        lambda extra: st.integers(-limit * 10**extra, limit * 10**extra).map(
            lambda digits: _decimal(digits, -(exponent + extra))
        )
    )


def any_amounts(code: str, *, max_extra: int = 20) -> st.SearchStrategy[Decimal]:
    """An amount in whole minor units of ``code`` or with extra decimals."""
    return st.one_of(minor_unit_amounts(code), exact_amounts(code, max_extra=max_extra))


def shown_amounts(code: str) -> st.SearchStrategy[Decimal]:
    """An amount a price tag or invoice might show: whole minor units or up to 6 more."""
    return any_amounts(code, max_extra=6)


def long_amounts(code: str) -> st.SearchStrategy[Decimal]:
    """An amount with 25 to 40 significant digits (more than the default context's 28)
    below 10^18, the top of the library's range."""

    def digits_of(length: int) -> st.SearchStrategy[Decimal]:
        return st.builds(
            lambda digits, sign, extra: _decimal(
                sign * digits, -(MINOR_UNITS[code] + extra)
            ),
            st.integers(10 ** (length - 1), 10**length - 1),
            st.sampled_from((1, -1)),
            # at least length - 18 decimals keeps it below 10^18, the library's range
            st.integers(max(0, length - 18), length - 1),
        )

    return st.integers(25, 40).flatmap(digits_of)


def money(
    codes: st.SearchStrategy[str] | None = None,
    amounts: Callable[[str], st.SearchStrategy[Decimal]] = minor_unit_amounts,
) -> st.SearchStrategy[Money]:
    """A ``Money`` in a drawn currency (varied by default), its amount from ``amounts``."""
    codes = varied_currencies() if codes is None else codes
    return codes.flatmap(lambda code: amounts(code).map(lambda amount: Money(amount, code)))


def ratios() -> st.SearchStrategy[Decimal | int]:
    """A non-negative ratio: zero, an int, or a Decimal with up to 6 decimals."""
    return st.one_of(
        st.just(0),
        st.integers(0, 10**6),
        st.builds(
            lambda digits, decimals: _decimal(digits, -decimals),
            st.integers(0, 10**8),
            st.integers(0, 6),
        ),
    )


@st.composite
def ratio_lists(
    draw: st.DrawFn,
    elements: st.SearchStrategy[Decimal | int] | None = None,
    *,
    max_size: int = 12,
) -> list[Decimal | int]:
    """A list of non-negative ratios of which at least one is positive."""
    elements = ratios() if elements is None else elements
    drawn = draw(st.lists(elements, min_size=1, max_size=max_size))
    if not any(drawn):
        drawn[draw(st.integers(0, len(drawn) - 1))] = draw(st.integers(1, 10**6))
    return drawn


def multipliers() -> st.SearchStrategy[Decimal]:
    """A Decimal factor, possibly negative, with up to 8 decimals and 12 digits."""
    return st.builds(
        lambda digits, decimals: _decimal(digits, -decimals),
        st.integers(-(10**12), 10**12),
        st.integers(0, 8),
    )


def locales() -> st.SearchStrategy[str]:
    """A real CLDR locale identifier from ``LOCALES``."""
    return st.sampled_from(sorted(LOCALES))


@st.composite
def locale_currencies(draw: st.DrawFn) -> tuple[str, str]:
    """A locale with a currency: its own, a 0/2/3/4-decimal one, or any ISO code."""
    locale = draw(locales())
    code = draw(st.one_of(st.just(LOCALES[locale]), varied_currencies(), currencies()))
    return locale, code


@st.composite
def money_lists(
    draw: st.DrawFn,
    amounts: Callable[[str], st.SearchStrategy[Decimal]] = any_amounts,
    *,
    min_size: int = 0,
    max_size: int = 8,
) -> tuple[str, list[Money]]:
    """A currency code and a list of ``Money`` all in that currency."""
    code = draw(varied_currencies())
    items = draw(st.lists(amounts(code), min_size=min_size, max_size=max_size))
    return code, [Money(amount, code) for amount in items]


@st.composite
def localized_money(
    draw: st.DrawFn, amounts: Callable[[str], st.SearchStrategy[Decimal]] = shown_amounts
) -> tuple[str, Money]:
    """A locale and a ``Money`` to show in it (its own currency, a varied or any one)."""
    locale, code = draw(locale_currencies())
    return locale, Money(draw(amounts(code)), code)


def _rate_percent() -> st.SearchStrategy[Decimal]:
    """A tax rate in percent as laws write them: 0 to 30, up to three decimals."""
    return st.integers(min_value=0, max_value=30_000).map(lambda n: Decimal(n).scaleb(-3))


def tax_rates() -> st.SearchStrategy[tuple[TaxRate, ...]]:
    """One or two taxes (VAT alone, or GST and a provincial tax) with drawn rates."""
    return st.lists(_rate_percent(), min_size=1, max_size=2).map(
        lambda percents: tuple(
            TaxRate(
                jurisdiction="CA-BC",  # a real code: unknown ones are refused
                tax=f"T{index}",
                category=TaxCategory.STANDARD,
                applies_as=TaxCategory.STANDARD,
                rate=percent,
                kind=RateKind.STANDARD,
                since=date(2024, 1, 1),
                until=None,
                source="https://example.invalid/drawn-by-hypothesis",
            )
            for index, percent in enumerate(percents)
        )
    )


@st.composite
def tax_lines(draw: st.DrawFn, code: str = "EUR") -> TaxLine:
    """A cart line: a non-negative price, a quantity 0-20, drawn rates, maybe a discount."""
    price = Money(draw(minor_unit_amounts(code, limit=10**7).map(abs)), code)
    quantity = draw(st.integers(min_value=0, max_value=20))
    rates = draw(tax_rates())
    line_total = price * quantity
    discount = None
    if draw(st.booleans()) and line_total.amount > 0:
        units = draw(st.integers(min_value=0, max_value=int(line_total.amount * 100)))
        discount = Money(Decimal(units).scaleb(-2), code)
    return TaxLine(price, quantity, rates, discount=discount)
