"""One way to move a record through its steps (dossiers, petitions; later Party
admissions and official documents).

A ``Workflow`` is a table of ``Transition``s — each names the statuses it may start
from, the status it leads to, who may take it, the inputs it needs and a small function
that applies it — and one ``run`` that does, for every step of every module:

    authorise → check inputs → lock the row → check the status → apply → save
    → record the step (the module's event) → audit

so the pages, the API and the demo data cannot take a step the table does not allow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import audit, checks


@dataclass
class Step:
    """What a transition's ``apply`` works with. ``apply`` changes ``obj`` in place, may
    put details for the step's record into ``data``, and may set ``target`` when the
    status it leads to depends on the record (e.g. back to where it was)."""

    actor: Any
    obj: models.Model
    action: str
    now: dt.datetime
    inputs: dict[str, Any]
    target: Any = None
    data: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str:
        """A text input, stripped ('' when absent)."""
        return (self.inputs.get(name) or "").strip()


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: Any  # None: ``apply`` sets ``Step.target``
    permissions: tuple[str, ...]  # any one of them suffices
    label: Any  # str or a lazy translation
    #: inputs that must not be blank: {input name: message naming what is missing}
    required: dict[str, str] = field(default_factory=dict)
    apply: Callable[[Step], None] | None = None


class Workflow:
    """The steps of one model. ``authorize(user, obj, permission)`` answers whether a
    user holds a transition's permission over the record (default: ``core.access``) — or
    raises ``PermissionDenied`` to refuse with its own reason, which ``run`` passes on;
    ``record_step(step, from_status)`` writes the module's own history row; the audit
    entry is ``<audit_prefix>_<action>`` with ``audit_fields`` before and after.
    ``record_name`` ("hồ sơ", "đơn") names the record when a step its status does not
    allow is refused; ``text_limits`` ({input name: most characters}) bound the texts a
    step takes, whichever door — page, API, demo — they come through."""

    def __init__(
        self,
        *,
        model: type[models.Model],
        transitions: Iterable[Transition],
        record_step: Callable[[Step, Any], None],
        audit_prefix: str,
        audit_fields: Iterable[str],
        authorize: Callable[[Any, models.Model, str], bool] | None = None,
        before_save: Callable[[Step], None] | None = None,
        record_name: Any = "",
        text_limits: dict[str, int] | None = None,
        status_field: str = "status",
        related: tuple[str, ...] = ("org_unit",),
    ):
        from xaso.core import access

        self.model = model
        self.transitions = {t.name: t for t in transitions}
        self.record_step = record_step
        self.audit_prefix = audit_prefix
        self.audit_fields = tuple(audit_fields)
        self.authorize = authorize or (lambda user, obj, perm: access.allowed(user, perm, obj))
        self.before_save = before_save
        self.record_name = record_name
        self.text_limits = text_limits or {}
        self.status_field = status_field
        self.related = related

    # --- reading ---------------------------------------------------------------------

    def labels(self) -> dict[str, str]:
        return {name: t.label for name, t in self.transitions.items()}

    def refusal(self, user, obj: models.Model, transition: Transition) -> PermissionDenied | None:
        """None when ``user`` holds one of the transition's permissions over ``obj``, else
        why not (the module's own reason when its ``authorize`` gave one)."""
        refused = PermissionDenied(_("Vai trò của bạn không thực hiện được thao tác này."))
        for permission in transition.permissions:
            try:
                if self.authorize(user, obj, permission):
                    return None
            except PermissionDenied as exc:
                refused = exc
        return refused

    def may(self, user, obj: models.Model, transition: Transition) -> bool:
        return self.refusal(user, obj, transition) is None

    def allowed(self, user, obj: models.Model) -> list[str]:
        """The steps ``user`` may take on ``obj`` now (for buttons and the API)."""
        status = getattr(obj, self.status_field)
        return [
            name
            for name, t in self.transitions.items()
            if status in t.sources and self.may(user, obj, t)
        ]

    # --- moving ----------------------------------------------------------------------

    def run(
        self, *, actor, obj: models.Model, action: str, at: dt.datetime | None = None, **inputs
    ) -> models.Model:
        """Take step ``action``; refused with the reason (``PermissionDenied`` or
        ``ValidationError`` naming the field) when the role, the inputs or the current
        status do not allow it. Nothing is saved unless everything is."""
        transition = self.transitions.get(action)
        if transition is None:
            raise ValidationError({"action": _("Thao tác không hợp lệ: %(a)s.") % {"a": action}})
        refused = self.refusal(actor, obj, transition)
        if refused is not None:
            raise refused
        errors = {
            name: [message]
            for name, message in transition.required.items()
            if not str(inputs.get(name) or "").strip()
        }
        for name, limit in self.text_limits.items():
            checks.text(errors, name, str(inputs.get(name) or ""), max_length=limit)
        if errors:
            raise ValidationError(errors)
        now = at or timezone.now()
        with transaction.atomic():
            # Lock the row: two officers pressing buttons at once must not both move it;
            # the second one waits here and then sees the status the first one left.
            locked = (
                self.model.objects.select_for_update().select_related(*self.related).get(pk=obj.pk)
            )
            from_status = getattr(locked, self.status_field)
            if from_status not in transition.sources:
                raise ValidationError({"action": self._status_refusal(transition, locked)})
            before = audit.snapshot(locked, self.audit_fields)
            step = Step(
                actor=actor,
                obj=locked,
                action=action,
                now=now,
                inputs=inputs,
                target=transition.target,
            )
            if transition.apply is not None:
                transition.apply(step)
            setattr(locked, self.status_field, step.target)
            if self.before_save is not None:
                self.before_save(step)
            locked.save()
            self.record_step(step, from_status)
            after = audit.snapshot(locked, self.audit_fields)
            if step.text("reason"):
                after["reason"] = step.text("reason")
            audit.record(
                actor=actor,
                action=f"{self.audit_prefix}_{action}",
                obj=locked,
                before=before,
                after=after,
            )
        return locked

    def _status_refusal(self, transition: Transition, obj: models.Model) -> str:
        words = {
            "action": transition.label,
            "status": getattr(obj, f"get_{self.status_field}_display")(),
            "record": self.record_name,
        }
        if self.record_name:
            return (
                _("Không thể “%(action)s” khi %(record)s đang ở trạng thái “%(status)s”.") % words
            )
        return _("Không thể “%(action)s” khi đang ở trạng thái “%(status)s”.") % words


def recalculate_due(
    *,
    queryset,
    compute: Callable[[models.Model], dt.datetime | None],
    record_step: Callable[[models.Model], None],
    audit_action: str,
    audit_fields: Iterable[str],
) -> list[str]:
    """Give each record of ``queryset`` the due moment ``compute`` says now (after the
    calendar changed), one locked row at a time; record the step and audit each change.
    Returns the codes whose due moment moved."""
    changed = []
    for pk in queryset.values_list("pk", flat=True):
        with transaction.atomic():
            # Locked: an officer may be moving the same record at this moment; we read
            # its state after their step and compute from that.
            record = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
            if record is None:  # moved out of the set meanwhile
                continue
            due = compute(record)
            if due is None or due == record.due_at:
                continue
            before = audit.snapshot(record, audit_fields)
            record.due_at = due
            record.save(update_fields=["due_at"])
            record_step(record)
            audit.record(
                actor=None,
                action=audit_action,
                obj=record,
                before=before,
                after=audit.snapshot(record, audit_fields),
            )
            changed.append(record.code)
    return changed
