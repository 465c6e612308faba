"""Demo ratings and cell meetings of the Đảng bộ xã Long Hẹ — DEMO DATA.

The Congress report gives no rating figures and no count of meetings (the notes of
XD1a–e say so): everything here is INVENTED, deterministic (seeded) and ``is_demo``, so
the pages and the live targets have something plausible to show, never a report figure:

- ratings of 2024 (level only: before Quy định 366-QĐ/TW there was no score) and 2025
  (100-point scores, the level the score gives) for every cell and every member on a
  cell's roll in the year, within the share of xuất sắc (at most 20% of those rated
  tốt, per cell for members and over the cells);
- a regular meeting (sinh hoạt định kỳ) in every month from January 2025 up to today
  (the demo's live part), but for a few invented misses, and one thematic meeting a
  quarter, each with the attendance of the members on the cell's roll that day.

Bulk-created (about 1,200 ratings and 15,000 attendance rows: through the services and
the audit chain the demo would take minutes); the services' rules are applied here.
Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.party import rating_selectors as sel
from xaso.party.demo import OFFICE, PARTY_UNIT
from xaso.party.models import (
    Attendance,
    Cell,
    Level,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    Rating,
)

YEARS = (2024, 2025)
MEETINGS_FROM = dt.date(2025, 1, 1)
#: Invented: how many (cell, month) regular meetings are missing before this month.
MISSED = 3
BANDS = {
    Level.EXCELLENT: (90, 98),
    Level.GOOD: (70, 89),
    Level.DONE: (50, 69),
    Level.FAILED: (35, 49),
}
MEMBER_LEVELS = [(Level.EXCELLENT, 12), (Level.GOOD, 74), (Level.DONE, 12), (Level.FAILED, 2)]
CELL_LEVELS = [(Level.EXCELLENT, 15), (Level.GOOD, 78), (Level.DONE, 7)]


def _levels(rng, n: int, weights) -> list[str]:
    """``n`` levels drawn by ``weights``, then xuất sắc cut to 20% of tốt (the share
    the rules name; a demoted one becomes tốt)."""
    levels = rng.choices([lv for lv, _w in weights], weights=[w for _lv, w in weights], k=n)
    while levels.count(Level.EXCELLENT) * 5 > levels.count(Level.GOOD):
        levels[levels.index(Level.EXCELLENT)] = Level.GOOD
    return levels


def _rating(rng, office, unit, member, year, level) -> Rating:
    score = None
    if sel.scale_rules(year):
        low, high = BANDS[level]
        score = Decimal(rng.randint(low * 2, high * 2 + 1)) / 2
        assert sel.level_for_score(score, year) == level
    return Rating(
        org_unit=unit,
        member=member,
        year=year,
        score=score,
        level=level,
        note="Dữ liệu mẫu (demo)",
        recorded_by=office,
        is_demo=True,
    )


def create_demo_ratings(cells: list[Cell], office) -> int:
    rng = demo.rng("party", "ratings", PARTY_UNIT)
    rows = []
    for year in YEARS:
        for cell, level in zip(cells, _levels(rng, len(cells), CELL_LEVELS), strict=True):
            rows.append(_rating(rng, office, cell.org_unit, None, year, level))
            members = sel.members_during(cell.org_unit, year)
            for m, lv in zip(members, _levels(rng, len(members), MEMBER_LEVELS), strict=True):
                rows.append(_rating(rng, office, cell.org_unit, m, year, lv))
    Rating.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _months(today: dt.date) -> list[dt.date]:
    months, month = [], MEETINGS_FROM
    while month <= today:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def create_demo_meetings(cells: list[Cell], office, today: dt.date) -> int:
    rng = demo.rng("party", "meetings", PARTY_UNIT)
    months = _months(today)
    last_complete = sel.last_complete_month(today)
    missed = {
        (rng.randrange(len(cells)), rng.choice([m for m in months if m < last_complete]))
        for _ in range(MISSED)
    }
    missed.add((rng.randrange(len(cells)), last_complete))  # one cell late now
    planned = []
    for i, cell in enumerate(cells):
        for month in months:
            day = month.replace(day=rng.randint(3, 10))
            if (i, month) not in missed and day <= today:
                planned.append((cell, MeetingKind.REGULAR, day))
            if month.month in (3, 6, 9, 12):
                day = month.replace(day=rng.randint(15, 25))
                if day <= today:
                    planned.append((cell, MeetingKind.THEMATIC, day))
    rolls = {}
    for cell in cells:
        days = [d for c, _k, d in planned if c is cell]
        rolls[cell.pk] = sel.rolls_on(cell.org_unit, days)
    meetings = [
        Meeting(
            org_unit=cell.org_unit,
            kind=kind,
            held_on=day,
            month=day.replace(day=1),
            content=(
                f"Sinh hoạt định kỳ tháng {day:%m/%Y}: đánh giá thực hiện nhiệm vụ tháng, "
                "triển khai nhiệm vụ tháng tới (dữ liệu mẫu)."
                if kind == MeetingKind.REGULAR
                else f"Sinh hoạt chuyên đề quý {(day.month - 1) // 3 + 1}/{day.year} (dữ liệu mẫu)."
            ),
            resolution=f"Chi bộ thống nhất nhiệm vụ tháng {day:%m/%Y} (dữ liệu mẫu).",
            recorded_by=office,
            is_demo=True,
        )
        for cell, kind, day in planned
    ]
    Meeting.objects.bulk_create(meetings, batch_size=500)
    statuses = [Attendance.PRESENT, Attendance.EXCUSED, Attendance.ABSENT]
    attendance = [
        MeetingAttendance(
            meeting=meeting,
            member=member,
            status=rng.choices(statuses, weights=[90, 8, 2])[0],
        )
        for meeting, (cell, _k, day) in zip(meetings, planned, strict=True)
        for member in rolls[cell.pk][day]
    ]
    MeetingAttendance.objects.bulk_create(attendance, batch_size=2000)
    return len(meetings)


@transaction.atomic
def create_demo_ratings_and_meetings(*, today: dt.date) -> tuple[int, int]:
    """(ratings, meetings) created; (0, 0) when they exist or the cells are not loaded."""
    party_unit = OrgUnit.objects.filter(code=PARTY_UNIT).first()
    if party_unit is None:
        return 0, 0
    cells = list(
        Cell.objects.filter(org_unit__parent=party_unit)
        .select_related("org_unit")
        .order_by("org_unit__code")
    )
    if not cells:
        return 0, 0
    (office,) = demo.accounts(OFFICE)
    rated = 0
    if not Rating.objects.filter(org_unit__parent=party_unit, is_demo=True).exists():
        rated = create_demo_ratings(cells, office)
    held = 0
    if not Meeting.objects.filter(org_unit__parent=party_unit, is_demo=True).exists():
        held = create_demo_meetings(cells, office, today)
    return rated, held
