"""Structure tables (bảng thống kê cơ cấu đảng viên) a Party office sends upward: the
members on the roll on a chosen day, counted by cell and by gender, ethnicity, age band,
general education, professional level, political theory, official or probationary.

The roll of a past day is read from the dated history, not from today's fields: a
member counts when their last status change on or before the day leaves them official
or probationary, and in the cell they belonged to that day (an internal transfer after
the day moves them back to the cell they left). Members attending temporarily from
elsewhere are not on the roll. A member's education and levels are their file's now (the
file keeps no history of them).

Reads only, through ``selectors`` (the Party permission; nothing for anyone else).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from xaso.core.models import OrgUnit, User
from xaso.party import selectors
from xaso.party.models import (
    ACTIVE,
    Direction,
    Gender,
    GeneralEducation,
    Member,
    Professional,
    StatusChange,
    Theory,
    Transfer,
    TransferKind,
)

#: Age bands of the tables (xaso's choice: no form of the Party's statistics with its
#: bands was read — REFERENCE.md gives none — so the page says so). (label, lowest, highest).
AGE_BANDS = (
    ("≤ 30", 0, 30),
    ("31–40", 31, 40),
    ("41–50", 41, 50),
    ("51–60", 51, 60),
    ("61–70", 61, 70),
    ("> 70", 71, 200),
)
#: The commune's ethnicities first, in this order; any other present follows by name.
ETHNICITIES = ("Thái", "Kinh", "Mông", "Khơ Mú")


@dataclass
class Dimension:
    key: str
    label: str
    columns: list[tuple[str, str]]  # (key, label)


@dataclass
class Row:
    label: str
    code: str
    total: int = 0
    counts: Counter = field(default_factory=Counter)

    def get(self, dim: str, col: str) -> int:
        return self.counts[(dim, col)]


@dataclass
class Structure:
    unit: OrgUnit
    day: dt.date
    dimensions: list[Dimension]
    rows: list[Row]
    total: Row
    demo: bool

    def tables(self) -> list[tuple[Dimension, list[tuple[Row, list[int]]]]]:
        """Per subject: each cell's row and the total, the figures in column order."""
        return [
            (dim, [(row, [row.get(dim.key, k) for k, _l in dim.columns]) for row in self.every_row])
            for dim in self.dimensions
        ]

    @property
    def every_row(self) -> list[Row]:
        return [*self.rows, self.total]


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return AGE_BANDS[-1][0]


def dimensions(ethnicities: list[str]) -> list[Dimension]:
    return [
        Dimension("status", str(_("Đảng viên")), [(s.value, str(s.label)) for s in ACTIVE]),
        Dimension("gender", str(_("Giới tính")), [(g.value, str(g.label)) for g in Gender]),
        Dimension("ethnicity", str(_("Dân tộc")), [(e, e) for e in ethnicities]),
        Dimension("age", str(_("Tuổi")), [(b[0], b[0]) for b in AGE_BANDS]),
        Dimension(
            "general_education",
            str(_("Giáo dục phổ thông")),
            [(g.value, str(g.label)) for g in GeneralEducation],
        ),
        Dimension(
            "professional",
            str(_("Chuyên môn, nghiệp vụ")),
            [(p.value, str(p.label)) for p in Professional],
        ),
        Dimension("theory", str(_("Lý luận chính trị")), [(t.value, str(t.label)) for t in Theory]),
    ]


def roll_on(members: list[Member], day: dt.date) -> list[tuple[Member, int, str]]:
    """(member, cell unit id, status) for each member on the roll on ``day``."""
    ids = [m.pk for m in members]
    last_status: dict[int, str] = {}
    for member_id, status in (
        StatusChange.objects.filter(member_id__in=ids, on__lte=day)
        .order_by("on", "pk")
        .values_list("member_id", "status")
    ):
        last_status[member_id] = status
    # The first internal move after the day: the member was in its "from" cell then.
    moved_back: dict[int, int] = {}
    for member_id, from_unit in (
        Transfer.objects.filter(
            member_id__in=ids, direction=Direction.INTERNAL, on__gt=day, from_unit__isnull=False
        )
        .order_by("-on", "-pk")
        .values_list("member_id", "from_unit_id")
    ):
        moved_back[member_id] = from_unit  # the earliest wins (read last)
    # Members received by an official transfer count from the day they came.
    arrived_later = set(
        Transfer.objects.filter(
            member_id__in=ids, direction=Direction.IN, kind=TransferKind.OFFICIAL, on__gt=day
        ).values_list("member_id", flat=True)
    )
    found = []
    for m in members:
        status = last_status.get(m.pk)
        if m.temporary or status not in ACTIVE or m.pk in arrived_later:
            continue
        found.append((m, moved_back.get(m.pk, m.org_unit_id), status))
    return found


def structure(user: User, unit: OrgUnit, day: dt.date) -> Structure:
    """The tables of ``unit`` (the Đảng ủy or one cell) on ``day``: a row per cell the
    user may see, and the total."""
    cells = list(selectors.cells_in(user, unit))
    # Members now anywhere in the Đảng bộ: one may have been in this cell that day.
    scope = unit.parent if hasattr(unit, "party_cell") and unit.parent else unit
    members = list(selectors.visible_members(user).filter(org_unit__path__startswith=scope.path))
    roll = roll_on(members, day)
    cell_ids = {c.org_unit_id for c in cells}
    roll = [(m, cell, status) for m, cell, status in roll if cell in cell_ids]
    present = Counter(m.ethnicity for m, _c, _s in roll)
    named = [e for e in ETHNICITIES if present[e]]
    named += sorted(e for e in present if e not in ETHNICITIES)
    dims = dimensions(named)
    rows = {c.org_unit_id: Row(str(c), c.code) for c in cells}
    total = Row(str(_("Tổng số")), "")
    for m, cell, status in roll:
        keys = {
            "status": status,
            "gender": m.gender,
            "ethnicity": m.ethnicity,
            "age": age_band(age_on(m.birth_date, day)),
            "general_education": m.general_education,
            "professional": m.professional,
            "theory": m.theory,
        }
        for row in (rows[cell], total):
            row.total += 1
            for dim, col in keys.items():
                row.counts[(dim, col)] += 1
    return Structure(
        unit=unit,
        day=day,
        dimensions=dims,
        rows=list(rows.values()),
        total=total,
        demo=any(m.is_demo for m, _c, _s in roll),
    )


def member_rows(user: User, unit: OrgUnit) -> list[Member]:
    """The member list of the export: the roll today, by cell then name."""
    return list(
        selectors.on_roll(
            selectors.visible_members(user).filter(org_unit__path__startswith=unit.path)
        )
        .select_related("org_unit")
        .order_by("org_unit__code", "name_key", "pk")
    )
