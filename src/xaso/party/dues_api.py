"""JSON API of Party dues (on the Party router, ``api``): a cell's month, recording a
month's payments, the late payers, a member's income basis. The member-file rule holds:
403 for anyone without the Party permission, 404 for another commune's records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, StringConstraints

from xaso.core import access
from xaso.core.apischema import Code, Date, Input, YearParam, errors, whole
from xaso.party import dues, dues_selectors, selectors
from xaso.party import permissions as perms
from xaso.party.api import MemberId, _unit, router
from xaso.party.models import IncomeKind, PaymentMethod

MONTH_PATTERN = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$"
#: A month, ``YYYY-MM``.
Month = Annotated[
    str,
    StringConstraints(pattern=MONTH_PATTERN),
    Field(description="YYYY-MM"),
    AfterValidator(lambda v: dt.date.fromisoformat(f"{v}-01")),
]
Amount = whole(ge=1, le=1_000_000_000, description="Đồng, số nguyên.")


class DuesLineOut(Schema):
    member_id: int
    full_name: str
    income_kind: str | None
    due: int | None = Field(description="Số phải đóng; null khi chưa có căn cứ hoặc quy định.")
    paid: int
    missing: int | None
    paid_on: dt.date | None
    method: str | None
    is_demo: bool


class DuesMonthOut(Schema):
    cell: str
    month: str
    due: int = Field(description="Tổng số phải đóng của các đảng viên đã có căn cứ.")
    collected: int
    missing: int
    without_due: int = Field(description="Số đảng viên chưa có căn cứ đóng đảng phí.")
    kept: int | None = Field(description="Phần chi bộ giữ lại theo quy định (chưa xác nhận).")
    passed_up: int | None
    keep_share_confirmed: bool | None
    lines: list[DuesLineOut]


class PaymentIn(Input):
    member_id: MemberId
    amount: Amount
    paid_on: Date
    method: Literal[tuple(PaymentMethod.values)]


class PaymentsIn(Input):
    cell: Code
    month: Month
    payments: Annotated[list[PaymentIn], Field(min_length=1, max_length=500)]


class LatePayerOut(Schema):
    member_id: int
    full_name: str
    cell: str
    months: list[str]
    flagged: bool = Field(description="Đủ số tháng không đóng trong năm để chi bộ xem xét.")


class BasisIn(Input):
    income_kind: Literal[tuple(IncomeKind.values)]
    base: Amount | None = None
    valid_from: Date


class BasisOut(Schema):
    member_id: int
    income_kind: str
    base: int | None
    valid_from: dt.date


def _int(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _month_out(c) -> dict:
    return {
        "cell": c.cell.code,
        "month": c.month.strftime("%Y-%m"),
        "due": int(c.due),
        "collected": int(c.collected),
        "missing": int(c.missing),
        "without_due": c.without_due,
        "kept": _int(c.kept),
        "passed_up": _int(c.passed_up),
        "keep_share_confirmed": c.keep_rule.confirmed if c.keep_rule else None,
        "lines": [
            {
                "member_id": line.member.pk,
                "full_name": line.member.full_name,
                "income_kind": line.basis.income_kind if line.basis else None,
                "due": _int(line.due),
                "paid": int(line.paid),
                "missing": _int(line.missing),
                "paid_on": line.payment.paid_on if line.payment else None,
                "method": line.payment.method if line.payment else None,
                "is_demo": line.member.is_demo,
            }
            for line in c.lines
        ],
    }


@router.get("/party/dues", response={200: DuesMonthOut, **errors(403, 404)})
def party_dues(request, cell: Code, month: Month):
    """A cell's month: each member's due, paid and missing; the cell's totals and the
    share it keeps and passes up."""
    access.require(request.auth, perms.VIEW)
    found = selectors.cell_or_404(request.auth, cell)
    return _month_out(dues_selectors.collection(request.auth, found.org_unit, month))


@router.post("/party/dues/payments", response={200: DuesMonthOut, **errors(403, 404, 422)})
def party_dues_payments(request, body: PaymentsIn):
    """Record a cell's payments of one month in one go (all or nothing); a member paid
    already for the month has the row corrected."""
    access.require(request.auth, perms.MANAGE)
    cell = selectors.cell_or_404(request.auth, body.cell)
    ids = [p.member_id for p in body.payments]
    members = {m.pk: m for m in selectors.visible_members(request.auth).filter(pk__in=ids)}
    missing = [i for i, p in enumerate(body.payments) if p.member_id not in members]
    if missing:
        raise ValidationError(
            {f"payments[{i}].member_id": _("Không có đảng viên này.") for i in missing}
        )
    dues.payments_record(
        actor=request.auth,
        cell=cell.org_unit,
        month=body.month,
        payments=[
            {
                "member": members[p.member_id],
                "amount": Decimal(p.amount),
                "paid_on": p.paid_on,
                "method": p.method,
            }
            for p in body.payments
        ],
    )
    return _month_out(dues_selectors.collection(request.auth, cell.org_unit, body.month))


@router.get("/party/dues/late", response={200: list[LatePayerOut], **errors(403, 404)})
def party_dues_late(request, org_unit: Code | None = None, year: YearParam | None = None):
    """Members with months of the year over and not fully paid, most months first;
    ``flagged``: ground for the cell to consider removal (never done by xaso)."""
    unit = _unit(request, org_unit)
    payers, _rule = dues_selectors.late_payers(
        request.auth, unit, year or timezone.localdate().year
    )
    return [
        {
            "member_id": p.member.pk,
            "full_name": p.member.full_name,
            "cell": p.member.org_unit.code,
            "months": [m.strftime("%Y-%m") for m in p.months],
            "flagged": p.flagged,
        }
        for p in payers
    ]


@router.post(
    "/party/members/{member_id}/dues-basis", response={200: BasisOut, **errors(403, 404, 422)}
)
def party_dues_basis(request, member_id: MemberId, body: BasisIn):
    """Record a member's income kind (and its amount) from ``valid_from``."""
    access.require(request.auth, perms.MANAGE)
    member = selectors.member_or_404(request.auth, member_id)
    basis = dues.basis_set(
        actor=request.auth,
        member=member,
        income_kind=body.income_kind,
        base=None if body.base is None else Decimal(body.base),
        valid_from=body.valid_from,
    )
    return {
        "member_id": member.pk,
        "income_kind": basis.income_kind,
        "base": _int(basis.base),
        "valid_from": basis.valid_from,
    }
