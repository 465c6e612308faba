"""Kiểm tra, giám sát, kỷ luật đảng: every write, one transaction each, permission-checked
(``actor`` None is the system itself: the demo loader) and audited.

An inspection or supervision is held by the Đảng ủy or its Ủy ban kiểm tra (or, for its
own members, a cell); its subject is a cell or one or more members of the Đảng bộ — at
least one of the two. A discipline decision names its form, the body that decided (the
rules of its day say which body may decide which form: ``rules``, discipline_authority_*,
unconfirmed) and takes effect on its date; expulsion (khai trừ) makes the member
"removed" through ``services.member_status_change``, so the member's history records it
like any other change. The audit log names records by number, never a person.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit, checks
from xaso.core.models import OrgUnit, User
from xaso.party import permissions as perms
from xaso.party import rules, services
from xaso.party.models import (
    Activity,
    Authority,
    Cell,
    Discipline,
    DisciplineForm,
    Inspection,
    InspectionKind,
    Member,
    Programme,
    ProgrammeItem,
    ProgrammeScope,
    Status,
)

INSPECTION_AUDIT = (
    "org_unit_id",
    "item_id",
    "body",
    "activity",
    "kind",
    "subject_cell_id",
    "started_on",
    "ended_on",
    "concluded_on",
    "follow_up_due",
    "follow_up_done_on",
    "is_demo",
)
DISCIPLINE_AUDIT = (
    "org_unit_id",
    "member_id",
    "cell_id",
    "inspection_id",
    "form",
    "number",
    "decided_on",
    "authority",
    "effective_on",
    "is_demo",
)
MEMBER_FORMS = (
    DisciplineForm.REPRIMAND,
    DisciplineForm.WARNING,
    DisciplineForm.DISMISSAL,
    DisciplineForm.EXPULSION,
)
CELL_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISSOLUTION)
#: What a programme, an inspection or a decision may be dated: this system's years.
EARLIEST = 2000


def _require(actor: User | None, unit: OrgUnit) -> None:
    if actor is not None:
        access.require(actor, perms.MANAGE, unit)


def _party_unit(unit: OrgUnit, field: str = "org_unit") -> OrgUnit:
    if unit.kind != OrgUnit.Kind.PARTY or Cell.objects.filter(org_unit=unit).exists():
        raise ValidationError({field: _("Chọn Đảng bộ (đảng ủy), không phải chi bộ.")})
    return unit


def _texts(errors: dict, values: dict[str, tuple[str, int, bool]]) -> dict[str, str]:
    """Each text stripped, within its length, present when required."""
    clean = {}
    for name, (value, limit, required) in values.items():
        value = (value or "").strip()
        if required and not value:
            errors.setdefault(name, []).append(_("Không được để trống."))
        checks.text(errors, name, value, max_length=limit)
        clean[name] = value
    return clean


def _choice(errors: dict, name: str, value: str, choices) -> None:
    if value not in choices.values:
        errors.setdefault(name, []).append(_("Chọn một giá trị trong danh sách."))


# --- programmes ----------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *,
    actor: User | None,
    party_unit: OrgUnit,
    scope: str,
    body: str,
    title: str,
    adopted_on: dt.date,
    period_start: dt.date,
    period_end: dt.date,
    number: str = "",
    items: list[tuple[str, str]] = (),
    is_demo: bool = False,
) -> Programme:
    """Chương trình kiểm tra, giám sát (yearly or for the term) with its items
    (content, planned time)."""
    _require(actor, party_unit)
    _party_unit(party_unit, "party_unit")
    errors: dict = {}
    _choice(errors, "scope", scope, ProgrammeScope)
    if body not in (Authority.COMMITTEE, Authority.COMMISSION):
        errors.setdefault("body", []).append(_("Chọn Đảng ủy hoặc Ủy ban kiểm tra Đảng ủy."))
    texts = _texts(errors, {"title": (title, 300, True), "number": (number, 40, False)})
    checks.past_date(errors, "adopted_on", adopted_on, earliest=EARLIEST)
    if period_end < period_start:
        errors.setdefault("period_end", []).append(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if scope == ProgrammeScope.YEAR and period_start.year != period_end.year:
        errors.setdefault("period_end", []).append(_("Chương trình hằng năm nằm trong một năm."))
    rows = []
    for i, (content, planned) in enumerate(items):
        row = _texts(errors, {f"items[{i}]": (content, 500, True)})
        rows.append((row[f"items[{i}]"], (planned or "").strip()[:100]))
    if errors:
        raise ValidationError(errors)
    programme = Programme.objects.create(
        org_unit=party_unit,
        scope=scope,
        body=body,
        adopted_on=adopted_on,
        period_start=period_start,
        period_end=period_end,
        is_demo=is_demo,
        **texts,
    )
    ProgrammeItem.objects.bulk_create(
        [ProgrammeItem(programme=programme, content=c, planned=p) for c, p in rows]
    )
    audit.record(
        actor=actor,
        action="party_programme_create",
        obj=programme,
        after={
            **audit.snapshot(programme, ("scope", "body", "number", "period_start", "period_end")),
            "items": len(rows),
        },
    )
    return programme


# --- inspections ---------------------------------------------------------------------------


def _check_subject(errors: dict, party_unit: OrgUnit, cell: Cell | None, members) -> None:
    if cell is None and not members:
        errors.setdefault("subject", []).append(
            _("Chọn chi bộ hoặc ít nhất một đảng viên được kiểm tra, giám sát.")
        )
    if cell is not None and not cell.org_unit.path.startswith(party_unit.path):
        errors.setdefault("subject_cell", []).append(_("Chi bộ không thuộc Đảng bộ này."))
    if any(not m.org_unit.path.startswith(party_unit.path) for m in members):
        errors.setdefault("subject_members", []).append(_("Đảng viên không thuộc Đảng bộ này."))
    if len({m.pk for m in members}) != len(members):
        errors.setdefault("subject_members", []).append(_("Mỗi đảng viên chỉ chọn một lần."))


@transaction.atomic
def inspection_record(
    *,
    actor: User | None,
    party_unit: OrgUnit,
    body: str,
    activity: str,
    kind: str,
    content: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    subject_cell: Cell | None = None,
    subject_members: list[Member] = (),
    item: ProgrammeItem | None = None,
    is_demo: bool = False,
) -> Inspection:
    """Record an inspection or a supervision held by ``body`` of ``party_unit``."""
    _require(actor, party_unit)
    _party_unit(party_unit, "party_unit")
    members = list(subject_members)
    errors: dict = {}
    _choice(errors, "body", body, Authority)
    _choice(errors, "activity", activity, Activity)
    _choice(errors, "kind", kind, InspectionKind)
    if activity == Activity.SUPERVISION and kind == InspectionKind.SIGNS:
        errors.setdefault("kind", []).append(
            _("Khi có dấu hiệu vi phạm thì tiến hành kiểm tra, không phải giám sát.")
        )
    texts = _texts(errors, {"content": (content, 1000, True)})
    checks.past_date(errors, "started_on", started_on, earliest=EARLIEST)
    if ended_on is not None and ended_on < started_on:
        errors.setdefault("ended_on", []).append(_("Ngày kết thúc không được trước ngày bắt đầu."))
    if item is not None and item.programme.org_unit_id != party_unit.pk:
        errors.setdefault("item", []).append(_("Nội dung chương trình không thuộc Đảng bộ này."))
    _check_subject(errors, party_unit, subject_cell, members)
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        org_unit=party_unit,
        item=item,
        body=body,
        activity=activity,
        kind=kind,
        subject_cell=subject_cell,
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        is_demo=is_demo,
        **texts,
    )
    inspection.subject_members.set(members)
    audit.record(
        actor=actor,
        action="party_inspection_record",
        obj=inspection,
        after={
            **audit.snapshot(inspection, INSPECTION_AUDIT),
            "subject_members": sorted(m.pk for m in members),  # numbers, never names
        },
    )
    return inspection


@transaction.atomic
def inspection_conclude(
    *,
    actor: User | None,
    inspection: Inspection,
    conclusion: str,
    concluded_on: dt.date,
    ended_on: dt.date | None = None,
    follow_up: str = "",
    follow_up_due: dt.date | None = None,
) -> Inspection:
    """Kết luận: the conclusion, its date, and what the subject must do by when."""
    _require(actor, inspection.org_unit)
    # Locked: two officers concluding at once would both read the old state.
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    before = audit.snapshot(inspection, INSPECTION_AUDIT)
    errors: dict = {}
    texts = _texts(
        errors, {"conclusion": (conclusion, 5000, True), "follow_up": (follow_up, 1000, False)}
    )
    checks.past_date(errors, "concluded_on", concluded_on, earliest=EARLIEST)
    ended_on = ended_on or inspection.ended_on or concluded_on
    if ended_on < inspection.started_on:
        errors.setdefault("ended_on", []).append(_("Ngày kết thúc không được trước ngày bắt đầu."))
    elif concluded_on < ended_on:
        errors.setdefault("concluded_on", []).append(
            _("Ngày kết luận không được trước ngày kết thúc.")
        )
    checks.past_date(errors, "ended_on", ended_on, earliest=EARLIEST)
    if texts["follow_up"] and follow_up_due is None:
        errors.setdefault("follow_up_due", []).append(_("Hãy nhập hạn khắc phục."))
    if follow_up_due is not None:
        if not texts["follow_up"]:
            errors.setdefault("follow_up", []).append(_("Hãy nêu việc phải khắc phục."))
        elif follow_up_due < concluded_on:
            errors.setdefault("follow_up_due", []).append(
                _("Hạn khắc phục không được trước ngày kết luận.")
            )
    if errors:
        raise ValidationError(errors)
    inspection.ended_on = ended_on
    inspection.concluded_on = concluded_on
    inspection.conclusion = texts["conclusion"]
    inspection.follow_up = texts["follow_up"]
    inspection.follow_up_due = follow_up_due
    inspection.follow_up_done_on = None
    inspection.full_clean()
    inspection.save()
    audit.record(
        actor=actor,
        action="party_inspection_conclude",
        obj=inspection,
        before=before,
        after=audit.snapshot(inspection, INSPECTION_AUDIT),
    )
    return inspection


@transaction.atomic
def follow_up_done(*, actor: User | None, inspection: Inspection, done_on: dt.date) -> Inspection:
    """The subject did what the conclusion asked, on ``done_on``."""
    _require(actor, inspection.org_unit)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    before = audit.snapshot(inspection, INSPECTION_AUDIT)
    errors: dict = {}
    if not inspection.follow_up:
        errors["done_on"] = [_("Cuộc này không có yêu cầu khắc phục.")]
    elif checks.past_date(errors, "done_on", done_on) and done_on < inspection.concluded_on:
        errors["done_on"] = [_("Ngày hoàn thành không được trước ngày kết luận.")]
    if errors:
        raise ValidationError(errors)
    inspection.follow_up_done_on = done_on
    inspection.save(update_fields=["follow_up_done_on"])
    audit.record(
        actor=actor,
        action="party_inspection_follow_up",
        obj=inspection,
        before=before,
        after=audit.snapshot(inspection, INSPECTION_AUDIT),
    )
    return inspection


# --- discipline ----------------------------------------------------------------------------


def allowed_authorities(subject: str, form: str, on: dt.date) -> list[str]:
    """The bodies the rules of ``on`` let decide ``form`` for a ``subject`` ("member" or
    "cell"); none when the data has no rule that day."""
    rule = rules.rule_or_none(f"discipline_authority_{subject}_{form}", on)
    return list(rule.value) if rule else []


@transaction.atomic
def discipline_record(
    *,
    actor: User | None,
    form: str,
    number: str,
    decided_on: dt.date,
    authority: str,
    violation: str,
    basis: str,
    effective_on: dt.date,
    member: Member | None = None,
    cell: Cell | None = None,
    inspection: Inspection | None = None,
    is_demo: bool = False,
) -> Discipline:
    """Record a discipline decision for a member or a cell (exactly one). Khai trừ
    removes the member from the Party from ``effective_on`` (``member_status_change``)."""
    errors: dict = {}
    if (member is None) == (cell is None):
        raise ValidationError({"subject": _("Chọn một đảng viên hoặc một chi bộ.")})
    unit = member.org_unit if member is not None else cell.org_unit
    _require(actor, unit)
    if member is not None:
        member = Member.objects.select_for_update().get(pk=member.pk)
        subject, forms = "member", MEMBER_FORMS
        if not member.is_active:
            errors.setdefault("member", []).append(
                _("Chỉ kỷ luật được đảng viên đang sinh hoạt trong Đảng bộ.")
            )
        if member.status == Status.PROBATIONARY and form in MEMBER_FORMS:
            allowed = rules.rule_or_none("discipline_forms_probationary", decided_on)
            if allowed is not None and form not in allowed.value:
                errors.setdefault("form", []).append(
                    _("Đảng viên dự bị chỉ bị kỷ luật bằng: %(f)s (%(src)s).")
                    % {"f": allowed.shown, "src": allowed.source}
                )
    else:
        subject, forms = "cell", CELL_FORMS
    if form not in forms:
        errors.setdefault("form", []).append(_("Hình thức kỷ luật này không áp dụng ở đây."))
    _choice(errors, "authority", authority, Authority)
    texts = _texts(
        errors,
        {
            "number": (number, 40, True),
            "violation": (violation, 1000, True),
            "basis": (basis, 500, True),
        },
    )
    checks.past_date(errors, "decided_on", decided_on, earliest=EARLIEST)
    if effective_on < decided_on:
        errors.setdefault("effective_on", []).append(
            _("Ngày có hiệu lực không được trước ngày quyết định.")
        )
    elif effective_on > timezone.localdate():
        errors.setdefault("effective_on", []).append(_("Ngày không thể sau hôm nay."))
    if form in forms and authority in Authority.values and "decided_on" not in errors:
        may = allowed_authorities(subject, form, decided_on)
        if authority not in may:
            words = ", ".join(str(Authority(a).label) for a in may) or _("không có quy định")
            errors.setdefault("authority", []).append(
                _("Cấp này không được quyết định hình thức kỷ luật đó; theo quy định: %(w)s.")
                % {"w": words}
            )
    if inspection is not None and not unit.path.startswith(inspection.org_unit.path):
        errors.setdefault("inspection", []).append(_("Cuộc kiểm tra không thuộc Đảng bộ này."))
    if errors:
        raise ValidationError(errors)
    discipline = Discipline(
        org_unit=unit,
        member=member,
        cell=cell,
        inspection=inspection,
        form=form,
        decided_on=decided_on,
        authority=authority,
        effective_on=effective_on,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        is_demo=is_demo,
        **texts,
    )
    discipline.full_clean()
    discipline.save()
    audit.record(
        actor=actor,
        action="party_discipline_record",
        obj=discipline,
        after=audit.snapshot(discipline, DISCIPLINE_AUDIT),
    )
    if form == DisciplineForm.EXPULSION:
        try:
            services.member_status_change(
                actor=actor,
                member=member,
                status=Status.REMOVED,
                on=effective_on,
                note=_("Khai trừ theo quyết định số %(n)s") % {"n": texts["number"]},
            )
        except ValidationError as exc:  # the history's date rules, said of this form's field
            raise ValidationError({"effective_on": exc.messages}) from None
    return discipline
