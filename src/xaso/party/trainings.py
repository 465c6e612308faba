"""Cử đi đào tạo, bồi dưỡng: every write, one transaction each, permission-checked
(``actor`` None is the system itself) and audited.

A member on the roll is sent to a course (a university degree, or sơ cấp / trung cấp /
cao cấp lý luận chính trị) on the date of the proposal or decision; the course ends
later — completed, not completed. When a political-theory course is completed, the
member's ``theory`` level is raised to the course's level through
``services.member_update`` (its own audit entry), never lowered. The audit log names
the record by number, never a person.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.core import access, audit, checks
from xaso.core.models import User
from xaso.party import permissions as perms
from xaso.party import services
from xaso.party.models import CourseKind, Member, Theory, Training, TrainingResult

TRAINING_AUDIT = (
    "org_unit_id",
    "member_id",
    "kind",
    "sent_on",
    "decision_number",
    "institution",
    "finished_on",
    "result",
    "is_demo",
)
#: The theory level a completed course gives.
THEORY_OF = {
    CourseKind.ELEMENTARY_THEORY: Theory.ELEMENTARY,
    CourseKind.INTERMEDIATE_THEORY: Theory.INTERMEDIATE,
    CourseKind.ADVANCED_THEORY: Theory.ADVANCED,
}
#: The theory levels from lowest to highest.
THEORY_ORDER = (Theory.NONE, Theory.ELEMENTARY, Theory.INTERMEDIATE, Theory.ADVANCED)
#: What a training may be dated: this system's years.
EARLIEST = 2000
FINISHED = (TrainingResult.COMPLETED, TrainingResult.NOT_COMPLETED)


def raised_theory(current: str, kind: str) -> str:
    """The member's theory level after completing a course of ``kind``: the course's
    level when it is higher, else the current one (never lowered)."""
    given = THEORY_OF.get(kind)
    if given is None or current not in THEORY_ORDER:
        return current
    return given if THEORY_ORDER.index(given) > THEORY_ORDER.index(current) else current


def _raise_theory(actor: User | None, member: Member, kind: str) -> None:
    level = raised_theory(member.theory, kind)
    if level != member.theory:
        services.member_update(actor=actor, member=member, theory=level)


def _text(errors: dict, name: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    checks.text(errors, name, value, max_length=limit)
    return value


def _check_finish(errors: dict, sent_on: dt.date, result: str, finished_on: dt.date | None):
    if result not in TrainingResult.values:
        errors.setdefault("result", []).append(_("Chọn một giá trị trong danh sách."))
        return
    if result == TrainingResult.STUDYING:
        if finished_on is not None:
            errors.setdefault("finished_on", []).append(
                _("Đang học thì chưa có ngày kết thúc khóa học.")
            )
        return
    if finished_on is None:
        errors.setdefault("finished_on", []).append(_("Hãy nhập ngày kết thúc khóa học."))
    elif (
        checks.past_date(errors, "finished_on", finished_on, earliest=EARLIEST)
        and sent_on is not None
        and finished_on < sent_on
    ):
        errors.setdefault("finished_on", []).append(
            _("Ngày kết thúc khóa học không được trước ngày cử đi học.")
        )


@transaction.atomic
def training_record(
    *,
    actor: User | None,
    member: Member,
    kind: str,
    sent_on: dt.date,
    decision_number: str = "",
    institution: str = "",
    result: str = TrainingResult.STUDYING,
    finished_on: dt.date | None = None,
    is_demo: bool = False,
) -> Training:
    """Record that ``member`` was sent to a course on ``sent_on`` (and, for a course
    already over, how it ended)."""
    if actor is not None:
        access.require(actor, perms.MANAGE, member.org_unit)
    member = Member.objects.select_for_update().get(pk=member.pk)
    errors: dict = {}
    if not member.is_active or member.temporary:
        errors.setdefault("member", []).append(
            _("Chỉ cử đi học được đảng viên đang sinh hoạt trong Đảng bộ.")
        )
    if kind not in CourseKind.values:
        errors.setdefault("kind", []).append(_("Chọn một giá trị trong danh sách."))
    number = _text(errors, "decision_number", decision_number, 40)
    place = _text(errors, "institution", institution, 200)
    if (
        checks.past_date(errors, "sent_on", sent_on, earliest=EARLIEST)
        and sent_on < member.admitted_on
    ):
        errors.setdefault("sent_on", []).append(_("Ngày cử đi học không được trước ngày vào Đảng."))
    _check_finish(errors, sent_on, result, finished_on)
    if errors:
        raise ValidationError(errors)
    training = Training(
        org_unit=member.org_unit,
        member=member,
        kind=kind,
        sent_on=sent_on,
        decision_number=number,
        institution=place,
        result=result,
        finished_on=finished_on,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        is_demo=is_demo,
    )
    training.full_clean()
    training.save()
    audit.record(
        actor=actor,
        action="party_training_record",
        obj=training,
        after=audit.snapshot(training, TRAINING_AUDIT),
    )
    if result == TrainingResult.COMPLETED:
        _raise_theory(actor, member, kind)
    return training


@transaction.atomic
def training_finish(
    *, actor: User | None, training: Training, result: str, finished_on: dt.date
) -> Training:
    """The course ended on ``finished_on``: completed or not. A completed theory course
    raises the member's theory level (never lowers it)."""
    if actor is not None:
        access.require(actor, perms.MANAGE, training.org_unit)
    training = Training.objects.select_for_update().get(pk=training.pk)
    before = audit.snapshot(training, TRAINING_AUDIT)
    errors: dict = {}
    if training.result != TrainingResult.STUDYING:
        errors["result"] = [_("Khóa học này đã ghi kết quả.")]
    elif result not in FINISHED:
        errors["result"] = [_("Chọn đã hoàn thành hoặc không hoàn thành.")]
    else:
        _check_finish(errors, training.sent_on, result, finished_on)
    if errors:
        raise ValidationError(errors)
    training.result = result
    training.finished_on = finished_on
    training.full_clean()
    training.save(update_fields=["result", "finished_on"])
    audit.record(
        actor=actor,
        action="party_training_finish",
        obj=training,
        before=before,
        after=audit.snapshot(training, TRAINING_AUDIT),
    )
    if result == TrainingResult.COMPLETED:
        _raise_theory(actor, training.member, training.kind)
    return training
