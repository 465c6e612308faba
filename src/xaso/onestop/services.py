"""Every write of the one-stop module: intake, the status transitions, fees, documents,
results, the one-time reschedule, citizens' ratings. One transaction each, audited, each
checking its own permission and the dossier's current status."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from xaso.core import access, audit, codes
from xaso.core.identity import check_personal_id
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.workcal import WorkCalendar
from xaso.onestop import fees
from xaso.onestop import permissions as perms
from xaso.onestop.models import (
    CLOCK_STATUSES,
    Dossier,
    DossierCounter,
    DossierDocument,
    DossierEvent,
    Procedure,
    Status,
)

# Decree 61/2018/NĐ-CP Art. 18: a dossier received after 15:00 goes to the processing
# officer at the start of the next working day, otherwise the same working day.
TRANSFER_CUTOFF = dt.time(15, 0)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    "application/pdf": b"%PDF-",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
DOSSIER_FIELDS = [
    "status",
    "due_at",
    "assigned_to_id",
    "fee_amount",
    "paid_at",
    "return_method",
    "missing_documents",
    "decision_reason",
    "rescheduled_from",
]


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str
    address: str
    birth_date: dt.date | None = None
    village: OrgUnit | None = None
    phone: str = ""
    email: str = ""
    on_behalf_of: str = ""


@dataclass(frozen=True)
class Upload:
    requirement: str
    file: UploadedFile
    digitised: bool = True


# --- deadlines ---------------------------------------------------------------------------


def due_moment(calendar: WorkCalendar, procedure: Procedure, start: dt.datetime) -> dt.datetime:
    """The legal due moment of ``procedure`` for a clock starting at ``start``."""
    if procedure.time_unit == Procedure.TimeUnit.ON_THE_SPOT:
        return calendar.add_working_days(start, 0, cutoff=procedure.cutoff)
    if procedure.time_unit == Procedure.TimeUnit.WORKING_HOURS:
        return calendar.add_working_hours(start, float(procedure.processing_time))
    days = procedure.processing_time
    if days == days.to_integral_value():
        return calendar.add_working_days(start, int(days), cutoff=procedure.cutoff)
    hours = float(days) * calendar.schedule.hours_per_day
    return calendar.add_working_hours(
        calendar.effective_start(start, cutoff=procedure.cutoff), hours
    )


def transfer_due(calendar: WorkCalendar, received_at: dt.datetime) -> dt.datetime:
    """When the desk must have passed the dossier on (Decree 61/2018 Art. 18)."""
    start = calendar.effective_start(received_at, cutoff=TRANSFER_CUTOFF)
    local_received = timezone.localtime(received_at)
    if start.date() == local_received.date():
        return calendar.add_working_days(received_at, 0)
    return start


# --- codes -------------------------------------------------------------------------------


def next_code(org_unit: OrgUnit, day: dt.date) -> str:
    """``<unit>-YYMMDD-XXXX`` (Circular 01/2018/TT-VPCP Art. 19), unique under concurrency;
    must run inside the caller's transaction (see ``core.codes``)."""
    return codes.next_daily_code(DossierCounter, org_unit=org_unit, day=day)


# --- intake ------------------------------------------------------------------------------


def _check_applicant(applicant: Applicant) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not applicant.name.strip():
        errors["applicant_name"] = [_("Hãy nhập họ và tên người nộp.")]
    if not applicant.address.strip():
        errors["applicant_address"] = [_("Hãy nhập địa chỉ.")]
    check = check_personal_id(applicant.id_number, birth_date=applicant.birth_date)
    if check.errors:
        errors["applicant_id_number"] = check.errors
    if applicant.village is not None and applicant.village.kind != OrgUnit.Kind.VILLAGE:
        errors["applicant_village"] = [_("Hãy chọn một bản.")]
    return errors


def check_upload(upload: UploadedFile) -> tuple[str, str]:
    """Refuse files too large or of another type (by their first bytes, not their name);
    return (content type, sanitised file name)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "documents": _("Tệp %(name)s quá lớn (%(size)s MB); tối đa 10 MB.")
                % {"name": upload.name, "size": round(upload.size / 1024 / 1024, 1)}
            }
        )
    head = upload.read(16)
    upload.seek(0)
    content_type = next((t for t, magic in ALLOWED_TYPES.items() if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(
            {"documents": _("Tệp %(name)s không phải PDF, JPEG hoặc PNG.") % {"name": upload.name}}
        )
    name = get_valid_filename(upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:120]
    return content_type, name or "tep"


def _store(dossier: Dossier, kind: str, item: Upload) -> DossierDocument:
    content_type, name = check_upload(item.file)
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[content_type]
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        requirement=item.requirement[:300],
        original_name=name,
        stored_name=f"{secrets.token_hex(8)}.{extension}",
        content_type=content_type,
        size=item.file.size,
        digitised=item.digitised,
    )
    document.file.save(document.stored_name, item.file, save=False)
    document.save()
    return document


def _event(
    dossier: Dossier,
    action: str,
    actor: User | None,
    before: int | None,
    note: str = "",
    at: dt.datetime | None = None,
) -> None:
    DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_status=before,
        to_status=dossier.status,
        actor=actor,
        at=at or timezone.now(),
        due_at=dossier.due_at,
        note=note,
    )


def dossier_intake(
    *,
    actor: User | None,
    org_unit: OrgUnit,
    procedure: Procedure,
    channel: str,
    applicant: Applicant,
    uploads: list[Upload] = (),
    pages: int = 0,
    copies: int = 1,
    exemption: str = "",
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
    is_demo: bool = False,
) -> Dossier:
    """Take in a dossier. At the desk or by post an officer receives it at once (status
    2, clock running); online it waits as "Mới đăng ký" (1) for the desk to check.

    With an ``idempotency_key`` a retried request returns the dossier already made.
    """
    if idempotency_key:
        existing = Dossier.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    online = channel == Dossier.Channel.ONLINE
    if actor is not None:
        access.require(actor, perms.RECEIVE, org_unit)
    elif not online:
        raise access.PermissionDenied(_("Chỉ cán bộ một cửa tiếp nhận hồ sơ trực tiếp."))
    errors = _check_applicant(applicant)
    if not procedure.active:
        errors["procedure"] = [_("Thủ tục này không còn áp dụng.")]
    if online and procedure.online_level == Procedure.OnlineLevel.NONE:
        errors["procedure"] = [_("Thủ tục này không được nộp trực tuyến.")]
    if channel not in Dossier.Channel.values:
        errors["channel"] = [_("Hình thức nộp không hợp lệ.")]
    if exemption and exemption not in procedure.exemptions:
        errors["fee_exemption"] = [_("Thủ tục này không miễn phí cho đối tượng đã chọn.")]
    for item in uploads:
        try:
            check_upload(item.file)
        except ValidationError as exc:
            errors.setdefault("documents", []).extend(exc.message_dict["documents"])
    if errors:
        raise ValidationError(errors)
    now = at or timezone.now()
    calendar = calendar_for(org_unit)
    try:
        with transaction.atomic():
            dossier = Dossier(
                code=next_code(org_unit, timezone.localtime(now).date()),
                org_unit=org_unit,
                procedure=procedure,
                channel=channel,
                status=Status.NEW if online else Status.RECEIVED,
                applicant_name=applicant.name.strip(),
                applicant_id_number=applicant.id_number,
                applicant_birth_date=applicant.birth_date,
                applicant_address=applicant.address.strip(),
                applicant_village=applicant.village,
                applicant_phone=applicant.phone,
                applicant_email=applicant.email,
                on_behalf_of=applicant.on_behalf_of,
                submitted_at=now,
                fee_pages=pages,
                fee_copies=copies,
                fee_exemption=exemption,
                fee_amount=fees.fee_amount(
                    procedure.fee_rule,
                    pages=pages,
                    copies=copies,
                    exemption=exemption,
                    exemptions=procedure.exemptions,
                ),
                idempotency_key=idempotency_key or None,
                is_demo=is_demo,
            )
            if not online:
                _start_clock(dossier, calendar, now, actor)
            dossier.save()
            for item in uploads:
                _store(dossier, DossierDocument.Kind.INPUT, item)
            _event(dossier, "intake", actor, None, at=now)
            audit.record(
                actor=actor,
                action="dossier_intake",
                obj=dossier,
                org_unit=org_unit,
                after=audit.snapshot(dossier, DOSSIER_FIELDS),
            )
    except IntegrityError:
        # Two requests with the same idempotency key raced: the other one won.
        existing = (
            Dossier.objects.filter(idempotency_key=idempotency_key).first()
            if idempotency_key
            else None
        )
        if existing is None:
            raise
        return existing
    return dossier


def _start_clock(
    dossier: Dossier, calendar: WorkCalendar, now: dt.datetime, actor: User | None
) -> None:
    dossier.received_at = dossier.received_at or now
    dossier.received_by = dossier.received_by or actor
    dossier.clock_started_at = now
    dossier.due_at = due_moment(calendar, dossier.procedure, now)
    dossier.transfer_due_at = transfer_due(calendar, now)


# --- transitions -------------------------------------------------------------------------

# action: (statuses it may start from, status it leads to, permission)
TRANSITIONS = {
    "receive": ([Status.NEW], Status.RECEIVED, perms.RECEIVE),
    "refuse": ([Status.NEW], Status.REFUSED, perms.RECEIVE),
    "request_supplement": (
        [Status.NEW, Status.RECEIVED, Status.PROCESSING],
        Status.SUPPLEMENT,
        None,
    ),  # desk or specialist
    "complete_supplement": ([Status.SUPPLEMENT], None, perms.RECEIVE),
    "transfer": ([Status.RECEIVED], Status.PROCESSING, perms.RECEIVE),
    "request_payment": ([Status.PROCESSING], Status.PAYMENT, perms.PROCESS),
    "confirm_payment": ([Status.PAYMENT], Status.PROCESSING, perms.RECEIVE),
    "stop": ([Status.PROCESSING, Status.PAYMENT, Status.SUPPLEMENT], Status.STOPPED, perms.PROCESS),
    "withdraw": (
        [Status.NEW, Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.PAYMENT],
        Status.WITHDRAWN,
        perms.RECEIVE,
    ),
    "complete": ([Status.PROCESSING], Status.DONE, perms.PROCESS),
    "return_result": ([Status.DONE], Status.RETURNED, perms.RECEIVE),
}

ACTION_LABELS = {
    "intake": _("tiếp nhận"),
    "receive": _("tiếp nhận"),
    "refuse": _("từ chối tiếp nhận"),
    "request_supplement": _("yêu cầu bổ sung"),
    "complete_supplement": _("bổ sung xong"),
    "transfer": _("chuyển xử lý"),
    "request_payment": _("yêu cầu nộp phí, lệ phí"),
    "confirm_payment": _("xác nhận đã nộp"),
    "stop": _("dừng xử lý"),
    "withdraw": _("rút hồ sơ"),
    "complete": _("có kết quả"),
    "return_result": _("trả kết quả"),
    "reschedule": _("hẹn lại ngày trả"),
    "pay": _("nộp phí, lệ phí"),
}


def allowed_actions(user: User, dossier: Dossier) -> list[str]:
    """The transitions ``user`` may take on ``dossier`` now (for buttons and the API)."""
    result = []
    for action, (sources, _target, permission) in TRANSITIONS.items():
        if dossier.status not in sources:
            continue
        needed = [permission] if permission else [perms.RECEIVE, perms.PROCESS]
        if any(access.allowed(user, p, dossier) for p in needed):
            result.append(action)
    return result


def dossier_transition(
    *,
    actor: User,
    dossier: Dossier,
    action: str,
    note: str = "",
    assignee: User | None = None,
    result: Upload | None = None,
    return_method: str = "",
    amount: int | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Move ``dossier`` by ``action``; refused with the reason when the status, the role
    or the input does not allow it."""
    if action not in TRANSITIONS:
        raise ValidationError({"action": _("Thao tác không hợp lệ: %(a)s.") % {"a": action}})
    sources, target, permission = TRANSITIONS[action]
    needed = [permission] if permission else [perms.RECEIVE, perms.PROCESS]
    if not any(access.allowed(actor, p, dossier) for p in needed):
        raise access.PermissionDenied(_("Vai trò của bạn không thực hiện được thao tác này."))
    now = at or timezone.now()
    with transaction.atomic():
        # Lock the row: two officers pressing buttons at once must not both move it.
        dossier = (
            Dossier.objects.select_for_update()
            .select_related("procedure", "org_unit")
            .get(pk=dossier.pk)
        )
        if dossier.status not in sources:
            raise ValidationError(
                {
                    "action": _("Không thể %(action)s khi hồ sơ đang ở trạng thái “%(status)s”.")
                    % {"action": ACTION_LABELS[action], "status": dossier.get_status_display()}
                }
            )
        before_status = dossier.status
        before = audit.snapshot(dossier, DOSSIER_FIELDS)
        calendar = calendar_for(dossier.org_unit)
        if action in ("refuse", "stop", "withdraw") and not note.strip():
            raise ValidationError({"note": _("Hãy ghi rõ lý do.")})
        if action == "request_supplement" and not note.strip():
            raise ValidationError({"note": _("Hãy liệt kê đầy đủ giấy tờ cần bổ sung.")})
        if action == "transfer":
            if assignee is None or not access.allowed(assignee, perms.PROCESS, dossier):
                raise ValidationError(
                    {"assignee": _("Hãy chọn công chức có quyền xử lý hồ sơ của đơn vị này.")}
                )
            if not _works_in_field(assignee, dossier.procedure):
                raise ValidationError(
                    {
                        "assignee": _("Công chức này không phụ trách lĩnh vực %(field)s.")
                        % {"field": dossier.procedure.field}
                    }
                )
            dossier.assigned_to = assignee
            dossier.transferred_at = now
        if action == "receive":
            _start_clock(dossier, calendar, now, actor)
        if action == "request_supplement":
            dossier.missing_documents = note.strip()
        if action == "complete_supplement":
            # The processing time restarts from the moment the dossier is complete
            # (Decree 61/2018/NĐ-CP, Art. 19).
            target = Status.PROCESSING if dossier.assigned_to_id else Status.RECEIVED
            _start_clock(dossier, calendar, now, dossier.received_by)
            dossier.missing_documents = ""
        if action == "request_payment":
            if amount is None or amount <= 0:
                raise ValidationError({"amount": _("Hãy nhập số tiền phải nộp (đồng).")})
            dossier.fee_amount = amount
            dossier.paid_at = None
        if action == "confirm_payment":
            dossier.paid_at = now
        if action in ("refuse", "stop", "withdraw"):
            dossier.decision_reason = note.strip()
            dossier.closed_at = now
        if action == "complete":
            if (
                result is None
                and not dossier.documents.filter(kind=DossierDocument.Kind.RESULT).exists()
            ):
                raise ValidationError({"result": _("Hãy đính kèm bản số hóa của kết quả.")})
            if result is not None:
                _store(dossier, DossierDocument.Kind.RESULT, result)
            dossier.done_at = now
        if action == "return_result":
            if return_method not in Dossier.ReturnMethod.values:
                raise ValidationError({"return_method": _("Hãy chọn hình thức trả kết quả.")})
            if dossier.fee_amount and dossier.paid_at is None:
                raise ValidationError({"fee": _("Hồ sơ chưa nộp phí, lệ phí.")})
            dossier.return_method = return_method
            dossier.returned_at = now
            dossier.closed_at = now
        dossier.status = target
        dossier.save()
        _event(dossier, action, actor, before_status, note=note, at=now)
        audit.record(
            actor=actor,
            action=f"dossier_{action}",
            obj=dossier,
            org_unit=dossier.org_unit,
            before=before,
            after=audit.snapshot(dossier, DOSSIER_FIELDS),
        )
    return dossier


def _works_in_field(user: User, procedure: Procedure) -> bool:
    """A specialist processes the procedures of their own field; leaders any."""
    from xaso.core.models import Role

    roles = access.roles_of(user)
    if not procedure.specialist_field or any(r.role != Role.SPECIALIST for r in roles):
        return True
    return any(r.field == procedure.specialist_field for r in roles)


def dossier_pay(
    *, actor: User, dossier: Dossier, method: str, at: dt.datetime | None = None
) -> Dossier:
    """Record the fee as paid (cash, transfer or online) and number the receipt."""
    access.require(actor, perms.RECEIVE, dossier)
    if method not in Dossier.PaymentMethod.values:
        raise ValidationError({"payment_method": _("Hãy chọn hình thức nộp phí.")})
    now = at or timezone.now()
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.fee_amount <= 0:
            raise ValidationError({"payment_method": _("Hồ sơ này không phải nộp phí.")})
        if dossier.paid_at is not None:
            raise ValidationError({"payment_method": _("Hồ sơ đã nộp phí.")})
        dossier.paid_at, dossier.payment_method = now, method
        dossier.receipt_number = f"BL-{dossier.code}"
        dossier.save(update_fields=["paid_at", "payment_method", "receipt_number"])
        _event(
            dossier,
            "pay",
            actor,
            dossier.status,
            at=now,
            note=str(Dossier.PaymentMethod(method).label),
        )
        audit.record(
            actor=actor,
            action="dossier_pay",
            obj=dossier,
            org_unit=dossier.org_unit,
            changes={
                "paid_at": [None, now.isoformat()],
                "payment_method": [None, method],
                "fee_amount": [dossier.fee_amount, dossier.fee_amount],
            },
        )
    return dossier


def dossier_reschedule(
    *,
    actor: User,
    dossier: Dossier,
    new_due: dt.datetime,
    reason: str,
    at: dt.datetime | None = None,
) -> Dossier:
    """Move the due date — once only — with the apology letter's reason (form 04;
    Decree 61/2018/NĐ-CP Art. 19)."""
    if not (
        access.allowed(actor, perms.RECEIVE, dossier)
        or access.allowed(actor, perms.PROCESS, dossier)
    ):
        raise access.PermissionDenied(_("Bạn không có quyền hẹn lại hồ sơ này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do chậm trả kết quả.")})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.rescheduled_from is not None:
            raise ValidationError(
                {
                    "new_due": _(
                        "Hồ sơ đã được hẹn lại một lần; theo quy định chỉ được hẹn lại một lần."
                    )
                }
            )
        if dossier.status not in CLOCK_STATUSES and dossier.status != Status.SUPPLEMENT:
            raise ValidationError({"new_due": _("Hồ sơ không còn đang giải quyết.")})
        if dossier.due_at is None or new_due <= dossier.due_at:
            raise ValidationError({"new_due": _("Ngày hẹn mới phải sau ngày hẹn cũ.")})
        before = audit.snapshot(dossier, DOSSIER_FIELDS)
        dossier.rescheduled_from, dossier.due_at = dossier.due_at, new_due
        dossier.reschedule_reason = reason.strip()
        dossier.save(update_fields=["rescheduled_from", "due_at", "reschedule_reason"])
        _event(dossier, "reschedule", actor, dossier.status, note=reason, at=at)
        audit.record(
            actor=actor,
            action="dossier_reschedule",
            obj=dossier,
            org_unit=dossier.org_unit,
            before=before,
            after=audit.snapshot(dossier, DOSSIER_FIELDS),
        )
    return dossier


def dossier_rate(
    *, dossier: Dossier, rating: int, comment: str = "", at: dt.datetime | None = None
) -> Dossier:
    """The citizen's satisfaction after the result is returned (once)."""
    if dossier.status != Status.RETURNED:
        raise ValidationError({"rating": _("Chỉ đánh giá được sau khi đã nhận kết quả.")})
    if dossier.rating is not None:
        raise ValidationError({"rating": _("Hồ sơ này đã được đánh giá.")})
    if rating not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating": _("Mức hài lòng từ 1 đến 5.")})
    with transaction.atomic():
        dossier.rating, dossier.rating_comment = rating, comment.strip()[:500]
        dossier.rated_at = at or timezone.now()
        dossier.save(update_fields=["rating", "rating_comment", "rated_at"])
        audit.record(
            actor=None,
            action="dossier_rate",
            obj=dossier,
            org_unit=dossier.org_unit,
            changes={"rating": [None, rating]},
        )
    return dossier


def procedure_save(*, actor: User, procedure: Procedure, changes: dict) -> Procedure:
    """The administrator maintains the catalogue; every version is in the audit log."""
    if not (actor.is_superuser or access.allowed(actor, perms.MANAGE_CATALOGUE)):
        raise access.PermissionDenied(_("Bạn không có quyền sửa danh mục thủ tục."))
    before = audit.snapshot(procedure) if procedure.pk else None
    for name, value in changes.items():
        setattr(procedure, name, value)
    procedure.full_clean()
    with transaction.atomic():
        procedure.save()
        audit.record(
            actor=actor,
            action="update" if before else "create",
            obj=procedure,
            before=before,
            after=audit.snapshot(procedure),
        )
    return procedure
