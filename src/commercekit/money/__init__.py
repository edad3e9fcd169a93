"""The money core: exact amounts, currencies, rounding, allocation and formatting.

Everything else in commercekit stands on these rules:

* [`Money`][commercekit.money.Money] is an exact ``Decimal`` amount in an ISO 4217
  currency, and a ``moneyed.Money``; floats are refused.
  [`Money.from_moneyed`][commercekit.money.Money.from_moneyed] checks a plain
  py-moneyed amount into one, and ``to_moneyed`` gives one back.
* [`minor_units`][commercekit.money.minor_units] and
  [`cash_increment`][commercekit.money.cash_increment] say how finely amounts and cash
  payments are counted; [`round_money`][commercekit.money.round_money] and
  [`cash_round`][commercekit.money.cash_round] round to them with a named
  [`RoundingMode`][commercekit.money.RoundingMode] (a cash rule names its own: New
  Zealand rounds a total ending in 5 cents down).
* [`allocate`][commercekit.money.allocate] and [`split`][commercekit.money.split] share
  an amount without losing or inventing a minor unit;
  [`allocate_minor_units`][commercekit.money.allocate_minor_units] shares a count of
  minor units by the same rule.
* [`sum_money`][commercekit.money.sum_money] and
  [`percent_of`][commercekit.money.percent_of] are the sums people write badly by hand.
* [`RateTable`][commercekit.money.RateTable] and [`convert`][commercekit.money.convert]
  change currency at an explicit, dated rate, rounding once.
* The seams the rule packages build on: [`to_decimal`][commercekit.money.to_decimal]
  and [`require_money`][commercekit.money.require_money] check what comes in,
  [`make_money`][commercekit.money.make_money] builds results from checked amounts,
  [`round_ratio`][commercekit.money.round_ratio] rounds an exact fraction once,
  [`to_minor_units`][commercekit.money.to_minor_units] and
  [`from_minor_units`][commercekit.money.from_minor_units] count whole cents, and
  ``MINOR_UNITS`` and ``QUANTUM`` give each code's decimal places and step.
* [`format_money`][commercekit.money.format_money] and
  [`parse_money`][commercekit.money.parse_money] speak CLDR's local formats;
  [`measured`][commercekit.money.measured] writes a figure for an explanation: to the
  minor unit, unrounded only where a limit's comparison needs it.
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.money._allocation import allocate, allocate_minor_units, split
    from commercekit.money._amount import to_decimal
    from commercekit.money._arithmetic import percent_of, sum_money
    from commercekit.money._cash import (
        CashRounding,
        cash_increment,
        cash_round,
        cash_rounding,
    )
    from commercekit.money._currency import (
        MINOR_UNITS,
        QUANTUM,
        CurrencyInfo,
        currency_info,
        is_currency,
        minor_units,
        validate_currency,
    )
    from commercekit.money._exchange import (
        RateSource,
        RateTable,
        convert,
        convert_noted,
        convert_unrounded,
    )
    from commercekit.money._format import format_money, parse_money
    from commercekit.money._measured import MORE_PLACES, measured
    from commercekit.money._money import Money, make_money
    from commercekit.money._rounding import (
        DEFAULT_ROUNDING,
        RoundingMode,
        decimal_rounding,
        from_minor_units,
        require_money,
        round_money,
        round_ratio,
        to_minor_units,
    )
else:
    __getattr__, __dir__ = public_names(
        __name__,
        {
            "._allocation": "allocate allocate_minor_units split",
            "._amount": "to_decimal",
            "._arithmetic": "percent_of sum_money",
            "._cash": "CashRounding cash_increment cash_round cash_rounding",
            "._currency": (
                "MINOR_UNITS QUANTUM CurrencyInfo currency_info is_currency minor_units "
                "validate_currency"
            ),
            "._exchange": "RateSource RateTable convert convert_noted convert_unrounded",
            "._format": "format_money parse_money",
            "._measured": "MORE_PLACES measured",
            "._money": "Money make_money",
            "._rounding": (
                "DEFAULT_ROUNDING RoundingMode decimal_rounding from_minor_units "
                "require_money round_money round_ratio to_minor_units"
            ),
        },
    )

__all__ = [
    "DEFAULT_ROUNDING",
    "MINOR_UNITS",
    "MORE_PLACES",
    "QUANTUM",
    "CashRounding",
    "CurrencyInfo",
    "Money",
    "RateSource",
    "RateTable",
    "RoundingMode",
    "allocate",
    "allocate_minor_units",
    "cash_increment",
    "cash_round",
    "cash_rounding",
    "convert",
    "convert_noted",
    "convert_unrounded",
    "currency_info",
    "decimal_rounding",
    "format_money",
    "from_minor_units",
    "is_currency",
    "make_money",
    "measured",
    "minor_units",
    "parse_money",
    "percent_of",
    "require_money",
    "round_money",
    "round_ratio",
    "split",
    "sum_money",
    "to_decimal",
    "to_minor_units",
    "validate_currency",
]
