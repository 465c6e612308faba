"""Demo Party dues of the Đảng bộ xã Long Hẹ for 2026 — DEMO DATA, INVENTED throughout
(the report gives no figure on dues).

Every demo member on the roll gets an income basis from 01/01/2026: members of agency
cells pay on their insured salary (invented, 4,5–15 million đồng), some older members of
bản cells on their pension, a few young ones as students, the rest the flat amount. Each
month that has begun up to ``today`` most members pay the amount due (computed by the
rules, ``dues.amount_due``), in cash to the cell or through the national portal, on a
day of that month; a few miss a month or two, and about one in a hundred misses three
or more, so the late payers' list has members to flag. Bulk-inserted (thousands of
rows), seeded per member and month: deterministic, and a later day only tops up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from xaso.core import audit, demo
from xaso.core.models import OrgUnit
from xaso.party import dues
from xaso.party.demo import OFFICE, PARTY_UNIT
from xaso.party.models import (
    CellKind,
    DuesBasis,
    DuesPayment,
    IncomeKind,
    Member,
    PaymentMethod,
)
from xaso.party.selectors import on_roll

YEAR_START = dt.date(2026, 1, 1)


def _basis(rng, member: Member, agency: bool) -> tuple[str, Decimal | None]:
    age = YEAR_START.year - member.birth_date.year
    if agency:
        return IncomeKind.INSURED, Decimal(rng.randrange(450, 1500) * 10_000)
    if age >= 60 and rng.random() < 0.4:
        return IncomeKind.PENSIONER, Decimal(rng.randrange(300, 800) * 10_000)
    if age <= 24 and rng.random() < 0.5:
        return IncomeKind.STUDENT, None
    return IncomeKind.OTHER, None


@transaction.atomic
def create_demo_dues(*, today: dt.date) -> int:
    """See the module's docstring; returns how many payments were added."""
    party_unit = OrgUnit.objects.filter(code=PARTY_UNIT).first()
    if party_unit is None or today < YEAR_START:
        return 0
    members = list(
        on_roll(Member.objects.filter(is_demo=True, org_unit__parent=party_unit))
        .select_related("org_unit__party_cell")
        .order_by("card_number", "full_name")
    )
    if not members:
        return 0
    (office,) = demo.accounts(OFFICE)
    bases = {b.member_id: b for b in DuesBasis.objects.filter(member__in=members, is_demo=True)}
    new_bases = []
    for m in members:
        if m.pk not in bases:
            rng = demo.rng("party", "dues", "basis", m.full_name)
            kind, base = _basis(rng, m, m.org_unit.party_cell.kind == CellKind.AGENCY)
            bases[m.pk] = DuesBasis(
                member=m,
                org_unit=m.org_unit,
                income_kind=kind,
                base=base,
                valid_from=max(YEAR_START, m.admitted_on),
                recorded_by=office,
                is_demo=True,
            )
            new_bases.append(bases[m.pk])
    DuesBasis.objects.bulk_create(new_bases)
    done = set(DuesPayment.objects.filter(member__in=members).values_list("member_id", "month"))
    months = []
    month = YEAR_START
    while month <= today:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    payments = []
    for m in members:
        # About one member in a hundred stops paying in spring; a few miss a month.
        habit = demo.rng("party", "dues", "habit", m.full_name).random()
        for month in months:
            if (m.pk, month) in done:
                continue
            rng = demo.rng("party", "dues", m.full_name, month.isoformat())
            if habit < 0.01 and month.month >= 4:
                continue
            if habit < 0.05 and rng.random() < 0.15:
                continue
            paid_on = month.replace(day=rng.randint(3, 25))
            due = dues.amount_due(bases[m.pk].income_kind, bases[m.pk].base, month)
            if paid_on > today or due is None:
                continue
            payments.append(
                DuesPayment(
                    member=m,
                    org_unit=m.org_unit,
                    month=month,
                    amount=due,
                    paid_on=paid_on,
                    method=PaymentMethod.CASH if rng.random() < 0.7 else PaymentMethod.PORTAL,
                    recorded_by=office,
                    is_demo=True,
                )
            )
    DuesPayment.objects.bulk_create(payments, batch_size=1000)
    if payments or new_bases:
        audit.record(
            actor=office,
            action="party_dues_demo",
            org_unit=party_unit,
            object_type="party.duespayment",
            object_repr="Đảng phí mẫu (demo)",
            changes={"bases": [None, len(new_bases)], "payments": [None, len(payments)]},
        )
    return len(payments)
