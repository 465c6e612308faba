"""A dossier's steps from receipt to returned result, as one table of
``core.workflow.Transition``s: the statuses each may start from (the national portal's
codes 1–10), where it leads, who may take it, what it needs, and a small function that
applies it. ``services.dossier_transition`` runs them and ``services.allowed_actions``
lists the ones a user may take now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access, checks, uploads
from xaso.core.models import Role, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import format_vnd
from xaso.core.workflow import Step, Transition, Workflow
from xaso.onestop import permissions as perms
from xaso.onestop import selectors
from xaso.onestop.deadlines import start_clock
from xaso.onestop.models import Dossier, DossierDocument, DossierEvent, Procedure, Status

#: What the audit log keeps of a dossier before and after each step.
DOSSIER_FIELDS = [
    "status",
    "due_at",
    "assigned_to_id",
    "fee_amount",
    "fee_unknown",
    "paid_at",
    "return_method",
    "missing_documents",
    "decision_reason",
    "rescheduled_from",
]


@dataclass(frozen=True)
class Upload:
    """A scan handed in with a dossier (intake) or its result (``complete``)."""

    requirement: str
    file: UploadedFile
    digitised: bool = True


def record_event(
    dossier: Dossier,
    action: str,
    actor: User | None,
    before: int | None,
    note: str = "",
    at: dt.datetime | None = None,
) -> None:
    """One line of the dossier's history (form 05, the process control slip)."""
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


def store_document(dossier: Dossier, kind: str, item: Upload) -> DossierDocument:
    """Check the file (``core.uploads``) and keep it under a random name."""
    checked = uploads.check(item.file)
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        requirement=item.requirement[:300],
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        digitised=item.digitised,
    )
    document.stored_name = uploads.store(document.file, checked)
    document.save()
    return document


def works_in_field(user: User, procedure: Procedure) -> bool:
    """A specialist processes the procedures of their own field; leaders any."""
    roles = access.roles_of(user)
    if not procedure.specialist_field or any(r.role != Role.SPECIALIST for r in roles):
        return True
    return any(r.field == procedure.specialist_field for r in roles)


# --- what each step does (inside the workflow's transaction, on the locked row) --------


def _receive(step: Step) -> None:
    start_clock(step.obj, calendar_for(step.obj.org_unit), step.now, step.actor)


def _close_with_reason(step: Step) -> None:
    step.obj.decision_reason = step.text("note")
    step.obj.closed_at = step.now


def _request_supplement(step: Step) -> None:
    step.obj.missing_documents = step.text("note")


def _complete_supplement(step: Step) -> None:
    # Back to whoever had it; the processing time restarts from the moment the dossier
    # is complete (Decree 61/2018/NĐ-CP, Art. 19).
    dossier = step.obj
    step.target = Status.PROCESSING if dossier.assigned_to_id else Status.RECEIVED
    start_clock(dossier, calendar_for(dossier.org_unit), step.now, dossier.received_by)
    dossier.missing_documents = ""


def _transfer(step: Step) -> None:
    dossier, assignee = step.obj, step.inputs.get("assignee")
    if assignee is None or not access.allowed(assignee, perms.PROCESS, dossier):
        raise ValidationError(
            {"assignee": _("Hãy chọn công chức có quyền xử lý hồ sơ của đơn vị này.")}
        )
    if not works_in_field(assignee, dossier.procedure):
        raise ValidationError(
            {
                "assignee": _("Công chức này không phụ trách lĩnh vực %(field)s.")
                % {"field": dossier.procedure.field}
            }
        )
    dossier.assigned_to = assignee
    dossier.transferred_at = step.now


#: The largest fee a step may ask for, in đồng: far above any commune procedure's fee,
#: far below what the column holds (a larger number is refused by PostgreSQL and SQLite
#: alike with a server error).
MAX_FEE = 1_000_000_000_000


def _request_payment(step: Step) -> None:
    amount = step.inputs.get("amount")
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Hãy nhập số tiền phải nộp (đồng).")})
    if amount > MAX_FEE:
        raise ValidationError(
            {"amount": _("Số tiền quá lớn (tối đa %(n)s).") % {"n": format_vnd(MAX_FEE)}}
        )
    step.obj.fee_amount = amount
    # The officer states the amount: a fee the province had not entered is now known.
    step.obj.fee_unknown = False
    step.obj.paid_at = None


def _confirm_payment(step: Step) -> None:
    step.obj.paid_at = step.now


def _complete(step: Step) -> None:
    dossier, result = step.obj, step.inputs.get("result")
    if result is None and not dossier.documents.filter(kind=DossierDocument.Kind.RESULT).exists():
        raise ValidationError({"result": _("Hãy đính kèm bản số hóa của kết quả.")})
    if result is not None:
        store_document(dossier, DossierDocument.Kind.RESULT, result)
    dossier.done_at = step.now


def _return_result(step: Step) -> None:
    dossier, method = step.obj, step.inputs.get("return_method") or ""
    if method not in Dossier.ReturnMethod.values:
        raise ValidationError({"return_method": _("Hãy chọn hình thức trả kết quả.")})
    refusal = selectors.return_refusal(dossier)
    if refusal:
        raise ValidationError({"fee": refusal})
    dossier.return_method = method
    dossier.returned_at = dossier.closed_at = step.now


# --- the table ----------------------------------------------------------------------------

DESK, SPECIALIST = (perms.RECEIVE,), (perms.PROCESS,)
REASON = {"note": gettext_lazy("Hãy ghi rõ lý do.")}

TRANSITIONS = (
    Transition(
        "receive", (Status.NEW,), Status.RECEIVED, DESK, gettext_lazy("tiếp nhận"), apply=_receive
    ),
    Transition(
        "refuse",
        (Status.NEW,),
        Status.REFUSED,
        DESK,
        gettext_lazy("từ chối tiếp nhận"),
        required=REASON,
        apply=_close_with_reason,
    ),
    Transition(
        "request_supplement",
        (Status.NEW, Status.RECEIVED, Status.PROCESSING),
        Status.SUPPLEMENT,
        DESK + SPECIALIST,  # the desk when checking, the specialist when processing
        gettext_lazy("yêu cầu bổ sung"),
        required={"note": gettext_lazy("Hãy liệt kê đầy đủ giấy tờ cần bổ sung.")},
        apply=_request_supplement,
    ),
    Transition(
        "complete_supplement",
        (Status.SUPPLEMENT,),
        None,  # back to where it was: see _complete_supplement
        DESK,
        gettext_lazy("bổ sung xong"),
        apply=_complete_supplement,
    ),
    Transition(
        "transfer",
        (Status.RECEIVED,),
        Status.PROCESSING,
        DESK,
        gettext_lazy("chuyển xử lý"),
        apply=_transfer,
    ),
    Transition(
        "request_payment",
        (Status.PROCESSING,),
        Status.PAYMENT,
        SPECIALIST,
        gettext_lazy("yêu cầu nộp phí, lệ phí"),
        apply=_request_payment,
    ),
    Transition(
        "confirm_payment",
        (Status.PAYMENT,),
        Status.PROCESSING,
        DESK,
        gettext_lazy("xác nhận đã nộp"),
        apply=_confirm_payment,
    ),
    Transition(
        "stop",
        (Status.PROCESSING, Status.PAYMENT, Status.SUPPLEMENT),
        Status.STOPPED,
        SPECIALIST,
        gettext_lazy("dừng xử lý"),
        required=REASON,
        apply=_close_with_reason,
    ),
    Transition(
        "withdraw",
        (Status.NEW, Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.PAYMENT),
        Status.WITHDRAWN,
        DESK,
        gettext_lazy("rút hồ sơ"),
        required=REASON,
        apply=_close_with_reason,
    ),
    Transition(
        "complete",
        (Status.PROCESSING,),
        Status.DONE,
        SPECIALIST,
        gettext_lazy("có kết quả"),
        apply=_complete,
    ),
    Transition(
        "return_result",
        (Status.DONE,),
        Status.RETURNED,
        DESK,
        gettext_lazy("trả kết quả"),
        apply=_return_result,
    ),
)


def _record_step(step: Step, from_status) -> None:
    record_event(
        step.obj, step.action, step.actor, from_status, note=step.text("note"), at=step.now
    )


WORKFLOW = Workflow(
    model=Dossier,
    transitions=TRANSITIONS,
    record_step=_record_step,
    audit_prefix="dossier",
    audit_fields=DOSSIER_FIELDS,
    record_name=gettext_lazy("hồ sơ"),
    text_limits={"note": checks.REASON_MAX},
    related=("procedure", "org_unit"),
)
