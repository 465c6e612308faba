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

from django.db.models import Q
from django.utils import timezone

from xaso.core.models import OrgUnit
from xaso.party.models import CellKind, Committee
from xaso.targets.registry import Observation


def _day(year: int) -> dt.date:
    today = timezone.localdate()
    return today if year == today.year else dt.date(year, 12, 31)


def village_cells_with_committee(org_unit: OrgUnit, year: int) -> Observation | None:
    day = _day(year)
    if day > timezone.localdate():
        return None
    in_force = Committee.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day),
        cell__kind=CellKind.VILLAGE,
        cell__org_unit__path__startswith=org_unit.path,
        term_start__lte=day,
    )
    cells = (
        OrgUnit.objects.filter(party_cell__kind=CellKind.VILLAGE, path__startswith=org_unit.path)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .count()
    )
    recorded = in_force.values("cell").distinct().count()
    if cells == 0 or recorded < cells:
        return None
    elected = in_force.filter(elected=True).values("cell").distinct().count()
    demo = in_force.filter(is_demo=True).exists()
    return Observation(numerator=Decimal(elected), denominator=Decimal(cells), demo=demo)


def admissions_decided(org_unit: OrgUnit, year: int) -> Observation | None:
    """XD2 — "kết nạp trên 80 đảng viên" over 2025–2030 (Phần thứ ba II.2.3): the
    admissions whose decision (quyết định kết nạp) is dated in ``year`` — Party age
    counts from the decision, so that is when a member is admitted. The targets module
    sums the years after the baseline (2025). Read at every call, never cached: a
    decision recorded now shows on the dashboard at once. Unknown (None) for a future
    year, and where no admission was ever recorded in the unit — a module not yet in
    use must not read as "none admitted"."""
    if year > timezone.localdate().year:
        return None
    from xaso.party.models import Admission

    records = Admission.objects.filter(org_unit__path__startswith=org_unit.path)
    if not records.exists():
        return None
    decided = records.filter(decision_on__year=year)
    return Observation(value=Decimal(decided.count()), demo=decided.filter(is_demo=True).exists())


def admissions_decided_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """``admissions_decided`` for many years in one grouped query (the dashboard)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from xaso.party.models import Admission

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
