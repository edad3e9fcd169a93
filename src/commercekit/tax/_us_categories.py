"""Why a US state's bundled table answers no rate for a category: the fact it lacks.

Each state's table (``_data/rates/US-*.csv``) answers the categories whose everyday
treatment was sourced (the general rate, an exemption, a reduced rate); any other is
refused with [`MissingDataError`][commercekit.errors.MissingDataError]. Where a category
holds goods a state treats apart (medicines prescribed or not, soft drinks or water),
the refusal names the fact that would decide it; otherwise it says the state's rule is
not bundled. Read only when a rate is missing.

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import rates_for
    >>> rates_for("US-CA", "medicines", on=date(2026, 6, 1))
    Traceback (most recent call last):
    ...
    commercekit.errors.MissingDataError: missing US-CA sales tax treatment of medicines ...
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NoReturn

from commercekit.errors import MissingDataError
from commercekit.tax._categories import TaxCategory
from commercekit.tax._rates import BUNDLED
from commercekit.tax._us_holidays import refuse_without_rule

__all__ = ["refuse_category"]

_FTA = (
    "Federation of Tax Administrators, 'State Sales Tax Rates and Food & Drug "
    "Exemptions', as of 2023-01-01"
)

# The fact the category leaves open, and why (what the states' laws tell apart).
_UNDECIDED: dict[TaxCategory, tuple[str, str]] = {
    TaxCategory.MEDICINES: (
        "whether each item is sold on a prescription",
        (
            "every state with a sales tax exempts prescription medicines (Illinois: 1%) "
            f"and most tax those sold without one at the general rate ({_FTA}); give a "
            "prescribed medicine the category 'prescription_drugs' and an "
            "over-the-counter one 'over_the_counter_drugs' (a state that exempts both "
            "has a 'medicines' row)"
        ),
    ),
    TaxCategory.NON_ALCOHOLIC_DRINKS: (
        "which kind of drink each item is",
        (
            "many states that exempt food tax soft drinks (some also bottled water, or "
            "fruit drinks under a share of juice), each by its own definition, and the "
            "category holds them all; give a sweetened one 'soft_drinks' (answered "
            "where the state's rule was read), another the state's food rule covers "
            "'food' and a taxed one 'standard'"
        ),
    ),
    TaxCategory.MEDICAL_DEVICES: (
        "which device each item is and whether it is prescribed",
        (
            "states exempt some (prosthetic devices, mobility aids, durable medical "
            "equipment on a prescription), each by its own list, and tax others at the "
            "general rate"
        ),
    ),
}


def refuse_category(code: str, asked: TaxCategory, day: date) -> NoReturn:
    """Raise ``MissingDataError`` for ``asked`` in the US state ``code`` on ``day``:
    the holiday it falls in, by name, or the fact the category leaves open, or that
    the state's rule for it is not bundled."""
    refuse_without_rule(code, asked, day)  # a holiday no rule can hold, by name
    rows = BUNDLED.rows[code]
    # the state's own tax: Hawaii's GET, New Mexico's GRT, Arizona's TPT (not sales taxes)
    tax = next(row.tax for row in rows if row.category is TaxCategory.STANDARD)
    what = f"{code} {tax} treatment of {asked}"
    spans = [(row.since, row.until) for row in rows if row.category is asked]
    since = [start for start, _ in spans]
    undecided = _UNDECIDED.get(asked)
    if undecided is not None and not since:
        fact, why = undecided
        raise MissingDataError(
            f"{what} ({fact})",
            f"{why}; or pass a TaxRateSource that answers for this category",
            json_how=why,
        )
    why = (
        f"each state decides what it taxes, and commercekit bundles {code}'s general "
        "rate and the categories its table lists only (the everyday treatment of "
        f"{asked} here {_bundled_from(code, spans, day)})"
    )
    raise MissingDataError(
        what,
        f"{why}; pass a TaxRateSource that answers for this category, or a category "
        "that has rows",
        json_how=f"{why}; give a category that has rows (a JSON request carries no "
        "rates of its own)",
    )


def _bundled_from(code: str, spans: list[tuple[date, date | None]], day: date) -> str:
    """Whether the state's table has rows for the category, from when, and where the
    day falls between two of them (a gap the table's notes explain: New Mexico's
    holiday days of 2026, not read)."""
    if not spans:
        return "was not sourced"
    ended = [until for _, until in spans if until is not None and until < day]
    resumes = [since for since, _ in spans if since > day]
    if not ended:
        return f"has rows from {min(since for since, _ in spans)}, none for this day"
    last = max(ended)
    after = f" and from {min(resumes)}" if resumes else ""
    to = f" to {min(resumes) - timedelta(days=1)}" if resumes else " on"
    return (
        f"has no row from {last + timedelta(days=1)}{to} (rows until {last}{after}; "
        f"tax/_data/rates/{code}.csv says why)"
    )
