"""Writes of the targets module: entering, submitting, approving and reopening values,
loading a resolution's definitions. One transaction each, audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit, checks
from xaso.core.checks import FIRST_YEAR, LAST_YEAR
from xaso.core.models import OrgUnit, User
from xaso.targets import permissions as perms
from xaso.targets import selectors, validation
from xaso.targets.models import DataValue, Measure, Resolution, ValidationRule

VALUE_FIELDS = ["value", "numerator", "denominator", "status", "comment", "is_demo"]


class NeedsConfirmation(ValidationError):
    """Only warnings stand in the way: the user may confirm and save anyway."""


@dataclass(frozen=True)
class Entry:
    """One value typed into the entry form or sent to the API."""

    measure: Measure
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""


def _field_key(entry: Entry, field: str) -> str:
    return f"{entry.measure.code}.{field}"


#: ``DataValue.comment``'s limit, on the page and in the API.
COMMENT_MAX = 500


def _number_errors(entry: Entry) -> dict[str, list[str]]:
    """Figures that fit their columns and a comment within its limit."""
    errors: dict[str, list[str]] = {}
    for name in ("value", "numerator", "denominator"):
        checks.figure(errors, _field_key(entry, name), getattr(entry, name))
    checks.text(errors, _field_key(entry, "comment"), entry.comment, max_length=COMMENT_MAX)
    return errors


def values_enter(
    *,
    actor: User,
    org_unit: OrgUnit,
    year: int,
    quarter: int = 0,
    entries: list[Entry],
    confirm_warnings: bool = False,
    is_demo: bool = False,
) -> list[DataValue]:
    """Save a form's worth of values for one unit and period — all of them or none.

    Errors (a broken rule, an approved value) refuse the whole form with a message per
    field ("<measure code>.<field>"); warnings alone raise ``NeedsConfirmation`` unless
    ``confirm_warnings``. ``is_demo`` marks demo values (``xaso demo``); a value entered
    without it is the official's own, whatever was there before.
    """
    access.require(actor, perms.ENTER, org_unit)
    if not 0 <= quarter <= 4:
        raise ValidationError({"quarter": _("Quý phải từ 1 đến 4 (0 là cả năm).")})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        # The column is a small integer; the "period in term" rule may be switched off.
        raise ValidationError(
            {"year": _("Năm phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}}
        )
    errors: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    existing = {
        v.measure_id: v
        for v in DataValue.objects.filter(
            org_unit=org_unit, year=year, quarter=quarter, measure__in=[e.measure for e in entries]
        )
    }
    rules_by_resolution: dict[int, list[ValidationRule]] = {}
    seen: set[int] = set()
    for entry in entries:
        measure = entry.measure
        if measure.pk in seen:
            # One row per measure, unit and period: a second value would hit the unique
            # constraint (a server error) or silently replace the first.
            errors.setdefault(_field_key(entry, "measure"), []).append(
                _("Chỉ tiêu này có hai giá trị trong cùng một lần nhập.")
            )
            continue
        seen.add(measure.pk)
        if not measure.org_unit.contains(org_unit):
            errors.setdefault(_field_key(entry, "value"), []).append(
                _("Đơn vị này không thuộc xã của nghị quyết.")
            )
            continue
        if measure.is_computed:
            errors.setdefault(_field_key(entry, "value"), []).append(
                _("Chỉ tiêu này được tính tự động từ phân hệ khác, không nhập tay.")
            )
            continue
        refused = selectors.entry_refusal(actor, measure, org_unit)
        if refused:
            errors.setdefault(_field_key(entry, "measure"), []).append(refused)
            continue
        numbers = _number_errors(entry)
        if numbers:
            errors.update(numbers)
            continue
        current = existing.get(measure.pk)
        if current is not None and current.status == DataValue.Status.APPROVED:
            errors.setdefault(_field_key(entry, "value"), []).append(
                _("Số liệu đã được duyệt; cần lãnh đạo mở lại trước khi sửa.")
            )
            continue
        if measure.kind == Measure.Kind.RATIO:
            if (entry.numerator is None) != (entry.denominator is None):
                missing = "denominator" if entry.denominator is None else "numerator"
                errors.setdefault(_field_key(entry, missing), []).append(
                    _("Cần nhập cả tử số và mẫu số.")
                )
                continue
            if entry.denominator == 0:
                errors.setdefault(_field_key(entry, "denominator"), []).append(
                    _("Mẫu số phải lớn hơn 0.")
                )
                continue
            if (
                entry.numerator is not None
                and abs(entry.numerator * 100 / entry.denominator) >= checks.FIGURE_LIMIT
            ):
                # The percentage is stored too: it must fit its column like any figure.
                errors.setdefault(_field_key(entry, "value"), []).append(
                    _("Tỷ lệ tính ra quá lớn: hãy kiểm tra tử số và mẫu số.")
                )
                continue
        resolution_id = measure.target.group.resolution_id
        if resolution_id not in rules_by_resolution:
            rules_by_resolution[resolution_id] = list(
                ValidationRule.objects.filter(resolution_id=resolution_id, active=True)
            )
        candidate = validation.Candidate(
            measure=measure,
            org_unit=org_unit,
            year=year,
            quarter=quarter,
            value=entry.value,
            numerator=entry.numerator,
            denominator=entry.denominator,
        )
        for problem in validation.check(rules_by_resolution[resolution_id], candidate):
            target = errors if problem.severity == "error" else warnings
            target.setdefault(_field_key(entry, problem.field), []).append(problem.message)
    if errors:
        raise ValidationError(errors)
    if warnings and not confirm_warnings:
        raise NeedsConfirmation(warnings)
    saved = []
    now = timezone.now()
    with transaction.atomic():
        for entry in entries:
            current = existing.get(entry.measure.pk)
            before = audit.snapshot(current, VALUE_FIELDS) if current else None
            row = current or DataValue(
                measure=entry.measure, org_unit=org_unit, year=year, quarter=quarter
            )
            row.value, row.numerator, row.denominator = (
                entry.value,
                entry.numerator,
                entry.denominator,
            )
            if entry.measure.kind == Measure.Kind.RATIO and entry.denominator:
                row.value = entry.numerator * 100 / entry.denominator
            row.comment = entry.comment
            row.is_demo = is_demo
            row.status = DataValue.Status.ENTERED
            row.entered_by, row.entered_at = actor, now
            row.save()
            audit.record(
                actor=actor,
                action="value_enter",
                obj=row,
                org_unit=org_unit,
                before=before,
                after=audit.snapshot(row, VALUE_FIELDS),
            )
            saved.append(row)
    return saved


def values_enter_and_submit(
    *,
    actor: User,
    org_unit: OrgUnit,
    year: int,
    quarter: int = 0,
    entries: list[Entry],
    confirm_warnings: bool = False,
    is_demo: bool = False,
) -> list[DataValue]:
    """Save a form's worth of values and send them for approval in one transaction: a
    refusal of either leaves nothing saved, never values entered but not sent."""
    with transaction.atomic():
        saved = values_enter(
            actor=actor,
            org_unit=org_unit,
            year=year,
            quarter=quarter,
            entries=entries,
            confirm_warnings=confirm_warnings,
            is_demo=is_demo,
        )
        values_submit(actor=actor, values=saved)
    return saved


def values_submit(*, actor: User, values: list[DataValue]) -> int:
    """Send entered values to the leader for approval."""
    count = 0
    with transaction.atomic():
        for row in values:
            access.require(actor, perms.ENTER, row.org_unit)
            if row.status != DataValue.Status.ENTERED:
                continue
            row.status = DataValue.Status.SUBMITTED
            row.save(update_fields=["status"])
            audit.record(
                actor=actor,
                action="value_submit",
                obj=row,
                org_unit=row.org_unit,
                changes={"status": ["entered", "submitted"]},
            )
            count += 1
    return count


def values_approve(*, actor: User, values: list[DataValue]) -> int:
    """Approve submitted values; approved values are locked."""
    count = 0
    now = timezone.now()
    with transaction.atomic():
        for row in values:
            access.require(actor, perms.APPROVE, row.org_unit)
            if row.status != DataValue.Status.SUBMITTED:
                raise ValidationError(
                    {
                        "status": _("Chỉ duyệt được số liệu đã gửi duyệt (%(code)s, %(unit)s).")
                        % {"code": row.measure.code, "unit": row.org_unit.display_name}
                    }
                )
            row.status = DataValue.Status.APPROVED
            row.approved_by, row.approved_at = actor, now
            row.save(update_fields=["status", "approved_by", "approved_at"])
            audit.record(
                actor=actor,
                action="value_approve",
                obj=row,
                org_unit=row.org_unit,
                changes={"status": ["submitted", "approved"]},
            )
            count += 1
    return count


def value_reopen(*, actor: User, value: DataValue, reason: str) -> DataValue:
    """A correction after approval: the leader reopens the value, giving the reason."""
    access.require(actor, perms.APPROVE, value.org_unit)
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do mở lại số liệu đã duyệt.")})
    checks.refuse_long_text("reason", reason, max_length=checks.REASON_MAX)
    if value.status != DataValue.Status.APPROVED:
        raise ValidationError({"status": _("Số liệu này chưa được duyệt.")})
    with transaction.atomic():
        value.status = DataValue.Status.ENTERED
        value.approved_by, value.approved_at = None, None
        value.save(update_fields=["status", "approved_by", "approved_at"])
        audit.record(
            actor=actor,
            action="value_reopen",
            obj=value,
            org_unit=value.org_unit,
            changes={"status": ["approved", "entered"], "reason": [None, reason]},
        )
    return value


def resolution_rules_ensure(*, resolution: Resolution) -> None:
    """Give a resolution the default validation rules it does not have yet."""
    for kind, severity, params, message in validation.DEFAULT_RULES:
        ValidationRule.objects.get_or_create(
            resolution=resolution,
            kind=kind,
            defaults={"severity": severity, "params": params, "message": message},
        )


def definition_save(*, actor: User, obj, changes: dict) -> object:
    """Create or change a resolution's definition (resolution, group, target, measure,
    validation rule). Definitions are data: the administrator edits them and the audit
    log keeps every version (before/after)."""
    from xaso.targets.models import TargetGroup

    before = audit.snapshot(obj) if obj.pk else None
    if before is not None:
        # The unit it belongs to now, before the change could move it elsewhere.
        _require_manage(actor, obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    unit = _require_manage(actor, obj)
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        obj.refresh_from_db()  # "after" as stored (decimal places, defaults)
        if isinstance(obj, Resolution) and before is None:
            resolution_rules_ensure(resolution=obj)
            for code, number, name in DEFAULT_GROUPS:
                TargetGroup.objects.create(resolution=obj, code=code, number=number, name=name)
        audit.record(
            actor=actor,
            action="update" if before else "create",
            obj=obj,
            org_unit=unit,
            before=before,
            after=audit.snapshot(obj),
        )
    return obj


def _require_manage(actor: User, obj) -> OrgUnit:
    unit = obj.org_unit if hasattr(obj, "org_unit") else obj.resolution.org_unit
    access.require(actor, perms.MANAGE, unit)
    return unit


DEFAULT_GROUPS = [
    ("economic", 1, "Các chỉ tiêu về kinh tế"),
    ("social", 2, "Các chỉ tiêu về xã hội, môi trường"),
    ("party", 3, "Các chỉ tiêu về công tác xây dựng Đảng và hệ thống chính trị cơ sở"),
]
