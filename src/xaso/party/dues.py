"""Đảng phí: the amount each member owes a month, and every write (the member's income
basis, the payments of a cell's month), one transaction each, permission-checked and
audited.

The amount due for a month follows from the rules in force on the month's **last day**
(so February 2026 is under Quy định 01-QĐ/TW, in force from 03/02/2026 — xaso's reading,
unconfirmed) and the member's income basis in force that day (``DuesBasis``):

    đóng BHXH bắt buộc   base × dues_insured_rate %   (base: last month's insured salary)
    hưởng lương hưu      base × dues_pension_rate %
    học sinh, sinh viên  dues_student_amount
    khác                 dues_other_amount

then at least ``dues_remote_minimum`` where the data has one (Long Hẹ is a highland
commune), rounded to whole đồng half up (``dues_rounding``, unconfirmed). A month with
no rule or no basis has no due (None), never zero.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit, checks
from xaso.core.models import OrgUnit, User
from xaso.party import permissions as perms
from xaso.party import rules
from xaso.party.models import (
    ACTIVE,
    WITH_BASE,
    DuesBasis,
    DuesPayment,
    IncomeKind,
    Member,
    PaymentMethod,
)

#: The largest amount a page or the API takes (a month's salary or a payment, in đồng).
AMOUNT_MAX = Decimal("1000000000")
EARLIEST = dt.date(2010, 12, 28)  # the first dues rule in the data
PAYMENT_AUDIT = ("member_id", "org_unit_id", "month", "amount", "paid_on", "method", "is_demo")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@lru_cache(maxsize=8192)  # the rules file is read once too (``rules.all_rules``)
def amount_due(income_kind: str, base: Decimal | None, month: dt.date) -> Decimal | None:
    """The due of one month for an income kind and base (see the module's docstring);
    None when the rules or the base needed are missing."""
    day = month_end(month)
    if income_kind in WITH_BASE:
        key = "dues_insured_rate" if income_kind == IncomeKind.INSURED else "dues_pension_rate"
        rate = rules.rule_or_none(key, day)
        if rate is None or base is None:
            return None
        amount = Decimal(base) * Decimal(str(rate.value)) / 100
    else:
        key = "dues_student_amount" if income_kind == IncomeKind.STUDENT else "dues_other_amount"
        flat = rules.rule_or_none(key, day)
        if flat is None:
            return None
        amount = Decimal(str(flat.value))
    minimum = rules.rule_or_none("dues_remote_minimum", day)
    if minimum is not None:
        amount = max(amount, Decimal(str(minimum.value)))
    step = rules.rule_or_none("dues_rounding", day)
    quantum = Decimal(str(step.value)) if step is not None else Decimal(1)
    return (amount / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum


def basis_on(member: Member, day: dt.date, bases: list[DuesBasis] | None = None):
    """The member's basis in force on ``day`` (the latest from before it), or None."""
    if bases is None:
        bases = list(DuesBasis.objects.filter(member=member).order_by("valid_from"))
    found = None
    for basis in bases:
        if basis.valid_from <= day:
            found = basis
    return found


def due_for(member: Member, month: dt.date, bases: list[DuesBasis] | None = None):
    basis = basis_on(member, month_end(month), bases)
    if basis is None:
        return None
    return amount_due(basis.income_kind, basis.base, month)


def keep_share(month: dt.date) -> rules.Rule | None:
    """The share of the collection the cell keeps (the rest goes up to the Đảng ủy)."""
    return rules.rule_or_none("dues_cell_keep_share", month_end(month))


def split(collected: Decimal, month: dt.date) -> tuple[Decimal | None, Decimal | None]:
    """(kept by the cell, passed up): the kept part rounded half up to whole đồng."""
    rule = keep_share(month)
    if rule is None:
        return None, None
    numerator, denominator = rule.value
    kept = (collected * numerator / denominator).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return kept, collected - kept


def _amount(errors: dict, field: str, value, *, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            errors.setdefault(field, []).append(_("Hãy nhập số tiền."))
        return None
    value = Decimal(value)
    if not value.is_finite() or value != value.to_integral_value():
        errors.setdefault(field, []).append(_("Số tiền tính bằng đồng, không có số lẻ."))
    elif not 0 < value <= AMOUNT_MAX:
        errors.setdefault(field, []).append(
            _("Số tiền phải lớn hơn 0 và không quá 1.000.000.000 đồng.")
        )
    return value


@transaction.atomic
def basis_set(
    *,
    actor: User | None,
    member: Member,
    income_kind: str,
    valid_from: dt.date,
    base: Decimal | None = None,
    is_demo: bool = False,
) -> DuesBasis:
    """Record the member's income kind (and base) from ``valid_from``; the earlier rows
    stay, so a past month is judged by the basis of its day. A second row on the same
    day corrects the first (audited before and after)."""
    if actor is not None:
        access.require(actor, perms.MANAGE, member.org_unit)
    errors: dict = {}
    if income_kind not in IncomeKind.values:
        errors["income_kind"] = [_("Chọn loại thu nhập.")]
    base = _amount(errors, "base", base, required=income_kind in WITH_BASE)
    if income_kind not in WITH_BASE:
        base = None
    checks.past_date(errors, "valid_from", valid_from, earliest=2000)
    if valid_from is not None and valid_from < member.admitted_on:
        errors.setdefault("valid_from", []).append(_("Ngày không được trước ngày vào Đảng."))
    if errors:
        raise ValidationError(errors)
    basis = DuesBasis.objects.select_for_update().filter(member=member, valid_from=valid_from)
    basis = basis.first()
    fields = ("member_id", "income_kind", "base", "valid_from", "is_demo")
    before = audit.snapshot(basis, fields) if basis else None
    if basis is None:
        basis = DuesBasis(member=member, valid_from=valid_from, is_demo=is_demo)
    basis.org_unit = member.org_unit
    basis.income_kind = income_kind
    basis.base = base
    basis.recorded_by = actor if actor is not None and actor.is_authenticated else None
    basis.save()
    audit.record(
        actor=actor,
        action="party_dues_basis",
        obj=basis,
        before=before,
        after=audit.snapshot(basis, fields),
    )
    return basis


@transaction.atomic
def payments_record(
    *,
    actor: User | None,
    cell: OrgUnit,
    month: dt.date,
    payments: list[dict],
) -> list[DuesPayment]:
    """A cell's payments for one month, in one go: each ``{"member", "amount", "paid_on",
    "method"}``. A member already paid for the month has the row corrected (audited
    before and after). All or nothing: one refused row refuses the whole form."""
    if actor is not None:
        access.require(actor, perms.MANAGE, cell)
    errors: dict = {}
    today = timezone.localdate()
    if month.day != 1:
        month = month_start(month)
    if month > month_start(today):
        errors["month"] = [_("Chưa đến tháng này.")]
    elif month < EARLIEST.replace(day=1):
        errors["month"] = [_("Tháng không hợp lệ: trước khi có quy định đảng phí trong dữ liệu.")]
    seen = set()
    rows = []
    for i, row in enumerate(payments):
        field = f"payments[{i}]"
        member = row["member"]
        if member.org_unit_id != cell.pk or member.status not in ACTIVE:
            errors.setdefault(f"{field}.member", []).append(
                _("Đảng viên không sinh hoạt ở chi bộ này.")
            )
        if member.pk in seen:
            errors.setdefault(f"{field}.member", []).append(_("Mỗi đảng viên một dòng."))
        seen.add(member.pk)
        amount = _amount(errors, f"{field}.amount", row.get("amount"), required=True)
        paid_on = row.get("paid_on")
        if paid_on is None:
            errors.setdefault(f"{field}.paid_on", []).append(_("Hãy nhập ngày nộp."))
        else:
            checks.past_date(errors, f"{field}.paid_on", paid_on, earliest=2000)
        if row.get("method") not in PaymentMethod.values:
            errors.setdefault(f"{field}.method", []).append(_("Chọn hình thức nộp."))
        rows.append((member, amount, paid_on, row.get("method")))
    if errors:
        raise ValidationError(errors)
    existing = {
        p.member_id: p
        for p in DuesPayment.objects.select_for_update().filter(
            month=month, member__in=[m for m, *_r in rows]
        )
    }
    saved = []
    for member, amount, paid_on, method in rows:
        payment = existing.get(member.pk)
        before = audit.snapshot(payment, PAYMENT_AUDIT) if payment else None
        if payment is None:
            payment = DuesPayment(member=member, month=month, is_demo=member.is_demo)
        payment.org_unit = cell
        payment.amount, payment.paid_on, payment.method = amount, paid_on, method
        payment.recorded_by = actor if actor is not None and actor.is_authenticated else None
        payment.save()
        audit.record(
            actor=actor,
            action="party_dues_payment",
            obj=payment,
            before=before,
            after=audit.snapshot(payment, PAYMENT_AUDIT),
        )
        saved.append(payment)
    return saved
