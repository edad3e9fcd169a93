"""The US states' sales-tax facts beside their rates: is a sales tax levied at all, do
local (county, city, district) sales taxes exist, and since when must a marketplace
facilitator collect the tax on the sales it facilitates.

Each state's own rates are a rate table like any other (``_data/rates/US-CA.csv``: the
state-level rate and the categories the state treats apart, such as groceries); these
facts are one row per state in ``_data/us_states.csv``, with the sources and the
checking said in its comments.

Local rates are not bundled: they change monthly in thousands of places, and a quote
asks them of a [`TaxRateSource`][commercekit.tax.TaxRateSource] whose
``rates_for("US-CA", category, on=day)`` answers every tax at the buyer's address, the
state's and each local one (see ``docs/selling-to-us-and-india.md``).

Examples:
    >>> from datetime import date
    >>> california = us_state("US-CA")
    >>> california.local_taxes, california.facilitator_since
    (True, datetime.date(2019, 10, 1))
    >>> us_state("US-OR").sales_tax
    False
    >>> us_state("US-XX")
    Traceback (most recent call last):
    ...
    commercekit.errors.UnknownCountryError: 'US-XX' is not an ISO 3166-2 subdivision ...
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import UnknownCountryError
from commercekit.regions import check_subdivision
from commercekit.tax import _checks

__all__ = ["UsState", "no_sales_tax", "us_state"]


def _state(value: object) -> str:
    return check_subdivision("US", value)


@named_at_the_door
@attrs.frozen
class UsState(_bundled.Sourced):
    """One state's (or DC's) sales-tax facts.

    ``sales_tax`` is False where no sales tax is levied at all (Delaware, Montana, New
    Hampshire, Oregon); ``local_taxes`` True where county, city or district sales
    taxes exist somewhere in the state (Alaska has local ones and no state one), so
    that a quote needs the address's local rates; ``facilitator_since`` the first day
    a marketplace facilitator collects the tax on the sales it facilitates (None where
    there is no sales tax). ``sources`` lists the state's revenue department first.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str = attrs.field(converter=_state)
    name: str = attrs.field(validator=_checks.valid_text)
    sales_tax: bool = attrs.field(validator=_checks.valid_flag)
    local_taxes: bool = attrs.field(validator=_checks.valid_flag)
    facilitator_since: date | None = attrs.field(validator=_checks.valid_optional_day)
    sources: tuple[str, ...] = attrs.field(converter=_bundled.source_list)
    note: str = attrs.field(default="", validator=_checks.valid_note)

    def facilitator_law(self, on: date) -> bool:
        """Whether a marketplace facilitator collects here on ``on``."""
        day = _checks.day(on, "on")
        return self.facilitator_since is not None and self.facilitator_since <= day


_COLUMNS = (
    "state",
    "name",
    "sales_tax",
    "local_taxes",
    "facilitator_since",
    "source",
    "note",
)


@functools.cache
def _read() -> dict[str, UsState]:
    """The table, read the first time a rule asks for it (a quote to Germany never)."""
    lines = _bundled.read("commercekit.tax", "us_states.csv", columns=_COLUMNS)
    return {
        line.raw("state"): line.build(
            UsState,
            state=line.text("state"),
            name=line.text("name"),
            sales_tax=line.flag("sales_tax"),
            local_taxes=line.flag("local_taxes"),
            facilitator_since=line.optional_day("facilitator_since"),
            sources=line.sources(),
            note=line.raw("note"),
        )
        for line in lines
    }


@functools.cache
def no_sales_tax() -> frozenset[str]:
    """The states where no sales tax is levied at all (``US-DE``, ``US-MT`` …)."""
    return frozenset(code for code, state in _read().items() if not state.sales_tax)


@context_free
def us_state(state: str) -> UsState:
    """The sales-tax facts of ``state`` (``US-CA``; DC is ``US-DC``).

    Raises [`UnknownCountryError`][commercekit.errors.UnknownCountryError] for a code
    that is no US state (``US-XX``, ``CA-ON``), and for an outlying area (``US-PR``,
    ``US-GU``), whose taxes are not state sales taxes and are not bundled.
    """
    code = _state(state)
    found = _read().get(code)
    if found is None:
        raise UnknownCountryError(
            state,
            "is a US outlying area, not a state: its taxes (Puerto Rico's sales and "
            "use tax, Guam's gross receipts tax …) are not bundled; give a state's code "
            "such as 'US-CA', or 'US-DC'",
        )
    return found
