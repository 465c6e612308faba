"""JSON API of the trainings (cử đi đào tạo, bồi dưỡng), on the Party router (``api``).

The member-file rule: only holders of ``party.view_member`` read (403 for everyone
else), another commune's unit or record answers 404; writes need
``party.manage_member`` (the Party office) and answer 422 naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status

from xaso.core import access
from xaso.core.apischema import Code, Date, Input, errors, text
from xaso.party import permissions as perms
from xaso.party import selectors, trainings
from xaso.party import training_selectors as tsel
from xaso.party.api import MemberId, _unit, router
from xaso.party.models import CourseKind, TrainingResult

TrainingId = MemberId
Kind = Literal[tuple(CourseKind.values)]


class TrainingSummaryOut(Schema):
    org_unit: str
    period_start: dt.date
    period_end: dt.date
    university: int = Field(description="Số đồng chí cử đi học đại học trong kỳ.")
    advanced_theory: int = Field(description="Số cử đi học cao cấp lý luận chính trị.")
    intermediate_theory: int = Field(description="Số cử đi học trung cấp lý luận chính trị.")
    elementary_theory: int = Field(description="Số cử đi học sơ cấp lý luận chính trị.")
    total: int
    demo: bool = Field(description="Có số liệu mẫu (demo) trong các con số.")


class TrainingOut(Schema):
    id: int
    member_id: int
    full_name: str
    cell: str
    kind: str
    sent_on: dt.date
    decision_number: str
    institution: str
    finished_on: dt.date | None
    result: str
    is_demo: bool


class TrainingIn(Input):
    member_id: MemberId
    kind: Kind
    sent_on: Date
    decision_number: text(40) = ""
    institution: text(200) = ""
    result: Literal[tuple(TrainingResult.values)] = TrainingResult.STUDYING.value
    finished_on: Date | None = None


class TrainingFinishIn(Input):
    result: Literal[TrainingResult.COMPLETED.value, TrainingResult.NOT_COMPLETED.value]
    finished_on: Date


def _out(t) -> dict:
    return {
        "id": t.pk,
        "member_id": t.member_id,
        "full_name": t.member.full_name,
        "cell": t.org_unit.code,
        **{f: getattr(t, f) for f in ("kind", "sent_on", "decision_number", "institution")},
        **{f: getattr(t, f) for f in ("finished_on", "result", "is_demo")},
    }


@router.get("/party/trainings/summary", response={200: TrainingSummaryOut, **errors(403, 404)})
def party_training_summary(
    request,
    start: Annotated[Date, Query(..., alias="from")],
    end: Annotated[Date, Query(..., alias="to")],
    org_unit: Code | None = None,
):
    """How many members were sent to each kind of course in [from, to] (by the date
    sent): the report's "cử đi học Đại học 04 đồng chí; Trung cấp lý luận 05 đồng chí,
    Sơ cấp lý luận 12 đồng chí" (Phần thứ hai, I.7.2.1)."""
    unit = _unit(request, org_unit)
    if end < start:
        raise ValidationError({"to": _("Ngày cuối kỳ không được trước ngày đầu kỳ.")})
    figures = tsel.training_summary(request.auth, unit, start, end)
    return {"org_unit": unit.code, "period_start": start, "period_end": end, **figures}


@router.get("/party/trainings", response={200: list[TrainingOut], **errors(403, 404)})
def party_trainings(
    request,
    org_unit: Code | None = None,
    kind: Kind | None = None,
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None,
):
    """Members sent to courses, newest first, by kind and year sent; at most 1000."""
    unit = _unit(request, org_unit)
    rows = tsel.trainings_in(request.auth, unit, kind=kind or "", year=year)
    return [_out(t) for t in rows[:1000]]


@router.get("/party/trainings/{training_id}", response={200: TrainingOut, **errors(403, 404)})
def party_training(request, training_id: TrainingId):
    access.require(request.auth, perms.VIEW)
    return _out(tsel.training_or_404(request.auth, training_id))


@router.post("/party/trainings", response={201: TrainingOut, **errors(403, 404, 422)})
def party_training_record(request, body: TrainingIn):
    """Record a member sent to a course (a course already over may say how it ended);
    a completed theory course raises the member's theory level."""
    access.require(request.auth, perms.MANAGE)
    member = selectors.visible_members(request.auth).filter(pk=body.member_id).first()
    if member is None:
        raise ValidationError({"member_id": _("Không có đảng viên này.")})
    try:
        training = trainings.training_record(
            actor=request.auth,
            member=member,
            kind=body.kind,
            sent_on=body.sent_on,
            decision_number=body.decision_number,
            institution=body.institution,
            result=body.result,
            finished_on=body.finished_on,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "member" in exc.error_dict:
            raise ValidationError({"member_id": exc.message_dict["member"]}) from None
        raise
    return Status(201, _out(tsel.training_or_404(request.auth, training.pk)))


@router.post(
    "/party/trainings/{training_id}/finish",
    response={200: TrainingOut, **errors(403, 404, 422)},
)
def party_training_finish(request, training_id: TrainingId, body: TrainingFinishIn):
    """The course ended: completed or not, on ``finished_on``."""
    access.require(request.auth, perms.MANAGE)
    training = tsel.training_or_404(request.auth, training_id)
    trainings.training_finish(
        actor=request.auth, training=training, result=body.result, finished_on=body.finished_on
    )
    return _out(tsel.training_or_404(request.auth, training_id))
