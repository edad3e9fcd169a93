"""One step of a decision's reasoning, in a Python caller's words and a JSON caller's."""

from __future__ import annotations

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.tax import _checks

__all__ = ["Rule"]


@named_at_the_door
@attrs.frozen
class Rule:
    """One step of the reasoning, with the law or page it rests on.

    ``json_text`` is the same step in a JSON caller's words where ``text`` speaks to
    a Python caller (a rate source to pass), else ``None``; the JSON answers (the
    CLI's, the HTTP service's) say it instead of ``text``. It is not compared: two
    rules that say the same are equal.

    Examples:
        >>> Rule("the seller is registered in US-NY", "https://www.tax.ny.gov/")
        Rule(text='the seller is registered in US-NY', source='https://www.tax.ny.gov/')
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    text: str = attrs.field(validator=_checks.valid_text)
    source: str = attrs.field(validator=_checks.valid_text)
    json_text: str | None = attrs.field(
        default=None, eq=False, repr=False, validator=_checks.valid_optional_text
    )

    @property
    def json(self) -> str:
        """The step as a JSON caller reads it."""
        return self.text if self.json_text is None else self.json_text
