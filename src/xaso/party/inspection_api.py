"""JSON API of inspection, supervision and discipline (on the Party router, ``api``).

The member-file rule: only holders of ``party.view_member`` read (403 for everyone
else, whatever the data), another commune's unit or record answers 404; writes need
``party.manage_member`` (the Party office) and answer 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status

from xaso.core import access
from xaso.core.apischema import Code, Date, Input, errors, text
from xaso.party import inspection_selectors as isel
from xaso.party import inspections, selectors
from xaso.party import permissions as perms
from xaso.party.api import MemberId, _unit, router
from xaso.party.models import (
    Activity,
    Authority,
    Cell,
    DisciplineForm,
    InspectionKind,
    ProgrammeItem,
    ProgrammeScope,
)

RecordId = MemberId


class InspectionSummaryOut(Schema):
    org_unit: str
    period_start: dt.date
    period_end: dt.date
    inspections: int = Field(description="Số cuộc kiểm tra, giám sát bắt đầu trong kỳ.")
    members: int = Field(description="Số đảng viên (không trùng) là đối tượng các cuộc đó.")
    demo: bool = Field(description="Có số liệu mẫu (demo) trong các con số.")


class InspectionOut(Schema):
    id: int
    body: str
    activity: str
    kind: str
    content: str
    subject_cell: str | None
    subject_members: int = Field(description="Số đảng viên là đối tượng.")
    started_on: dt.date
    ended_on: dt.date | None
    concluded_on: dt.date | None
    follow_up_due: dt.date | None
    follow_up_done_on: dt.date | None
    is_demo: bool


class SubjectMemberOut(Schema):
    id: int
    full_name: str
    cell: str


class DisciplineOut(Schema):
    id: int
    member_id: int | None
    cell: str
    subject_cell: str | None
    form: str
    number: str
    decided_on: dt.date
    authority: str
    violation: str
    basis: str
    effective_on: dt.date
    inspection_id: int | None
    is_demo: bool


class InspectionFileOut(InspectionOut):
    programme_item: str | None
    conclusion: str
    follow_up: str
    members: list[SubjectMemberOut]
    disciplines: list[DisciplineOut]


class InspectionIn(Input):
    org_unit: Code | None = Field(None, description="Mã Đảng bộ (mặc định: của người gọi).")
    body: Literal[tuple(Authority.values)]
    activity: Literal[tuple(Activity.values)]
    kind: Literal[tuple(InspectionKind.values)]
    content: text(1000, min_length=1)
    started_on: Date
    ended_on: Date | None = None
    subject_cell: Code | None = None
    subject_members: Annotated[list[MemberId], Field(max_length=200)] = []
    programme_item: RecordId | None = None


class ConclusionIn(Input):
    conclusion: text(5000, min_length=1)
    concluded_on: Date
    ended_on: Date | None = None
    follow_up: text(1000) = ""
    follow_up_due: Date | None = None


class DisciplineIn(Input):
    member_id: MemberId | None = None
    cell: Code | None = None
    form: Literal[tuple(DisciplineForm.values)]
    number: text(40, min_length=1)
    decided_on: Date
    authority: Literal[tuple(Authority.values)]
    violation: text(1000, min_length=1)
    basis: text(500, min_length=1)
    effective_on: Date
    inspection_id: RecordId | None = None


def _inspection_out(i) -> dict:
    return {
        "id": i.pk,
        "body": i.body,
        "activity": i.activity,
        "kind": i.kind,
        "content": i.content,
        "subject_cell": i.subject_cell.code if i.subject_cell_id else None,
        "subject_members": getattr(i, "member_count", None) or i.subject_members.count(),
        "started_on": i.started_on,
        "ended_on": i.ended_on,
        "concluded_on": i.concluded_on,
        "follow_up_due": i.follow_up_due,
        "follow_up_done_on": i.follow_up_done_on,
        "is_demo": i.is_demo,
    }


def _discipline_out(d) -> dict:
    return {
        "id": d.pk,
        "member_id": d.member_id,
        "cell": d.org_unit.code,
        "subject_cell": d.cell.code if d.cell_id else None,
        "form": d.form,
        "number": d.number,
        "decided_on": d.decided_on,
        "authority": d.authority,
        "violation": d.violation,
        "basis": d.basis,
        "effective_on": d.effective_on,
        "inspection_id": d.inspection_id,
        "is_demo": d.is_demo,
    }


def _file_out(i) -> dict:
    return {
        **_inspection_out(i),
        "programme_item": i.item.content if i.item_id else None,
        "conclusion": i.conclusion,
        "follow_up": i.follow_up,
        "members": [
            {"id": m.pk, "full_name": m.full_name, "cell": m.org_unit.code}
            for m in isel.subject_members(i)
        ],
        "disciplines": [_discipline_out(d) for d in isel.disciplines_of(i)],
    }


def _renamed(names: dict[str, str], service):
    """``service``, its refusals naming the fields as this API calls them."""

    def call(**kwargs):
        try:
            return service(**kwargs)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise ValidationError(
                    {names.get(k, k): v for k, v in exc.message_dict.items()}
                ) from None
            raise

    return call


def _cell(user, code: str | None, field: str) -> Cell | None:
    if not code:
        return None
    cell = selectors.visible_cells(user).filter(org_unit__code=code.strip().upper()).first()
    if cell is None:
        raise ValidationError({field: _("Không có chi bộ này.")})
    return cell


@router.get("/party/inspections/summary", response={200: InspectionSummaryOut, **errors(403, 404)})
def party_inspection_summary(
    request,
    start: Annotated[Date, Query(..., alias="from")],
    end: Annotated[Date, Query(..., alias="to")],
    org_unit: Code | None = None,
):
    """How many inspections and supervisions started in [from, to], and on how many
    distinct members (the report's "25 cuộc với 22 đảng viên", Phần thứ hai I.7.3)."""
    unit = _unit(request, org_unit)
    if end < start:
        raise ValidationError({"to": _("Ngày cuối kỳ không được trước ngày đầu kỳ.")})
    figures = isel.inspection_summary(request.auth, unit, start, end)
    return {"org_unit": unit.code, "period_start": start, "period_end": end, **figures}


@router.get("/party/inspections", response={200: list[InspectionOut], **errors(403, 404)})
def party_inspections(
    request, org_unit: Code | None = None, start: Date | None = None, end: Date | None = None
):
    """Inspections and supervisions started in [start, end], newest first; at most 1000."""
    unit = _unit(request, org_unit)
    rows = isel.inspections_in(request.auth, unit, start=start, end=end)
    return [_inspection_out(i) for i in rows[:1000]]


@router.get(
    "/party/inspections/{inspection_id}", response={200: InspectionFileOut, **errors(403, 404)}
)
def party_inspection(request, inspection_id: RecordId):
    access.require(request.auth, perms.VIEW)
    return _file_out(isel.inspection_or_404(request.auth, inspection_id))


@router.post("/party/inspections", response={201: InspectionFileOut, **errors(403, 404, 422)})
def party_inspection_record(request, body: InspectionIn):
    """Record an inspection or supervision of a cell or of members (at least one)."""
    access.require(request.auth, perms.MANAGE)
    unit = selectors.unit_or_404(request.auth, body.org_unit)
    members = list(selectors.visible_members(request.auth).filter(pk__in=body.subject_members))
    if len(members) != len(set(body.subject_members)):
        raise ValidationError({"subject_members": _("Không có đảng viên này.")})
    item = None
    if body.programme_item is not None:
        item = ProgrammeItem.objects.filter(
            pk=body.programme_item, programme__org_unit=unit
        ).first()
        if item is None:
            raise ValidationError({"programme_item": _("Không có nội dung chương trình này.")})
    record = inspections.inspection_record
    inspection = _renamed({"party_unit": "org_unit", "subject": "subject_members"}, record)(
        actor=request.auth,
        party_unit=unit,
        body=body.body,
        activity=body.activity,
        kind=body.kind,
        content=body.content,
        started_on=body.started_on,
        ended_on=body.ended_on,
        subject_cell=_cell(request.auth, body.subject_cell, "subject_cell"),
        subject_members=members,
        item=item,
    )
    return Status(201, _file_out(isel.inspection_or_404(request.auth, inspection.pk)))


@router.post(
    "/party/inspections/{inspection_id}/conclusion",
    response={200: InspectionFileOut, **errors(403, 404, 422)},
)
def party_inspection_conclude(request, inspection_id: RecordId, body: ConclusionIn):
    access.require(request.auth, perms.MANAGE)
    inspection = isel.inspection_or_404(request.auth, inspection_id)
    inspections.inspection_conclude(
        actor=request.auth,
        inspection=inspection,
        conclusion=body.conclusion,
        concluded_on=body.concluded_on,
        ended_on=body.ended_on,
        follow_up=body.follow_up,
        follow_up_due=body.follow_up_due,
    )
    return _file_out(isel.inspection_or_404(request.auth, inspection_id))


@router.get("/party/disciplines", response={200: list[DisciplineOut], **errors(403, 404)})
def party_disciplines(request, org_unit: Code | None = None):
    """Discipline decisions in a unit, newest first; at most 1000."""
    unit = _unit(request, org_unit)
    return [_discipline_out(d) for d in isel.disciplines_in(request.auth, unit)[:1000]]


@router.post("/party/disciplines", response={201: DisciplineOut, **errors(403, 404, 422)})
def party_discipline_record(request, body: DisciplineIn):
    """Record a discipline decision for a member (``member_id``) or a cell (``cell``);
    khai trừ removes the member from the Party from its effective date."""
    access.require(request.auth, perms.MANAGE)
    member = None
    if body.member_id is not None:
        member = selectors.visible_members(request.auth).filter(pk=body.member_id).first()
        if member is None:
            raise ValidationError({"member_id": _("Không có đảng viên này.")})
    inspection = None
    if body.inspection_id is not None:
        inspection = isel.visible_inspections(request.auth).filter(pk=body.inspection_id).first()
        if inspection is None:
            raise ValidationError({"inspection_id": _("Không có cuộc kiểm tra này.")})
    target = member or _cell(request.auth, body.cell, "cell")
    if target is not None and not selectors.can_manage(request.auth, target):
        access.require(request.auth, perms.MANAGE, target)
    discipline = inspections.discipline_record(
        actor=request.auth,
        member=member,
        cell=None if member else _cell(request.auth, body.cell, "cell"),
        form=body.form,
        number=body.number,
        decided_on=body.decided_on,
        authority=body.authority,
        violation=body.violation,
        basis=body.basis,
        effective_on=body.effective_on,
        inspection=inspection,
    )
    return Status(201, _discipline_out(discipline))


class ProgrammeItemOut(Schema):
    id: int
    content: str
    planned: str


class ProgrammeOut(Schema):
    id: int
    scope: str
    body: str
    title: str
    number: str
    adopted_on: dt.date
    period_start: dt.date
    period_end: dt.date
    items: list[ProgrammeItemOut]
    is_demo: bool


class ProgrammeItemIn(Input):
    content: text(500, min_length=1)
    planned: text(100) = ""


class ProgrammeIn(Input):
    org_unit: Code | None = Field(None, description="Mã Đảng bộ (mặc định: của người gọi).")
    scope: Literal[tuple(ProgrammeScope.values)]
    body: Literal[Authority.COMMITTEE.value, Authority.COMMISSION.value]
    title: text(300, min_length=1)
    number: text(40) = ""
    adopted_on: Date
    period_start: Date
    period_end: Date
    items: Annotated[list[ProgrammeItemIn], Field(max_length=200)] = []


def _programme_out(p) -> dict:
    return {
        **{f: getattr(p, f) for f in ("scope", "body", "title", "number", "is_demo")},
        **{f: getattr(p, f) for f in ("adopted_on", "period_start", "period_end")},
        "id": p.pk,
        "items": [{"id": i.pk, "content": i.content, "planned": i.planned} for i in p.items.all()],
    }


@router.get("/party/inspection-programmes", response={200: list[ProgrammeOut], **errors(403, 404)})
def party_programmes(request, org_unit: Code | None = None):
    """The inspection and supervision programmes (yearly, for the term) with their items."""
    unit = _unit(request, org_unit)
    return [_programme_out(p) for p in isel.programmes_in(request.auth, unit)[:200]]


@router.post("/party/inspection-programmes", response={201: ProgrammeOut, **errors(403, 404, 422)})
def party_programme_create(request, body: ProgrammeIn):
    access.require(request.auth, perms.MANAGE)
    unit = selectors.unit_or_404(request.auth, body.org_unit)
    programme = _renamed({"party_unit": "org_unit"}, inspections.programme_create)(
        actor=request.auth,
        party_unit=unit,
        scope=body.scope,
        body=body.body,
        title=body.title,
        number=body.number,
        adopted_on=body.adopted_on,
        period_start=body.period_start,
        period_end=body.period_end,
        items=[(i.content, i.planned) for i in body.items],
    )
    return Status(201, _programme_out(programme))
