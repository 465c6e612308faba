"""Dues pages: a cell's month (the collection table: due, paid, missing; what the cell
keeps and passes up), the form recording a cell's month of payments, the late payers,
a member's income basis. Thin: authorize (the member-file rule), call ``dues``, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access
from xaso.core.views import form_errors_from
from xaso.party import dues, dues_selectors, rules, selectors
from xaso.party import dues_forms as dforms
from xaso.party import permissions as perms
from xaso.party.models import DuesBasis

RULE_KEYS = (
    "dues_insured_rate",
    "dues_pension_rate",
    "dues_student_amount",
    "dues_other_amount",
    "dues_remote_minimum",
    "dues_rounding",
    "dues_cell_keep_share",
)


def _month(text: str) -> dt.date:
    """``?thang=2026-03`` → 01/03/2026; this month when absent or not a real month."""
    this = dues.month_start(timezone.localdate())
    try:
        month = dt.date.fromisoformat(f"{text}-01") if text else this
    except ValueError:
        return this
    return month if dt.date(2000, 1, 1) <= month <= this else this


def _rules(month: dt.date) -> list[rules.Rule]:
    day = dues.month_end(month)
    return [r for r in (rules.rule_or_none(k, day) for k in RULE_KEYS) if r is not None]


def _cells(request, unit):
    return list(selectors.cells_in(request.user, unit))


@login_required
def dues_month(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    cells = _cells(request, unit)
    month = _month(request.GET.get("thang", ""))
    code = request.GET.get("chi_bo", "")
    cell = next((c for c in cells if c.code == code.strip().upper()), cells[0] if cells else None)
    collection = dues_selectors.collection(request.user, cell.org_unit, month) if cell else None
    return render(
        request,
        "party/dues.html",
        {
            "unit": unit,
            "cells": cells,
            "cell": cell,
            "month": month,
            "months": [dt.date(month.year, m, 1) for m in range(1, 13)],
            "collection": collection,
            "rules": _rules(month),
            "can_manage": cell is not None and selectors.can_manage(request.user, cell),
        },
    )


@login_required
def dues_record(request):
    access.require(request.user, perms.MANAGE)
    cell = selectors.cell_or_404(request.user, request.GET.get("chi_bo", ""))
    access.require(request.user, perms.MANAGE, cell)
    month = _month(request.GET.get("thang", ""))
    collection = dues_selectors.collection(request.user, cell.org_unit, month)
    form = dforms.PaymentsForm(request.POST or None, lines=collection.lines)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        payments = [
            {
                "member": line.member,
                "amount": data[f"m{line.member.pk}"],
                "paid_on": data["paid_on"],
                "method": data["method"],
            }
            for line in collection.lines
            if data.get(f"m{line.member.pk}")
        ]
        try:
            if not payments:
                raise ValidationError({"paid_on": _("Chưa nhập số tiền của đảng viên nào.")})
            dues.payments_record(
                actor=request.user, cell=cell.org_unit, month=month, payments=payments
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("Đã ghi đảng phí của %(n)s đảng viên.") % {"n": len(payments)}
            )
            url = reverse("party:dues")
            return redirect(f"{url}?chi_bo={cell.code}&thang={month:%Y-%m}")
    return render(
        request,
        "party/dues_record.html",
        {"cell": cell, "month": month, "form": form, "rules": _rules(month)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def dues_late(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    if not 2010 <= year <= today.year:
        year = today.year
    payers, rule = dues_selectors.late_payers(request.user, unit, year, today)
    return render(
        request,
        "party/dues_late.html",
        {
            "unit": unit,
            "year": year,
            "years": range(today.year - 3, today.year + 1),
            "payers": payers,
            "rule": rule,
        },
    )


@login_required
def member_dues(request, pk: int):
    access.require(request.user, perms.VIEW)
    member = selectors.member_file(request.user, pk, purpose="dues")
    can_manage = selectors.can_manage(request.user, member)
    form = dforms.BasisForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        access.require(request.user, perms.MANAGE, member)
        if form.is_valid():
            try:
                dues.basis_set(actor=request.user, member=member, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Đã ghi căn cứ đóng đảng phí."))
                return redirect("party:member_dues", pk=pk)
    year = timezone.localdate().year
    return render(
        request,
        "party/member_dues.html",
        {
            "member": member,
            "bases": DuesBasis.objects.filter(member=member).order_by("-valid_from"),
            "year": year,
            "months": dues_selectors.member_dues(member, year),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
