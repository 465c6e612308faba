"""The steps of an admission (``admissions.WORKFLOW``): their dates, the time limits
the rules give (counted on the cell's working-day calendar) and what each step checks
and changes — kept apart from the table so each module stays readable."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import selectors as core_selectors
from xaso.core.models import OrgUnit
from xaso.core.workflow import Step
from xaso.party import rules, services
from xaso.party.models import (
    Admission,
    Member,
    Stage,
    Status,
)

#: What waits at each stage, in words (lists, the overdue list, the API).
WAITING = {
    Stage.SYMPATHISER: gettext_lazy("Học lớp bồi dưỡng nhận thức về Đảng"),
    Stage.TRAINED: gettext_lazy("Phân công hai đảng viên chính thức giúp đỡ"),
    Stage.HELPERS: gettext_lazy("Thẩm tra lý lịch"),
    Stage.CHECKED: gettext_lazy("Chi bộ họp xét, biểu quyết đề nghị kết nạp"),
    Stage.CELL_VOTED: gettext_lazy("Đảng ủy xét, ra nghị quyết"),
    Stage.RESOLVED: gettext_lazy("Cấp ủy có thẩm quyền ra quyết định kết nạp"),
    Stage.DECIDED: gettext_lazy("Tổ chức lễ kết nạp"),
    Stage.PROBATION: gettext_lazy("Chi bộ xét công nhận đảng viên chính thức"),
}

#: The date each step is dated by (its own field on ``Admission``).
STEP_DATE = {
    "train": "certificate_on",
    "assign_helpers": "helpers_on",
    "check_history": "checked_on",
    "cell_vote": "meeting_on",
    "resolve": "resolution_on",
    "decide": "decision_on",
    "ceremony": "ceremony_on",
    "recognise": "review_on",
    "not_recognise": "review_on",
    "stop": "closed_on",
}

#: Stages in their order (a step may not be dated before the last one taken).
ORDER = (
    "introduced_on",
    "certificate_on",
    "helpers_on",
    "checked_on",
    "meeting_on",
    "resolution_on",
    "decision_on",
    "ceremony_on",
    "review_on",
)


# --- dates and clocks ---------------------------------------------------------------------


def parse_date(value, field: str) -> dt.date:
    """A step's date as given by a form (a date), the API (a date) or a caller (ISO or
    dd/mm/yyyy text); a 4xx naming ``field`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError({field: _("Ngày không hợp lệ (ngày/tháng/năm).")})


def working_days_after(unit: OrgUnit, day: dt.date, days: int, calendar=None) -> dt.date:
    """The ``days``-th working day after ``day`` on the cell's calendar (holidays and
    swapped days of the commune included), as the rules count their limits."""
    calendar = calendar or core_selectors.calendar_for(unit)
    return timezone.localtime(calendar.add_working_days(day, days)).date()


def _limit(adm: Admission, key: str, start: dt.date | None, calendar=None) -> dt.date | None:
    if start is None:
        return None
    rule = rules.rule_or_none(key, start)
    if rule is None:
        return None
    if rule.unit == "ngày làm việc":
        return working_days_after(adm.org_unit, start, int(rule.value), calendar)
    if rule.unit == "năm":
        return services.months_after(start, 12 * int(rule.value))
    return start + dt.timedelta(days=int(rule.value))


def due_for(adm: Admission, calendar=None) -> dt.date | None:
    """The time limit of the step that waits at ``adm``'s stage (None: the rules set
    none). Trained, helped and checked: the cell must meet while the Party-awareness
    certificate is valid; voted or resolved: the decision within the working days the
    rules give from the cell's resolution; decided: the ceremony from the decision;
    in probation: the cell's review after the 12 months."""
    match adm.status:
        case Stage.TRAINED | Stage.HELPERS | Stage.CHECKED:
            return _limit(adm, "awareness_certificate_valid_years", adm.certificate_on, calendar)
        case Stage.CELL_VOTED | Stage.RESOLVED:
            return _limit(adm, "admission_decision_working_days", adm.meeting_on, calendar)
        case Stage.DECIDED:
            return _limit(adm, "admission_ceremony_working_days", adm.decision_on, calendar)
        case Stage.PROBATION:
            return _limit(adm, "recognition_review_working_days", adm.probation_end, calendar)
    return None


def is_overdue(adm: Admission, today: dt.date | None = None) -> bool:
    return adm.due_on is not None and adm.due_on < (today or timezone.localdate())


# --- what each step does (inside the workflow's transaction, on the locked row) -----------


def _dated(step: Step, field: str) -> dt.date:
    """The step's date: not after today, not before the step it follows."""
    day = parse_date(step.inputs.get(field), field)
    if day > timezone.localdate():
        raise ValidationError({field: _("Ngày không được sau hôm nay.")})
    earlier = [getattr(step.obj, f) for f in ORDER[: ORDER.index(field)] if f in ORDER]
    earlier = [d for d in earlier if d is not None]
    if earlier and day < max(earlier):
        raise ValidationError(
            {
                field: _("Ngày không được trước bước trước (%(d)s).")
                % {"d": max(earlier).strftime("%d/%m/%Y")}
            }
        )
    setattr(step.obj, field, day)
    step.data["on"] = day.isoformat()
    return day


def _number(step: Step, field: str) -> str:
    value = step.text(field)
    setattr(step.obj, field, value)
    step.data[field] = value
    return value


def _votes(step: Step, key: str, for_field: str, total_field: str, on: dt.date) -> None:
    """A vote of the cell: ``for`` of ``total`` official members, at least the share the
    rule of the day asks (two thirds)."""
    errors: dict[str, str] = {}
    values = {}
    for name in (for_field, total_field):
        try:
            values[name] = int(str(step.inputs.get(name)).strip())
        except (TypeError, ValueError):
            errors[name] = _("Hãy nhập một số nguyên.")
    if errors:
        raise ValidationError(errors)
    yes, total = values[for_field], values[total_field]
    if total < 1 or total > 10_000:
        raise ValidationError({total_field: _("Số đảng viên chính thức không hợp lệ.")})
    if yes < 0 or yes > total:
        raise ValidationError({for_field: _("Số đồng ý phải từ 0 đến số đảng viên chính thức.")})
    rule = rules.rule(key, on)
    num, den = rule.value
    if yes * den < num * total:
        raise ValidationError(
            {
                for_field: _(
                    "Chưa đủ %(num)s/%(den)s số đảng viên chính thức đồng ý (%(yes)s/%(total)s)."
                )
                % {"num": num, "den": den, "yes": yes, "total": total}
            }
        )
    setattr(step.obj, for_field, yes)
    setattr(step.obj, total_field, total)
    step.data["votes"] = [yes, total]
    step.data["rule"] = rule.source


def _train(step: Step) -> None:
    _number(step, "certificate_number")
    _dated(step, "certificate_on")


def _helper(step: Step, field: str) -> Member:
    value = step.inputs.get(field)
    pk = value.pk if isinstance(value, Member) else value
    try:
        member = Member.objects.get(pk=int(str(pk)))
    except (TypeError, ValueError, Member.DoesNotExist):
        raise ValidationError({field: _("Chọn một đảng viên của chi bộ.")}) from None
    if (
        member.org_unit_id != step.obj.org_unit_id
        or member.status != Status.OFFICIAL
        or member.temporary
    ):
        raise ValidationError(
            {field: _("Người giúp đỡ phải là đảng viên chính thức của chi bộ (Điều lệ, Điều 4).")}
        )
    return member


def _assign_helpers(step: Step) -> None:
    first, second = _helper(step, "helper_1"), _helper(step, "helper_2")
    if first.pk == second.pk:
        raise ValidationError({"helper_2": _("Hai đảng viên giúp đỡ phải là hai người khác nhau.")})
    day = _dated(step, "helpers_on")
    if any(m.official_on is None or m.official_on > day for m in (first, second)):
        raise ValidationError({"helpers_on": _("Người giúp đỡ chưa là đảng viên chính thức.")})
    step.obj.helper_1, step.obj.helper_2 = first, second
    step.data["helpers"] = [first.pk, second.pk]  # member numbers, never names


def _check_history(step: Step) -> None:
    _dated(step, "checked_on")


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _cell_vote(step: Step) -> None:
    adm = step.obj
    day = _dated(step, "meeting_on")
    valid_until = _limit(adm, "awareness_certificate_valid_years", adm.certificate_on)
    if valid_until is not None and day > valid_until:
        raise ValidationError(
            {"meeting_on": _("Giấy chứng nhận lớp nhận thức về Đảng đã hết giá trị.")}
        )
    # No upper age before 232-QĐ/TW (20/01/2025): a rule missing on that day bounds nothing.
    low_rule = rules.rule_or_none("admission_age_min", day)
    high_rule = rules.rule_or_none("admission_age_max", day)
    low = low_rule.value if low_rule else 0
    high = high_rule.value if high_rule else 200
    age = _age_on(adm.birth_date, day)
    if not low <= age <= high:
        raise ValidationError(
            {
                "meeting_on": _("Khi chi bộ xét, người vào Đảng phải từ %(a)s đến %(b)s tuổi.")
                % {"a": low, "b": high}
            }
        )
    _votes(step, "admission_cell_vote_share", "votes_for", "votes_total", day)


def _resolve(step: Step) -> None:
    _number(step, "resolution_number")
    _dated(step, "resolution_on")


def _decide(step: Step) -> None:
    _number(step, "decision_number")
    day = _dated(step, "decision_on")
    due = step.obj.due_on
    if due is not None and day > due:
        step.data["late"] = due.isoformat()  # the rule's limit passed: kept for reports


def _ceremony(step: Step) -> None:
    adm = step.obj
    day = _dated(step, "ceremony_on")
    window = _limit(adm, "admission_ceremony_working_days", adm.decision_on)
    if window is not None and day > window:
        raise ValidationError(
            {
                "ceremony_on": _(
                    "Lễ kết nạp phải tổ chức chậm nhất ngày %(d)s (trong thời hạn quy định)."
                )
                % {"d": window.strftime("%d/%m/%Y")}
            }
        )
    months = rules.value("probation_months", day)
    adm.probation_end = services.months_after(day, months)
    adm.member = services.member_create(
        actor=step.actor,
        cell=adm.org_unit,
        status=Status.PROBATIONARY,
        is_demo=adm.is_demo,
        note=_("Kết nạp theo quyết định số %(n)s") % {"n": adm.decision_number},
        full_name=adm.full_name,
        birth_date=adm.birth_date,
        gender=adm.gender,
        ethnicity=adm.ethnicity,
        general_education=adm.general_education,
        admitted_on=adm.decision_on,  # Party age counts from the decision
    )
    step.data["member"] = adm.member.pk
    step.data["probation_end"] = adm.probation_end.isoformat()


def _recognise(step: Step) -> None:
    adm = step.obj
    day = _dated(step, "review_on")
    if day < adm.probation_end:
        raise ValidationError(
            {
                "review_on": _("Chưa hết thời gian dự bị (đến %(d)s).")
                % {"d": adm.probation_end.strftime("%d/%m/%Y")}
            }
        )
    _votes(step, "recognition_vote_share", "review_votes_for", "review_votes_total", day)
    if adm.due_on is not None and day > adm.due_on:
        step.data["late"] = adm.due_on.isoformat()
    services.member_status_change(
        actor=step.actor,
        member=adm.member,
        status=Status.OFFICIAL,
        on=day,
        note=_("Chi bộ xét công nhận đảng viên chính thức"),
        probation_from=adm.ceremony_on,
    )
    adm.closed_on = day


def _not_recognise(step: Step) -> None:
    adm = step.obj
    day = _dated(step, "review_on")
    adm.reason = step.text("reason")
    services.member_status_change(
        actor=step.actor, member=adm.member, status=Status.REMOVED, on=day, note=adm.reason
    )
    adm.closed_on = day


def _stop(step: Step) -> None:
    day = parse_date(step.inputs.get("closed_on"), "closed_on")
    last = [getattr(step.obj, f) for f in ORDER if getattr(step.obj, f) is not None]
    if day > timezone.localdate() or (last and day < max(last)):
        raise ValidationError({"closed_on": _("Ngày không hợp lệ với các bước đã ghi.")})
    step.obj.closed_on = day
    step.obj.reason = step.text("reason")
    step.data["on"] = day.isoformat()
