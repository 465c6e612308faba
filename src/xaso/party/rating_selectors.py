"""Reads of the ratings (xếp loại chất lượng hằng năm) and the cell meetings (sinh hoạt
chi bộ), and whose roll a cell had on a day.

Ratings of members name members: they follow the member-file rule (``permissions.VIEW``,
held by the Party office and the leaders; 404 for another commune's records), like
every read in ``selectors``. Meetings carry attendance by member: the same rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from xaso.core import access
from xaso.core.models import OrgUnit, User
from xaso.party import permissions as perms
from xaso.party import rules
from xaso.party.models import (
    ACTIVE,
    LEVEL_ORDER,
    Cell,
    Discipline,
    Level,
    Meeting,
    MeetingKind,
    Member,
    Rating,
    StatusChange,
    Transfer,
    TransferKind,
)


def year_end(year: int) -> dt.date:
    """The day a year's rating is judged by (the rules in force then)."""
    return dt.date(year, 12, 31)


def roll_day(year: int) -> dt.date:
    """The day whose roll is expected to be rated: the year's last day, today for the
    current year."""
    today = timezone.localdate()
    return min(today, year_end(year))


# --- the discipline hook ---------------------------------------------------------------------


def cell_has_disciplined_member(unit: OrgUnit, year: int) -> bool:
    """Whether a member on the cell's roll during ``year`` was disciplined in it (bars the
    cell's xuất sắc) — one read for the whole roll."""
    members = members_during(unit, year)
    return Discipline.objects.filter(member__in=members, effective_on__year=year).exists()


# --- rolls -----------------------------------------------------------------------------------


def _cell_on(member: Member, day: dt.date, moves: list[Transfer]) -> int | None:
    """The unit whose roll held ``member`` on ``day``: the first official transfer after
    the day tells where they came from; without one, their cell now."""
    later = [t for t in moves if t.on > day]
    if later:
        return later[0].from_unit_id
    return member.org_unit_id


def _active_on(member: Member, day: dt.date, changes: list[StatusChange]) -> bool:
    if member.admitted_on > day or member.temporary:
        return False
    before = [c for c in changes if c.on <= day]
    return before[-1].status in ACTIVE if before else True


def _candidates(unit: OrgUnit) -> tuple[list[Member], dict, dict]:
    moved = Transfer.objects.filter(kind=TransferKind.OFFICIAL).filter(
        Q(from_unit=unit) | Q(to_unit=unit)
    )
    members = list(
        Member.objects.filter(Q(org_unit=unit) | Q(pk__in=moved.values("member"))).order_by(
            "name_key", "pk"
        )
    )
    ids = [m.pk for m in members]
    moves: dict[int, list[Transfer]] = {}
    for t in Transfer.objects.filter(member__in=ids, kind=TransferKind.OFFICIAL).order_by(
        "on", "pk"
    ):
        moves.setdefault(t.member_id, []).append(t)
    changes: dict[int, list[StatusChange]] = {}
    for c in StatusChange.objects.filter(member__in=ids).order_by("on", "pk"):
        changes.setdefault(c.member_id, []).append(c)
    return members, moves, changes


def roll_on(unit: OrgUnit, day: dt.date) -> list[Member]:
    """The members on the cell's roll on ``day`` (official or probationary, not those
    attending temporarily), from their dated status changes and transfers."""
    return rolls_on(unit, [day])[day]


def members_during(unit: OrgUnit, year: int) -> list[Member]:
    """The members on the cell's roll on some day of ``year`` (up to today): the roll
    changes only on the days of a status change or a transfer, so those days, the days
    before them and the year's ends are enough to look at."""
    start, end = dt.date(year, 1, 1), roll_day(year)
    if end < start:
        return []
    members, moves, changes = _candidates(unit)
    found = []
    for m in members:
        days = {start, end, m.admitted_on}
        for record in [*moves.get(m.pk, []), *changes.get(m.pk, [])]:
            days |= {record.on, record.on - dt.timedelta(days=1)}
        if any(
            start <= day <= end
            and _cell_on(m, day, moves.get(m.pk, [])) == unit.pk
            and _active_on(m, day, changes.get(m.pk, []))
            for day in days
        ):
            found.append(m)
    return found


# --- ratings ---------------------------------------------------------------------------------


def scale_rules(year: int) -> list[rules.Rule]:
    """The score thresholds in force for ``year``'s rating, best level first; empty
    before the 100-point scale (the level was then given without a score)."""
    day = year_end(year)
    keys = ("rating_excellent_min_score", "rating_good_min_score", "rating_done_min_score")
    found = [rules.rule_or_none(key, day) for key in keys]
    return [] if None in found else found


def level_for_score(score: Decimal, year: int) -> str | None:
    """The level a score gives under ``year``'s scale, or None where there is none."""
    thresholds = scale_rules(year)
    if not thresholds:
        return None
    for level, rule in zip(LEVEL_ORDER, thresholds, strict=False):
        if score >= Decimal(str(rule.value)):
            return level
    return Level.FAILED


def visible_ratings(user: User) -> QuerySet[Rating]:
    return access.scope(user, perms.VIEW, Rating.objects.all()).select_related("org_unit", "member")


def rating_or_404(user: User, pk: int) -> Rating:
    rating = visible_ratings(user).filter(pk=pk).first()
    if rating is None:
        raise Http404
    return rating


@dataclass
class CellRow:
    cell: Cell
    rating: Rating | None
    counts: dict[str, int] = field(default_factory=dict)
    rated: int = 0
    expected: int = 0

    def share(self, level: str) -> Decimal | None:
        return Decimal(self.counts.get(level, 0)) * 100 / self.rated if self.rated else None

    @property
    def good_share(self) -> Decimal | None:
        good = self.counts.get(Level.EXCELLENT, 0) + self.counts.get(Level.GOOD, 0)
        return Decimal(good) * 100 / self.rated if self.rated else None

    @property
    def level_counts(self) -> list[int]:
        return [self.counts.get(level, 0) for level in LEVEL_ORDER]


def ratings_by_cell(user: User, unit: OrgUnit, cells: list[Cell], year: int) -> list[CellRow]:
    """For each cell: its own rating and its members' counts per level in ``year``."""
    rows = {c.org_unit_id: CellRow(c, None) for c in cells}
    for r in visible_ratings(user).filter(org_unit__path__startswith=unit.path, year=year):
        row = rows.get(r.org_unit_id)
        if row is None:
            continue
        if r.member_id is None:
            row.rating = r
        else:
            row.counts[r.level] = row.counts.get(r.level, 0) + 1
            row.rated += 1
    return list(rows.values())


def totals(rows: list[CellRow]) -> dict:
    """The Đảng bộ's figures of a year: cells and members per level, with shares."""
    cells = [r.rating.level for r in rows if r.rating]
    members = {level: sum(r.counts.get(level, 0) for r in rows) for level in LEVEL_ORDER}
    rated = sum(members.values())

    def share(n, total):
        return Decimal(n) * 100 / total if total else None

    return {
        "cells": [
            (Level(lv).label, cells.count(lv), share(cells.count(lv), len(cells)))
            for lv in LEVEL_ORDER
        ],
        "cells_rated": len(cells),
        "members": [
            (Level(lv).label, members[lv], share(members[lv], rated)) for lv in LEVEL_ORDER
        ],
        "members_rated": rated,
        "demo": any(r.rating and r.rating.is_demo for r in rows),
    }


def cell_ratings(cell: Cell, year: int) -> tuple[Rating | None, dict[int, Rating]]:
    """The cell's own rating of ``year`` and its members' ({member id: rating})."""
    own, by_member = None, {}
    for r in Rating.objects.filter(org_unit=cell.org_unit, year=year).select_related("member"):
        if r.member_id is None:
            own = r
        else:
            by_member[r.member_id] = r
    return own, by_member


# --- meetings --------------------------------------------------------------------------------


def last_complete_month(today: dt.date | None = None) -> dt.date:
    """The first day of the last month that has ended."""
    today = today or timezone.localdate()
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def visible_meetings(user: User) -> QuerySet[Meeting]:
    return access.scope(user, perms.VIEW, Meeting.objects.all()).select_related("org_unit")


def meeting_or_404(user: User, pk: int) -> Meeting:
    meeting = visible_meetings(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meetings_of(user: User, cell: Cell) -> QuerySet[Meeting]:
    return visible_meetings(user).filter(org_unit=cell.org_unit).order_by("-held_on", "-pk")


def attendance_of(meeting: Meeting) -> list:
    return list(
        meeting.attendance.select_related("member").order_by("member__name_key", "member__pk")
    )


def late_cells(user: User, unit: OrgUnit | None = None) -> list[Cell]:
    """Cells (the user may manage) without a regular meeting recorded for the last
    complete month — late (chậm sinh hoạt) for the Party office."""
    month = last_complete_month()
    cells = access.scope(user, perms.MANAGE, Cell.objects.all()).select_related("org_unit")
    if unit is not None:
        cells = cells.filter(org_unit__path__startswith=unit.path)
    cells = cells.filter(
        Q(org_unit__valid_from__isnull=True) | Q(org_unit__valid_from__lte=month),
        Q(org_unit__valid_to__isnull=True) | Q(org_unit__valid_to__gte=month),
    )
    held = Meeting.objects.filter(kind=MeetingKind.REGULAR, month=month).values("org_unit")
    return list(cells.exclude(org_unit__in=held).order_by("org_unit__code"))


def late_cells_count(user: User) -> int:
    """The menu's count (``Nav.pending``)."""
    if not user.is_authenticated:
        return 0
    return len(late_cells(user))


def rolls_on(unit: OrgUnit, days: list[dt.date]) -> dict[dt.date, list[Member]]:
    """``roll_on`` for many days of one cell with one read of its records."""
    members, moves, changes = _candidates(unit)
    return {
        day: [
            m
            for m in members
            if _cell_on(m, day, moves.get(m.pk, [])) == unit.pk
            and _active_on(m, day, changes.get(m.pk, []))
        ]
        for day in days
    }
