"""The API equivalents of the pages that write (``member_views``) and the structure
tables (``structure``), on the Party router of ``api``: record a member, correct a file,
record a status change, a cell's committee, a member received by transfer; read the
structure figures of a day. The Party office writes (403 for anyone else, 404 for
another commune's records); refusals are 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema

from xaso.core import access
from xaso.core.apischema import Code, Date, Input, errors, text
from xaso.party import permissions as perms
from xaso.party import selectors, services, structure
from xaso.party.api import MemberId, MemberOut, _file_out, _unit, router
from xaso.party.models import (
    ACTIVE,
    Gender,
    GeneralEducation,
    Position,
    Professional,
    Status,
    Theory,
    TransferKind,
)

Active = Literal[tuple(s.value for s in ACTIVE)]


class FileFields(Input):
    full_name: text(150, min_length=1)
    birth_date: Date
    gender: Literal[tuple(Gender.values)]
    ethnicity: text(40, min_length=1)
    admitted_on: Date
    official_on: Date | None = None
    card_number: text(20) = ""
    positions: text(300) = ""
    general_education: Literal[tuple(GeneralEducation.values)]
    professional: Literal[tuple(Professional.values)] = Professional.NONE.value
    theory: Literal[tuple(Theory.values)] = Theory.NONE.value


class MemberIn(FileFields):
    status: Active
    note: text(300) = ""


class MemberPatch(Input):
    """Only the fields sent change; status and cell have their own calls."""

    full_name: text(150, min_length=1) | None = None
    birth_date: Date | None = None
    gender: Literal[tuple(Gender.values)] | None = None
    ethnicity: text(40, min_length=1) | None = None
    admitted_on: Date | None = None
    official_on: Date | None = None
    card_number: text(20) | None = None
    positions: text(300) | None = None
    general_education: Literal[tuple(GeneralEducation.values)] | None = None
    professional: Literal[tuple(Professional.values)] | None = None
    theory: Literal[tuple(Theory.values)] | None = None


class StatusIn(Input):
    status: Literal[Status.OFFICIAL.value, Status.DECEASED.value, Status.REMOVED.value]
    on: Date
    note: text(300) = ""


class SeatIn(Input):
    member: MemberId
    position: Literal[tuple(Position.values)]


class CommitteeIn(Input):
    elected: bool
    term_start: Date
    term_end: Date | None = None
    seats: list[SeatIn] = Field(max_length=30)


class SeatOut(Schema):
    member: int
    full_name: str
    position: str


class CommitteeOut(Schema):
    cell: str
    elected: bool
    term_start: dt.date
    term_end: dt.date | None
    seats: list[SeatOut]


class TransferInBody(FileFields):
    status: Active
    kind: Literal[tuple(TransferKind.values)]
    other_organisation: text(200, min_length=1)
    on: Date
    until: Date | None = None
    letter_number: text(40) = ""
    note: text(300) = ""


class StructureRowOut(Schema):
    cell: str = Field(description="Mã chi bộ; rỗng ở dòng tổng số.")
    name: str
    total: int
    counts: dict[str, dict[str, int]] = Field(description="Theo từng nhóm: mã cột → số.")


class StructureOut(Schema):
    org_unit: str
    on: dt.date
    age_bands: list[str] = Field(description="Nhóm tuổi do xaso chọn (chưa xác nhận).")
    rows: list[StructureRowOut]
    demo: bool


def _values(body: Schema) -> dict:
    """The body's fields as parsed (dates as dates), not serialised."""
    return {name: getattr(body, name) for name in type(body).model_fields}


def _cell(request, code: str):
    access.require(request.auth, perms.MANAGE)
    cell = selectors.cell_or_404(request.auth, code)
    access.require(request.auth, perms.MANAGE, cell)
    return cell


def _member(request, member_id: int):
    access.require(request.auth, perms.MANAGE)
    member = selectors.member_or_404(request.auth, member_id)
    access.require(request.auth, perms.MANAGE, member)
    return member


@router.post("/party/cells/{code}/members", response={200: MemberOut, **errors(403, 404, 422)})
def party_member_create(request, code: Code, body: MemberIn):
    """Ghi hồ sơ một đảng viên của chi bộ (official or probationary)."""
    cell = _cell(request, code)
    data = _values(body)
    member = services.member_create(
        actor=request.auth,
        cell=cell.org_unit,
        status=data.pop("status"),
        note=data.pop("note"),
        **data,
    )
    return _file_out(member)


@router.patch("/party/members/{member_id}", response={200: MemberOut, **errors(403, 404, 422)})
def party_member_update(request, member_id: MemberId, body: MemberPatch):
    """Correct or complete a file: only the fields sent."""
    member = _member(request, member_id)
    fields = {name: getattr(body, name) for name in body.model_fields_set}
    for name in ("full_name", "birth_date", "gender", "ethnicity", "admitted_on"):
        if name in fields and fields[name] is None:
            raise ValidationError({name: _("Trường này không được để trống.")})
    member = services.member_update(actor=request.auth, member=member, **fields)
    return _file_out(member)


@router.post(
    "/party/members/{member_id}/status", response={200: MemberOut, **errors(403, 404, 422)}
)
def party_member_status(request, member_id: MemberId, body: StatusIn):
    """Ghi biến động: recognised official, deceased or removed, from ``on``."""
    member = _member(request, member_id)
    member = services.member_status_change(
        actor=request.auth,
        member=member,
        status=body.status,
        on=body.on,
        note=body.note,
        probation_from=selectors.probation_start(member),
    )
    return _file_out(member)


@router.post("/party/cells/{code}/committee", response={200: CommitteeOut, **errors(403, 404, 422)})
def party_committee_set(request, code: Code, body: CommitteeIn):
    """Open a new term of the cell's leadership; a chi ủy only where the cell has the
    official members the Charter asks for (Art. 24.4)."""
    cell = _cell(request, code)
    candidates = {m.pk: m for m in selectors.committee_candidates(cell)}
    missing = [s.member for s in body.seats if s.member not in candidates]
    if missing:
        raise ValidationError({"seats": _("Cấp ủy viên phải là đảng viên chính thức của chi bộ.")})
    committee = services.committee_set(
        actor=request.auth,
        cell=cell,
        elected=body.elected,
        term_start=body.term_start,
        term_end=body.term_end,
        seats=[(candidates[s.member], s.position) for s in body.seats],
    )
    _committee, seats = selectors.committee_of(cell)
    return {
        "cell": cell.code,
        "elected": committee.elected,
        "term_start": committee.term_start,
        "term_end": committee.term_end,
        "seats": [
            {"member": s.member_id, "full_name": s.member.full_name, "position": s.position}
            for s in seats
        ],
    }


@router.post("/party/cells/{code}/transfer-in", response={200: MemberOut, **errors(403, 404, 422)})
def party_transfer_in(request, code: Code, body: TransferInBody):
    """Nhận đảng viên chuyển sinh hoạt đến from another Party organisation."""
    cell = _cell(request, code)
    data = _values(body)
    member = services.member_transfer_in(
        actor=request.auth,
        cell=cell.org_unit,
        kind=data.pop("kind"),
        on=data.pop("on"),
        other_organisation=data.pop("other_organisation"),
        status=data.pop("status"),
        until=data.pop("until"),
        letter_number=data.pop("letter_number"),
        note=data.pop("note"),
        **data,
    )
    return _file_out(member)


@router.get("/party/structure", response={200: StructureOut, **errors(403, 404, 422)})
def party_structure(request, org_unit: Code | None = None, on: Date | None = None):
    """Cơ cấu đảng viên on a day (today by default): by cell, gender, ethnicity, age band,
    education and levels, official or probationary."""
    unit = _unit(request, org_unit)
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"on": _("Ngày thống kê không được sau hôm nay.")})
    data = structure.structure(request.auth, unit, day)

    def out(row):
        counts = {
            dim.key: {key: row.get(dim.key, key) for key, _label in dim.columns}
            for dim in data.dimensions
        }
        return {"cell": row.code, "name": row.label, "total": row.total, "counts": counts}

    return {
        "org_unit": unit.code,
        "on": day,
        "age_bands": [band[0] for band in structure.AGE_BANDS],
        "rows": [out(row) for row in data.every_row],
        "demo": data.demo,
    }
