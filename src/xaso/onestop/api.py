"""JSON API of the one-stop module: intake (idempotent), transitions, look-up, statistics."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema, Status
from pydantic import Field

from xaso.core import access, throttle
from xaso.core.apischema import (
    FILLED,
    ID_NUMBER,
    PHONE,
    Code,
    Date,
    Email,
    Input,
    errors,
    text,
    whole,
)
from xaso.core.middleware import client_ip
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.onestop import indicators, selectors, services
from xaso.onestop import permissions as perms
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.workflow import MAX_FEE, TRANSITIONS, WORKFLOW

router = Router(tags=["onestop"])
public = Router(tags=["public"], auth=None)


class ApplicantIn(Input):
    name: text(150, min_length=1, pattern=FILLED)
    id_number: text(
        12,
        pattern=ID_NUMBER,
        description="Số định danh cá nhân, 12 chữ số; năm sinh trong số phải khớp ngày sinh.",
        examples=["014095001234"],
    )
    address: text(300, min_length=1, pattern=FILLED)
    birth_date: Date | None = None
    village: Code | None = Field(None, description="Mã bản (đơn vị loại bản).")
    phone: text(
        20,
        pattern=PHONE,
        description="Số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc +84912345678.",
    ) = ""
    email: Email = ""
    on_behalf_of: text(150) = ""


class IntakeIn(Input):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "org_unit": "03763-TTPVHCC",
                    "procedure": "1.004873",
                    "channel": "direct",
                    "applicant": {
                        "name": "Lò Văn Thử",
                        "id_number": "014095001234",
                        "address": "Bản Pá Uổi",
                        "birth_date": "1995-03-02",
                        "phone": "0912345678",
                    },
                }
            ]
        }
    }

    org_unit: Code = Field(description="Trung tâm phục vụ hành chính công tiếp nhận.")
    procedure: text(30, min_length=1, description="Mã thủ tục trong danh mục.")
    channel: Literal["direct", "post", "online"] = "direct"
    applicant: ApplicantIn
    pages: whole(ge=0, le=10_000) = 0
    copies: whole(ge=1, le=1_000) = 1
    fee_exemption: text(40) = ""
    idempotency_key: text(80, min_length=1) | None = None


class DossierOut(Schema):
    code: str
    procedure: str
    procedure_name: str
    status: int
    status_label: str
    channel: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    days_left: int | None
    days_late: int | None
    fee_amount: int
    fee_unknown: bool  # the province has not entered this fee yet ("chưa nhập")
    is_demo: bool  # demo data ("dữ liệu mẫu"), never a real dossier
    paid: bool
    applicant_name: str
    applicant_id_number: str | None
    allowed_actions: list[str]


#: The workflow's steps (``onestop.workflow``).
Action = Literal[tuple(t.name for t in TRANSITIONS)]


class DossierTransitionIn(Input):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {"action": "request_supplement", "note": "Bản sao Giấy chứng sinh"},
                {"action": "transfer", "assignee": "tuphap"},
            ]
        }
    }

    action: Action
    note: text(WORKFLOW.text_limits["note"]) = ""
    assignee: text(150) | None = Field(None, description="Tên đăng nhập của công chức xử lý.")
    return_method: Literal["", "desk", "post", "online"] = ""
    amount: whole(ge=1, le=MAX_FEE, description="Đồng.") | None = None


class StatisticsRowOut(Schema):
    received: int
    online: int
    direct: int
    carried_over: int
    resolved: int
    early: int
    on_time: int
    late: int
    in_progress: int
    within: int
    overdue: int


class FieldStatisticsOut(StatisticsRowOut):
    field: str


class IndicatorOut(Schema):
    key: str
    name: str
    formula: str
    numerator: int
    denominator: int
    value: Decimal | None


class StatisticsOut(Schema):
    start: dt.date
    end: dt.date
    org_unit: str
    total: StatisticsRowOut
    by_field: list[FieldStatisticsOut]
    indicators_766: list[IndicatorOut]


class PublicDossierOut(Schema):
    code: str
    procedure_name: str
    status: int
    status_label: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    missing_documents: str


def _out(user: User, dossier: Dossier, now: dt.datetime, calendars: dict | None = None) -> dict:
    """``calendars``: built once per unit for a whole list (``calendar_for`` per row would
    rebuild the calendar, four queries, for every dossier)."""
    calendars = {} if calendars is None else calendars
    if dossier.org_unit_id not in calendars:
        calendars[dossier.org_unit_id] = calendar_for(dossier.org_unit)
    clock = selectors.clock(dossier, calendars[dossier.org_unit_id], now)
    personal = access.allowed(user, perms.VIEW_PERSONAL, dossier)
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.code,
        "procedure_name": dossier.procedure.name,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "channel": dossier.channel,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "days_left": clock.remaining.days_left if clock.remaining else None,
        "days_late": clock.remaining.days_late if clock.remaining else None,
        "fee_amount": dossier.fee_amount,
        "fee_unknown": dossier.fee_unknown,
        "paid": dossier.paid_at is not None,
        "is_demo": dossier.is_demo,
        "applicant_name": dossier.applicant_name,
        "applicant_id_number": dossier.applicant_id_number if personal else None,
        "allowed_actions": services.allowed_actions(user, dossier),
    }


#: The service names the applicant's fields as the desk's form does; the API as its body.
_APPLICANT_FIELDS = {
    "applicant_name": "applicant.name",
    "applicant_id_number": "applicant.id_number",
    "applicant_birth_date": "applicant.birth_date",
    "applicant_address": "applicant.address",
    "applicant_village": "applicant.village",
    "applicant_phone": "applicant.phone",
    "applicant_email": "applicant.email",
    "on_behalf_of": "applicant.on_behalf_of",
}


@contextmanager
def _named_as_sent():
    """A refusal names each field by its place in the request body."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {_APPLICANT_FIELDS.get(f, f): m for f, m in exc.message_dict.items()}
        ) from exc


IDEMPOTENCY_KEY = r"^[\x20-\x7e]+$"


@router.post("/dossiers", response={201: DossierOut, 200: DossierOut, **errors(403, 404, 422)})
def dossier_intake(
    request,
    payload: IntakeIn,
    key_header: str | None = Header(
        None,
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=IDEMPOTENCY_KEY,
        description="Khóa chống gửi trùng (hoặc trường idempotency_key), ASCII in được.",
    ),
):
    """Receive a dossier at the desk or by post, at a service center (``org_unit``; 422
    naming ``org_unit`` for any other unit; 403 for a user who does not receive there).
    A retried request with the same ``idempotency_key`` (or ``Idempotency-Key`` header)
    returns the first dossier (200). 422 also names a procedure not in the catalogue, a
    bản that is not one, and an ID number whose birth year differs from ``birth_date``."""
    key = payload.idempotency_key or key_header or None
    unit = access.unit_or_404(request.auth, perms.VIEW, payload.org_unit)
    access.require(request.auth, perms.RECEIVE, unit)
    procedure = Procedure.objects.filter(code=payload.procedure, active=True).first()
    if procedure is None:
        raise ValidationError(
            {"procedure": _("Không có thủ tục mã %(c)s.") % {"c": payload.procedure}}
        )
    village = None
    if payload.applicant.village:
        village = OrgUnit.objects.filter(code=payload.applicant.village).first()
        if village is None:
            raise ValidationError({"applicant.village": _("Không có bản mã này.")})
    existed = selectors.dossier_for_idempotency_key(request.auth, key) is not None
    a = payload.applicant
    with _named_as_sent():
        dossier = services.dossier_intake(
            actor=request.auth,
            org_unit=unit,
            procedure=procedure,
            channel=payload.channel,
            applicant=services.Applicant(
                name=a.name,
                id_number=a.id_number,
                address=a.address,
                birth_date=a.birth_date,
                village=village,
                phone=a.phone,
                email=a.email,
                on_behalf_of=a.on_behalf_of,
            ),
            pages=payload.pages,
            copies=payload.copies,
            exemption=payload.fee_exemption,
            idempotency_key=key,
        )
    return Status(200 if existed else 201, _out(request.auth, dossier, timezone.now()))


Queue = Literal[tuple(selectors.QUEUES)]


@router.get("/dossiers", response={200: list[DossierOut], **errors(403)})
def dossier_list(
    request,
    queue: Queue = "all_open",
    q: text(150) = "",
    limit: Annotated[int, Field(ge=1, le=200)] = 50,
):
    """One of the desk's queues, found by code, ID number or name (``q``)."""
    access.require(request.auth, perms.VIEW)
    now = timezone.now()
    rows = selectors.search(
        selectors.queue(request.auth, queue, now=now), user=request.auth, text=q
    )
    calendars: dict = {}
    return [_out(request.auth, d, now, calendars) for d in rows[:limit]]


@router.get("/dossiers/{code}", response={200: DossierOut, **errors(404)})
def dossier_get(request, code: Code):
    dossier = selectors.dossier_for(request.auth, code)
    if dossier is None:
        raise Http404
    return _out(request.auth, dossier, timezone.now())


@router.post("/dossiers/{code}/transitions", response={200: DossierOut, **errors(403, 404, 422)})
def dossier_transition(request, code: Code, payload: DossierTransitionIn):
    """Take one action (receive, refuse, request_supplement, complete_supplement, transfer,
    request_payment, confirm_payment, stop, withdraw, return_result); 422 with the reason
    when the state does not allow it, 403 when the role does not."""
    dossier = selectors.dossier_for(request.auth, code)
    if dossier is None:
        raise Http404
    assignee = None
    if payload.assignee:
        assignee = User.objects.filter(username=payload.assignee).first()
    dossier = services.dossier_transition(
        actor=request.auth,
        dossier=dossier,
        action=payload.action,
        note=payload.note,
        assignee=assignee,
        return_method=payload.return_method,
        amount=payload.amount,
    )
    return _out(request.auth, dossier, timezone.now())


@router.get("/onestop/statistics", response={200: StatisticsOut, **errors(403, 404, 422)})
def statistics(request, start: Date, end: Date, org_unit: Code | None = None):
    """Form II.06a and the Decision 766 indicators for ``org_unit`` (default: the user's
    own unit; required for a user without one)."""
    access.require(request.auth, perms.VIEW)
    if end < start:
        raise ValidationError({"end": _("Đến ngày phải sau Từ ngày.")})
    unit = access.unit_or_404(request.auth, perms.VIEW, org_unit)
    if unit is None:
        raise ValidationError({"org_unit": _("Hãy chọn đơn vị cần thống kê.")})
    stats = indicators.statistics(unit, start, end)
    fields = indicators.Row.FIELDS
    return {
        "start": start,
        "end": end,
        "org_unit": unit.code,
        "total": {f: getattr(stats.total, f) for f in fields},
        "by_field": [
            {"field": r.label, **{f: getattr(r, f) for f in fields}} for r in stats.by_field
        ],
        "indicators_766": [
            {
                "key": i.key,
                "name": i.name,
                "formula": i.formula,
                "numerator": i.numerator,
                "denominator": i.denominator,
                "value": i.value,
            }
            for i in indicators.indicators_766(unit, start, end)
        ],
    }


@public.get("/public/dossiers/{code}", response={200: PublicDossierOut, **errors(404, 429)})
def public_lookup(
    request,
    code: Code,
    key: text(40, description="Khóa tra cứu in trên phiếu hẹn, hoặc 4 số cuối số định danh.") = "",
):
    """What someone holding the slip may know — the code and its ``key`` (the look-up key
    printed beside it, or the last 4 digits of the applicant's ID number) — never the
    applicant's personal data. A wrong key and an unknown code answer the same 404; a
    client with too many misses is held off (429)."""
    ip = client_ip(request)
    until = throttle.lookup_locked_until(ip)
    if until is not None:
        return Status(
            429, {"detail": _("Tra cứu không thành công quá nhiều lần; hãy thử lại sau.")}
        )
    factor = selectors.second_factor(key)
    dossier = (
        Dossier.objects.select_related("procedure").filter(factor, code=code.strip()).first()
        if factor is not None
        else None
    )
    if dossier is None:
        throttle.lookup_missed(ip)
        return Status(404, {"detail": _("Không tìm thấy hồ sơ với mã và khóa đã nhập.")})
    return {
        "code": dossier.code,
        "procedure_name": dossier.procedure.name,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "missing_documents": dossier.missing_documents,
    }
