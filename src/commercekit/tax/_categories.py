"""The product tax categories a shop assigns, and the kinds of rate a law sets."""

from __future__ import annotations

import enum

from commercekit.errors import MissingDataError, UnknownCategoryError

__all__ = [
    "IN_ONLY", "US_ONLY", "RateKind", "TaxCategory", "check_category", "in_only", "us_only",
]  # fmt: skip


class TaxCategory(enum.StrEnum):
    """What a product is, as far as VAT/GST rates care.

    A category a country does not treat specially falls back to its standard rate (and the
    returned [`TaxRate`][commercekit.tax.TaxRate] says so). ``ZERO_RATED`` and ``EXEMPT``
    are for supplies the seller has classified that way itself.
    """

    STANDARD = "standard"
    """Anything without a special rate."""
    FOOD = "food"
    """Ordinary foodstuffs bought in a shop (not alcohol, not restaurant meals).

    A US state's food rate covers what its own law calls food, which is often narrower:
    many states that exempt or reduce food tax candy, soft drinks and prepared food at
    their general rate (Minnesota and Pennsylvania among them, as their rows' notes
    say); give such items ``standard``."""
    NON_ALCOHOLIC_DRINKS = "non_alcoholic_drinks"
    """Soft drinks, juices, bottled water."""
    BOOKS = "books"
    """Printed books."""
    EBOOKS = "ebooks"
    """Electronically supplied books."""
    NEWSPAPERS = "newspapers"
    """Newspapers and periodicals."""
    MEDICINES = "medicines"
    """Medicines for human use."""
    PRESCRIPTION_DRUGS = "prescription_drugs"
    """Drugs for human use sold on a prescription (the Streamlined Sales and Use Tax
    Agreement's "drug" dispensed pursuant to a "prescription"), for the US states,
    most of which exempt them and tax ``OVER_THE_COUNTER_DRUGS``. Answered by US state
    tables only: elsewhere refused (use ``MEDICINES``), as a country's medicines rate
    may or may not follow the prescription."""
    OVER_THE_COUNTER_DRUGS = "over_the_counter_drugs"
    """Drugs for human use sold without a prescription (the Agreement's
    "over-the-counter drug": labelled with a "Drug Facts" panel under 21 C.F.R.
    201.66), for the US states. Answered by US state tables only, as
    ``PRESCRIPTION_DRUGS``."""
    SOFT_DRINKS = "soft_drinks"
    """Nonalcoholic beverages that contain natural or artificial sweeteners, but not
    those with milk or a milk substitute or more than 50 % fruit or vegetable juice
    (the Streamlined Sales and Use Tax Agreement's "soft drinks"), for the US states
    that tax them apart from food (Illinois, Arkansas). Answered by US state tables
    only: elsewhere refused (use ``NON_ALCOHOLIC_DRINKS``)."""
    CANDY = "candy"
    """Preparations of sugar, honey or other sweeteners with chocolate, fruits, nuts
    or flavorings in the form of bars, drops or pieces, not containing flour nor
    requiring refrigeration (the Agreement's "candy"), for the US states that tax it
    apart from food (Illinois, Tennessee, Arkansas). Answered by US state tables
    only: elsewhere refused (use ``FOOD``)."""
    MEDICAL_DEVICES = "medical_devices"
    """Medical equipment and aids for disabled persons."""
    CHILDRENS_CLOTHING = "childrens_clothing"
    """Children's clothing and footwear."""
    CLOTHING = "clothing"
    """Clothing and footwear for everyday wear, for anyone (not sports or protective
    equipment, not accessories such as jewellery or handbags); children's clothing
    where a law treats it apart is ``CHILDRENS_CLOTHING``."""
    APPAREL = "apparel"
    """Garments and clothing accessories without footwear (chapters 61 and 62 of the
    Harmonized System), for a law that rates them apart from footwear (India before
    2025-09-22). Where no law rates them apart, use ``CLOTHING``; US states with a
    clothing rule bundled answer it by that rule."""
    FOOTWEAR = "footwear"
    """Footwear (chapter 64 of the Harmonized System), for a law that rates it apart
    from garments (India before 2025-09-22). Where no law rates it apart, use
    ``CLOTHING``; US states with a clothing rule bundled answer it by that rule."""
    MOTOR_CARS = "motor_cars"
    """Motor cars and other motor vehicles principally designed for the transport of
    persons (heading 8703 of the Harmonized System), for a law that rates them by
    facts of the car (India's GST and compensation cess). Elsewhere they take the
    standard rate where a table falls back to it, as under ``STANDARD`` (no special
    regime, such as the EU's for new means of transport, is applied); a US state
    without a rule for them refuses them."""
    MOTORCYCLES = "motorcycles"
    """Motorcycles, mopeds and scooters (heading 8711 of the Harmonized System), for a
    law that rates them by their engine (India's GST and compensation cess, by the
    engine capacity). Elsewhere the standard rate where a table falls back to it, as
    ``MOTOR_CARS``; a US state without a rule for them refuses them."""
    PAN_MASALA = "pan_masala"
    """Pan masala (tariff item 2106 90 20 of India's Customs Tariff), which India's GST
    and compensation cess rate apart from other food preparations. Refused everywhere
    else, never the standard or a food rate: give the category the country's law puts
    it in."""
    SCHOOL_SUPPLIES = "school_supplies"
    """Supplies a student commonly uses in a course of study: binders, paper, notebooks,
    pens, pencils, crayons, markers, glue, scissors, rulers, calculators, lunch boxes
    (not backpacks and book bags, which are ``BACKPACKS``; not computers). Named by the
    US back-to-school sales tax holidays (Texas Tax Code 151.326, Tennessee, Alabama,
    Florida, West Virginia, Missouri, Arkansas), each with its own list and limit; no
    VAT law bundled rates them apart, so elsewhere they fall back to the standard
    rate."""
    BACKPACKS = "backpacks"
    """Backpacks and book bags for students (not luggage, briefcases, gym bags or
    framed backpacks). US holidays treat them apart from other supplies: Maryland
    exempts the first USD 40 of each, Florida gives them the USD 100 limit of bags
    rather than the USD 50 of school supplies. Elsewhere the standard rate."""
    COMPUTERS = "computers"
    """Personal computers: a desktop, laptop or tablet computer (its central processing
    unit, with the monitor, keyboard and mouse sold with it), for personal use; not
    phones, game consoles, software or peripherals sold alone. Named by US
    back-to-school holidays (Tennessee, Florida and Missouri up to USD 1,500 per
    item). Elsewhere the standard rate."""
    ACCOMMODATION = "accommodation"
    """Hotel and holiday accommodation."""
    RESTAURANT = "restaurant"
    """Restaurant and catering services."""
    PASSENGER_TRANSPORT = "passenger_transport"
    """Domestic passenger transport."""
    DIGITAL_SERVICES = "digital_services"
    """Electronically supplied services: software, streaming, apps."""
    ZERO_RATED = "zero_rated"
    """A supply the seller has established is zero-rated (0 %, input tax deductible)."""
    EXEMPT = "exempt"
    """A supply the seller has established is exempt (no tax, no deduction)."""


US_ONLY = {
    TaxCategory.PRESCRIPTION_DRUGS: TaxCategory.MEDICINES,
    TaxCategory.OVER_THE_COUNTER_DRUGS: TaxCategory.MEDICINES,
    TaxCategory.SOFT_DRINKS: TaxCategory.NON_ALCOHOLIC_DRINKS,
    TaxCategory.CANDY: TaxCategory.FOOD,
}
"""Categories only the US state tables answer, each with the broader one to give
elsewhere: never the standard rate (a country's ``medicines`` row says whether a
prescription matters, its ``food`` row whether sweets are food)."""


def us_only(code: str, category: TaxCategory) -> MissingDataError:
    """The refusal of a US-only ``category`` in ``code``, outside the United States."""
    why = (
        f"{category} is a US sales tax category, named as the states' laws define it "
        f"apart; give the category {US_ONLY[category].value!r}, whose rows say what "
        f"{code}'s rate covers"
    )
    return MissingDataError(
        f"{code} rates for {category}",
        f"{why}, or pass a TaxRateSource that answers {category}",
        json_how=f"{why} (a JSON request carries no rates of its own)",
    )


IN_ONLY = {TaxCategory.PAN_MASALA: "tariff item 2106 90 20"}
"""Categories only India's rules answer (``fact_rates``), each with the goods it names:
refused elsewhere, never the standard rate."""


def in_only(code: str, category: TaxCategory) -> MissingDataError:
    """The refusal of an India-only ``category`` in ``code``, outside India."""
    why = (
        f"{category} is India's category for {IN_ONLY[category]}, which its GST and "
        f"compensation cess rate apart; {code}'s rate for it is the rate of the "
        "category its own law puts it in, which commercekit does not choose"
    )
    return MissingDataError(
        f"{code} rates for {category}",
        f"{why}: give that category, or pass a TaxRateSource that answers {category}",
        json_how=f"{why}: give that category (a JSON request carries no rates of its own)",
    )


class RateKind(enum.StrEnum):
    """The kind of rate a law sets."""

    STANDARD = "standard"
    REDUCED = "reduced"
    SUPER_REDUCED = "super_reduced"
    """Below 5 % (EU VAT Directive, Article 98 and 105a)."""
    HIGHER = "higher"
    """Above the standard rate (British Columbia's 8 % PST on accommodation)."""
    PARKING = "parking"
    """A reduced rate of at least 12 % kept from before 1991 (Article 118)."""
    ZERO = "zero"
    """0 % with the right to deduct input tax."""
    EXEMPT = "exempt"
    """No tax charged, and no input tax deducted."""


_CATEGORIES = {category.value: category for category in TaxCategory}


def check_category(value: object) -> TaxCategory:
    """``value`` as a ``TaxCategory`` (its value, e.g. ``"books"``), or raise
    [`UnknownCategoryError`][commercekit.errors.UnknownCategoryError] listing them.

    Examples:
        >>> check_category("books")
        <TaxCategory.BOOKS: 'books'>
        >>> check_category("xx")
        Traceback (most recent call last):
        ...
        commercekit.errors.UnknownCategoryError: 'xx' is not a tax category; use one of: ...
    """
    found = _CATEGORIES.get(value) if isinstance(value, str) else None
    if found is None:
        raise UnknownCategoryError(value, ", ".join(_CATEGORIES))
    return found
