"""Calendar pages: the working year of an office with its days off (each with the notice
or law behind it, the provisional ones marked), deadlines, the lunar converter, yearly
notices and single-day overrides, office hours. Thin: parse, authorize, call a service
or selector, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaso.core import access, selectors, services
from xaso.core.forms import (
    HOLIDAY_GROUP_LABELS,
    CalendarOverrideForm,
    DeadlineForm,
    HolidayNoticeForm,
    LunarDateForm,
    OfficeScheduleForm,
)
from xaso.core.holidays import DECIDED_YEARLY
from xaso.core.lunar import InvalidLunarDate, lunar_to_solar, solar_to_lunar
from xaso.core.models import CalendarOverride, OrgUnit
from xaso.core.views import form_errors_from


def _calendar_office(request) -> OrgUnit | None:
    code = request.GET.get("don_vi") or request.POST.get("don_vi")
    return access.unit_or_404(request.user, access.VIEW_CALENDAR, code)


@login_required
def calendar_year(request):
    access.require(request.user, access.VIEW_CALENDAR)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
        if not 1900 <= year <= 2199:
            raise ValueError
    except ValueError:
        return render(
            request,
            "core/error.html",
            {"message": _("Năm không hợp lệ: hãy nhập một năm từ 1900 đến 2199.")},
            status=400,
        )
    office = _calendar_office(request)
    calendar = selectors.calendar_for(office)
    months = calendar_months(calendar, year)
    overrides = selectors.calendar_overrides(office, year)
    can_manage = office is not None and access.allowed(request.user, access.MANAGE_CALENDAR, office)
    deadline_form = DeadlineForm(request.GET if "start" in request.GET else None)
    due, due_provisional = None, False
    if deadline_form.is_bound and deadline_form.is_valid():
        due = calendar.add_working_days(
            deadline_form.cleaned_data["start"],
            deadline_form.cleaned_data["days"],
            cutoff=deadline_form.cleaned_data["cutoff"],
        )
        due_provisional = bool(
            calendar.provisional_between(deadline_form.cleaned_data["start"], due)
        )
    lunar_form = LunarDateForm(request.GET if "lunar" in request.GET else None)
    lunar_result = None
    if lunar_form.is_bound and lunar_form.is_valid():
        lunar_result, lunar_error = _convert_lunar(
            lunar_form.cleaned_data["lunar"], lunar_form.cleaned_data["leap"]
        )
        if lunar_error:
            lunar_form.add_error("lunar", lunar_error)
    # An override can be removed only by who may manage the calendar of its own unit
    # (services.calendar_override_delete): nationwide ones and those of a unit above the
    # office are shown without the button.
    deletable = {
        o.pk
        for o in overrides
        if o.org_unit is not None
        and access.allowed(request.user, access.MANAGE_CALENDAR, o.org_unit)
    }
    return render(
        request,
        "core/calendar.html",
        {
            "lunar_result": lunar_result,
            "lunar_form": lunar_form,
            "deletable": deletable,
            "year": year,
            "office": office,
            "months": months,
            "days_off": calendar.days_off(year),
            "working_weekend_days": calendar.working_weekend_days(year),
            "overrides": overrides,
            "can_manage": can_manage,
            "override_form": CalendarOverrideForm(),
            "notice_form": HolidayNoticeForm(
                initial={"year": year}, nationwide=request.user.is_superuser
            ),
            "notices": selectors.holiday_notices(office, year),
            "undecided": [
                HOLIDAY_GROUP_LABELS[g]
                for g in sorted(DECIDED_YEARLY - calendar.covered.get(year, set()))
            ],
            "deadline_form": deadline_form,
            "due": due,
            "due_provisional": due_provisional,
            "offices": access.scope_units(request.user, access.VIEW_CALENDAR).filter(
                kind__in=[OrgUnit.Kind.COMMUNE, OrgUnit.Kind.SERVICE_CENTER, OrgUnit.Kind.COMMITTEE]
            ),
            "schedule": calendar.schedule,
        },
    )


def _convert_lunar(raw: str, leap: bool) -> tuple[dt.date | None, str]:
    """The solar date of a lunar "dd/mm/yyyy", or a Vietnamese reason it does not exist."""
    if not raw.strip():
        return None, ""
    try:
        day, month, year = (int(part) for part in raw.strip().split("/"))
    except ValueError:
        return None, _("Hãy nhập ngày âm lịch theo dạng dd/mm/yyyy, ví dụ 15/08/2026.")
    try:
        return lunar_to_solar(year, month, day, leap), ""
    except InvalidLunarDate as exc:
        return None, str(exc)


def calendar_months(calendar, year: int) -> list[dict]:
    """A year as 12 month grids (weeks of 7 cells, Monday first) with day status."""
    import calendar as pycal

    off = {d.date: d for d in calendar.days_off(year)}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                entry = off.get(day)
                cells.append(
                    {
                        "date": day,
                        "lunar": solar_to_lunar(day),
                        "working": calendar.is_working_day(day),
                        "reason": entry.reason if entry else "",
                        "weekend": day.weekday() >= 5,
                    }
                )
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


@login_required
@require_POST
def calendar_override_add(request):
    office = _calendar_office(request)
    if office is None:
        raise PermissionDenied
    access.require(request.user, access.MANAGE_CALENDAR, office)
    form = CalendarOverrideForm(request.POST)
    if form.is_valid():
        try:
            override = services.calendar_override_create(
                actor=request.user, org_unit=office, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu điều chỉnh lịch."))
            return redirect(f"{_calendar_url()}?year={override.date.year}&don_vi={office.code}")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Điều chỉnh lịch làm việc"),
            "back": office,
            "action": request.path,
            "hidden": {"don_vi": office.code},
        },
        status=400,
    )


@login_required
@require_POST
def calendar_override_delete(request, pk: int):
    override = get_object_or_404(CalendarOverride, pk=pk)
    if override.org_unit is not None and not access.allowed(
        request.user, access.VIEW_CALENDAR, override.org_unit
    ):
        raise Http404
    services.calendar_override_delete(actor=request.user, override=override)
    messages.success(request, _("Đã xóa điều chỉnh lịch."))
    office = f"&don_vi={override.org_unit.code}" if override.org_unit else ""
    return redirect(f"{_calendar_url()}?year={override.date.year}{office}")


@login_required
@require_http_methods(["GET", "POST"])
def office_schedule_edit(request, code: str):
    office = access.unit_or_404(request.user, access.VIEW_CALENDAR, code)
    access.require(request.user, access.MANAGE_CALENDAR, office)
    instance = getattr(office, "schedule", None) if hasattr(office, "schedule") else None
    form = OfficeScheduleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_schedule_set(actor=request.user, org_unit=office, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu giờ làm việc."))
            return redirect(f"{_calendar_url()}?don_vi={office.code}")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Giờ làm việc: %(name)s") % {"name": office.display_name},
            "back": office,
        },
        status=400 if request.method == "POST" else 200,
    )


def _calendar_url() -> str:
    from django.urls import reverse

    return reverse("core:calendar")


@login_required
@require_POST
def holiday_notice_add(request):
    """Enter a yearly notice; the page then says which open deadlines it moved."""
    office = _calendar_office(request)
    nationwide = request.user.is_superuser and request.POST.get("toan_quoc") == "1"
    scope = None if nationwide else office
    if scope is None and not nationwide:
        raise PermissionDenied
    form = HolidayNoticeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            notice, moved = services.holiday_notice_enter(
                actor=request.user,
                org_unit=scope,
                year=data["year"],
                covers=data["covers"],
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
                title=data["title"],
                confirmed=data["confirmed"],
                days_off=data["days_off"],
                working_days=data["working_days"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            codes = [code for app_codes in moved.values() for code in app_codes]
            message = _("Đã nhập thông báo %(n)s.") % {"n": notice.number}
            if codes:
                shown = ", ".join(codes[:20]) + ("…" if len(codes) > 20 else "")
                message += " " + _("Đã tính lại hạn của %(count)s hồ sơ, đơn thư: %(codes)s.") % {
                    "count": len(codes),
                    "codes": shown,
                }
            else:
                message += " " + _("Không có hạn giải quyết nào đang chạy phải tính lại.")
            messages.success(request, message)
            suffix = f"&don_vi={office.code}" if office else ""
            return redirect(f"{_calendar_url()}?year={notice.year}{suffix}")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Nhập thông báo lịch nghỉ lễ, Tết"),
            "back": office,
            "action": request.path,
            "hidden": {
                "don_vi": office.code if office else "",
                "toan_quoc": "1" if nationwide else "",
            },
        },
        status=400,
    )
