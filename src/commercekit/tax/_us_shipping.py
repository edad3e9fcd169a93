"""Whether a US state taxes shipping charged apart from the goods.

Where the invoice states the delivery charge apart from the goods' price (as the
checkout quote does), some states tax it with the goods (Texas, New York …), some do
not (Virginia, Massachusetts …), and some only under conditions one invoice does not
show (California: delivery by common carrier up to its actual cost; Colorado, Florida,
Illinois: only where the buyer could have collected the goods itself). One dated row
per state and period in ``_data/us_shipping.csv``, with the rule's statute or
regulation in its note.

Examples:
    >>> from datetime import date
    >>> us_shipping("US-TX", on=date(2026, 6, 1)).separately_stated.value
    'taxable'
    >>> us_shipping("US-MI", on=date(2023, 4, 25)).separately_stated.value
    'taxable'
    >>> us_shipping("US-MI", on=date(2023, 4, 26)).separately_stated.value
    'exempt'

Handling, where the state's rule is bundled: Virginia exempts separately stated
transportation but not handling (23VAC10-210-6000 B); a state whose sources read say
nothing of it answers ``None``:

    >>> va = us_shipping("US-VA", on=date(2026, 6, 1))
    >>> va.separately_stated.value, va.handling.value, va.combined
    ('exempt', 'taxable', None)
"""

from __future__ import annotations

import enum
import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import NoRuleError
from commercekit.regions import check_day, check_subdivision
from commercekit.tax import _checks
from commercekit.tax._us_states import us_state

__all__ = ["ShippingTaxability", "UsShipping", "us_shipping"]


class ShippingTaxability(enum.StrEnum):
    """How a state treats shipping stated apart from the goods."""

    TAXABLE = "taxable"
    """Taxed with the goods, at their rates."""
    EXEMPT = "exempt"
    """Not taxed."""
    CONDITIONAL = "conditional"
    """It depends on facts the invoice does not show (said in the note)."""


def _state(value: object) -> str:
    return check_subdivision("US", value)


def _taxability(value: object) -> ShippingTaxability:
    return _checks.choice(value, ShippingTaxability, "separately_stated")


def _handling(value: object) -> ShippingTaxability | None:
    return None if value is None else _checks.choice(value, ShippingTaxability, "handling")


def _combined(value: object) -> ShippingTaxability | None:
    return None if value is None else _checks.choice(value, ShippingTaxability, "combined")


@named_at_the_door
@attrs.frozen
class UsShipping(_bundled.Sourced):
    """One state's treatment of separately stated shipping in one period.

    ``handling`` is the treatment of a handling charge stated apart, ``combined`` of
    one charge for shipping and handling together; ``None`` where it is not bundled.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    state: str = attrs.field(converter=_state)
    separately_stated: ShippingTaxability = attrs.field(converter=_taxability)
    since: date = attrs.field(validator=_checks.valid_day)
    until: date | None = attrs.field(validator=_checks.valid_optional_day)
    sources: tuple[str, ...] = attrs.field(converter=_bundled.source_list)
    note: str = attrs.field(default="", validator=_checks.valid_note)
    handling: ShippingTaxability | None = attrs.field(default=None, converter=_handling)
    combined: ShippingTaxability | None = attrs.field(default=None, converter=_combined)

    def covers(self, on: date) -> bool:
        """Whether the row is in force on ``on``."""
        day = _checks.day(on, "on")
        return self.since <= day and (self.until is None or day <= self.until)

    def explain(self) -> str:
        """The rule in one sentence, with its source."""
        said = {"handling stated apart": self.handling, "combined": self.combined}
        more = "".join(
            f"; {name}: {'not bundled' if found is None else found.value}"
            for name, found in said.items()
        )
        return (
            f"shipping stated apart from the goods in {self.state} is "
            f"{self.separately_stated.value}{more}: {self.note} [{self.source}]"
        )


_COLUMNS = (
    "state", "separately_stated", "since", "until", "source", "note", "handling", "combined"
)  # fmt: skip


def _optional_cell(line: _bundled.Line, column: str) -> ShippingTaxability | None:
    return line.choice(column, ShippingTaxability) if line.raw(column) else None


@functools.cache
def _read() -> dict[str, tuple[UsShipping, ...]]:
    """Each state's periods, read on first use."""
    lines = _bundled.read("commercekit.tax", "us_shipping.csv", columns=_COLUMNS)
    rows = [
        (
            line,
            line.build(
                UsShipping,
                state=line.text("state"),
                separately_stated=line.choice("separately_stated", ShippingTaxability),
                since=line.day("since"),
                until=line.optional_day("until"),
                sources=line.sources(),
                note=line.raw("note"),
                handling=_optional_cell(line, "handling"),
                combined=_optional_cell(line, "combined"),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row.state, row.since, row.until) for line, row in rows)
    found: dict[str, list[UsShipping]] = {}
    for _, row in rows:
        found.setdefault(row.state, []).append(row)
    return {state: tuple(rows) for state, rows in found.items()}


@context_free
def us_shipping(state: str, *, on: date) -> UsShipping:
    """How ``state`` (``US-TX``) treats shipping stated apart from the goods on ``on``.

    Raises [`NoRuleError`][commercekit.errors.NoRuleError] for a state without a sales
    tax, or a day no row covers, and
    [`UnknownCountryError`][commercekit.errors.UnknownCountryError] for a code that is
    no US state.
    """
    code, day = us_state(state).state, check_day(on)
    periods = _read().get(code, ())
    for row in periods:
        if row.covers(day):
            return row
    covered = f"{periods[0].since} onwards" if periods else "no day: it levies no sales tax"
    raise NoRuleError(f"{code}'s taxability of shipping", day, covered)
