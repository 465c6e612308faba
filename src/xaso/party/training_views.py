"""Training pages (cử đi đào tạo, bồi dưỡng): the list with the period's counts by
kind, a member's trainings, and the forms that record a training and its result. Thin:
authorize (the member-file rule: 403 without the Party permission, 404 for another
commune), call a service, render; buttons only for who may use them."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access
from xaso.core.vietnamese import parse_date
from xaso.core.views import form_errors_from
from xaso.party import permissions as perms
from xaso.party import selectors, trainings
from xaso.party import training_forms as tforms
from xaso.party import training_selectors as tsel
from xaso.party.models import CourseKind

#: The page opens on the report's term (its start) up to today.
TERM_START = dt.date(tsel.TERM_YEARS[0], 1, 1)
PK_MAX = 2_147_483_647


def _day(text: str, default: dt.date) -> dt.date:
    try:
        return parse_date(text) if text else default
    except ValueError:
        return default


@login_required
def training_list(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    today = timezone.localdate()
    start, end = (
        _day(request.GET.get("tu", ""), TERM_START),
        _day(request.GET.get("den", ""), today),
    )
    if end < start:
        start, end = end, start
    kind = request.GET.get("loai", "")
    kind = kind if kind in CourseKind.values else ""
    year = request.GET.get("nam", "")
    year = int(year) if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100 else None
    member = None
    asked = request.GET.get("dang_vien", "")
    if asked.isascii() and asked.isdigit():
        if int(asked[:12]) > PK_MAX:
            raise Http404
        member = selectors.member_file(request.user, int(asked), purpose="đào tạo, bồi dưỡng")
    rows = tsel.trainings_in(request.user, unit, kind=kind, year=year)
    if member is not None:
        rows = rows.filter(member=member)
    summary = tsel.training_summary(request.user, unit, start, end)
    return render(
        request,
        "party/trainings.html",
        {
            "unit": unit,
            "rows": rows[:1000],
            "start": start,
            "end": end,
            "kind": kind,
            "year": year,
            "member": member,
            "kinds": CourseKind.choices,
            "counts": [(label, summary[value]) for value, label in CourseKind.choices],
            "summary": summary,
            "report_term": tsel.is_report_term(start, end),
            "report_figures": [(CourseKind(k).label, n) for k, n in tsel.REPORT_FIGURES.items()],
            "report_section": tsel.REPORT_SECTION,
            "can_manage": selectors.can_manage(request.user, unit),
        },
    )


@login_required
def training_record(request):
    access.require(request.user, perms.MANAGE)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    members = [
        m
        for m in selectors.on_roll(selectors.visible_members(request.user))
        .filter(org_unit__path__startswith=unit.path)
        .order_by("name_key")
        if selectors.can_manage(request.user, m)
    ]
    chosen = request.GET.get("dang_vien", "")
    form = tforms.TrainingForm(request.POST or None, members=members, initial={"member": chosen})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        member_id = data.pop("member")
        member = next(m for m in members if str(m.pk) == member_id)
        try:
            trainings.training_record(actor=request.user, member=member, **data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi cử đảng viên đi đào tạo, bồi dưỡng."))
            return redirect(f"{reverse('party:trainings')}?dang_vien={member.pk}")
    return render(request, "party/training_record.html", {"form": form})


@login_required
def training_finish(request, pk: int):
    access.require(request.user, perms.MANAGE)
    training = tsel.training_or_404(request.user, pk)
    access.require(request.user, perms.MANAGE, training)
    form = tforms.FinishForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                trainings.training_finish(
                    actor=request.user, training=training, **form.cleaned_data
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Đã ghi kết quả khóa học."))
                return redirect(f"{reverse('party:trainings')}?dang_vien={training.member_id}")
    return render(
        request, "party/training_finish.html", {"form": form, "training": training}, status=status
    )
