"""Measures fed by other modules — the public seam between the targets and every other
app. A module declares, in its manifest (``core.plugins.TargetSource``), a function that
supplies the value of a measure (``data_source = "computed:<key>"``) for an org unit and
a year; ``get`` finds it there. ``source`` registers one directly (tests, scripts).

The function reads the module's own records at the moment it is called, so the
dashboard shows a change the moment the underlying record changes — no batch job.

    # onestop/manifest.py
    TargetSource("onestop.digitised_dossiers", _("Hồ sơ được số hóa"),
                 supply="xaso.onestop.indicators:digitised_observation")

    # onestop/indicators.py
    def digitised_observation(org_unit, year):
        ...
        return registry.Observation(numerator=done, denominator=total)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xaso.core import plugins
from xaso.core.models import OrgUnit
from xaso.targets.evaluation import Observation

__all__ = ["SOURCES", "Observation", "get", "source"]

Supplier = Callable[[OrgUnit, int], Observation | None]
ManySupplier = Callable[[OrgUnit, list[int]], dict[int, Observation]]


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    supply: Supplier
    supply_years: ManySupplier | None = None

    def observations(self, unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
        """Every year's observation, in one call when the module offers it."""
        if self.supply_years is not None:
            return self.supply_years(unit, years)
        found = {}
        for year in years:
            obs = self.supply(unit, year)
            if obs is not None:
                found[year] = obs
        return found


SOURCES: dict[str, Source] = {}


def source(
    key: str, *, label: str, many: ManySupplier | None = None
) -> Callable[[Supplier], Supplier]:
    """Register ``supply(org_unit, year) -> Observation | None`` under ``key``; ``many``
    optionally answers for several years at once (one query instead of one per year)."""

    def register(supply: Supplier) -> Supplier:
        SOURCES[key] = Source(key=key, label=label, supply=supply, supply_years=many)
        return supply

    return register


def get(key: str) -> Source | None:
    if key not in SOURCES:
        for declared in plugins.target_sources():
            if declared.key == key:
                source(
                    key,
                    label=declared.label,
                    many=plugins.resolve(declared.many) if declared.many else None,
                )(plugins.resolve(declared.supply))
    return SOURCES.get(key)
