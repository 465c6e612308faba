"""Every write of the one-stop module: intake, the status transitions (the table is
``onestop.workflow``, run by ``core.workflow``), fees and the province's fee amounts, the
one-time reschedule, citizens' ratings. One transaction each, audited, each checking its
own permission and the dossier's current status — the rules themselves read from
``selectors`` so the pages show exactly what these functions accept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access, audit, checks, codes
from xaso.core.identity import check_personal_id
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.uploads import check_all
from xaso.core.workflow import recalculate_due
from xaso.onestop import fees, selectors
from xaso.onestop import permissions as perms
from xaso.onestop.deadlines import due_moment, start_clock
from xaso.onestop.models import (
    CLOCK_STATUSES,
    OPEN_STATUSES,
    Dossier,
    DossierCounter,
    DossierDocument,
    Procedure,
    ProvinceFee,
    Status,
)
from xaso.onestop.workflow import (
    DOSSIER_FIELDS,
    WORKFLOW,
    Upload,
    record_event,
    store_document,
)


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


# --- codes -------------------------------------------------------------------------------


def next_code(org_unit: OrgUnit, day: dt.date) -> str:
    """``<unit>-YYMMDD-XXXX`` (Circular 01/2018/TT-VPCP Art. 19), unique under concurrency;
    must run inside the caller's transaction (see ``core.codes``)."""
    return codes.next_daily_code(DossierCounter, org_unit=org_unit, day=day)


# --- intake ------------------------------------------------------------------------------


def _check_applicant(applicant: Applicant, org_unit: OrgUnit) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not applicant.name.strip():
        errors["applicant_name"] = [_("Hãy nhập họ và tên người nộp.")]
    if not applicant.address.strip():
        errors["applicant_address"] = [_("Hãy nhập địa chỉ.")]
    checks.text(errors, "applicant_name", applicant.name, max_length=150)
    checks.text(errors, "applicant_address", applicant.address, max_length=300)
    checks.text(errors, "on_behalf_of", applicant.on_behalf_of, max_length=150)
    checks.phone(errors, "applicant_phone", applicant.phone)
    checks.text(errors, "applicant_phone", applicant.phone, max_length=20)
    checks.email(errors, "applicant_email", applicant.email)
    # A birth date in the future is that, not an ID mismatch.
    born = applicant.birth_date
    if checks.past_date(errors, "applicant_birth_date", born):
        check = check_personal_id(applicant.id_number, birth_date=born)
        if check.errors:
            errors["applicant_id_number"] = check.errors
    village, commune = applicant.village, org_unit.commune()
    if village is not None and village.kind != OrgUnit.Kind.VILLAGE:
        errors["applicant_village"] = [_("Hãy chọn một bản.")]
    elif village is not None and (commune is None or not commune.contains(village)):
        errors["applicant_village"] = [_("Bản đã chọn không thuộc xã của nơi nộp hồ sơ.")]
    return errors


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
    """Take in a dossier at a service center (``org_unit``). At the desk or by post an
    officer receives it at once (status 2, clock running); online it waits as "Mới đăng
    ký" (1) for the desk to check.

    With an ``idempotency_key`` a retried request returns the dossier already made. The
    key is the caller's own (``selectors.stored_idempotency_key``): permission is checked
    first, and someone else's key is a new key, never a way to read their dossier.
    """
    online = channel == Dossier.Channel.ONLINE
    if actor is not None:
        access.require(actor, perms.RECEIVE, org_unit)
    elif not online:
        raise access.PermissionDenied(_("Chỉ cán bộ một cửa tiếp nhận hồ sơ trực tiếp."))
    stored_key = selectors.stored_idempotency_key(actor, idempotency_key)
    if stored_key:
        existing = Dossier.objects.filter(idempotency_key=stored_key).first()
        if existing is not None:
            return existing
    errors = _check_applicant(applicant, org_unit)
    if not selectors.receives_dossiers(org_unit):
        errors["org_unit"] = [
            _("%(unit)s không tiếp nhận hồ sơ: hãy nộp tại Trung tâm phục vụ hành chính công.")
            % {"unit": org_unit.display_name}
        ]
    if not procedure.active:
        errors["procedure"] = [_("Thủ tục này không còn áp dụng.")]
    if online and procedure.online_level == Procedure.OnlineLevel.NONE:
        errors["procedure"] = [_("Thủ tục này không được nộp trực tuyến.")]
    if channel not in Dossier.Channel.values:
        errors["channel"] = [_("Hình thức nộp không hợp lệ.")]
    checks.whole_number(errors, "pages", pages, low=0, high=10_000)
    checks.whole_number(errors, "copies", copies, low=1, high=1_000)
    if exemption and exemption not in procedure.exemptions:
        errors["fee_exemption"] = [_("Thủ tục này không miễn phí cho đối tượng đã chọn.")]
    try:
        check_all([item.file for item in uploads])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    now = at or timezone.now()
    calendar = calendar_for(org_unit)
    province_fee = selectors.province_fee(procedure, org_unit)
    amount = fees.fee_amount(
        procedure.fee_rule,
        pages=pages,
        copies=copies,
        exemption=exemption,
        exemptions=procedure.exemptions,
        province_amount=province_fee.amount if province_fee else None,
    )
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
                applicant_phone=checks.normal_phone(applicant.phone),
                applicant_email=applicant.email,
                on_behalf_of=applicant.on_behalf_of,
                submitted_at=now,
                fee_pages=pages,
                fee_copies=copies,
                fee_exemption=exemption,
                # The province's amount not entered yet: the fee is unknown, not 0.
                fee_amount=amount or 0,
                fee_unknown=amount is None,
                idempotency_key=stored_key,
                lookup_key=codes.lookup_key(),
                is_demo=is_demo,
            )
            if not online:
                start_clock(dossier, calendar, now, actor)
            dossier.save()
            for item in uploads:
                store_document(dossier, DossierDocument.Kind.INPUT, item)
            record_event(dossier, "intake", actor, None, at=now)
            audit.record(
                actor=actor,
                action="dossier_intake",
                obj=dossier,
                after=audit.snapshot(dossier, DOSSIER_FIELDS),
            )
    except IntegrityError:
        # Two requests with the same idempotency key raced: the other one won.
        existing = (
            Dossier.objects.filter(idempotency_key=stored_key).first() if stored_key else None
        )
        if existing is None:
            raise
        return existing
    return dossier


# --- transitions -------------------------------------------------------------------------

#: What a dossier's history calls each step: the workflow's, and the steps outside it.
ACTION_LABELS = {
    "intake": gettext_lazy("tiếp nhận"),
    **WORKFLOW.labels(),
    "reschedule": gettext_lazy("hẹn lại ngày trả"),
    "pay": gettext_lazy("nộp phí, lệ phí"),
    "recalculate": gettext_lazy("tính lại hạn theo lịch nghỉ mới"),
}


def allowed_actions(user: User, dossier: Dossier) -> list[str]:
    """The transitions ``user`` may take on ``dossier`` now (for buttons and the API)."""
    return WORKFLOW.allowed(user, dossier)


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
    """Move ``dossier`` by ``action`` (``onestop.workflow``); refused with the reason
    when the status, the role or the input does not allow it."""
    return WORKFLOW.run(
        actor=actor,
        obj=dossier,
        action=action,
        at=at,
        note=note,
        assignee=assignee,
        result=result,
        return_method=return_method,
        amount=amount,
    )


# --- fees, reschedule, rating ------------------------------------------------------------


def dossier_pay(
    *, actor: User, dossier: Dossier, method: str, at: dt.datetime | None = None
) -> Dossier:
    """Record the fee as paid (cash, transfer or online) and number the receipt."""
    access.require(actor, perms.RECEIVE, dossier)
    if method not in Dossier.PaymentMethod.values:
        raise ValidationError({"payment_method": _("Hãy chọn hình thức nộp phí.")})
    now = at or timezone.now()
    with transaction.atomic():
        # Locked: two clicks on "paid" must not number two receipts.
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        refusal = selectors.payment_refusal(dossier)
        if refusal:
            raise ValidationError({"payment_method": refusal})
        dossier.paid_at, dossier.payment_method = now, method
        dossier.receipt_number = f"BL-{dossier.code}"
        dossier.save(update_fields=["paid_at", "payment_method", "receipt_number"])
        record_event(
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
    if not selectors.handles(actor, dossier):
        raise access.PermissionDenied(_("Bạn không có quyền hẹn lại hồ sơ này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do chậm trả kết quả.")})
    checks.refuse_long_text("reason", reason, max_length=checks.REASON_MAX)
    with transaction.atomic():
        # Locked: two officers rescheduling at once must not both pass "once only".
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        refusal = selectors.reschedule_refusal(dossier)
        if refusal:
            raise ValidationError({"new_due": refusal})
        if dossier.due_at is None or new_due <= dossier.due_at:
            raise ValidationError({"new_due": _("Ngày hẹn mới phải sau ngày hẹn cũ.")})
        before = audit.snapshot(dossier, DOSSIER_FIELDS)
        dossier.rescheduled_from, dossier.due_at = dossier.due_at, new_due
        dossier.reschedule_reason = reason.strip()
        dossier.save(update_fields=["rescheduled_from", "due_at", "reschedule_reason"])
        record_event(dossier, "reschedule", actor, dossier.status, note=reason, at=at)
        audit.record(
            actor=actor,
            action="dossier_reschedule",
            obj=dossier,
            before=before,
            after=audit.snapshot(dossier, DOSSIER_FIELDS),
        )
    return dossier


def dossier_rate(
    *, dossier: Dossier, rating: int, comment: str = "", at: dt.datetime | None = None
) -> Dossier:
    """The citizen's satisfaction after the result is returned — once: the portal page
    and anything else that takes a rating go through here."""
    if rating not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating": _("Mức hài lòng từ 1 đến 5.")})
    with transaction.atomic():
        # Locked, so two ratings sent at once cannot both pass the "once" check.
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        refusal = selectors.rating_refusal(dossier)
        if refusal:
            raise ValidationError({"rating": refusal})
        dossier.rating, dossier.rating_comment = rating, comment.strip()[:500]
        dossier.rated_at = at or timezone.now()
        dossier.save(update_fields=["rating", "rating_comment", "rated_at"])
        audit.record(
            actor=None,
            action="dossier_rate",
            obj=dossier,
            changes={"rating": [None, rating]},
        )
    return dossier


def dossiers_recalculate_due(*, dates: list[dt.date], org_unit: OrgUnit | None) -> list[str]:
    """After the days off changed (a yearly notice entered), the open dossiers whose clock
    spans one of ``dates`` get their legal due moment again — except a date already moved
    once by the apology (form 04), which was promised to the citizen. Returns the codes
    whose due moment changed."""
    first, last = min(dates), max(dates)
    candidates = Dossier.objects.filter(
        status__in=CLOCK_STATUSES,
        due_at__isnull=False,
        clock_started_at__isnull=False,
        rescheduled_from__isnull=True,
        clock_started_at__date__lte=last,
        due_at__date__gte=first,
    )
    if org_unit is not None:
        candidates = candidates.filter(org_unit__path__startswith=org_unit.path)
    calendars: dict[int, object] = {}

    def compute(dossier: Dossier) -> dt.datetime | None:
        # The locked row was re-read through ``candidates``: still open, clock running.
        if dossier.org_unit_id not in calendars:
            calendars[dossier.org_unit_id] = calendar_for(dossier.org_unit)
        return due_moment(
            calendars[dossier.org_unit_id], dossier.procedure, dossier.clock_started_at
        )

    return recalculate_due(
        queryset=candidates.select_related("procedure", "org_unit"),
        compute=compute,
        record_step=lambda dossier: record_event(dossier, "recalculate", None, dossier.status),
        audit_action="dossier_recalculate",
        audit_fields=DOSSIER_FIELDS,
    )


# --- the province's fee amounts (Circular 85/2019/TT-BTC) ---------------------------------

#: The largest amount a province's fee may be entered at (a typing slip, not a rule).
MAX_PROVINCE_FEE = 100_000_000


def province_fee_set(
    *,
    actor: User,
    province: OrgUnit,
    procedure: Procedure,
    amount: int,
    legal_basis: str,
    at: dt.datetime | None = None,
) -> ProvinceFee:
    """Enter (or change) the amount ``province``'s People's Council set for ``procedure``
    (a ``{"type": "province"}`` fee), with the resolution it comes from. Only the
    installation's administrator or the province's (``selectors.can_set_province_fee``).

    The open dossiers of that procedure in the province whose fee was unknown ("chưa
    nhập") get their fee now, each audited; a dossier whose fee was already known keeps
    the amount it was received with."""
    if not selectors.can_set_province_fee(actor, province):
        raise access.PermissionDenied(
            _("Chỉ quản trị hệ thống hoặc quản trị của tỉnh nhập mức thu của tỉnh.")
        )
    errors: dict[str, list[str]] = {}
    if not procedure.fee_set_by_province:
        errors["procedure"] = [_("Phí, lệ phí của thủ tục này không do tỉnh quy định.")]
    if not isinstance(amount, int) or isinstance(amount, bool):
        errors["amount"] = [_("Hãy nhập mức thu bằng số đồng, ví dụ 5000.")]
    else:
        checks.whole_number(errors, "amount", amount, low=0, high=MAX_PROVINCE_FEE)
    legal_basis = (legal_basis or "").strip()
    if not legal_basis:
        errors["legal_basis"] = [
            _("Hãy ghi căn cứ: số, ngày nghị quyết của Hội đồng nhân dân tỉnh.")
        ]
    checks.text(errors, "legal_basis", legal_basis, max_length=300)
    if errors:
        raise ValidationError(errors)
    now = at or timezone.now()
    with transaction.atomic():
        # Locked: two administrators entering at once must not both create the row.
        current = (
            ProvinceFee.objects.select_for_update()
            .filter(province=province, procedure=procedure)
            .first()
        )
        before = audit.snapshot(current, PROVINCE_FEE_FIELDS) if current else None
        fee = current or ProvinceFee(province=province, procedure=procedure)
        fee.amount, fee.legal_basis = int(amount), legal_basis
        fee.set_by, fee.set_at = actor, now
        fee.full_clean()
        fee.save()
        audit.record(
            actor=actor,
            action="province_fee_set",
            obj=fee,
            org_unit=province,
            before=before,
            after=audit.snapshot(fee, PROVINCE_FEE_FIELDS),
        )
        _price_unknown_fees(actor=actor, fee=fee)
    return fee


PROVINCE_FEE_FIELDS = ["province_id", "procedure_id", "amount", "legal_basis"]


def _price_unknown_fees(*, actor: User, fee: ProvinceFee) -> int:
    """Give the open dossiers of ``fee``'s procedure and province whose fee was unknown
    the amount just entered; returns how many."""
    waiting = (
        Dossier.objects.select_for_update()
        .filter(
            procedure=fee.procedure,
            fee_unknown=True,
            paid_at__isnull=True,
            status__in=[*OPEN_STATUSES, Status.DONE],
            org_unit__path__startswith=fee.province.path,
        )
        .order_by("pk")
    )
    count = 0
    for dossier in waiting:
        before = audit.snapshot(dossier, ["fee_amount", "fee_unknown"])
        dossier.fee_amount = fees.fee_amount(
            dossier.procedure.fee_rule,
            pages=dossier.fee_pages,
            copies=dossier.fee_copies,
            exemption=dossier.fee_exemption,
            exemptions=dossier.procedure.exemptions,
            province_amount=fee.amount,
        )
        dossier.fee_unknown = False
        dossier.save(update_fields=["fee_amount", "fee_unknown"])
        audit.record(
            actor=actor,
            action="dossier_fee_priced",
            obj=dossier,
            before=before,
            after=audit.snapshot(dossier, ["fee_amount", "fee_unknown"]),
        )
        count += 1
    return count
