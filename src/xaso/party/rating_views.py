"""Pages of the ratings (xếp loại chất lượng hằng năm) and the cell meetings (sinh hoạt
chi bộ). Thin: parse, authorize (403 without the Party permission, 404 for another
commune's records), call a service or selector, render. The Party office enters and
records; leaders read."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access
from xaso.core.views import form_errors_from
from xaso.party import meetings, ratings, rules, selectors
from xaso.party import permissions as perms
from xaso.party import rating_forms as forms
from xaso.party import rating_selectors as rsel
from xaso.party.models import MeetingKind


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("nam", default))
    except ValueError:
        return default
    return year if ratings.FIRST_YEAR <= year <= timezone.localdate().year else default


def _year_rules(year: int) -> list[rules.Rule]:
    day = rsel.year_end(year)
    keys = (
        "rating_excellent_share_of_good",
        "rating_member_excellent_no_discipline",
        "rating_cell_excellent_no_discipline",
    )
    return [*rsel.scale_rules(year), *filter(None, (rules.rule_or_none(k, day) for k in keys))]


def _manager(request, obj):
    if not selectors.can_manage(request.user, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


@login_required
def rating_years(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    today = timezone.localdate()
    year = _year(request, today.year - 1)
    cells = list(selectors.cells_in(request.user, unit))
    rows = rsel.ratings_by_cell(request.user, unit, cells, year)
    return render(
        request,
        "party/ratings.html",
        {
            "unit": unit,
            "year": year,
            "years": range(today.year, max(ratings.FIRST_YEAR, today.year - 6), -1),
            "rows": rows,
            "totals": rsel.totals(rows),
            "rules": _year_rules(year),
            "can_manage": selectors.can_manage(request.user, unit),
        },
    )


@login_required
def rating_entry(request, code: str, year: int):
    access.require(request.user, perms.VIEW)
    cell = selectors.cell_or_404(request.user, code)
    if not ratings.FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    own, by_member = rsel.cell_ratings(cell, year)
    roll = rsel.members_during(cell.org_unit, year)
    can_manage = selectors.can_manage(request.user, cell)
    if request.method == "POST":
        _manager(request, cell)
    unrated = [m for m in roll if m.pk not in by_member]
    form = (
        forms.RatingEntryForm(request.POST or None, members=unrated, with_cell=own is None)
        if can_manage
        else None
    )
    warnings, status = False, 200
    if request.method == "POST":
        if form.is_valid():
            entries = [
                ratings.Entry(key, level, member, score)
                for key, member, score, level in form.filled()
            ]
            try:
                ratings.ratings_enter(
                    actor=request.user,
                    cell=cell,
                    year=year,
                    entries=entries,
                    confirm_warnings=form.cleaned_data["confirm"],
                )
            except ratings.NeedsConfirmation as exc:
                warnings, status = True, 400
                form_errors_from(form, exc)
            except ValidationError as exc:
                status = 400
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Đã ghi %(n)s xếp loại.") % {"n": len(entries)})
                return redirect("party:rating_entry", code=cell.code, year=year)
        else:
            status = 400
    return render(
        request,
        "party/rating_entry.html",
        {
            "cell": cell,
            "year": year,
            "own": own,
            "rated": [(m, by_member[m.pk]) for m in roll if m.pk in by_member],
            "expected": len(rsel.members_during(cell.org_unit, year)),
            "form": form,
            "warnings": warnings,
            "rules": _year_rules(year),
            "can_manage": can_manage,
        },
        status=status,
    )


@login_required
def rating_correct(request, pk: int):
    access.require(request.user, perms.VIEW)
    rating = rsel.rating_or_404(request.user, pk)
    can_manage = selectors.can_manage(request.user, rating)
    if request.method == "POST":
        _manager(request, rating)
    initial = {"score": rating.score, "level": rating.level}
    form = forms.CorrectionForm(request.POST or None, initial=initial) if can_manage else None
    warnings, status = False, 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                ratings.rating_correct(
                    actor=request.user,
                    rating=rating,
                    score=data["score"],
                    level=data["level"],
                    reason=data["reason"],
                    confirm_warnings=data["confirm"],
                )
            except ratings.NeedsConfirmation as exc:
                warnings, status = True, 400
                form_errors_from(form, exc)
            except ValidationError as exc:
                status = 400
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Đã sửa xếp loại."))
                return redirect("party:rating_entry", code=rating.org_unit.code, year=rating.year)
        else:
            status = 400
    return render(
        request,
        "party/rating_correct.html",
        {
            "rating": rating,
            "changes": list(rating.changes.all()),
            "form": form,
            "warnings": warnings,
            "rules": _year_rules(rating.year),
        },
        status=status,
    )


# --- meetings --------------------------------------------------------------------------------


@login_required
def meeting_overview(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    cells = list(selectors.cells_in(request.user, unit))
    last = {}
    for m in (
        rsel.visible_meetings(request.user)
        .filter(org_unit__path__startswith=unit.path, kind=MeetingKind.REGULAR)
        .order_by("held_on")
    ):
        last[m.org_unit_id] = m.held_on
    today = timezone.localdate()
    keys = ("cell_regular_meeting_months", "cell_thematic_meeting_months")
    return render(
        request,
        "party/meetings.html",
        {
            "unit": unit,
            "rows": [(c, last.get(c.org_unit_id)) for c in cells],
            "late": rsel.late_cells(request.user, unit),
            "month": rsel.last_complete_month(),
            "rules": [r for r in (rules.rule_or_none(k, today) for k in keys) if r],
        },
    )


@login_required
def cell_meetings(request, code: str):
    access.require(request.user, perms.VIEW)
    cell = selectors.cell_or_404(request.user, code)
    return render(
        request,
        "party/cell_meetings.html",
        {
            "cell": cell,
            "meetings": rsel.meetings_of(request.user, cell)[:240],
            "can_manage": selectors.can_manage(request.user, cell),
        },
    )


def _day(value: str | None) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


@login_required
def meeting_record(request, code: str):
    access.require(request.user, perms.MANAGE)
    cell = selectors.cell_or_404(request.user, code)
    _manager(request, cell)
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    day = _day(source.get("held_on") or source.get("ngay")) or today
    day = min(day, today)
    members = rsel.roll_on(cell.org_unit, day)
    initial = {"held_on": day, "kind": MeetingKind.REGULAR}
    form = forms.MeetingForm(request.POST or None, members=members, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = meetings.meeting_record(
                    actor=request.user,
                    cell=cell,
                    kind=data["kind"],
                    held_on=data["held_on"],
                    content=data["content"],
                    resolution=data["resolution"],
                    attendance=form.attendance(),
                )
            except ValidationError as exc:
                status = 400
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Đã ghi buổi sinh hoạt chi bộ."))
                return redirect("party:meeting", pk=meeting.pk)
        else:
            status = 400
    return render(
        request,
        "party/meeting_record.html",
        {"cell": cell, "form": form, "day": day},
        status=status,
    )


@login_required
def meeting_detail(request, pk: int):
    access.require(request.user, perms.VIEW)
    meeting = rsel.meeting_or_404(request.user, pk)
    return render(
        request,
        "party/meeting.html",
        {
            "meeting": meeting,
            "cell": getattr(meeting.org_unit, "party_cell", None),
            "attendance": rsel.attendance_of(meeting),
        },
    )
