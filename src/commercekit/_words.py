"""Words in messages: "a" or "an" before a word that is only known when a message is made.

English picks the article by the first *sound* of the next word, not its first letter:
"an amount", "a number", "a unit", "an hour", "an SKU", "a UK buyer". Messages name
labels, fields, types and codes given at run time, so the article is chosen here, by
these rules, in order:

* a word in capitals without a vowel, or of three letters or fewer ("SKU", "EEA",
  "HTTP"), is read letter by letter: "an" before A, E, F, H, I, L, M, N, O, R, S, X,
  whose names start with a vowel sound;
* a number is read aloud: "an" before 8 (eight, eighty, eight hundred...) and before 11
  and 18 read as a group (eleven, eighteen, eleven thousand);
* other words by their spelling: "an" before a vowel, except where the vowel sounds
  like "y" or "w" (unit, union, use, usual, utility, euro, one, once); "a" before a
  consonant, except a silent h (hour, honest, honour, heir).

Underscores count as spaces and leading punctuation is skipped.

References:
    * Cambridge Dictionary, *English Grammar Today*, "A/an and the":
      https://dictionary.cambridge.org/grammar/british-grammar/a-an-and-the
"""

from __future__ import annotations

import re

__all__ = ["with_article"]

_LETTERS_AN = frozenset("AEFHILMNORSX")
"""Letters whose names begin with a vowel sound (ay, ee, ef, aitch, eye, el...)."""

_SILENT_H = ("heir", "honest", "honor", "honour", "hour")
_VOWEL_AS_CONSONANT = re.compile(
    # "uni" but not the negating "un-" before i (unimportant, uninstalled, unidentified);
    # "u" + one consonant + a vowel (use, usual, utility, urine, unit); "eu", "ewe";
    # "one" and "once" as words or the start of a compound (one-off, oneself).
    r"uni(?!m|n|d)|u[bcfgklrstvz][aeiouy]|eu|ewe|one(?![a-z])|oneself|once"
)
_FIRST = re.compile(r"[A-Za-z0-9]")


def _by_letters(word: str) -> bool:
    letters = word.split("-", maxsplit=1)[0]
    return (
        letters.isalpha()
        and letters.isupper()
        and (len(letters) <= 3 or not re.search(r"[AEIOUY]", letters))
    )


def _an_before_number(word: str) -> bool:
    digits = re.match(r"[0-9][0-9,]*", word)
    if digits is None:
        return False
    whole = digits.group().replace(",", "")
    if whole.startswith("8"):
        return True
    # 11 and 18 are read as a group where the digits before a thousands group are two:
    # eleven, eighteen, eleven thousand, eighteen million.
    return whole[:2] in {"11", "18"} and len(whole) % 3 == 2


def needs_an(word: str) -> bool:
    """``True`` if ``word`` takes "an", by its first sound (see the module's rules)."""
    found = _FIRST.search(word.replace("_", " "))
    if found is None:
        return False
    text = word[found.start() :].replace("_", " ")
    if text[0].isdigit():
        return _an_before_number(text)
    if _by_letters(text.split(" ")[0]):
        return text[0] in _LETTERS_AN
    lower = text.lower()
    if lower.startswith(_SILENT_H):
        return True
    if len(lower) == 1 or not lower[1].isalpha():
        return lower[0] in "aefhilmnorsx"  # a single letter is read by its name
    return lower[0] in "aeiou" and not _VOWEL_AS_CONSONANT.match(lower)


def with_article(word: str) -> str:
    """``word`` after "a" or "an", chosen by its first sound.

    Examples:
        >>> [with_article(w) for w in ("amount", "number", "unit", "hour", "SKU")]
        ['an amount', 'a number', 'a unit', 'an hour', 'an SKU']
        >>> with_article("UK buyer"), with_article("8-day window"), with_article("int")
        ('a UK buyer', 'an 8-day window', 'an int')
    """
    return f"{'an' if needs_an(word) else 'a'} {word}"
