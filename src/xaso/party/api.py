"""JSON API of the Party module (mounted under /api/v1 in ``xaso/api.py``).

The same rule as the pages: only callers holding ``party.view_member`` (the Party office,
leaders) get anything — everyone else a 403 whose body does not depend on the membership
(a list with masked fields would still tell its length: the membership count), another
commune's unit a 404. Lists carry list fields only, the card number masked; the full
file comes from ``/party/members/{id}``, audited at every call."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from xaso.core import access
from xaso.core.apischema import Code, Date, Input, errors, text
from xaso.party import admissions, selectors, services
from xaso.party import permissions as perms
from xaso.party.models import Cell, Direction, Stage, Status, TransferKind

router = Router(tags=["party"])

#: A member's number in a path (the column is a 32-bit integer on both databases).
MemberId = Annotated[int, Field(ge=1, le=2_147_483_647)]
StatusFilter = Literal[tuple([*Status.values, "all"])]


class SummaryOut(Schema):
    org_unit: str
    cells: int
    agency_cells: int
    village_cells: int
    village_cells_with_committee: int
    members: int = Field(description="Đảng viên trong đảng số: chính thức và dự bị.")
    official: int
    probationary: int
    women: int
    demo: bool = Field(description="Có số liệu mẫu (demo) trong các con số.")


class CellOut(Schema):
    code: str
    name: str
    kind: str
    village: str | None
    has_committee: bool
    members: int
    official: int
    probationary: int


class MemberListOut(Schema):
    id: int
    full_name: str
    cell: str
    status: str
    temporary: bool
    positions: str
    card_number: str = Field(description="Che trong danh sách; xem hồ sơ để thấy.")
    is_demo: bool


class MemberOut(MemberListOut):
    birth_date: dt.date
    gender: str
    ethnicity: str
    admitted_on: dt.date
    official_on: dt.date | None
    general_education: str
    professional: str
    theory: str


class TransferIn(Input):
    kind: Literal[tuple(TransferKind.values)]
    direction: Literal[Direction.INTERNAL.value, Direction.OUT.value]
    on: Date
    to_cell: Code | None = Field(None, description="Mã chi bộ đến (chuyển trong Đảng bộ).")
    other_organisation: text(200) = ""
    until: Date | None = None
    letter_number: text(40) = ""
    note: text(300) = ""


def _unit(request, code):
    access.require(request.auth, perms.VIEW)
    return selectors.unit_or_404(request.auth, code)


def _list_out(m) -> dict:
    return {
        "id": m.pk,
        "full_name": m.full_name,
        "cell": m.org_unit.code,
        "status": m.status,
        "temporary": m.temporary,
        "positions": m.positions,
        "card_number": selectors.CARD_MASK if m.card_number else "",
        "is_demo": m.is_demo,
    }


def _file_out(m) -> dict:
    return {
        **_list_out(m),
        "card_number": m.card_number,
        "birth_date": m.birth_date,
        "gender": m.gender,
        "ethnicity": m.ethnicity,
        "admitted_on": m.admitted_on,
        "official_on": m.official_on,
        "general_education": m.general_education,
        "professional": m.professional,
        "theory": m.theory,
    }


@router.get("/party/summary", response={200: SummaryOut, **errors(403, 404)})
def party_summary(request, org_unit: Code | None = None):
    """The Đảng bộ's cells and members in a unit (the commune, its Đảng ủy or a cell)."""
    unit = _unit(request, org_unit)
    figures = selectors.summary(request.auth, unit)
    demo = selectors.visible_members(request.auth).filter(
        org_unit__path__startswith=unit.path, is_demo=True
    )
    return {"org_unit": unit.code, **figures, "demo": demo.exists()}


@router.get("/party/cells", response={200: list[CellOut], **errors(403, 404)})
def party_cells(request, org_unit: Code | None = None):
    unit = _unit(request, org_unit)
    counts = selectors.counts_by_cell(request.auth, unit)
    empty = {"members": 0, "official": 0, "probationary": 0}
    return [
        {
            "code": c.code,
            "name": str(c),
            "kind": c.kind,
            "village": c.village.code if c.village_id else None,
            "has_committee": c.has_committee,
            **counts.get(c.org_unit_id, empty),
        }
        for c in selectors.cells_in(request.auth, unit)
    ]


@router.get("/party/members", response={200: list[MemberListOut], **errors(403, 404)})
def party_members(
    request,
    org_unit: Code | None = None,
    q: text(150) = "",
    cell: Code | None = None,
    status: StatusFilter | None = None,
):
    """Members on the roll (or of ``status``; ``all``), searched by name without tone
    marks or by card number; at most 1000."""
    unit = _unit(request, org_unit)
    qs = selectors.members_in(request.auth, unit, q=q, cell=cell or "", status=status or "")
    return [_list_out(m) for m in qs[:1000]]


@router.get("/party/members/{member_id}", response={200: MemberOut, **errors(403, 404)})
def party_member(request, member_id: MemberId):
    """One member's file; each call is written to the audit log."""
    access.require(request.auth, perms.VIEW)
    return _file_out(selectors.member_file(request.auth, member_id, purpose="api"))


@router.post(
    "/party/members/{member_id}/transfer", response={200: MemberOut, **errors(403, 404, 422)}
)
def party_member_transfer(request, member_id: MemberId, body: TransferIn):
    """Chuyển sinh hoạt Đảng: to another cell of the Đảng bộ (``to_cell``) or out of it
    (``other_organisation``); 422 naming the field when the move is not possible."""
    access.require(request.auth, perms.MANAGE)
    member = selectors.member_or_404(request.auth, member_id)
    to_unit = None
    if body.to_cell:
        cell = Cell.objects.filter(org_unit__code=body.to_cell.strip().upper()).first()
        if cell is None or not selectors.can_view(request.auth, cell):
            raise ValidationError({"to_cell": _("Không có chi bộ này.")})
        to_unit = cell.org_unit
    try:
        services.member_transfer(
            actor=request.auth,
            member=member,
            kind=body.kind,
            direction=body.direction,
            on=body.on,
            to_unit=to_unit,
            other_organisation=body.other_organisation,
            until=body.until,
            letter_number=body.letter_number,
            note=body.note,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "to_unit" in exc.error_dict:
            exc.error_dict["to_cell"] = exc.error_dict.pop("to_unit")
        raise
    member.refresh_from_db()
    return _file_out(member)


# --- admissions (kết nạp) ---------------------------------------------------------------------

AdmissionId = MemberId
StepName = Literal[tuple(admissions.WORKFLOW.transitions)]


class AdmissionOut(Schema):
    id: int
    cell: str
    status: str
    status_label: str
    waiting: str = Field(description="Bước đang chờ, bằng lời.")
    due_on: dt.date | None = Field(description="Hạn của bước đang chờ theo quy định.")
    overdue: bool
    full_name: str
    introduced_on: dt.date
    decision_number: str
    decision_on: dt.date | None
    ceremony_on: dt.date | None
    probation_end: dt.date | None
    member_id: int | None
    is_demo: bool


class AdmissionEventOut(Schema):
    action: str
    on: dt.date
    from_status: str
    to_status: str
    reason: str


class AdmissionFileOut(AdmissionOut):
    steps: list[str] = Field(description="Các bước người gọi được thực hiện lúc này.")
    events: list[AdmissionEventOut]


class AdmissionStepIn(Input):
    """The inputs of a step; each step needs its own (a 422 names what is missing)."""

    certificate_number: text(40) = ""
    certificate_on: Date | None = None
    helper_1: MemberId | None = None
    helper_2: MemberId | None = None
    helpers_on: Date | None = None
    checked_on: Date | None = None
    meeting_on: Date | None = None
    votes_for: Annotated[int, Field(ge=0, le=10_000)] | None = None
    votes_total: Annotated[int, Field(ge=1, le=10_000)] | None = None
    resolution_number: text(40) = ""
    resolution_on: Date | None = None
    decision_number: text(40) = ""
    decision_on: Date | None = None
    ceremony_on: Date | None = None
    review_on: Date | None = None
    review_votes_for: Annotated[int, Field(ge=0, le=10_000)] | None = None
    review_votes_total: Annotated[int, Field(ge=1, le=10_000)] | None = None
    closed_on: Date | None = None
    reason: text(500) = ""


def _admission_out(a) -> dict:
    return {
        "id": a.pk,
        "cell": a.org_unit.code,
        "status": a.status,
        "status_label": a.get_status_display(),
        "waiting": str(admissions.WAITING.get(a.status, "")),
        "due_on": a.due_on,
        "overdue": admissions.is_overdue(a),
        "full_name": a.full_name,
        "introduced_on": a.introduced_on,
        "decision_number": a.decision_number,
        "decision_on": a.decision_on,
        "ceremony_on": a.ceremony_on,
        "probation_end": a.probation_end,
        "member_id": a.member_id,
        "is_demo": a.is_demo,
    }


def _admission_file(user, a) -> dict:
    return {
        **_admission_out(a),
        "steps": selectors.admission_steps(user, a),
        "events": [
            {
                "action": e.action,
                "on": e.on,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "reason": e.reason,
            }
            for e in selectors.admission_events(a)
        ],
    }


@router.get("/party/admissions", response={200: list[AdmissionOut], **errors(403, 404)})
def party_admissions(
    request,
    org_unit: Code | None = None,
    status: Literal[tuple(Stage.values)] | None = None,
):
    """Admissions in a unit, overdue first; at most 1000."""
    unit = _unit(request, org_unit)
    rows = selectors.admissions_in(request.auth, unit, status=status or "")
    return [_admission_out(a) for a in rows[:1000]]


@router.get(
    "/party/admissions/{admission_id}", response={200: AdmissionFileOut, **errors(403, 404)}
)
def party_admission(request, admission_id: AdmissionId):
    """One admission with its steps taken and the steps the caller may take now."""
    access.require(request.auth, perms.VIEW)
    return _admission_file(request.auth, selectors.admission_or_404(request.auth, admission_id))


@router.post(
    "/party/admissions/{admission_id}/{step}",
    response={200: AdmissionFileOut, **errors(403, 404, 422)},
)
def party_admission_step(request, admission_id: AdmissionId, step: StepName, body: AdmissionStepIn):
    """Take one step of the admission (the Party office only); 422 naming the field when
    an input is missing or the rules do not allow it (dates out of order, a vote short of
    two thirds, a ceremony past its window, helpers not official members of the cell)."""
    access.require(request.auth, perms.MANAGE)
    adm = selectors.admission_or_404(request.auth, admission_id)
    inputs = {k: getattr(body, k) for k in type(body).model_fields}
    inputs = {k: v for k, v in inputs.items() if v not in (None, "")}
    adm = admissions.take_step(actor=request.auth, admission=adm, action=step, **inputs)
    return _admission_file(request.auth, adm)


# The ratings and the cell meetings (``rating_api``) are part of this router.
from xaso.party.rating_api import router as _ratings_router  # noqa: E402

router.add_router("", _ratings_router)

# The write calls of member files and the structure figures live in their own module,
# on this router (imported last: it reads the schemas above).
# Inspections, discipline, dues and trainings join this router the same way.
from xaso.party import (  # noqa: E402, F401  (their routes join this router)
    api_members,
    dues_api,
    inspection_api,
    training_api,
)
