"""A petition's steps from receipt to closing, as one table of ``core.workflow``
``Transition``s run by ``services.petition_transition``. Who may take a step is the
module's own rule (``require_handler``): a denunciation is handled only by its assigned
officer and its decider (Law 25/2018/QH14), whatever role anyone else holds."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access, checks
from xaso.core.models import User
from xaso.core.workflow import Step, Transition, Workflow
from xaso.petitions import permissions as perms
from xaso.petitions import selectors
from xaso.petitions.models import Petition, PetitionEvent, Status

#: Fields that may enter the audit log — never the petitioner's identity or contacts.
PETITION_FIELDS = (
    "code",
    "kind",
    "channel",
    "status",
    "field",
    "village_id",
    "assigned_to_id",
    "decider_id",
    "complex",
    "especially_complex",
    "extensions",
    "remote_area",
    "due_at",
    "duplicate_of_id",
    "public",
    "confidential",
)


def require_handler(actor: User, petition: Petition, permission: str) -> None:
    """The permission over the petition's unit; for a denunciation, also be its assigned
    officer or its decider (nobody else may see the file, Law 25/2018)."""
    access.require(actor, permission, petition)
    if not selectors.can_handle(actor, petition, permission):
        raise access.PermissionDenied(
            _("Chỉ cán bộ được giao và người giải quyết xử lý được đơn tố cáo.")
        )


def record_event(petition, actor, action, from_status, reason="", *, at=None, **data):
    """One step; ``at`` is when it happened (a backdated record keeps its own date)."""
    return PetitionEvent.objects.create(
        petition=petition,
        at=at or timezone.now(),
        action=action,
        from_status=from_status,
        to_status=petition.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        reason=reason,
        data=data,
    )


# --- what each step does (inside the workflow's transaction, on the locked row) --------


def _accept(step: Step) -> None:
    step.obj.accepted_at = step.now  # the resolution clock starts here
    step.obj.extensions = 0


def _forward(step: Step) -> None:
    step.obj.forwarded_to = step.text("forwarded_to")
    step.data["notice_to_sender"] = True  # Law 42/2013 Art. 28: the sender is told


def _conclude(step: Step) -> None:
    if step.obj.due_at:
        step.data["due_at"] = step.obj.due_at.isoformat()  # for on-time statistics
    step.obj.answer = step.text("answer")


def _close(step: Step) -> None:
    step.obj.closed_at = step.now


# --- the table ----------------------------------------------------------------------------

OFFICER, DECIDER = (perms.RECEIVE,), (perms.DECIDE,)
REASON = {"reason": gettext_lazy("Hãy nêu lý do.")}

TRANSITIONS = (
    Transition(
        "accept",
        (Status.RECEIVED,),
        Status.ACCEPTED,
        OFFICER,
        gettext_lazy("Thụ lý"),
        apply=_accept,
    ),
    Transition(
        "refuse",
        (Status.RECEIVED,),
        Status.REFUSED,
        OFFICER,
        gettext_lazy("Không thụ lý"),
        required=REASON,
    ),
    Transition(
        "forward",
        (Status.RECEIVED,),
        Status.FORWARDED,
        OFFICER,
        gettext_lazy("Chuyển đơn, báo người gửi"),
        required={
            **REASON,
            "forwarded_to": gettext_lazy("Hãy nêu cơ quan có thẩm quyền nhận đơn."),
        },
        apply=_forward,
    ),
    Transition("verify", (Status.ACCEPTED,), Status.VERIFYING, OFFICER, gettext_lazy("Xác minh")),
    Transition(
        "conclude",
        (Status.ACCEPTED, Status.VERIFYING),
        Status.CONCLUDED,
        DECIDER,
        gettext_lazy("Kết luận"),
        required={"answer": gettext_lazy("Hãy nhập nội dung kết luận, trả lời.")},
        apply=_conclude,
    ),
    Transition(
        "notify",
        (Status.CONCLUDED,),
        Status.NOTIFIED,
        OFFICER,
        gettext_lazy("Thông báo kết quả"),
    ),
    Transition(
        "close",
        (Status.NOTIFIED, Status.REFUSED, Status.FORWARDED),
        Status.CLOSED,
        OFFICER,
        gettext_lazy("Kết thúc"),
        apply=_close,
    ),
)


def _authorize(user: User, petition: Petition, permission: str) -> bool:
    require_handler(user, petition, permission)  # refuses with the reason
    return True


def _next_due(step: Step) -> None:
    # The new status starts (or stops) a legal clock.
    step.obj.due_at = selectors.compute_due(step.obj)


def _record_step(step: Step, from_status) -> None:
    record_event(
        step.obj,
        step.actor,
        step.action,
        from_status,
        step.text("reason"),
        at=step.now,
        **step.data,
    )


WORKFLOW = Workflow(
    model=Petition,
    transitions=TRANSITIONS,
    record_step=_record_step,
    audit_prefix="petition",
    audit_fields=PETITION_FIELDS,
    authorize=_authorize,
    before_save=_next_due,
    record_name=gettext_lazy("đơn"),
    # forwarded_to: its column; answer: a conclusion may run to several pages.
    text_limits={"reason": checks.REASON_MAX, "answer": 20_000, "forwarded_to": 200},
)
