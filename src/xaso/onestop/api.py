"""JSON API of the one-stop module: intake (idempotent), transitions, look-up, statistics."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from xaso.core import access, throttle
from xaso.core.middleware import client_ip
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.onestop import indicators, selectors, services
from xaso.onestop import permissions as perms
from xaso.onestop.models import Dossier, Procedure

router = Router(tags=["onestop"])
public = Router(tags=["public"], auth=None)


class ApplicantIn(Schema):
    name: str
    id_number: str
    address: str
    birth_date: dt.date | None = None
    village: str | None = None
    phone: str = ""
    email: str = ""
    on_behalf_of: str = ""


class IntakeIn(Schema):
    org_unit: str
    procedure: str
    channel: str = "direct"
    applicant: ApplicantIn
    pages: int = Field(0, ge=0)
    copies: int = Field(1, ge=1)
    fee_exemption: str = ""
    idempotency_key: str | None = Field(None, max_length=80)


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
    paid: bool
    applicant_name: str
    applicant_id_number: str | None
    allowed_actions: list[str]


class TransitionIn(Schema):
    action: str
    note: str = ""
    assignee: str | None = None
    return_method: str = ""
    amount: int | None = None


class PublicDossierOut(Schema):
    code: str
    procedure_name: str
    status: int
    status_label: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    missing_documents: str


def _out(user: User, dossier: Dossier, now: dt.datetime) -> dict:
    clock = selectors.clock(dossier, calendar_for(dossier.org_unit), now)
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
        "paid": dossier.paid_at is not None,
        "applicant_name": dossier.applicant_name,
        "applicant_id_number": dossier.applicant_id_number if personal else None,
        "allowed_actions": services.allowed_actions(user, dossier),
    }


@router.post("/dossiers", response={201: DossierOut, 200: DossierOut})
def dossier_intake(request, payload: IntakeIn):
    """Receive a dossier at the desk or by post, at a service center (``org_unit``; 422
    naming ``org_unit`` for any other unit). A retried request with the same
    ``idempotency_key`` (or ``Idempotency-Key`` header) returns the first dossier (200)."""
    key = payload.idempotency_key or request.headers.get("Idempotency-Key") or None
    unit = get_object_or_404(OrgUnit, code=payload.org_unit)
    if not access.allowed(request.auth, perms.VIEW, unit):
        raise Http404
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
    if key is not None and (len(key) > 200 or not key.isprintable()):
        raise ValidationError(
            {"Idempotency-Key": _("Khóa chống gửi trùng dài tối đa 200 ký tự in được.")}
        )
    existed = selectors.dossier_for_idempotency_key(request.auth, key) is not None
    a = payload.applicant
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


@router.get("/dossiers", response=list[DossierOut])
def dossier_list(request, queue: str = "all_open", q: str = "", limit: int = 50):
    access.require(request.auth, perms.VIEW)
    now = timezone.now()
    rows = selectors.search(
        selectors.queue(request.auth, queue, now=now), user=request.auth, text=q
    )
    return [_out(request.auth, d, now) for d in rows[: max(1, min(limit, 200))]]


@router.get("/dossiers/{code}", response=DossierOut)
def dossier_get(request, code: str):
    dossier = selectors.dossier_for(request.auth, code)
    if dossier is None:
        raise Http404
    return _out(request.auth, dossier, timezone.now())


@router.post("/dossiers/{code}/transitions", response=DossierOut)
def dossier_transition(request, code: str, payload: TransitionIn):
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


@router.get("/onestop/statistics", response=dict)
def statistics(request, start: dt.date, end: dt.date, org_unit: str | None = None):
    """Form II.06a and the Decision 766 indicators for ``org_unit`` (default: the user's
    own unit; required for a user without one)."""
    access.require(request.auth, perms.VIEW)
    if end < start:
        raise ValidationError({"end": _("Đến ngày phải sau Từ ngày.")})
    if org_unit:
        unit = get_object_or_404(OrgUnit, code=org_unit)
        if not access.allowed(request.auth, perms.VIEW, unit):
            raise Http404
    else:
        unit = access.home_unit(request.auth)
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


@public.get("/public/dossiers/{code}", response={200: PublicDossierOut, 404: dict, 429: dict})
def public_lookup(request, code: str, key: str = ""):
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
