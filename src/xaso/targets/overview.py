"""The targets' panel of the leader's overview (``core.plugins.OverviewPanel``): the
resolution's targets at a glance for the chosen unit and year — how many are met, not
met, not yet due, without figures; a small chart per group; the targets at risk first,
each with its projection and the target it falls short of."""

from __future__ import annotations

import datetime as dt

from xaso.core import access
from xaso.core.models import OrgUnit
from xaso.targets import charts, selectors
from xaso.targets import permissions as perms


def panel(user, *, org_unit: OrgUnit, year: int, today: dt.date) -> dict | None:
    """None when ``user`` may not see the unit's targets (the dashboard's own check) or
    the unit has no resolution."""
    unit = org_unit
    if not access.allowed(user, perms.VIEW, unit):
        return None
    resolution = selectors.resolution_for(unit)
    if resolution is None:
        return None
    year = min(max(year, resolution.term_start), resolution.term_end)
    groups = selectors.evaluate_targets(resolution, unit, until=year)
    return {
        "unit": unit,
        "resolution": resolution,
        "year": year,
        "cards": selectors.status_cards(groups),
        "total": sum(len(g.targets) for g in groups),
        "at_risk": selectors.at_risk_targets(groups),
        "groups": [(g, charts.group_chart(g)) for g in groups],
        "demo": any(t.demo for g in groups for t in g.targets),
        "until": year if year < today.year else None,  # the dashboard's ?nam=, when past
    }
