"""Reads of Party dues: a cell's month (each member's due, paid, missing; the totals and
what the cell keeps and passes up) and the late payers. Dues name members: the
member-file rule holds (``selectors``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from xaso.core.models import OrgUnit, User
from xaso.party import dues, rules
from xaso.party.models import DuesBasis, DuesPayment, Member
from xaso.party.selectors import on_roll, visible_members


@dataclass
class Line:
    member: Member
    basis: DuesBasis | None
    due: Decimal | None
    payment: DuesPayment | None

    @property
    def paid(self) -> Decimal:
        return self.payment.amount if self.payment else Decimal(0)

    @property
    def missing(self) -> Decimal | None:
        if self.due is None:
            return None
        return max(self.due - self.paid, Decimal(0))


@dataclass
class Collection:
    cell: OrgUnit
    month: dt.date
    lines: list[Line]
    keep_rule: rules.Rule | None
    due: Decimal = Decimal(0)
    collected: Decimal = Decimal(0)
    missing: Decimal = Decimal(0)
    without_due: int = 0
    kept: Decimal | None = None
    passed_up: Decimal | None = None


def _bases(members) -> dict[int, list[DuesBasis]]:
    found = defaultdict(list)
    for basis in DuesBasis.objects.filter(member__in=members).order_by("valid_from"):
        found[basis.member_id].append(basis)
    return found


def collection(user: User, cell: OrgUnit, month: dt.date) -> Collection:
    """The cell's month: every member on its roll, with the due, the payment, what is
    missing; the totals, and the share the cell keeps and passes up (``rules``)."""
    month = dues.month_start(month)
    members = list(on_roll(visible_members(user).filter(org_unit=cell)).order_by("name_key"))
    bases = _bases(members)
    payments = {p.member_id: p for p in DuesPayment.objects.filter(month=month, member__in=members)}
    lines = []
    for m in members:
        basis = dues.basis_on(m, dues.month_end(month), bases[m.pk])
        due = dues.amount_due(basis.income_kind, basis.base, month) if basis else None
        lines.append(Line(m, basis, due, payments.get(m.pk)))
    result = Collection(cell, month, lines, dues.keep_share(month))
    for line in lines:
        result.collected += line.paid
        if line.due is None:
            result.without_due += 1
        else:
            result.due += line.due
            result.missing += line.missing
    result.kept, result.passed_up = dues.split(result.collected, month)
    return result


@dataclass
class LatePayer:
    member: Member
    months: list[dt.date] = field(default_factory=list)  # the months unpaid (first days)
    flagged: bool = False


def late_payers(user: User, unit: OrgUnit, year: int, today: dt.date | None = None):
    """Members on the roll in ``unit`` with months of ``year`` past and not fully paid
    (a month counts once it is over, from the month their basis starts); ``flagged``
    when they reach ``dues_unpaid_months_removal`` — ground for the cell to consider
    removal, which xaso never does by itself. Returns (payers, rule)."""
    today = today or timezone.localdate()
    last = dues.month_start(today) - dt.timedelta(days=1)  # the last month that is over
    months = [dt.date(year, m, 1) for m in range(1, 13) if dt.date(year, m, 1) <= last]
    rule = rules.rule_or_none("dues_unpaid_months_removal", dt.date(year, 12, 31))
    if not months:
        return [], rule
    members = list(
        on_roll(visible_members(user).filter(org_unit__path__startswith=unit.path)).order_by(
            "org_unit__code", "name_key"
        )
    )
    bases = _bases(members)
    paid = defaultdict(dict)
    for p in DuesPayment.objects.filter(member__in=members, month__year=year):
        paid[p.member_id][p.month] = p.amount
    found = []
    for m in members:
        unpaid = []
        for month in months:
            due = dues.due_for(m, month, bases[m.pk])
            if due is not None and paid[m.pk].get(month, Decimal(0)) < due:
                unpaid.append(month)
        if unpaid:
            found.append(LatePayer(m, unpaid, rule is not None and len(unpaid) >= rule.value))
    found.sort(key=lambda p: (-len(p.months), p.member.org_unit.code, p.member.name_key))
    return found, rule


def member_dues(member: Member, year: int) -> list[tuple[dt.date, Decimal | None, Decimal]]:
    """(month, due, paid) for each month of ``year`` up to now — the member's file."""
    bases = list(DuesBasis.objects.filter(member=member).order_by("valid_from"))
    paid = {p.month: p.amount for p in DuesPayment.objects.filter(member=member, month__year=year)}
    now = dues.month_start(timezone.localdate())
    return [
        (m, dues.due_for(member, m, bases), paid.get(m, Decimal(0)))
        for m in (dt.date(year, k, 1) for k in range(1, 13))
        if m <= now
    ]
