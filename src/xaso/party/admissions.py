"""Kết nạp đảng viên: one person's way from Party sympathiser to official member, as one
``core.workflow`` table — so the pages, the API and the demo take exactly the same
steps, each checked against the Party rules of its day (``rules``: dated data with
their sources), recorded (``AdmissionEvent``) and audited.

    cảm tình Đảng → lớp nhận thức về Đảng (giấy chứng nhận) → hai đảng viên chính thức
    giúp đỡ → thẩm tra lý lịch → chi bộ họp, biểu quyết → nghị quyết đảng ủy →
    quyết định kết nạp → lễ kết nạp (đảng viên dự bị, 12 tháng) → chi bộ xét công nhận
    → chính thức | không được công nhận;  dừng xem xét trước lễ kết nạp.

Every step carries the date it happened (a paper's date, not the moment it was typed):
a step cannot be dated before the one it follows nor after today. The time limits the
rules give (the decision, the ceremony, the review) set ``Admission.due_on`` for the step
that waits, counted on the cell's working-day calendar (``core.workcal``). The ceremony
makes the person a probationary ``Member`` through ``services.member_create``, and the
review an official one through ``services.member_status_change`` — so the member's own
history is written the same way as for every other member.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access, audit, checks
from xaso.core.models import OrgUnit, User
from xaso.core.workflow import Step, Transition, Workflow
from xaso.party import permissions as perms
from xaso.party import rules, services
from xaso.party.admission_steps import (  # noqa: F401  (re-exported for callers)
    ORDER,
    STEP_DATE,
    WAITING,
    _assign_helpers,
    _cell_vote,
    _ceremony,
    _check_history,
    _decide,
    _not_recognise,
    _recognise,
    _resolve,
    _stop,
    _train,
    due_for,
    is_overdue,
    parse_date,
    working_days_after,
)
from xaso.party.models import (
    Admission,
    AdmissionEvent,
    Cell,
    Gender,
    GeneralEducation,
    Member,
    Stage,
)

#: Fields the audit log may hold: numbers and dates of the papers, never the person.
AUDIT_FIELDS = (
    "status",
    "org_unit_id",
    "due_on",
    "certificate_number",
    "resolution_number",
    "decision_number",
    "decision_on",
    "ceremony_on",
    "member_id",
    "is_demo",
)

# --- the table ----------------------------------------------------------------------------

MANAGE = (perms.MANAGE,)
DATE = gettext_lazy("Hãy nhập ngày.")
REASON = {"reason": gettext_lazy("Hãy nêu lý do.")}
BEFORE_CEREMONY = (
    Stage.SYMPATHISER,
    Stage.TRAINED,
    Stage.HELPERS,
    Stage.CHECKED,
    Stage.CELL_VOTED,
    Stage.RESOLVED,
    Stage.DECIDED,
)

TRANSITIONS = (
    Transition(
        "train",
        (Stage.SYMPATHISER,),
        Stage.TRAINED,
        MANAGE,
        gettext_lazy("Ghi giấy chứng nhận lớp nhận thức về Đảng"),
        required={
            "certificate_number": gettext_lazy("Hãy nhập số giấy chứng nhận."),
            "certificate_on": DATE,
        },
        apply=_train,
    ),
    Transition(
        "assign_helpers",
        (Stage.TRAINED,),
        Stage.HELPERS,
        MANAGE,
        gettext_lazy("Phân công đảng viên giúp đỡ"),
        required={
            "helper_1": gettext_lazy("Chọn đảng viên giúp đỡ thứ nhất."),
            "helper_2": gettext_lazy("Chọn đảng viên giúp đỡ thứ hai."),
            "helpers_on": DATE,
        },
        apply=_assign_helpers,
    ),
    Transition(
        "check_history",
        (Stage.HELPERS,),
        Stage.CHECKED,
        MANAGE,
        gettext_lazy("Ghi hoàn thành thẩm tra lý lịch"),
        required={"checked_on": DATE},
        apply=_check_history,
    ),
    Transition(
        "cell_vote",
        (Stage.CHECKED,),
        Stage.CELL_VOTED,
        MANAGE,
        gettext_lazy("Ghi kết quả chi bộ họp xét"),
        required={
            "meeting_on": DATE,
            "votes_for": gettext_lazy("Hãy nhập số đồng ý."),
            "votes_total": gettext_lazy("Hãy nhập số đảng viên chính thức."),
        },
        apply=_cell_vote,
    ),
    Transition(
        "resolve",
        (Stage.CELL_VOTED,),
        Stage.RESOLVED,
        MANAGE,
        gettext_lazy("Ghi nghị quyết của đảng ủy"),
        required={
            "resolution_number": gettext_lazy("Hãy nhập số nghị quyết."),
            "resolution_on": DATE,
        },
        apply=_resolve,
    ),
    Transition(
        "decide",
        (Stage.RESOLVED,),
        Stage.DECIDED,
        MANAGE,
        gettext_lazy("Ghi quyết định kết nạp"),
        required={
            "decision_number": gettext_lazy("Hãy nhập số quyết định."),
            "decision_on": DATE,
        },
        apply=_decide,
    ),
    Transition(
        "ceremony",
        (Stage.DECIDED,),
        Stage.PROBATION,
        MANAGE,
        gettext_lazy("Ghi lễ kết nạp"),
        required={"ceremony_on": DATE},
        apply=_ceremony,
    ),
    Transition(
        "recognise",
        (Stage.PROBATION,),
        Stage.OFFICIAL,
        MANAGE,
        gettext_lazy("Công nhận đảng viên chính thức"),
        required={
            "review_on": DATE,
            "review_votes_for": gettext_lazy("Hãy nhập số đồng ý."),
            "review_votes_total": gettext_lazy("Hãy nhập số đảng viên chính thức."),
        },
        apply=_recognise,
    ),
    Transition(
        "not_recognise",
        (Stage.PROBATION,),
        Stage.NOT_RECOGNISED,
        MANAGE,
        gettext_lazy("Không công nhận đảng viên chính thức"),
        required={"review_on": DATE, **REASON},
        apply=_not_recognise,
    ),
    Transition(
        "stop",
        BEFORE_CEREMONY,
        Stage.STOPPED,
        MANAGE,
        gettext_lazy("Dừng xem xét kết nạp"),
        required={"closed_on": DATE, **REASON},
        apply=_stop,
    ),
)


def _next_due(step: Step) -> None:
    # The new stage starts (or stops) the clock of the step that waits now.
    step.obj.due_on = due_for(step.obj)


def _record_step(step: Step, from_status) -> None:
    on = step.data.pop("on", None)
    AdmissionEvent.objects.create(
        admission=step.obj,
        action=step.action,
        from_status=from_status,
        to_status=step.obj.status,
        on=dt.date.fromisoformat(on) if on else timezone.localdate(step.now),
        at=step.now,
        actor=step.actor if step.actor is not None and step.actor.is_authenticated else None,
        reason=step.text("reason"),
        data=step.data,
        is_demo=step.obj.is_demo,
    )


def _authorize(user, obj: Admission, permission: str) -> bool:
    # The system itself (``actor`` None: the demo loader) is not asked for a role.
    return user is None or access.allowed(user, permission, obj)


WORKFLOW = Workflow(
    model=Admission,
    transitions=TRANSITIONS,
    record_step=_record_step,
    audit_prefix="party_admission",
    audit_fields=AUDIT_FIELDS,
    authorize=_authorize,
    before_save=_next_due,
    record_name=gettext_lazy("hồ sơ kết nạp"),
    text_limits={
        "reason": 500,
        "certificate_number": 40,
        "resolution_number": 40,
        "decision_number": 40,
    },
)


def take_step(*, actor: User | None, admission: Admission, action: str, **inputs) -> Admission:
    """Take step ``action`` (see ``TRANSITIONS``); refused with the reason naming the
    field. The system itself (``actor`` None: the demo loader) is not asked for a role."""
    return WORKFLOW.run(actor=actor, obj=admission, action=action, **inputs)


@transaction.atomic
def start(
    *,
    actor: User | None,
    cell: OrgUnit,
    full_name: str,
    birth_date: dt.date,
    gender: str,
    ethnicity: str,
    general_education: str,
    mass_organisation: str,
    introduced_on: dt.date,
    is_demo: bool = False,
) -> Admission:
    """Open an admission: a mass organisation introduces a Party sympathiser to the
    cell (the first step, with no time limit in the rules)."""
    if actor is not None:
        access.require(actor, perms.MANAGE, cell)
    errors: dict[str, str] = {}
    if not Cell.objects.filter(org_unit=cell).exists():
        errors["cell"] = _("Đơn vị này không phải chi bộ.")
    for name, value, limit, missing in (
        ("full_name", full_name, 150, _("Hãy nhập họ và tên.")),
        ("ethnicity", ethnicity, 40, _("Hãy nhập dân tộc.")),
        ("mass_organisation", mass_organisation, 150, _("Hãy nêu đoàn thể giới thiệu.")),
    ):
        if not (value or "").strip():
            errors[name] = missing
        else:
            checks.text(errors, name, value, max_length=limit)
    if gender not in Gender.values:
        errors["gender"] = _("Chọn giới tính.")
    if general_education not in GeneralEducation.values:
        errors["general_education"] = _("Chọn trình độ giáo dục phổ thông.")
    if introduced_on > timezone.localdate():
        errors["introduced_on"] = _("Ngày không được sau hôm nay.")
    if birth_date >= introduced_on:
        errors["birth_date"] = _("Ngày sinh phải trước ngày giới thiệu.")
    if errors:
        raise ValidationError(errors)
    adm = Admission.objects.create(
        org_unit=cell,
        status=Stage.SYMPATHISER,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        ethnicity=ethnicity.strip(),
        general_education=general_education,
        mass_organisation=mass_organisation.strip(),
        introduced_on=introduced_on,
        is_demo=is_demo,
    )
    AdmissionEvent.objects.create(
        admission=adm,
        action="start",
        to_status=adm.status,
        on=introduced_on,
        at=timezone.now(),
        actor=actor,
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="party_admission_start",
        obj=adm,
        after=audit.snapshot(adm, AUDIT_FIELDS),
    )
    return adm


@transaction.atomic
def record_completed(
    *,
    actor: User | None,
    member: Member,
    mass_organisation: str,
    dates: dict[str, dt.date],
    numbers: dict[str, str],
    votes: tuple[int, int],
    review_votes: tuple[int, int] | None = None,
) -> Admission:
    """Enter an admission that happened before xaso, for a member already on file
    (``member``: admitted on the decision's date): its dates in the order of the steps,
    the papers' numbers and the votes. The stage follows the member: probation until
    the review is dated, then official. One ``record`` step holds it all."""
    if actor is not None:
        access.require(actor, perms.MANAGE, member.org_unit)
    if dates.get("decision_on") != member.admitted_on:
        raise ValidationError({"decision_on": _("Ngày quyết định phải là ngày vào Đảng.")})
    present = [(f, dates[f]) for f in ORDER if dates.get(f) is not None]
    for (_f1, d1), (f2, d2) in itertools.pairwise(present):
        if d2 < d1:
            raise ValidationError({f2: _("Ngày không được trước bước trước.")})
    official = dates.get("review_on") is not None
    adm = Admission(
        org_unit=member.org_unit,
        status=Stage.OFFICIAL if official else Stage.PROBATION,
        full_name=member.full_name,
        birth_date=member.birth_date,
        gender=member.gender,
        ethnicity=member.ethnicity,
        general_education=member.general_education,
        mass_organisation=mass_organisation,
        member=member,
        is_demo=member.is_demo,
        votes_for=votes[0],
        votes_total=votes[1],
        **{f: d for f, d in dates.items() if f in ORDER},
        **numbers,
    )
    adm.probation_end = services.months_after(
        adm.ceremony_on, rules.value("probation_months", adm.ceremony_on)
    )
    if official:
        adm.review_votes_for, adm.review_votes_total = review_votes or (None, None)
        adm.closed_on = adm.review_on
    adm.full_clean()
    adm.due_on = due_for(adm)
    adm.save()
    AdmissionEvent.objects.create(
        admission=adm,
        action="record",
        to_status=adm.status,
        on=adm.review_on or adm.ceremony_on,
        at=timezone.now(),
        actor=actor,
        data={"member": member.pk},
        is_demo=adm.is_demo,
    )
    audit.record(
        actor=actor,
        action="party_admission_record",
        obj=adm,
        after=audit.snapshot(adm, AUDIT_FIELDS),
    )
    return adm
