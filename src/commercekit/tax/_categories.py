"""The product tax categories a shop assigns, and the kinds of rate a law sets."""

from __future__ import annotations

import enum

from commercekit.errors import UnknownCategoryError

__all__ = ["RateKind", "TaxCategory", "check_category"]


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
