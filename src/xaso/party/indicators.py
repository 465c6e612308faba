"""The resolution measures the Party module feeds live through the targets registry.

XD3a — "Đến năm 2030: 80% số chi bộ bản có chi ủy" (Phần thứ ba II.2.3 (3)): bản cells
whose leadership in force at the year's end (today, for this year) is an elected chi
ủy, over the bản cells. A cell-level fact, not a member's: the dashboard may show it
to whoever reads the resolution. A bản cell with no leadership recorded for that day
leaves the value unknown ("chưa có số liệu") rather than counted as without a chi ủy:
the report gives no such figure, and a gap must not read as a zero.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from xaso.core.models import OrgUnit
from xaso.party.models import Admission, CellKind, Committee
from xaso.targets.registry import Observation


def _day(year: int) -> dt.date:
    today = timezone.localdate()
    return today if year == today.year else dt.date(year, 12, 31)


def village_cells_with_committee(org_unit: OrgUnit, year: int) -> Observation | None:
    return village_cells_with_committee_by_year(org_unit, [year]).get(year)


def village_cells_with_committee_by_year(
    org_unit: OrgUnit, years: list[int]
) -> dict[int, Observation]:
    """XD3a for several years in two reads, the bản cells and their leaderships (the
    dashboard asks for every year of the term on each view); each year is then the
    leadership in force on its last day."""
    days = {year: _day(year) for year in years if _day(year) <= timezone.localdate()}
    if not days:
        return {}
    last = max(days.values())
    cells = list(
        OrgUnit.objects.filter(party_cell__kind=CellKind.VILLAGE, path__startswith=org_unit.path)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .values_list("pk", "valid_from")
    )
    leaderships = list(
        Committee.objects.filter(
            cell__kind=CellKind.VILLAGE,
            cell__org_unit__path__startswith=org_unit.path,
            term_start__lte=last,
        ).values_list("cell__org_unit", "term_start", "ended_on", "elected", "is_demo")
    )
    found = {}
    for year, day in days.items():
        open_cells = {pk for pk, since in cells if since is None or since <= day}
        in_force = [
            (cell, elected, demo)
            for cell, start, end, elected, demo in leaderships
            if start <= day and (end is None or end >= day) and cell in open_cells
        ]
        # A cell with no leadership recorded leaves the year unknown, not a zero.
        if not open_cells or {cell for cell, _e, _d in in_force} != open_cells:
            continue
        elected = {cell for cell, is_elected, _demo in in_force if is_elected}
        found[year] = Observation(
            numerator=Decimal(len(elected)),
            denominator=Decimal(len(open_cells)),
            demo=any(demo for _cell, _elected, demo in in_force),
        )
    return found


def admissions_decided(org_unit: OrgUnit, year: int) -> Observation | None:
    """XD2 — "kết nạp trên 80 đảng viên" over 2025–2030 (Phần thứ ba II.2.3): the
    admissions whose decision (quyết định kết nạp) is dated in ``year`` — Party age
    counts from the decision, so that is when a member is admitted. The targets module
    sums the years after the baseline (2025). Read at every call, never cached: a
    decision recorded now shows on the dashboard at once. Unknown (None) for a future
    year, and where no admission was ever recorded in the unit — a module not yet in
    use must not read as "none admitted"."""
    return admissions_decided_years(org_unit, [year]).get(year)


def admissions_decided_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """``admissions_decided`` for many years in one grouped query (the dashboard)."""
    rows = (
        Admission.objects.filter(org_unit__path__startswith=org_unit.path)
        .annotate(year=ExtractYear("decision_on"))
        .values("year")
        .annotate(n=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
        .order_by()
    )
    by_year = {r["year"]: r for r in rows}
    if not by_year:  # nothing recorded: unknown, not zero (see ``admissions_decided``)
        return {}
    this_year = timezone.localdate().year
    found = {}
    for year in years:
        if year > this_year:
            continue
        row = by_year.get(year)
        found[year] = Observation(
            value=Decimal(row["n"] if row else 0), demo=bool(row and row["demo"])
        )
    return found
