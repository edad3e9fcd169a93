"""Which lines a One-Stop Shop return takes: the member state of consumption as the
regions layer places each line, the scheme's scope, the member state of identification,
and credit notes.

* **Where.** A line's ``jurisdiction`` is placed by
  [`place_of`][commercekit.regions.place_of] on its day: a member state, Monaco
  (``MC``, treated as France, Art. 7(1)), a special territory the regions data names
  (``ES-CN``, outside the EU VAT area, Art. 6) or a region with rates of its own
  (``PT-20``, Portugal's). An overseas country or territory, by its own code (``NC``,
  ``GL``) or as a subdivision (``FR-NC``, ``NL-AW``), is outside the EU VAT area (TFEU
  Art. 355(2) and Annex II; Directive 2006/112/EC Art. 5(2)) and refused; so is a code
  the regions layer does not know (``FR-ZZZ``).
* **What.** Northern Ireland (``XI``) is in the EU VAT rules for goods only (Windsor
  Framework Art. 8): an XI line needs a ``supply`` column saying ``goods``. The non-Union
  scheme covers services (Art. 359), the import scheme goods (Art. 369l, 369m): a line
  whose ``supply`` says otherwise is refused; without one, it is read as the scheme's.
* **Goods** (Union scheme) are in the return only as intra-Community distance sales,
  dispatched from a member state other than the one where they arrive (Art. 369b(a),
  Art. 14(4)(1)): goods sent within one member state (from German stock to a German
  consumer) are a domestic supply there, declared in that state's domestic return
  whichever state identifies the seller, and goods from outside the EU VAT area are
  imports. A line's ``dispatched_from`` says where transport began.
* **The member state of identification** (Union scheme). Services there are declared in
  its domestic return (Art. 369b(c): the scheme is for a seller not established in the
  member state of consumption); goods there need ``dispatched_from``.
* **Credits.** A negative line reduces the taxable amount of its period (Art. 90) when
  the original supply (its ``supply_date``) is in the same period; a correction of an
  earlier period goes in a later return's corrections (Art. 369g(4), 365, 369t(2)).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from commercekit.batch._columns import days, distinct, texts
from commercekit.batch._rejects import Rejections
from commercekit.batch._tables import arrow, numpy
from commercekit.errors import (
    CommerceKitError,
    InvalidBatchError,
    MissingDataError,
    UnknownCountryError,
)
from commercekit.regions import Place, check_country, is_eu_member, place_of

__all__ = [
    "check_identification",
    "member_states",
    "period_starts",
    "refuse_credits",
]

_LAW = "Directive 2006/112/EC"
_SUPPLIES = ("goods", "services", "electronic_services")  # commercekit.tax.Supply
_SCOPE = {"non_union": "services", "import": "goods"}
NORTHERN_IRELAND = "XI"
_OSS_SINCE = date(2021, 7, 1)
_OSS_START = (
    "Council Directive (EU) 2017/2455 Art. 2, applied from 1 July 2021 by Council "
    "Decision (EU) 2020/1109"
)
_HMRC = (
    "HMRC, Check how to report and pay VAT on distance sales of goods from Northern "
    "Ireland to the EU: https://www.gov.uk/guidance/check-how-to-report-and-pay-vat-on-"
    "distance-sales-of-goods-from-northern-ireland-to-the-eu"
)
_UNPLACED = (
    "give the member state's code (FR), Monaco as MC (treated as France, Art. 7(1)), or "
    "an ISO 3166-2 subdivision (ES-CN, PT-20)"
)
_NAMES = {"union": "Union", "non_union": "non-Union", "import": "import"}

Refusal = tuple[str, type[CommerceKitError], str]
"""A line's refusal: the column to fix, the error class, the message."""


def check_identification(scheme: str, identified_in: object) -> str | None:
    """``identified_in`` as an upper-case country code: required for the Union scheme,
    whose return leaves out supplies in the member state of identification. Whether it
    is an EU member state is checked on each line's day."""
    if identified_in is None:
        if scheme == "union":
            raise InvalidBatchError.refused(
                "identified_in",
                None,
                "is missing: the Union scheme's return leaves out supplies in the member "
                f"state of identification ({_LAW} Art. 369a(2), 369b); pass "
                "identified_in='DE' (the member state where you are established)",
            )
        return None
    if isinstance(identified_in, str) and identified_in.strip().upper() == "XI":
        if scheme != "union":
            raise InvalidBatchError.refused(
                "identified_in",
                identified_in,
                "is Northern Ireland, which identifies sellers for the Union scheme's "
                "distance sales of goods only (Windsor Framework Art. 8 and Annex 3: EU "
                f"VAT rules apply there to goods alone; {_HMRC}); the "
                f"{_NAMES.get(scheme, scheme)} scheme is registered in an EU member "
                "state: give its code ('IE')",
            )
        return NORTHERN_IRELAND
    try:
        code = check_country(identified_in)
    except UnknownCountryError as error:
        raise InvalidBatchError.refused(
            "identified_in", identified_in, f"{error}; give an EU member state ('DE')"
        ) from error
    return code


def _place(code: str, day: date) -> Place:
    """Where the regions layer places a jurisdiction code (``FR``, ``PT-20``) on ``day``."""
    country, dash, _ = code.partition("-")
    return place_of(country, subdivision=code if dash else None, on=day)


def _outside(code: str, day: date, place: Place, *, goods: bool, scheme: str) -> str:
    if place.northern_ireland:
        why = (
            "Northern Ireland follows EU VAT rules for goods only (Windsor Framework "
            "Art. 8); services to consumers there are UK VAT"
        )
    else:
        why = "; ".join(place.why) or f"{place.country} is not an EU member state"
    kind = (" for goods" if goods else " for services") if place.northern_ireland else ""
    return (
        f"{code!r} is outside the EU VAT area{kind} on {day}: {why}. The "
        f"{_NAMES[scheme]} scheme's return covers supplies in EU member states ({_LAW} "
        "Art. 5, 6, 7)"
    )


def _identified(
    state: str, kind: str, dispatched: str | None, day: date, home: str
) -> Refusal | None:
    """The Union scheme's rule for a line in the member state of identification."""
    if kind != "goods":
        return "supply", InvalidBatchError, (
            f"is {kind} in the member state of identification ({home}): the Union "
            f"scheme is for services in member states where the seller is not "
            f"established ({_LAW} Art. 369a(1), 369b(c)); {_domestic(home)}"
        )  # fmt: skip
    return _dispatch(state, dispatched, day)


def _domestic(state: str) -> str:
    return f"declare it in {state}'s domestic VAT return, not in the OSS return"


def _dispatch(state: str, dispatched: str | None, day: date) -> Refusal | None:
    """Goods sold in ``state``: in the Union return only as an intra-Community distance
    sale, dispatched from another member state (Art. 14(4)(1), 369b(a)); goods sent
    within ``state`` are a domestic supply there, whichever state identifies the
    seller. Where transport began decides it, so a goods line without
    ``dispatched_from`` is refused, never counted as a distance sale."""
    if dispatched is None:
        return "dispatched_from", MissingDataError, (
            f"is missing: goods sold in {state} are in the Union return only as an "
            "intra-Community distance sale, dispatched from a member state other than "
            f"{state} ({_LAW} Art. 14(4)(1), 369b(a)); goods sent within {state} are a "
            "domestic supply there and goods from outside the EU VAT area are imports. "
            "Add a 'dispatched_from' column with the code of the member state where "
            "transport began (DE) on every goods line"
        )  # fmt: skip
    try:
        origin = place_of(dispatched.strip().upper(), on=day)
    except CommerceKitError as error:
        return "dispatched_from", type(error), str(error)
    if not origin.in_eu_vat_area_for_goods:
        return "dispatched_from", InvalidBatchError, (
            f"{dispatched!r} is not in the EU VAT area on {day}: goods from there are "
            "not an intra-Community distance sale (use the import scheme, or declare "
            f"the importation) ({_LAW} Art. 14(4))"
        )  # fmt: skip
    if origin.goods_jurisdiction == state:
        return "dispatched_from", InvalidBatchError, (
            f"is {state}: goods dispatched and delivered within {state} are not an "
            f"intra-Community distance sale but a domestic supply in {state} ({_LAW} "
            f"Art. 14(4)(1), 369b(a)); {_domestic(state)}"
        )  # fmt: skip
    return None


def _kind(supply: str | None, scheme: str) -> tuple[str | None, Refusal | None]:
    """The line's supply kind: its ``supply``, else the scheme's only kind (services
    for the non-Union scheme, goods for the import scheme), else ``None``."""
    if supply is not None and supply not in _SUPPLIES:
        return None, ("supply", InvalidBatchError, (
            f"{supply!r} is not a supply kind; give one of {', '.join(_SUPPLIES)}"
        ))  # fmt: skip
    scope = _SCOPE.get(scheme)
    if (
        scope is not None
        and supply is not None
        and (supply == "goods") != (scope == "goods")
    ):
        return None, ("supply", InvalidBatchError, (
            f"is {supply}: the {_NAMES[scheme]} scheme covers {scope} only ({_LAW} "
            + ("Art. 359)" if scope == "services" else "Art. 369l, 369m)")
        ))  # fmt: skip
    return supply or scope, None


def _where(
    code: str, day: date, kind: str | None, scheme: str
) -> tuple[str | None, Refusal | None]:
    """The member state of consumption of a line in ``code`` on ``day``, or why not."""
    try:
        place = _place(code, day)
    except CommerceKitError as error:
        return None, ("jurisdiction", type(error), f"{error}; {_UNPLACED}")
    if place.northern_ireland and kind is None:
        return None, ("supply", MissingDataError, (
            "is missing: Northern Ireland (XI) is in the EU VAT rules for goods only "
            "(Windsor Framework Art. 8); add a 'supply' column saying goods or services"
        ))  # fmt: skip
    goods = kind == "goods"
    if not place.in_eu_vat_area(goods=goods):
        return None, ("jurisdiction", InvalidBatchError, _outside(
            code, day, place, goods=goods, scheme=scheme
        ))  # fmt: skip
    return place.jurisdiction(goods=goods), None


def _judge(
    combination: tuple[Any, ...], scheme: str, home: str | None
) -> tuple[str | None, Refusal | None]:
    """One distinct (jurisdiction, day, supply, dispatched_from): its member state of
    consumption, or why the line is refused."""
    code, day, supply, dispatched = combination
    if code is None or day is None:
        return None, None  # refused already, as a missing value
    kind, refusal = _kind(supply, scheme)
    state = None
    if refusal is None:
        state, refusal = _where(code.strip().upper(), day, kind, scheme)
    if refusal is None and state is not None and home is not None and scheme == "union":
        refusal = _union(state, kind, dispatched, day, home)
    return (None, refusal) if refusal is not None else (state, None)


def _union(
    state: str, kind: str | None, dispatched: str | None, day: date, home: str
) -> Refusal | None:
    """The Union scheme's rules for a line in ``state``, identified in ``home``."""
    if home == NORTHERN_IRELAND:
        return _from_northern_ireland(state, kind, dispatched, day)
    if not is_eu_member(home, on=day):
        return "date", InvalidBatchError, (
            f"is a day when {home}, the member state of identification, was not an "
            "EU member state"
        )  # fmt: skip
    if kind is None:  # goods (with their dispatch) or services: the rules differ
        return "supply", MissingDataError, (
            "is missing: the Union scheme takes intra-Community distance sales of "
            f"goods ({_LAW} Art. 369b(a), 14(4)(1)) and services in member states "
            f"other than that of identification ({home}; Art. 369b(c)), each by its "
            "own rule; add a 'supply' column (goods, services or electronic_services) "
            "and, for goods, 'dispatched_from'"
        )  # fmt: skip
    if state == home:
        return _identified(state, kind, dispatched, day, home)
    return _dispatch(state, dispatched, day) if kind == "goods" else None


def _from_northern_ireland(
    state: str, kind: str | None, dispatched: str | None, day: date
) -> Refusal | None:
    """A seller identified in Northern Ireland (HMRC runs its Union scheme) declares
    distance sales of goods dispatched from Northern Ireland to consumers in the EU:
    EU VAT rules apply there to goods only (Windsor Framework Art. 8 and Annex 3)."""
    if day < _OSS_SINCE:
        return "date", InvalidBatchError, (
            f"is before {_OSS_SINCE}, when the Union scheme began to take distance "
            f"sales of goods ({_OSS_START}); a seller identified in Northern Ireland "
            "has no Union return for that day"
        )  # fmt: skip
    if kind != "goods":
        return "supply", (InvalidBatchError if kind else MissingDataError), (
            f"{'is ' + kind if kind else 'is missing'}: a seller identified in Northern "
            "Ireland uses the Union scheme for distance sales of goods only, since EU "
            "VAT rules apply there to goods alone (Windsor Framework Art. 8 and Annex "
            f"3); services are under UK VAT rules and not in this return ({_HMRC}). "
            "Give supply='goods' and 'dispatched_from' on each goods line"
        )  # fmt: skip
    refusal = _dispatch(state, dispatched, day)
    if refusal is None and dispatched is not None:
        origin = place_of(dispatched.strip().upper(), on=day)
        if origin.goods_jurisdiction != NORTHERN_IRELAND:
            return "dispatched_from", InvalidBatchError, (
                f"is {origin.goods_jurisdiction}: HMRC's Union scheme for Northern "
                "Ireland takes distance sales of goods dispatched from Northern Ireland "
                f"to consumers in the EU ({_HMRC}); the sources read do not settle goods "
                "dispatched from elsewhere, so this line is not counted: ask HMRC, or "
                "declare it where the member state of dispatch's rules say"
            )  # fmt: skip
    return refusal


def _optional_texts(table: Any, name: str, rejections: Rejections) -> Any:
    """An optional text column, or a column of nulls where the table has none."""
    if name in table.column_names:
        return texts(table, name, rejections, required=False)
    return arrow().nulls(table.num_rows, arrow().string())


def member_states(table: Any, scheme: str, home: str | None, rejections: Rejections) -> Any:
    """Each row's member state of consumption (``None`` where refused), judged once
    per distinct jurisdiction, day, supply kind and place of dispatch."""
    np = numpy()
    columns = [
        texts(table, "jurisdiction", rejections),
        days(table, "date", rejections),
        _optional_texts(table, "supply", rejections),
        _optional_texts(table, "dispatched_from", rejections),
    ]
    groups, combinations = distinct(columns)
    states = np.full(len(combinations), None, dtype=object)
    messages = np.full(len(combinations), None, dtype=object)
    refused: dict[tuple[str, type[CommerceKitError]], list[int]] = {}
    for index, combination in enumerate(combinations):
        states[index], refusal = _judge(combination, scheme, home)
        if refusal is not None:
            field, error, messages[index] = refusal
            refused.setdefault((field, error), []).append(index)
    for (field, error), chosen in refused.items():
        rejections.refuse(np.isin(groups, chosen), field, error, messages[groups])
    return states[groups]


def period_starts(dates: Any, scheme: str) -> Any:
    """Each day's tax period as its first month, counted from 1970-01 (``int64``):
    the month for the import scheme (Art. 369s), else the quarter (Art. 364, 369f)."""
    np = numpy()
    months = _days(dates).astype("datetime64[M]").astype(np.int64)
    step = 1 if scheme == "import" else 3
    return months - months % step


def refuse_credits(
    table: Any,
    signs: tuple[Any, Any],
    scheme: str,
    rejections: Rejections,
    dates: Any,
) -> None:
    """Refuse the negative lines the return cannot take: without a ``supply_date``,
    with net and tax of opposite signs, or correcting an earlier period."""
    np = numpy()
    net, tax = signs
    negative = (net < 0) | (tax < 0)
    if not negative.any():
        return
    rejections.refuse(
        negative & ((net > 0) | (tax > 0)),
        "tax",
        InvalidBatchError,
        "has the opposite sign of the net; a credit note reduces both",
    )
    if "supply_date" not in table.column_names:
        rejections.refuse(negative, "supply_date", MissingDataError, _NO_SUPPLY_DATE)
        return
    # the column's type is checked; a missing value is refused below, on negative rows
    supplied = days(table, "supply_date", Rejections(table.num_rows))
    given = np.asarray(supplied.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    rejections.refuse(negative & ~given, "supply_date", MissingDataError, _NO_SUPPLY_DATE)
    rejections.refuse(
        negative & given & (_days(supplied) > _days(dates)),
        "supply_date",
        InvalidBatchError,
        "is after the credit's date; a credit note follows the supply it corrects",
    )
    earlier = period_starts(supplied, scheme) < period_starts(dates, scheme)
    rejections.refuse(
        negative & given & earlier,
        "supply_date",
        InvalidBatchError,
        "is in an earlier tax period: a correction of an earlier period is made in a "
        "later return's corrections, per member state and period, within three years "
        f"({_LAW} Art. 365, 369g(4), 369t(2)), which this return does not build",
    )


def _days(dates: Any) -> Any:
    """A ``date32`` array as NumPy days (a missing day as 1970-01-01)."""
    return dates.fill_null(0).to_numpy(zero_copy_only=False).astype("datetime64[D]")


_NO_SUPPLY_DATE = (
    "is missing: a negative line (a credit note) is taken when it reduces a supply of "
    f"the same tax period ({_LAW} Art. 90); add a 'supply_date' column (date32) with "
    "the day of the original supply"
)
