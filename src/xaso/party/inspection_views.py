"""Inspection, supervision and discipline pages: the list (with the period's figures,
the programmes and the discipline decisions), one inspection (its subject, conclusion,
follow-up, decisions), and the forms that record them. Thin: authorize (the member-file
rule: 403 without the Party permission, 404 for another commune), call a service,
render; buttons only for who may use them."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core import access
from xaso.core.vietnamese import parse_date
from xaso.core.views import form_errors_from
from xaso.party import inspection_forms as iforms
from xaso.party import inspection_selectors as isel
from xaso.party import inspections, rules, selectors
from xaso.party import permissions as perms
from xaso.party.models import DisciplineForm


def _day(text: str) -> dt.date | None:
    try:
        return parse_date(text) if text else None
    except ValueError:
        return None


def _unit(request):
    access.require(request.user, perms.VIEW)
    return selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))


@login_required
def inspection_list(request):
    unit = _unit(request)
    start, end = _day(request.GET.get("tu", "")), _day(request.GET.get("den", ""))
    if start and end and end < start:
        start, end = end, start
    rows = isel.inspections_in(request.user, unit, start=start, end=end)
    summary = None
    if start and end:
        summary = isel.inspection_summary(request.user, unit, start, end)
    return render(
        request,
        "party/inspections.html",
        {
            "unit": unit,
            "rows": rows,
            "start": start,
            "end": end,
            "summary": summary,
            "programmes": isel.programmes_in(request.user, unit),
            "disciplines": isel.disciplines_in(request.user, unit),
            "can_manage": selectors.can_manage(request.user, unit),
        },
    )


def _detail(request, inspection, conclusion_form=None, follow_form=None, status=200):
    can_manage = selectors.can_manage(request.user, inspection)
    return render(
        request,
        "party/inspection.html",
        {
            "inspection": inspection,
            "members": isel.subject_members(inspection),
            "disciplines": isel.disciplines_of(inspection),
            "can_manage": can_manage,
            "conclusion_form": (conclusion_form or iforms.ConclusionForm())
            if can_manage and not inspection.concluded_on
            else None,
            "follow_form": (follow_form or iforms.FollowUpForm())
            if can_manage and inspection.follow_up and not inspection.follow_up_done_on
            else None,
        },
        status=status,
    )


@login_required
def inspection_detail(request, pk: int):
    access.require(request.user, perms.VIEW)
    return _detail(request, isel.inspection_or_404(request.user, pk))


@login_required
def inspection_record(request):
    access.require(request.user, perms.MANAGE)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    cells = list(selectors.cells_in(request.user, unit))
    members = list(
        selectors.on_roll(selectors.visible_members(request.user))
        .filter(org_unit__path__startswith=unit.path)
        .order_by("name_key")
    )
    items = isel.programme_items(request.user, unit)
    form = iforms.InspectionForm(request.POST or None, cells=cells, members=members, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = set(data["subject_members"])
        party_unit = unit if unit.kind == unit.Kind.PARTY else _party_of(cells, unit)
        try:
            inspection = inspections.inspection_record(
                actor=request.user,
                party_unit=party_unit,
                body=data["body"],
                activity=data["activity"],
                kind=data["kind"],
                content=data["content"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                subject_cell=next((c for c in cells if c.code == data["subject_cell"]), None),
                subject_members=[m for m in members if str(m.pk) in chosen],
                item=next((i for i, _p in items if str(i.pk) == data["item"]), None),
            )
        except ValidationError as exc:
            form_errors_from(form, exc, {"subject": "subject_members", "party_unit": None})
        else:
            messages.success(request, _("Đã ghi cuộc kiểm tra, giám sát."))
            return redirect("party:inspection", pk=inspection.pk)
    return render(request, "party/inspection_record.html", {"form": form})


def _party_of(cells, unit):
    """The Đảng ủy above the cells shown when the page was asked for the commune."""
    return cells[0].org_unit.parent if cells else unit


@login_required
@require_POST
def inspection_conclude(request, pk: int):
    access.require(request.user, perms.MANAGE)
    inspection = isel.inspection_or_404(request.user, pk)
    access.require(request.user, perms.MANAGE, inspection)
    form = iforms.ConclusionForm(request.POST)
    if form.is_valid():
        try:
            inspections.inspection_conclude(
                actor=request.user, inspection=inspection, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi kết luận."))
            return redirect("party:inspection", pk=pk)
    return _detail(request, inspection, conclusion_form=form, status=400)


@login_required
@require_POST
def inspection_follow_up(request, pk: int):
    access.require(request.user, perms.MANAGE)
    inspection = isel.inspection_or_404(request.user, pk)
    access.require(request.user, perms.MANAGE, inspection)
    form = iforms.FollowUpForm(request.POST)
    if form.is_valid():
        try:
            inspections.follow_up_done(
                actor=request.user, inspection=inspection, done_on=form.cleaned_data["done_on"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi hoàn thành khắc phục."))
            return redirect("party:inspection", pk=pk)
    return _detail(request, inspection, follow_form=form, status=400)


@login_required
def discipline_record(request):
    access.require(request.user, perms.MANAGE)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    inspection = None
    if request.GET.get("kiem_tra", "").isdigit():
        inspection = isel.inspection_or_404(request.user, int(request.GET["kiem_tra"]))
    cells = [
        c for c in selectors.cells_in(request.user, unit) if selectors.can_manage(request.user, c)
    ]
    members = list(
        selectors.on_roll(selectors.visible_members(request.user))
        .filter(org_unit__in=[c.org_unit for c in cells])
        .order_by("name_key")
    )
    form = iforms.DisciplineRecordForm(request.POST or None, cells=cells, members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        member_id, cell_code = data.pop("member"), data.pop("cell")
        member = next((m for m in members if str(m.pk) == member_id), None)
        cell = next((c for c in cells if c.code == cell_code), None)
        try:
            discipline = inspections.discipline_record(
                actor=request.user, member=member, cell=cell, inspection=inspection, **data
            )
        except ValidationError as exc:
            form_errors_from(form, exc, {"subject": "member"})
        else:
            messages.success(request, _("Đã ghi quyết định kỷ luật."))
            if discipline.inspection_id:
                return redirect("party:inspection", pk=discipline.inspection_id)
            return redirect("party:inspections")
    today_rules = [
        rules.rule_or_none(f"discipline_authority_{subject}_{form_}", timezone.localdate())
        for subject, forms_ in (
            ("member", inspections.MEMBER_FORMS),
            ("cell", inspections.CELL_FORMS),
        )
        for form_ in forms_
    ]
    return render(
        request,
        "party/discipline_record.html",
        {
            "form": form,
            "inspection": inspection,
            "authority_rules": [r for r in today_rules if r is not None],
            "forms": DisciplineForm,
        },
    )


@login_required
def programme_create(request):
    access.require(request.user, perms.MANAGE)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    form = iforms.ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        party_unit = (
            unit
            if unit.kind == unit.Kind.PARTY
            else _party_of(list(selectors.cells_in(request.user, unit)), unit)
        )
        try:
            inspections.programme_create(
                actor=request.user, party_unit=party_unit, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc, {"party_unit": None})
        else:
            messages.success(request, _("Đã ghi chương trình kiểm tra, giám sát."))
            return redirect("party:inspections")
    return render(request, "party/programme_record.html", {"form": form})
