"""The EU right of withdrawal: the last day a consumer may withdraw from a distance sale.

A consumer who buys goods at a distance in the EU or EEA may withdraw within 14 days,
without giving a reason. The period starts the day after they (or a third party they
named, not the carrier) acquire physical possession of the goods; the day of delivery
itself does not count. If the 14th day is a public holiday, a Saturday or a Sunday, the
period ends at the end of the next working day, by the consumer's own calendar.

References:
    * Directive 2011/83/EU on consumer rights, Art. 9 (the 14-day period), Art. 11(2)
      (withdrawing in time), Art. 28(2) (from when it applies):
      https://eur-lex.europa.eu/eli/dir/2011/83/oj
    * Regulation (EEC, Euratom) No 1182/71 determining the rules applicable to periods,
      dates and time limits, Art. 3: https://eur-lex.europa.eu/eli/reg/1971/1182/oj
    * EEA Agreement, Annex XIX, as amended by EEA Joint Committee Decision No 181/2015
      (the Directive in Iceland, Liechtenstein and Norway).

Examples:
    >>> withdrawal_deadline(date(2026, 11, 26), country="NL")
    datetime.date(2026, 12, 10)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from commercekit._numbers import context_free
from commercekit.checkout._checks import optional_label
from commercekit.errors import InvalidAmountError, NoRuleError
from commercekit.regions import check_country, first_working_day, is_eu_member

__all__ = ["withdrawal_deadline"]


# Directive 2011/83/EU applies in the EEA: the EU member states and these three
# (EEA Agreement, Annex XIX, as amended by EEA Joint Committee Decision No 181/2015).
_EEA_NOT_EU = frozenset({"IS", "LI", "NO"})

_DIRECTIVE_APPLIES = date(2014, 6, 13)
"""The day from which Directive 2011/83/EU applies (Art. 28(2)): a delivery before it
belongs to a contract under the earlier Distance Selling Directive 97/7/EC."""

_LAST_DELIVERY = date(9999, 11, 30)
"""The last delivery whose deadline (14 days, then the next working day) still falls
within the calendar ``datetime.date`` can hold."""


@context_free
def withdrawal_deadline(
    delivered_on: date, *, country: str, subdivision: str | None = None
) -> date:
    """The last day a consumer may withdraw from a distance sale of goods.

    The withdrawal period is 14 days and, for a sale of goods, starts the day after the
    consumer (or a third party they named, not the carrier) acquires physical
    possession of the goods; for several goods delivered separately, of the last one
    (Directive 2011/83/EU, Art. 9(1) and 9(2)(b); the day of delivery itself does not
    count, Regulation 1182/71 Art. 3(1)). If the 14th day is a public holiday, a
    Saturday or a Sunday, the period ends at the end of the following working day
    (Regulation (EEC, Euratom) No 1182/71, Art. 3(4)). Public holidays are those of
    the consumer's ``country`` (and ``subdivision``, where holidays differ by region),
    from the ``holidays`` library.

    The consumer has withdrawn in time if they send their statement before the end of
    the returned day (Art. 11(2)).

    The Directive applies to contracts concluded after 13 June 2014 (Art. 28(2)); an
    earlier delivery, whose contract fell under Directive 97/7/EC, has no rule here.

    Examples:
        >>> withdrawal_deadline(date(2026, 11, 26), country="NL")  # 14th day a Thursday
        datetime.date(2026, 12, 10)
        >>> withdrawal_deadline(date(2026, 11, 28), country="NL")  # Sat. -> Monday
        datetime.date(2026, 12, 14)
        >>> # Fri. 25 Dec. is Christmas, Sat. 26 Boxing Day, then Sunday: Monday 28 Dec.
        >>> withdrawal_deadline(date(2026, 12, 11), country="NL")
        datetime.date(2026, 12, 28)
        >>> # 4 June 2026 is Corpus Christi in Bavaria, not in Berlin
        >>> withdrawal_deadline(date(2026, 5, 21), country="DE", subdivision="BY")
        datetime.date(2026, 6, 5)
        >>> withdrawal_deadline(date(2026, 5, 21), country="DE", subdivision="BE")
        datetime.date(2026, 6, 4)
        >>> withdrawal_deadline(date(2026, 11, 26), country="US")
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for the EU right of withdrawal in US on ...
        >>> withdrawal_deadline(date(2014, 6, 1), country="NL")
        Traceback (most recent call last):
        ...
        commercekit.errors.NoRuleError: no rule for the EU right of withdrawal in NL ...
    """
    if isinstance(delivered_on, datetime) or not isinstance(delivered_on, date):
        raise InvalidAmountError(
            delivered_on,
            "is not a date; pass the day of delivery as a datetime.date (a datetime "
            "would leave open in which time zone the day is counted)",
        )
    code = check_country(country)
    region = optional_label(subdivision, "subdivision")
    _check_covered(delivered_on, code)
    return first_working_day(delivered_on + timedelta(days=14), code, subdivision=region)


def _check_covered(delivered_on: date, code: str) -> None:
    """Refuses a delivery the Directive does not cover (by date or by country)."""
    if not _DIRECTIVE_APPLIES <= delivered_on <= _LAST_DELIVERY:
        raise NoRuleError(
            f"the EU right of withdrawal in {code}",
            delivered_on,
            f"deliveries from {_DIRECTIVE_APPLIES.isoformat()} (Directive 2011/83/EU "
            f"applies to contracts concluded after 13 June 2014, Art. 28(2)) to "
            f"{_LAST_DELIVERY.isoformat()} (the calendar ends on 9999-12-31)",
        )
    if code not in _EEA_NOT_EU and not is_eu_member(code, on=delivered_on):
        raise NoRuleError(
            f"the EU right of withdrawal in {code}",
            delivered_on,
            "consumers in the EU and EEA member states (Directive 2011/83/EU)",
        )
