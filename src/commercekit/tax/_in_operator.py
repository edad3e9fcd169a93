"""India: services on which the e-commerce operator pays the GST (CGST Act s. 9(5)).

For a few services supplied through an electronic commerce operator, the tax is paid by
the operator, as if it were the supplier, not by the person who supplies them (CGST Act
2017 s. 9(5) for intra-State supplies, IGST Act 2017 s. 5(5) for inter-State ones, UTGST
Act s. 7(5)). The services are those notified by Notification 17/2017-Central Tax
(Rate) and its twins, as amended (``_data/in_operator.csv``, one dated row each):
passenger transport by radio-taxi, motorcab, maxicab or motor cycle (from 2017-07-01)
and by any other motor vehicle (from 2022-01-01); accommodation (from 2017-07-01) and
house-keeping (from 2017-08-22), unless the supplier is itself liable to register under
s. 22(1); restaurant service (from 2022-01-01), unless supplied by a restaurant at
specified premises (a hotel with a declared tariff of any unit above Rs. 7,500 a day).
Passenger transport by omnibus (a clause of its own, except where the supplier is a
company) is not bundled.

References:
    CBIC, GST Acts (CGST Act s. 9(5), IGST Act s. 5(5)): https://cbic-gst.gov.in/gst-acts.html
    CBIC, Central Tax (Rate) notifications (17/2017, 23/2017, 17/2021): https://cbic-gst.gov.in/central-tax-rate-notifications.html
"""

from __future__ import annotations

import functools
from datetime import date

import attrs

from commercekit import _bundled
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import MissingDataError, NoRuleError
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._sale import Rule
from commercekit.tax._services import OperatorService

__all__ = ["OperatorLiability", "operator_pays"]

ACTS = "https://cbic-gst.gov.in/gst-acts.html"
GST_BEGAN = date(2017, 7, 1)


@attrs.frozen
class _Row:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    service: OperatorService
    since: date
    until: date | None
    exception: str | None
    sources: tuple[str, ...]
    note: str


_EXCEPTIONS = {
    "supplier_liable_to_register": (
        "the supplier is liable to register under CGST Act s. 22(1)"
    ),
    "specified_premises": (
        "the restaurant is at specified premises (a hotel with a declared tariff of any "
        "unit above Rs. 7,500 a day)"
    ),
}


@functools.cache
def _rows() -> tuple[_Row, ...]:
    """The bundled rows, read on first use."""
    columns = ("service", "since", "until", "exception", "source", "note")
    lines = _bundled.read("commercekit.tax", "in_operator.csv", columns=columns)
    rows = [
        (
            line,
            _Row(
                OperatorService(line.text("service")),
                line.day("since"),
                line.optional_day("until"),
                line.optional_text("exception"),
                line.sources(),
                line.text("note"),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row.service, row.since, row.until) for line, row in rows)
    return tuple(row for _, row in rows)


def _service(value: object) -> OperatorService:
    return _checks.choice(value, OperatorService, "service")


def _why(value: object) -> tuple[Rule, ...]:
    return _checks.listed(value, Rule, "why")


@named_at_the_door
@attrs.frozen
class OperatorLiability:
    """Who pays the GST on ``service`` supplied through the operator ``marketplace``:
    ``operator_pays`` true where s. 9(5) makes it the operator's, false where the
    supplier pays it; ``why`` each step with its source."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    service: OperatorService = attrs.field(converter=_service)
    marketplace: str = attrs.field(validator=_checks.valid_text)
    operator_pays: bool = attrs.field(validator=_checks.valid_flag)
    why: tuple[Rule, ...] = attrs.field(converter=_why)


def _fact(value: object, field: str) -> bool | None:
    return None if value is None else _checks.flag(value, field)


@context_free
def operator_pays(
    service: OperatorService | str,
    marketplace: str,
    *,
    on: date,
    supplier_liable_to_register: bool | None = None,
    at_specified_premises: bool | None = None,
) -> OperatorLiability:
    """Whether the e-commerce operator ``marketplace`` pays the GST on ``service``
    supplied through it on ``on`` (CGST Act s. 9(5); IGST Act s. 5(5)).

    ``supplier_liable_to_register`` (accommodation, house-keeping) and
    ``at_specified_premises`` (restaurant service) are the facts the notification's
    exceptions turn on: needed where the service has that exception, refused where
    it has not. A day before 2017-07-01 raises ``NoRuleError``; a fact needed and not
    given, ``MissingDataError`` naming it.

    Examples:
        >>> ride = operator_pays("cab", "RideApp", on=date(2026, 6, 1))
        >>> ride.operator_pays
        True
        >>> operator_pays("restaurant", "FoodApp", on=date(2021, 12, 31)).operator_pays
        False
        >>> operator_pays("restaurant", "FoodApp", on=date(2022, 1, 1),
        ...               at_specified_premises=False).operator_pays
        True
    """
    kind = _service(service)
    name = _checks.text(marketplace, "marketplace")
    day = check_day(on)
    facts = {
        "supplier_liable_to_register": _fact(
            supplier_liable_to_register, "supplier_liable_to_register"
        ),
        "specified_premises": _fact(at_specified_premises, "at_specified_premises"),
    }
    if day < GST_BEGAN:
        raise NoRuleError(
            f"who pays the GST on {kind.value} services", day, "2017-07-01 onwards"
        )
    row = next((r for r in _rows() if r.service is kind and _covers(r, day)), None)
    _refuse_facts_not_asked(row, facts)
    if row is None:
        rule = Rule(
            f"on {day.isoformat()} Notification 17/2017-Central Tax (Rate) does not "
            f"name {kind.value.replace('_', ' ')} services: the supplier pays the tax "
            "(CGST Act s. 9(1)), not the operator",
            ACTS,
        )
        return OperatorLiability(kind, name, False, (rule,))  # noqa: FBT003
    law = Rule(
        f"{row.note}: notified under CGST Act s. 9(5) (IGST Act s. 5(5) when "
        f"inter-State) from {row.since.isoformat()}",
        " ".join(row.sources),
    )
    if row.exception is None:
        paid = Rule(f"{name} pays the tax on it as if it were the supplier", ACTS)
        return OperatorLiability(kind, name, True, (law, paid))  # noqa: FBT003
    fact = facts[row.exception]
    field = _field(row.exception)
    if fact is None:
        raise MissingDataError(
            f"whether {_EXCEPTIONS[row.exception]} ({field})",
            "the entry excepts such supplies, whose supplier pays the tax itself; pass "
            f"{field}=True or False",
            field=field,
        )
    if fact:
        said = f"{_EXCEPTIONS[row.exception]}: excepted, so the supplier pays the tax"
    else:
        said = f"not excepted ({field} is False): {name} pays the tax as the supplier"
    return OperatorLiability(kind, name, not fact, (law, Rule(said, ACTS)))


def _covers(row: _Row, day: date) -> bool:
    return row.since <= day and (row.until is None or day <= row.until)


def _field(exception: str) -> str:
    return "at_specified_premises" if exception == "specified_premises" else exception


def _refuse_facts_not_asked(row: _Row | None, facts: dict[str, bool | None]) -> None:
    """A fact given for a service whose entry has no such exception is refused, not
    ignored: the caller expects it to count."""
    for exception, value in facts.items():
        if value is not None and (row is None or row.exception != exception):
            raise invalid(
                _field(exception),
                value,
                "is given, but the service's entry on that day has no exception that "
                "turns on it: leave it out",
            )
