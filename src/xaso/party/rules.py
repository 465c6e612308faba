"""The Party rules xaso applies, as dated data (``data/rules.json``), not code: they
change often (the implementing rules were replaced twice in 2025), so each value carries
the days it is in force, its source and whether its text was confirmed. A new rule is a
new row with a later ``valid_from``; the old row stays, so a past date is judged by the
rule of its day."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from xaso.core import localized

RULES_FILE = Path(__file__).parent / "data" / "rules.json"
#: The unit of a list of days of the year, each "mm-dd" (the badge award dates).
DAYS_OF_YEAR = "tháng-ngày"


def _choice_labels(name: str):
    def labels() -> dict:
        from xaso.party import models

        return dict(getattr(models, name).choices)

    return labels


#: Units whose values are codes of a choice, shown by their labels (who may decide a
#: discipline, which forms a probationary member may receive).
CHOICE_UNITS = {
    "cấp quyết định": _choice_labels("Authority"),
    "hình thức kỷ luật": _choice_labels("DisciplineForm"),
}


@dataclass(frozen=True)
class Rule:
    key: str
    value: Any
    unit: str
    label: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str
    confirmed: bool

    @property
    def shown(self) -> str:
        """The value as a page reads it, with its unit: a yes/no in words, the days of
        the year as day/month ("02-03" is 3 February), a share as a fraction ("2/3"),
        other lists joined."""
        if isinstance(self.value, bool):
            return _("có") if self.value else _("không")
        if self.unit == DAYS_OF_YEAR:
            return ", ".join(f"{md[3:]}/{md[:2]}" for md in self.value)
        if self.key.endswith("_share"):
            text = "/".join(str(v) for v in self.value)
        elif self.unit in CHOICE_UNITS:  # codes of a choice: their labels
            words = CHOICE_UNITS[self.unit]()
            return ", ".join(str(words.get(v, v)) for v in self.value)
        elif isinstance(self.value, int | float):
            text = localized.format_exact(self.value)
        elif isinstance(self.value, list):
            text = ", ".join(str(v) for v in self.value)
        else:
            text = str(self.value)
        return f"{text} {self.unit}".strip()

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@cache
def all_rules() -> tuple[Rule, ...]:
    rows = json.loads(RULES_FILE.read_text(encoding="utf-8"))["rules"]
    return tuple(
        Rule(
            key=row["key"],
            value=row["value"],
            unit=row.get("unit", ""),
            label=row["label"],
            valid_from=dt.date.fromisoformat(row["valid_from"]),
            valid_to=dt.date.fromisoformat(row["valid_to"]) if row.get("valid_to") else None,
            source=row["source"],
            confirmed=bool(row["confirmed"]),
        )
        for row in rows
    )


def rule(key: str, on: dt.date) -> Rule:
    """The rule ``key`` in force on ``on``; ``LookupError`` when none is (a gap in the
    data must be seen, not papered over with a default)."""
    for candidate in all_rules():
        if candidate.key == key and candidate.in_force_on(on):
            return candidate
    raise LookupError(f"Không có quy định '{key}' có hiệu lực ngày {on.isoformat()}.")


def rule_or_none(key: str, on: dt.date) -> Rule | None:
    """The rule ``key`` in force on ``on``, or None where the data set none on that day
    (a limit that did not exist yet bounds nothing, a clock that had none does not run)."""
    try:
        return rule(key, on)
    except LookupError:
        return None


def value(key: str, on: dt.date) -> Any:
    return rule(key, on).value
