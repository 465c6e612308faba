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
from xaso.party.models import (
    Admission,
    Cell,
    CellKind,
    Committee,
    Level,
    Meeting,
    MeetingKind,
    Rating,
)
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


# --- ratings (XD1a–d) and cell meetings (XD1e) ------------------------------------------------


def _rating_shares(org_unit: OrgUnit, years: list[int], *, cells: bool, best_only: bool):
    """Ratings of ``years`` in the unit — the cells' own (``cells``) or the members' — at
    level tốt or better (``best_only``: xuất sắc) over all rated, per year. A year with
    no rating is unknown, never zero."""
    levels = [Level.EXCELLENT] if best_only else [Level.EXCELLENT, Level.GOOD]
    rows = (
        Rating.objects.filter(
            org_unit__path__startswith=org_unit.path,
            year__in=years,
            member__isnull=cells,
        )
        .values("year")
        .annotate(
            n=Count("pk"),
            hit=Count("pk", filter=Q(level__in=levels)),
            demo=Count("pk", filter=Q(is_demo=True)),
        )
        .order_by()
    )
    return {
        r["year"]: Observation(
            numerator=Decimal(r["hit"]), denominator=Decimal(r["n"]), demo=bool(r["demo"])
        )
        for r in rows
        if r["n"]
    }


def org_rating_good_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """XD1a — the measure names "tổ chức cơ sở đảng"; in a commune whose only Đảng bộ
    cơ sở is the Đảng ủy xã, xaso counts its chi bộ trực thuộc (as issue 12 asks): the
    cells rated hoàn thành tốt nhiệm vụ or better over the cells rated that year."""
    return _rating_shares(org_unit, years, cells=True, best_only=False)


def org_rating_good(org_unit: OrgUnit, year: int) -> Observation | None:
    return org_rating_good_years(org_unit, [year]).get(year)


def org_rating_excellent_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """XD1c — the cells (chi bộ trực thuộc, see XD1a) rated hoàn thành xuất sắc
    nhiệm vụ over the cells rated that year."""
    return _rating_shares(org_unit, years, cells=True, best_only=True)


def org_rating_excellent(org_unit: OrgUnit, year: int) -> Observation | None:
    return org_rating_excellent_years(org_unit, [year]).get(year)


def member_rating_good_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """XD1b — members rated hoàn thành tốt nhiệm vụ or better over members rated."""
    return _rating_shares(org_unit, years, cells=False, best_only=False)


def member_rating_good(org_unit: OrgUnit, year: int) -> Observation | None:
    return member_rating_good_years(org_unit, [year]).get(year)


def member_rating_excellent_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """XD1d — members rated hoàn thành xuất sắc nhiệm vụ over members rated."""
    return _rating_shares(org_unit, years, cells=False, best_only=True)


def member_rating_excellent(org_unit: OrgUnit, year: int) -> Observation | None:
    return member_rating_excellent_years(org_unit, [year]).get(year)


def _months(year: int) -> list[dt.date]:
    """The months of ``year`` that have ended (all twelve for a past year)."""
    today = timezone.localdate()
    return [dt.date(year, m, 1) for m in range(1, 13) if (year, m) < (today.year, today.month)]


def cells_meeting_regularly_years(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """XD1e — the cells in force at the end of the period that held a regular meeting
    (sinh hoạt định kỳ, Charter Art. 24.2) in every month of the year — up to the last
    complete month for the current year, from the month a cell opened for a cell opened
    in the year (the Đảng bộ xã Long Hẹ's cells date from 01/7/2025) — over those cells.
    Unknown for a year with no meeting at all recorded in the unit (the module not yet
    in use must not read as "no cell meets")."""
    months_of = {year: months for year in years if (months := _months(year))}
    if not months_of:
        return {}
    # Two reads for every year at once (the dashboard asks for the whole term): the
    # regular meetings of those months, and the cells with the days they were open.
    held = list(
        Meeting.objects.filter(
            org_unit__path__startswith=org_unit.path,
            kind=MeetingKind.REGULAR,
            month__in=[m for months in months_of.values() for m in months],
        ).values_list("org_unit", "month", "is_demo")
    )
    if not held:
        return {}
    cells = list(
        Cell.objects.filter(org_unit__path__startswith=org_unit.path).values_list(
            "org_unit", "org_unit__valid_from", "org_unit__valid_to"
        )
    )
    found = {}
    for year, months in months_of.items():
        wanted = set(months)
        in_year = [(unit, month, demo) for unit, month, demo in held if month in wanted]
        if not in_year:
            continue
        last = months[-1]
        open_cells = {
            unit: since
            for unit, since, until in cells
            if (since is None or since <= last) and (until is None or until >= last)
        }
        if not open_cells:
            continue
        by_cell: dict[int, set] = {}
        for unit, month, _demo in in_year:
            by_cell.setdefault(unit, set()).add(month)
        regular = [
            c
            for c, since in open_cells.items()
            if by_cell.get(c, set())
            >= {m for m in months if since is None or m >= since.replace(day=1)}
        ]
        found[year] = Observation(
            numerator=Decimal(len(regular)),
            denominator=Decimal(len(open_cells)),
            demo=any(demo for _u, _m, demo in in_year),
        )
    return found


def cells_meeting_regularly(org_unit: OrgUnit, year: int) -> Observation | None:
    return cells_meeting_regularly_years(org_unit, [year]).get(year)
