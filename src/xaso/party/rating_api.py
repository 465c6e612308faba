"""JSON API of the ratings (xếp loại chất lượng hằng năm) and the cell meetings (sinh
hoạt chi bộ), part of the Party router (``api.py``). The member-file rule: only the
Party office and leaders (``party.view_member``) read — anyone else 403, another
commune's records 404; only the Party office writes. A warning that must be confirmed
answers 409 with ``confirm_with``; a refused input 422 naming the field."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import PlainValidator, WithJsonSchema

from xaso.core import access
from xaso.core.apischema import FILLED, Code, Date, Input, YearParam, errors, refusal, text
from xaso.party import meetings, ratings, selectors
from xaso.party import permissions as perms
from xaso.party import rating_selectors as rsel
from xaso.party.models import Attendance, Level, MeetingKind

router = Router(tags=["party"])

RecordId = Annotated[int, Field(ge=1, le=2_147_483_647)]


def _score_value(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise refusal(_("Điểm phải là một số."))
    if isinstance(value, float) and not math.isfinite(value):
        raise refusal(_("Điểm phải là một số."))
    if not 0 <= value <= 100:
        raise refusal(_("Điểm từ 0 đến 100."))
    rounded = round(float(value), 2)
    if abs(float(value) - rounded) > 1e-9:
        raise refusal(_("Điểm có tối đa 2 chữ số thập phân."))
    return Decimal(repr(rounded)) if isinstance(value, float) else Decimal(value)


#: A score of the 100-point scale: a JSON number from 0 to 100, at most two decimals.
Score = Annotated[
    Decimal,
    PlainValidator(_score_value),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100, "multipleOf": 0.01}),
]
LevelName = Literal[tuple(Level.values)]


class RuleOut(Schema):
    label: str
    value: str
    source: str
    confirmed: bool


class RatingOut(Schema):
    id: int
    cell: str
    member_id: int | None
    year: int
    score: Decimal | None
    level: str
    level_label: str
    note: str
    is_demo: bool


class RatingChangeOut(Schema):
    old_score: Decimal | None
    old_level: str
    new_score: Decimal | None
    new_level: str
    reason: str
    changed_at: dt.datetime


class RatingFileOut(RatingOut):
    changes: list[RatingChangeOut]


class CellRatingsOut(Schema):
    cell: str
    name: str
    rating: RatingOut | None
    members_rated: int
    members_by_level: dict[str, int]


class YearRatingsOut(Schema):
    year: int
    rules: list[RuleOut] = Field(description="Quy định áp dụng cho năm (thang điểm, tỷ lệ).")
    cells: list[CellRatingsOut]
    demo: bool


class RollRatingOut(Schema):
    member_id: int
    full_name: str
    status: str
    rating: RatingOut | None


class CellYearOut(Schema):
    cell: str
    year: int
    rating: RatingOut | None
    members: list[RollRatingOut] = Field(
        description="Đảng viên trong chi bộ vào một lúc nào đó của năm, kèm xếp loại."
    )


class RatingIn(Input):
    score: Score | None = None
    level: LevelName
    note: text(300) = ""


class MemberRatingIn(RatingIn):
    member_id: RecordId


class RatingsIn(Input):
    cell_rating: RatingIn | None = Field(None, description="Xếp loại của chính chi bộ.")
    members: list[MemberRatingIn] = Field([], max_length=500)
    confirm_warnings: bool = Field(False, strict=True)


class CorrectionIn(Input):
    score: Score | None = None
    level: LevelName
    reason: text(500, min_length=1, pattern=FILLED)
    confirm_warnings: bool = Field(False, strict=True)


def _rating_out(r) -> dict:
    return {
        "id": r.pk,
        "cell": r.org_unit.code,
        "member_id": r.member_id,
        "year": r.year,
        "score": r.score,
        "level": r.level,
        "level_label": r.get_level_display(),
        "note": r.note,
        "is_demo": r.is_demo,
    }


def _rules_out(year: int) -> list[dict]:
    day = rsel.year_end(year)
    found = [*rsel.scale_rules(year)]
    share = ratings.rules.rule_or_none("rating_excellent_share_of_good", day)
    if share:
        found.append(share)
    return [
        {"label": r.label, "value": r.shown, "source": r.source, "confirmed": r.confirmed}
        for r in found
    ]


def _needs(exc) -> Status:
    return Status(
        409,
        {
            "detail": [
                {"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms
            ],
            "confirm_with": "confirm_warnings",
        },
    )


@router.get("/party/ratings", response={200: YearRatingsOut, **errors(403, 404)})
def party_ratings(request, year: YearParam, org_unit: Code | None = None):
    """Xếp loại chất lượng of a year: each cell's own and its members' counts per level,
    with the rules of that year."""
    access.require(request.auth, perms.VIEW)
    unit = selectors.unit_or_404(request.auth, org_unit)
    cells = list(selectors.cells_in(request.auth, unit))
    rows = rsel.ratings_by_cell(request.auth, unit, cells, year)
    return {
        "year": year,
        "rules": _rules_out(year),
        "cells": [
            {
                "cell": row.cell.code,
                "name": str(row.cell),
                "rating": _rating_out(row.rating) if row.rating else None,
                "members_rated": row.rated,
                "members_by_level": {lv: row.counts.get(lv, 0) for lv in Level.values},
            }
            for row in rows
        ],
        "demo": rsel.totals(rows)["demo"],
    }


@router.get("/party/ratings/cells/{cell}/{year}", response={200: CellYearOut, **errors(403, 404)})
def party_cell_ratings(request, cell: Code, year: YearParam):
    """A cell's ratings of a year: its own and every member on its roll in the year."""
    access.require(request.auth, perms.VIEW)
    found = selectors.cell_or_404(request.auth, cell)
    own, by_member = rsel.cell_ratings(found, year)
    return {
        "cell": found.code,
        "year": year,
        "rating": _rating_out(own) if own else None,
        "members": [
            {
                "member_id": m.pk,
                "full_name": m.full_name,
                "status": m.status,
                "rating": _rating_out(by_member[m.pk]) if m.pk in by_member else None,
            }
            for m in rsel.members_during(found.org_unit, year)
        ],
    }


@router.post(
    "/party/ratings/cells/{cell}/{year}",
    response={200: list[RatingOut], **errors(403, 404, 409, 422)},
)
def party_cell_ratings_enter(request, cell: Code, year: YearParam, body: RatingsIn):
    """Enter a cell's ratings of a year (the Party office): the cell's own and its
    members'. 422 naming the field (``members[0].level``: the level does not agree
    with the score, a disciplined member, a subject already rated, a member not in the
    cell that year); 409 when only the unconfirmed share of xuất sắc stands — send
    again with ``confirm_warnings``."""
    access.require(request.auth, perms.MANAGE)
    found = selectors.cell_or_404(request.auth, cell)
    members = {
        m.pk: m
        for m in selectors.visible_members(request.auth).filter(
            pk__in=[e.member_id for e in body.members]
        )
    }
    entries = []
    if body.cell_rating is not None:
        c = body.cell_rating
        entries.append(ratings.Entry("cell_rating", c.level, None, c.score, c.note))
    for i, e in enumerate(body.members):
        member = members.get(e.member_id)
        if member is None:
            raise ValidationError({f"members[{i}].member_id": _("Không có đảng viên này.")})
        entries.append(ratings.Entry(f"members[{i}]", e.level, member, e.score, e.note))
    try:
        saved = ratings.ratings_enter(
            actor=request.auth,
            cell=found,
            year=year,
            entries=entries,
            confirm_warnings=body.confirm_warnings,
        )
    except ratings.NeedsConfirmation as exc:
        return _needs(exc)
    return Status(200, [_rating_out(r) for r in saved])


@router.get("/party/ratings/entries/{rating_id}", response={200: RatingFileOut, **errors(403, 404)})
def party_rating(request, rating_id: RecordId):
    """One rating with its corrections (old and new values, the reason)."""
    access.require(request.auth, perms.VIEW)
    r = rsel.rating_or_404(request.auth, rating_id)
    return {
        **_rating_out(r),
        "changes": [
            {
                "old_score": c.old_score,
                "old_level": c.old_level,
                "new_score": c.new_score,
                "new_level": c.new_level,
                "reason": c.reason,
                "changed_at": c.changed_at,
            }
            for c in r.changes.all()
        ],
    }


@router.post(
    "/party/ratings/entries/{rating_id}/correct",
    response={200: RatingOut, **errors(403, 404, 409, 422)},
)
def party_rating_correct(request, rating_id: RecordId, body: CorrectionIn):
    """Correct a rating with a reason (the Party office); the old values stay in its
    history."""
    access.require(request.auth, perms.MANAGE)
    r = rsel.rating_or_404(request.auth, rating_id)
    try:
        r = ratings.rating_correct(
            actor=request.auth,
            rating=r,
            score=body.score,
            level=body.level,
            reason=body.reason,
            confirm_warnings=body.confirm_warnings,
        )
    except ratings.NeedsConfirmation as exc:
        return _needs(exc)
    return Status(200, _rating_out(r))


# --- meetings --------------------------------------------------------------------------------


class MeetingOut(Schema):
    id: int
    cell: str
    kind: str
    kind_label: str
    held_on: dt.date
    content: str
    resolution: str
    present: int
    excused: int
    absent: int
    is_demo: bool


class AttendanceOut(Schema):
    member_id: int
    full_name: str
    status: str


class MeetingFileOut(MeetingOut):
    attendance: list[AttendanceOut]


class AttendanceIn(Input):
    member_id: RecordId
    status: Literal[tuple(Attendance.values)]


class MeetingIn(Input):
    cell: Code
    kind: Literal[tuple(MeetingKind.values)]
    held_on: Date
    content: text(2000, min_length=1, pattern=FILLED)
    resolution: text(2000) = ""
    attendance: list[AttendanceIn] = Field(max_length=500)


class LateCellOut(Schema):
    cell: str
    name: str
    month: dt.date = Field(description="Tháng chưa ghi sinh hoạt định kỳ (ngày đầu tháng).")


def _meeting_out(m, rows=None) -> dict:
    rows = rows if rows is not None else list(m.attendance.all())
    count = {s: sum(a.status == s for a in rows) for s in Attendance.values}
    return {
        "id": m.pk,
        "cell": m.org_unit.code,
        "kind": m.kind,
        "kind_label": m.get_kind_display(),
        "held_on": m.held_on,
        "content": m.content,
        "resolution": m.resolution,
        "present": count[Attendance.PRESENT],
        "excused": count[Attendance.EXCUSED],
        "absent": count[Attendance.ABSENT],
        "is_demo": m.is_demo,
    }


@router.get("/party/meetings", response={200: list[MeetingOut], **errors(403, 404)})
def party_meetings(request, org_unit: Code | None = None, year: YearParam | None = None):
    """The cells' meetings in a unit (a cell, the Đảng ủy), newest first; at most 1000."""
    access.require(request.auth, perms.VIEW)
    unit = selectors.unit_or_404(request.auth, org_unit)
    qs = rsel.visible_meetings(request.auth).filter(org_unit__path__startswith=unit.path)
    if year is not None:
        qs = qs.filter(held_on__year=year)
    return [_meeting_out(m) for m in qs.prefetch_related("attendance")[:1000]]


@router.get("/party/meetings/late-cells", response={200: list[LateCellOut], **errors(403)})
def party_late_cells(request):
    """Cells without a regular meeting recorded for the last complete month (for the
    Party office; empty for those who do not record meetings)."""
    access.require(request.auth, perms.VIEW)
    month = rsel.last_complete_month()
    return [{"cell": c.code, "name": str(c), "month": month} for c in rsel.late_cells(request.auth)]


@router.get("/party/meetings/{meeting_id}", response={200: MeetingFileOut, **errors(403, 404)})
def party_meeting(request, meeting_id: RecordId):
    access.require(request.auth, perms.VIEW)
    m = rsel.meeting_or_404(request.auth, meeting_id)
    rows = rsel.attendance_of(m)
    return {
        **_meeting_out(m, rows),
        "attendance": [
            {"member_id": a.member_id, "full_name": a.member.full_name, "status": a.status}
            for a in rows
        ],
    }


@router.post("/party/meetings", response={200: MeetingFileOut, **errors(403, 404, 422)})
def party_meeting_record(request, body: MeetingIn):
    """Record a meeting (the Party office) with the attendance of every member on the
    cell's roll that day. 422 naming the field: a day in the future, a second regular
    meeting in a month, a member not on the roll or one left out."""
    access.require(request.auth, perms.MANAGE)
    cell = selectors.cell_or_404(request.auth, body.cell)
    attendance = {}
    for i, a in enumerate(body.attendance):
        if a.member_id in attendance:
            raise ValidationError({f"attendance[{i}].member_id": _("Đảng viên ghi hai lần.")})
        attendance[a.member_id] = a.status
    m = meetings.meeting_record(
        actor=request.auth,
        cell=cell,
        kind=body.kind,
        held_on=body.held_on,
        content=body.content,
        resolution=body.resolution,
        attendance=attendance,
    )
    return party_meeting(request, m.pk)
