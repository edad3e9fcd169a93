"""What India's GST rate for a category turns on, where commercekit bundles no row.

India sets a rate per HSN heading (goods) or SAC (services), not per kind of product,
so a category without a bundled row has no rate: the lookup refuses with
[`MissingDataError`][commercekit.errors.MissingDataError], and
[`missing_rate_reason`][commercekit.tax._in_categories.missing_rate_reason] says what
the rate turns on, so the caller knows what to find out and supply through a
``TaxRateSource``. Where goods of the category may also pay the compensation cess (GST
(Compensation to States) Act 2017 s. 8; Notification 1/2017-Compensation Cess (Rate)),
the reason says so: the cess is a tax of its own on top of the GST. It applied from
2017-07-01 to the goods the Schedule of Notification 1/2017-Compensation Cess (Rate)
lists (tobacco, pan masala, aerated waters, motor vehicles, coal ...). Notification
2/2025-Compensation Cess (Rate) made it Nil from 2025-09-22 on S. No. 2 (aerated
waters), 3 (lemonade), 4-4B, 39-42, 47, 48 and 50-55 of that Schedule; the reports read
say only tobacco and pan masala kept it. Accommodation, restaurant service, drinks of
heading 2202 10 and motor cars (with their cess), and footwear before 2022, have rates
by a fact the caller states (``tax/_in_facts.py``, ``tax/_in_headings.py``,
``tax/_in_cars.py``): the reason says so.

References:
    Notification 21/2021-Central Tax (Rate), 31 Dec 2021 (footwear from 2022-01-01), as
        reproduced (read 2026-12-01):
        https://taxguru.in/goods-and-service-tax/cgst-rate-footwear-increased-wef-01st-january-2022.html
    Notification 13/2018-Central Tax (Rate), 26 July 2018 (restaurant service, S. No. 7
        of 11/2017-Central Tax (Rate)), as reproduced (read 2026-12-01):
        https://docslib.org/doc/6422230/to-be-published-in-the-gazzete-of-india-extraordinary-part-ii-section-3-sub-section-i
    Notifications 6/2022 and 7/2022-Central Tax (Rate), 13 July 2022 (food "pre-packaged
        and labelled" from 2022-07-18, no longer "branded"), as reported (read
        2026-12-01): https://taxguru.in/goods-and-service-tax/important-gst-w-r-t-foods-industry-w-e-f-july-18-2022.html
        https://www.a2ztaxcorp.com/gst-applicable-on-supply-of-pre-packaged-and-labelled-goods/
    Medicines from 2025-09-22, as reported (read 2026-12-01):
        https://www.livemint.com/economy/gst-2-0-these-lifesaving-cancer-rare-disease-drugs-and-medicines-get-cheaper-from-monday-after-rate-cuts-full-list-11758449990932.html
    Notification 2/2025-Compensation Cess (Rate), 17 Sept 2025 (the cess Nil from
        2025-09-22 on aerated waters, lemonade, motor vehicles ...), as reproduced
        (read 2026-12-01):
        https://taxguru.in/goods-and-service-tax/notification-no-02-2025-compensation-cess-rate-dated-17th-september-2025.html

Examples:
    >>> from datetime import date
    >>> missing_rate_reason("clothing", date(2024, 5, 1))[:60]
    'before 2025-09-22 garments and footwear had rates of their o'
    >>> missing_rate_reason("clothing", date(2025, 9, 22))
    ''
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from commercekit.tax._categories import US_ONLY, TaxCategory
from commercekit.tax._in_facts import has_fact_rows

__all__ = ["RESTRUCTURED", "missing_rate_reason"]

RESTRUCTURED = date(2025, 9, 22)
"""The day Notifications 9/2025 and 10/2025 (Central, Integrated Tax (Rate)) took
effect, and Notification 2/2025-Compensation Cess (Rate) made the cess Nil on aerated
waters and lemonade, among others."""
_FOOTWEAR_BY_SALE_VALUE = date(2022, 1, 1)
_PACKAGED_AND_LABELLED = date(2022, 7, 18)
"""From this day food grains and other foodstuffs pay GST when "pre-packaged and
labelled", no longer when branded (6/2022, 7/2022-Central Tax (Rate), as reported by
taxguru.in and a2ztaxcorp.com; the notifications' text was not read)."""

_CESS = (
    "; before 2025-09-22 such goods may also have paid the compensation cess (GST "
    "(Compensation to States) Act 2017 s. 8, Notification 1/2017-Compensation Cess "
    "(Rate)), Nil from that day by Notification 2/2025-Compensation Cess (Rate)"
)

_TURNS_ON = MappingProxyType(
    {
        TaxCategory.NON_ALCOHOLIC_DRINKS: "the HSN heading of the drink (aerated "
        "waters, lemonade and caffeinated drinks have entries of their own)",
        TaxCategory.EBOOKS: "the SAC entry the supply falls under",
        TaxCategory.MEDICAL_DEVICES: "the HSN heading of each device or aid",
        TaxCategory.ACCOMMODATION: "the value of a unit of accommodation per day "
        "(Notification 11/2017-Central Tax (Rate), S. No. 7)",
        TaxCategory.RESTAURANT: "the premises: whether the restaurant is in a hotel "
        "whose rooms reach the Rs. 7500 a day the notification of the day sets "
        "('specified premises', Notification 11/2017-Central Tax (Rate), S. No. 7, as "
        "amended)",
        TaxCategory.PASSENGER_TRANSPORT: "the mode and class of transport (by air: "
        "economy or other; by land: the conveyance)",
        TaxCategory.DIGITAL_SERVICES: "the SAC entry the service falls under",
        TaxCategory.MOTOR_CARS: "what drives the car, its engine capacity and length "
        "(and for a large car whether it is a utility vehicle)",
        TaxCategory.MOTORCYCLES: "what drives the motorcycle and its engine capacity "
        "(above 350 cc or not)",
    }
)
_WITH_CESS = frozenset(
    {TaxCategory.NON_ALCOHOLIC_DRINKS, TaxCategory.MOTOR_CARS, TaxCategory.MOTORCYCLES}
)


def _food(on: date) -> str:
    """What food's rate turns on, on ``on``."""
    if on < _PACKAGED_AND_LABELLED:
        packed = (
            "whether it is put up in a unit container and bears a registered brand "
            "name (or a brand whose enforceable right is not foregone): cereals, "
            "pulses and flour so packed paid 5%, others were exempt"
        )
    else:
        packed = (
            "whether it is pre-packaged and labelled (a package that must bear the "
            "declarations of the Legal Metrology Act 2009): cereals, pulses, flour, "
            "curd and lassi so packed pay 5%, loose ones are exempt (from 2022-07-18, "
            "Notifications 6/2022 and 7/2022-Central Tax (Rate))"
        )
    return f"the HSN heading of each foodstuff and {packed}"


def _medicines(on: date) -> str:
    """What a medicine's rate turns on, on ``on`` (as reported; the entries of the
    rate notifications were not read)."""
    rates = (
        "most medicaments of headings 3003 and 3004 paid 12%, those named in Schedule I "
        "5% (1/2017-Central Tax (Rate))"
        if on < RESTRUCTURED
        else "most medicaments of headings 3003 and 3004 pay 5%, with Nil for the "
        "lifesaving drugs the 56th GST Council named (36 in the list reported), from "
        "2025-09-22"
    )
    return f"the HSN heading and entry of each medicament: {rates}"


def missing_rate_reason(category: TaxCategory | str, on: date) -> str:
    """Why ``category`` has no bundled Indian rate on ``on``: what the rate turns on
    and, for goods the compensation cess may apply to, the cess; ``''`` for a
    category with bundled rows on that day (or none to add).

    Examples:
        >>> from datetime import date
        >>> "retail sale price marked" in missing_rate_reason("footwear",
        ...                                                   date(2021, 12, 31))
        True
    """
    asked = TaxCategory(category)
    if asked in (TaxCategory.CLOTHING, TaxCategory.CHILDRENS_CLOTHING) and (
        on < RESTRUCTURED
    ):
        return (
            "before 2025-09-22 garments and footwear had rates of their own (apparel: "
            "5% up to Rs. 1000 a piece, 12% above; footwear: by the retail sale price "
            "marked on it until 2021-12-31, then 12% up to Rs. 1000 a pair, 18% "
            f"above), so one rule for {asked} cannot say both: use the category "
            "'apparel' or 'footwear'"
        )
    if asked is TaxCategory.FOOTWEAR and on < _FOOTWEAR_BY_SALE_VALUE:
        return (
            "before 2022-01-01 footwear paid 5% if its retail sale price marked on it "
            "(tax included) did not exceed Rs. 500 a pair (Rs. 1000 from 2018-07-27), "
            "else 18% (Notification 1/2017-Central Tax (Rate) Schedule I S. No. 225), "
            "and a sale does not carry the marked price: state it in "
            "RateFacts(marked_retail_price=...) and ask fact_rates(place, 'footwear', "
            "facts, on=day)"
        )
    if asked in US_ONLY:
        return (
            f"{asked} is a US sales tax category, named as the states' laws define it "
            f"apart (in India give the product's heading's rate, or {US_ONLY[asked]!s})"
        )
    dated = {TaxCategory.FOOD: _food, TaxCategory.MEDICINES: _medicines}.get(asked)
    turns_on = dated(on) if dated else _TURNS_ON.get(asked)
    if turns_on is None:
        return ""
    cess = _CESS if asked in _WITH_CESS and on < RESTRUCTURED else ""
    by_fact = (
        f": state it in RateFacts and ask fact_rates(place, {str(asked)!r}, facts, on=day)"
        if has_fact_rows(asked, on)
        else ""
    )
    return f"its rate turns on {turns_on}{cess}{by_fact}"
