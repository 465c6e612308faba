"""Every write of the core app: org units, accounts and roles, the calendar.

Keyword-only functions named ``<thing>_<verb>``; each runs in one transaction, checks
permission itself (views check too) and appends an audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.core import access, audit, checks
from xaso.core.models import (
    CalendarOverride,
    HolidayNotice,
    HolidayRule,
    OfficeSchedule,
    OrgUnit,
    Role,
    RoleAssignment,
    User,
)

ORG_FIELDS = [
    "code",
    "gov_code",
    "name",
    "kind",
    "parent_id",
    "valid_from",
    "valid_to",
    "successor_id",
    "source",
    "note",
    "remote_area",
    "remote_area_basis",
]
USER_FIELDS = ["username", "full_name", "job_title", "email", "org_unit_id", "is_active"]


# --- org units -------------------------------------------------------------------------


def org_unit_create(*, actor: User | None, parent: OrgUnit | None, **fields) -> OrgUnit:
    """Add a unit under ``parent``; only an administrator of the parent may."""
    if actor is not None:
        if parent is None and not actor.is_superuser:
            raise access.PermissionDenied(_("Chỉ quản trị cài đặt mới tạo được đơn vị gốc."))
        if parent is not None:
            access.require(actor, access.MANAGE_ORG, parent)
    fields["code"] = fields["code"].strip().upper()
    _require_gov_code_right(actor, "", fields.get("gov_code", ""))
    unit = OrgUnit(parent=parent, **fields)
    unit.full_clean()
    with transaction.atomic():
        unit.save()
        audit.record(actor=actor, action="create", obj=unit, after=audit.snapshot(unit, ORG_FIELDS))
    return unit


def _require_gov_code_right(actor: User | None, old: str, new: str) -> None:
    """Administrative codes head every dossier and petition code: only the installation
    administrator (a superuser, or the system itself) sets or changes one."""
    if (new or "") != (old or "") and actor is not None and not actor.is_superuser:
        raise ValidationError(
            {"gov_code": _("Chỉ quản trị cài đặt được đặt hoặc đổi mã hành chính.")}
        )


def org_unit_update(*, actor: User | None, unit: OrgUnit, **fields) -> OrgUnit:
    """Change a unit's data. Its code and parent stay: history refers to them."""
    if actor is not None:
        access.require(actor, access.MANAGE_ORG, unit)
    forbidden = {"code", "parent", "parent_id", "path"} & set(fields)
    if forbidden:
        raise ValidationError({f: _("Không được đổi trường này.") for f in forbidden})
    if "gov_code" in fields:
        _require_gov_code_right(actor, unit.gov_code, fields["gov_code"])
    before = audit.snapshot(unit, ORG_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    with transaction.atomic():
        unit.save()
        audit.record(
            actor=actor,
            action="update",
            obj=unit,
            before=before,
            after=audit.snapshot(unit, ORG_FIELDS),
        )
    return unit


def org_unit_merge(
    *, actor: User | None, merged: list[OrgUnit], successor: OrgUnit, on: dt.date
) -> None:
    """Close ``merged`` the day before ``on`` and point them at ``successor``.

    The old units stay, with their records, so history keeps its place.
    """
    with transaction.atomic():
        for unit in merged:
            org_unit_update(
                actor=actor, unit=unit, valid_to=on - dt.timedelta(days=1), successor=successor
            )
        if successor.valid_from is None:
            org_unit_update(actor=actor, unit=successor, valid_from=on)


# --- accounts and roles ------------------------------------------------------------------


def _require_manage_user(actor: User | None, target_unit: OrgUnit | None) -> None:
    if actor is None:
        return
    if target_unit is None:
        if not actor.is_superuser:
            raise access.PermissionDenied(_("Tài khoản phải thuộc một đơn vị bạn quản lý."))
        return
    access.require(actor, access.MANAGE_USERS, target_unit)


def _require_manage_account(actor: User | None, account: User) -> None:
    """Nobody manages an account that holds more than they do (``access.may_manage_account``)."""
    if actor is not None and not access.may_manage_account(actor, account):
        raise access.PermissionDenied(_("Bạn không quản lý được tài khoản này."))


def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    password: str,
    org_unit: OrgUnit | None,
    job_title: str = "",
    email: str = "",
    is_demo: bool = False,
) -> User:
    _require_manage_user(actor, org_unit)
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        job_title=job_title,
        email=email,
        org_unit=org_unit,
        is_demo=is_demo,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        audit.record(
            actor=actor,
            action="create",
            obj=user,
            org_unit=org_unit,
            after=audit.snapshot(user, USER_FIELDS),
        )
    return user


def user_update(*, actor: User | None, user: User, **fields) -> User:
    _require_manage_account(actor, user)
    if "org_unit" in fields:
        _require_manage_user(actor, fields["org_unit"])
    if actor is not None and user.pk == actor.pk and fields.get("is_active") is False:
        raise ValidationError({"is_active": _("Không thể tự khóa tài khoản của mình.")})
    before = audit.snapshot(user, USER_FIELDS)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        audit.record(
            actor=actor,
            action="update",
            obj=user,
            org_unit=user.org_unit,
            before=before,
            after=audit.snapshot(user, USER_FIELDS),
        )
    return user


def user_set_password(
    *, actor: User | None, user: User, password: str, old_password: str | None = None
) -> None:
    """Change a password: one's own (with the old one) or, as an administrator, another's."""
    if actor is not None and actor.pk == user.pk:
        if old_password is None or not user.check_password(old_password):
            raise ValidationError({"old_password": _("Mật khẩu hiện tại không đúng.")})
    else:
        _require_manage_account(actor, user)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from exc
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        # The hash itself never enters the log; only the fact that it changed.
        audit.record(
            actor=actor,
            action="password_change",
            obj=user,
            org_unit=user.org_unit,
            changes={"password": ["***", "***"]},
        )


def login_unlock(*, actor: User | None, user: User) -> bool:
    """Lift a lock on ``user``'s login before it runs out (``core.throttle``)."""
    from xaso.core import throttle

    _require_manage_account(actor, user)
    with transaction.atomic():
        lifted = throttle.unlock_account(user.username)
        if lifted:
            audit.record(actor=actor, action="login_unlock", obj=user, org_unit=user.org_unit)
    return lifted


def role_grant(
    *, actor: User | None, user: User, role: str, org_unit: OrgUnit, field: str = ""
) -> RoleAssignment:
    _require_manage_account(actor, user)
    _require_manage_user(actor, org_unit)
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    if field and role != Role.SPECIALIST:
        raise ValidationError({"field": _("Chỉ công chức chuyên môn mới có lĩnh vực.")})
    assignment = RoleAssignment(user=user, role=role, org_unit=org_unit, field=field)
    assignment.full_clean()
    with transaction.atomic():
        assignment.save()
        audit.record(
            actor=actor,
            action="role_grant",
            obj=user,
            org_unit=org_unit,
            changes={"role": [None, str(assignment)]},
        )
    user.__dict__.pop("_xaso_assignments", None)
    return assignment


def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    _require_manage_account(actor, assignment.user)
    with transaction.atomic():
        label = str(assignment)
        assignment.delete()
        audit.record(
            actor=actor,
            action="role_revoke",
            obj=assignment.user,
            org_unit=assignment.org_unit,
            changes={"role": [label, None]},
        )


# --- calendar ----------------------------------------------------------------------------


def _require_manage_calendar(actor: User | None, org_unit: OrgUnit | None) -> None:
    if actor is None:
        return
    if org_unit is None:
        if not actor.is_superuser:
            raise access.PermissionDenied(
                _("Chỉ quản trị cài đặt mới sửa được lịch áp dụng toàn quốc.")
            )
        return
    access.require(actor, access.MANAGE_CALENDAR, org_unit)


def calendar_override_create(
    *,
    actor: User | None,
    date: dt.date,
    day_off: bool,
    reason: str,
    legal_basis: str,
    org_unit: OrgUnit | None = None,
) -> CalendarOverride:
    """Enter one day of the Prime Minister's yearly notice (or a province's decision).

    A nationwide override (no ``org_unit``) changes every commune's deadlines, so only
    the installation's operator enters it; a unit's administrator enters its own.
    """
    _require_manage_calendar(actor, org_unit)
    override = CalendarOverride(
        date=date,
        day_off=day_off,
        reason=reason.strip(),
        legal_basis=legal_basis.strip(),
        org_unit=org_unit,
    )
    override.full_clean(validate_constraints=False)
    exists = CalendarOverride.objects.filter(date=date, org_unit=org_unit).exists()
    if exists:
        raise ValidationError(
            {"date": _("Ngày này đã có điều chỉnh; hãy xóa điều chỉnh cũ trước.")}
        )
    with transaction.atomic():
        override.save()
        audit.record(
            actor=actor,
            action="create",
            obj=override,
            org_unit=org_unit,
            after=audit.snapshot(override),
        )
    return override


def calendar_override_delete(*, actor: User | None, override: CalendarOverride) -> None:
    _require_manage_calendar(actor, override.org_unit)
    with transaction.atomic():
        before = audit.snapshot(override)
        audit.record(
            actor=actor, action="delete", obj=override, org_unit=override.org_unit, before=before
        )
        override.delete()


def office_schedule_set(*, actor: User | None, org_unit: OrgUnit, **hours) -> OfficeSchedule:
    _require_manage_calendar(actor, org_unit)
    schedule = OfficeSchedule.objects.filter(org_unit=org_unit).first() or OfficeSchedule(
        org_unit=org_unit
    )
    before = audit.snapshot(schedule) if schedule.pk else None
    for name, value in hours.items():
        setattr(schedule, name, value)
    schedule.full_clean()
    with transaction.atomic():
        schedule.save()
        audit.record(
            actor=actor,
            action="update" if before else "create",
            obj=schedule,
            org_unit=org_unit,
            before=before,
            after=audit.snapshot(schedule),
        )
    return schedule


def holiday_rule_create(*, actor: User | None, **fields) -> HolidayRule:
    """Add a statutory holiday voted into law (installation-wide: superuser only)."""
    if actor is not None and not actor.is_superuser:
        raise access.PermissionDenied(_("Chỉ quản trị cài đặt mới thêm được ngày lễ theo luật."))
    rule = HolidayRule(**fields)
    rule.full_clean()
    with transaction.atomic():
        rule.save()
        audit.record(actor=actor, action="create", obj=rule, after=audit.snapshot(rule))
    return rule


# --- yearly holiday notices ---------------------------------------------------------------


def _days_of(calendar, year: int) -> set[tuple[dt.date, bool]]:
    """(date, off?) of every day the calendar treats specially around ``year``."""
    days = set()
    for y in (year - 1, year, year + 1):
        days |= {(d.date, True) for d in calendar.days_off(y)}
        days |= {(o.date, False) for o in calendar.working_weekend_days(y)}
    return days


def holiday_notice_enter(
    *,
    actor: User | None,
    year: int,
    covers: list[str],
    number: str,
    issued_on: dt.date | None,
    issuer: str,
    days_off: list[tuple[dt.date, str]],
    working_days: list[tuple[dt.date, str]] = (),
    title: str = "",
    confirmed: bool = True,
    org_unit: OrgUnit | None = None,
) -> tuple[HolidayNotice, dict[str, list[str]]]:
    """Enter a yearly notice (the Prime Minister's decision on Tết, 2/9, …): for ``year``
    it replaces the statutory rule of the holidays it ``covers`` with its own days off and
    make-up working days. Then every module recalculates the open deadlines the changed
    days touch (its manifest's ``calendar_changed``); returns the notice and, per module,
    the codes whose due moment moved, so the page can say which."""
    from xaso.core import plugins, selectors
    from xaso.core.holidays import HOLIDAY_GROUPS

    _require_manage_calendar(actor, org_unit)
    errors: dict[str, list[str]] = {}
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Năm phải từ 2000 đến 2100.")]
    unknown = [g for g in covers if g not in HOLIDAY_GROUPS]
    if not covers or unknown:
        errors["covers"] = [_("Hãy chọn ngày lễ mà thông báo quyết định.")]
    checks.text(errors, "number", number, max_length=60)
    checks.text(errors, "issuer", issuer, max_length=200)
    checks.text(errors, "title", title, max_length=300)
    seen: set[dt.date] = set()
    for field, rows, weekend in (
        ("days_off", days_off, False),
        ("working_days", working_days, True),
    ):
        for day, _reason in rows:
            if abs(day.year - year) > 1:
                errors.setdefault(field, []).append(
                    _("Ngày %(d)s không thuộc năm %(y)s.") % {"d": f"{day:%d/%m/%Y}", "y": year}
                )
            elif (day.weekday() >= 5) != weekend:
                message = (
                    _("Ngày làm bù %(d)s phải là thứ Bảy hoặc Chủ nhật.")
                    if weekend
                    else _("Ngày nghỉ %(d)s rơi vào thứ Bảy, Chủ nhật: không cần nhập.")
                )
                errors.setdefault(field, []).append(message % {"d": f"{day:%d/%m/%Y}"})
            elif (
                day in seen or CalendarOverride.objects.filter(date=day, org_unit=org_unit).exists()
            ):
                errors.setdefault(field, []).append(
                    _("Ngày %(d)s đã có trong lịch; hãy xóa điều chỉnh cũ trước.")
                    % {"d": f"{day:%d/%m/%Y}"}
                )
            seen.add(day)
    covered = HolidayNotice.objects.filter(year=year, org_unit=org_unit).values_list(
        "covers", flat=True
    )
    already = {g for groups in covered for g in groups} & set(covers)
    if already:
        errors.setdefault("covers", []).append(
            _("Năm %(y)s đã có thông báo về %(h)s.")
            % {"y": year, "h": ", ".join(str(HOLIDAY_GROUPS[g]) for g in sorted(already))}
        )
    if errors:
        raise ValidationError(errors)
    before = _days_of(selectors.calendar_for(org_unit), year)
    with transaction.atomic():
        notice = HolidayNotice.objects.create(
            year=year,
            covers=sorted(covers),
            number=number.strip(),
            issued_on=issued_on,
            issuer=issuer.strip(),
            title=title.strip(),
            confirmed=confirmed,
            org_unit=org_unit,
        )
        for rows, day_off in ((days_off, True), (working_days, False)):
            for day, reason in rows:
                CalendarOverride.objects.create(
                    date=day,
                    day_off=day_off,
                    reason=reason.strip()[:200] or str(HOLIDAY_GROUPS[covers[0]]),
                    legal_basis=notice.legal_basis,
                    org_unit=org_unit,
                    notice=notice,
                )
        changed_days = sorted(
            {d for d, _off in before ^ _days_of(selectors.calendar_for(org_unit), year)}
        )
        audit.record(
            actor=actor,
            action="holiday_notice_enter",
            obj=notice,
            org_unit=org_unit,
            after={
                **audit.snapshot(notice),
                "days_off": [f"{d:%Y-%m-%d}" for d, _r in days_off],
                "working_days": [f"{d:%Y-%m-%d}" for d, _r in working_days],
            },
        )
        recalculated: dict[str, list[str]] = {}
        if changed_days:
            for manifest in plugins.manifests():
                if manifest.calendar_changed:
                    codes = plugins.resolve(manifest.calendar_changed)(
                        dates=changed_days, org_unit=org_unit
                    )
                    if codes:
                        recalculated[manifest.app] = codes
    return notice, recalculated
