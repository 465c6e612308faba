"""Pages of the targets module: the dashboard, one target's drill-down, value entry,
approval and the exports. Thin: parse, authorize, call a selector or service, render."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xaso.core import access
from xaso.core.models import OrgUnit
from xaso.core.views import flash_errors, form_errors_from
from xaso.targets import charts, exports, selectors, services
from xaso.targets import permissions as perms
from xaso.targets.forms import (
    MeasureForm,
    PeriodForm,
    ResolutionForm,
    TargetForm,
    ValidationRuleForm,
    ValuesForm,
    field_names,
)
from xaso.targets.models import (
    DataValue,
    Measure,
    Resolution,
    Target,
    TargetGroup,
    ValidationRule,
)


def _unit(request, permission: str) -> OrgUnit:
    """The unit asked for (``?don_vi=CODE``) or the user's own; 404 outside their scope."""
    code = request.GET.get("don_vi") or request.POST.get("don_vi")
    unit = access.unit_or_404(request.user, permission, code)
    if unit is None:
        raise Http404
    return unit


def _resolution(unit: OrgUnit):
    resolution = selectors.resolution_for(unit)
    if resolution is None:
        raise Http404(_("Đơn vị này chưa có nghị quyết."))
    return resolution


def _units_for_picker(request, permission: str, resolution) -> list[OrgUnit]:
    commune = resolution.org_unit
    units = [commune, *selectors.villages_of(commune)]
    return [u for u in units if access.allowed(request.user, permission, u)]


@login_required
def dashboard(request):
    unit = _unit(request, perms.VIEW)
    resolution = _resolution(unit)
    asked = request.GET.get("nam", "")
    until = int(asked) if asked.isascii() and asked.isdigit() and len(asked) == 4 else None
    if until not in resolution.years:
        until = None
    groups = selectors.evaluate_targets(resolution, unit, until=until)
    wanted = request.GET.get("tinh_trang", "")
    if wanted not in selectors.STATUS_FILTERS:
        wanted = ""
    shown = [
        selectors.GroupRow(
            group=g.group, targets=[t for t in g.targets if selectors.target_matches(t, wanted)]
        )
        for g in groups
    ]
    return render(
        request,
        "targets/dashboard.html",
        {
            "resolution": resolution,
            "unit": unit,
            "groups": [g for g in shown if g.targets],
            "cards": selectors.status_cards(groups),
            "total": sum(len(g.targets) for g in groups),
            "at_risk": selectors.at_risk_targets(groups),
            "wanted": wanted,
            "shown_count": sum(len(g.targets) for g in shown),
            "until": until,
            "units": _units_for_picker(request, perms.VIEW, resolution),
            "years": selectors.years_until(resolution, until),
            "all_years": resolution.years,
            "today": timezone.localdate(),
            "demo": any(t.demo for g in groups for t in g.targets),
        },
    )


@login_required
def target_detail(request, group: str, number: int):
    unit = _unit(request, perms.VIEW)
    resolution = _resolution(unit)
    target = get_object_or_404(
        Target, group__resolution=resolution, group__code=group, number=number
    )
    villages = selectors.villages_of(unit)
    [group_row] = selectors.evaluate_targets(resolution, unit, targets=[target], villages=villages)
    row = group_row.targets[0]
    asked = request.GET.get("nam", "")
    year = (
        int(asked)
        if re.fullmatch(r"[0-9]{4}", asked)
        and resolution.baseline_year <= int(asked) <= resolution.term_end
        else _latest_year(row, resolution)
    )
    measures = []
    for m in row.measures:
        breakdown = (
            selectors.village_breakdown(resolution, m.measure, villages)
            if unit.kind == OrgUnit.Kind.COMMUNE
            and selectors.entered_per_village(m.measure)
            and not m.measure.is_computed
            else []
        )
        per_village = [
            (v, e.periods[resolution.years.index(year)])
            for v, e in breakdown
            if year in resolution.years
        ]
        measures.append(
            {
                "row": m,
                "chart": charts.measure_chart(m, resolution),
                "breakdown": per_village,
                "village_chart": charts.village_chart(m, per_village, year)
                if per_village
                else None,
            }
        )
    return render(
        request,
        "targets/target_detail.html",
        {
            "resolution": resolution,
            "unit": unit,
            "target": target,
            "row": row,
            "measures": measures,
            "year": year,
            "years": resolution.years,
        },
    )


def _latest_year(row, resolution) -> int:
    years = [m.evaluation.latest.year for m in row.measures if m.evaluation.latest]
    return (
        max(years)
        if years
        else min(max(resolution.years[0], timezone.localdate().year), resolution.years[-1])
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry(request):
    unit = _unit(request, perms.ENTER)
    resolution = _resolution(unit)
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    period = PeriodForm(
        source if "year" in source else None,
        initial={"year": min(today.year, resolution.term_end), "quarter": 0},
    )
    year, quarter = period.initial["year"], 0
    if period.is_bound and period.is_valid():
        year, quarter = period.cleaned_data["year"], period.cleaned_data["quarter"]
    measures = selectors.measures_for_entry(request.user, resolution, unit)
    current = {
        v.measure_id: v
        for v in DataValue.objects.filter(
            measure__in=measures, org_unit=unit, year=year, quarter=quarter
        )
    }
    previous = {
        v.measure_id: v
        for v in DataValue.objects.filter(
            measure__in=measures, org_unit=unit, year=year - 1, quarter=quarter
        )
    }
    form = ValuesForm(
        request.POST if request.method == "POST" else None,
        measures=measures,
        initial_values=current,
    )
    warnings = False
    status = 200
    if request.method == "POST" and period.is_valid() and form.is_valid():
        submit = request.POST.get("action", "save") == "submit"
        save = services.values_enter_and_submit if submit else services.values_enter
        try:
            saved = save(
                actor=request.user,
                org_unit=unit,
                year=year,
                quarter=quarter,
                entries=[
                    services.Entry(measure=m, comment=comment, **numbers)
                    for m, numbers, comment in form.filled()
                ],
                confirm_warnings=form.cleaned_data["confirm"],
            )
            if submit:
                messages.success(
                    request, _("Đã lưu và gửi duyệt %(n)s số liệu.") % {"n": len(saved)}
                )
            else:
                messages.success(request, _("Đã lưu %(n)s số liệu.") % {"n": len(saved)})
            return redirect(
                f"{reverse('targets:entry')}?don_vi={unit.code}&year={year}&quarter={quarter}"
            )
        except services.NeedsConfirmation as exc:
            warnings = True
            status = 400
            form_errors_from(form, exc)
        except ValidationError as exc:
            status = 400
            form_errors_from(form, exc)
    elif request.method == "POST":
        status = 400
    rows = [
        {
            "measure": m,
            "fields": [form[name] for name in field_names(m)],
            "comment": form[f"{m.code}.comment"],
            "current": current.get(m.pk),
            "previous": previous.get(m.pk),
        }
        for m in measures
    ]
    return render(
        request,
        "targets/entry.html",
        {
            "resolution": resolution,
            "unit": unit,
            "period": period,
            "form": form,
            "rows": rows,
            "year": year,
            "quarter": quarter,
            "warnings": warnings,
            "units": _units_for_picker(request, perms.ENTER, resolution),
            "submittable": [v for v in current.values() if v.status == DataValue.Status.ENTERED],
        },
        status=status,
    )


@login_required
@require_POST
def submit(request):
    unit = _unit(request, perms.ENTER)
    year, quarter = int(request.POST["year"]), int(request.POST.get("quarter", 0))
    values = list(
        DataValue.objects.filter(
            org_unit=unit,
            year=year,
            quarter=quarter,
            status=DataValue.Status.ENTERED,
            pk__in=request.POST.getlist("value"),
        )
    )
    count = services.values_submit(actor=request.user, values=values)
    messages.success(request, _("Đã gửi duyệt %(n)s số liệu.") % {"n": count})
    return redirect(f"{reverse('targets:entry')}?don_vi={unit.code}&year={year}&quarter={quarter}")


@login_required
@require_http_methods(["GET", "POST"])
def approval(request):
    unit = _unit(request, perms.APPROVE)
    resolution = _resolution(unit)
    scope = access.scope(
        request.user,
        perms.APPROVE,
        DataValue.objects.filter(measure__target__group__resolution=resolution),
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                chosen = list(
                    scope.filter(pk__in=request.POST.getlist("value")).select_related(
                        "measure", "org_unit"
                    )
                )
                count = services.values_approve(actor=request.user, values=chosen)
                messages.success(request, _("Đã duyệt %(n)s số liệu.") % {"n": count})
            elif action == "reopen":
                value = get_object_or_404(scope, pk=request.POST.get("value"))
                services.value_reopen(
                    actor=request.user, value=value, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Đã mở lại số liệu để sửa."))
            return redirect(f"{reverse('targets:approval')}?don_vi={unit.code}")
        except ValidationError as exc:
            status = 400
            flash_errors(request, exc, {"reason": _("Lý do mở lại")})
    pending = (
        scope.filter(status=DataValue.Status.SUBMITTED)
        .select_related("measure__target__group", "org_unit", "entered_by")
        .order_by("year", "quarter", "measure__target__group__number", "measure__target__number")
    )
    approved = (
        scope.filter(status=DataValue.Status.APPROVED)
        .select_related("measure__target__group", "org_unit", "approved_by")
        .order_by("-approved_at")[:50]
    )
    return render(
        request,
        "targets/approval.html",
        {
            "resolution": resolution,
            "unit": unit,
            "pending": pending,
            "approved": approved,
        },
        status=status,
    )


@login_required
def export(request, fmt: str):
    unit = _unit(request, perms.VIEW)
    resolution = _resolution(unit)
    groups = selectors.evaluate_targets(resolution, unit)
    today = timezone.localdate()
    name = f"chi-tieu-{unit.code}-{today:%Y%m%d}"
    if fmt == "xlsx":
        body = exports.targets_xlsx(resolution, unit, groups, today=today)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.targets_docx(resolution, unit, groups, today=today)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- definitions (the administrator) -------------------------------------------------


def _manage_unit(request) -> OrgUnit:
    unit = _unit(request, perms.MANAGE)
    access.require(request.user, perms.MANAGE, unit)
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def definitions(request):
    """The resolution's definitions, or — for a commune without one — a form to enter it."""
    unit = _manage_unit(request)
    resolution = selectors.resolution_for(unit)
    if resolution is None:
        form = ResolutionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.definition_save(
                    actor=request.user, obj=Resolution(org_unit=unit), changes=form.cleaned_data
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Đã tạo nghị quyết; hãy thêm các chỉ tiêu."))
                return redirect(f"{reverse('targets:definitions')}?don_vi={unit.code}")
        return render(
            request,
            "targets/definitions.html",
            {"unit": unit, "form": form},
            status=400 if form.errors else 200,
        )
    groups = resolution.groups.prefetch_related("targets__measures")
    return render(
        request,
        "targets/definitions.html",
        {
            "unit": unit,
            "resolution": resolution,
            "groups": groups,
            "rules": resolution.rules.all(),
        },
    )


def _definition_page(request, *, obj, form_class, title: str, unit: OrgUnit, **form_kwargs):
    # The form edits its own copy: ModelForm writes cleaned data into its instance, and the
    # service must see the object as it was to log "before".
    copy = type(obj).objects.get(pk=obj.pk) if obj.pk else None
    form = form_class(request.POST or None, instance=copy, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.definition_save(actor=request.user, obj=obj, changes=changes)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu. Thay đổi được ghi vào nhật ký."))
            return redirect(f"{reverse('targets:definitions')}?don_vi={unit.code}")
    return render(
        request,
        "targets/definition_form.html",
        {
            "form": form,
            "title": title,
            "unit": unit,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk: int):
    target = get_object_or_404(Target.objects.select_related("group__resolution__org_unit"), pk=pk)
    access.require(request.user, perms.MANAGE, target.org_unit)
    return _definition_page(
        request,
        obj=target,
        form_class=TargetForm,
        unit=target.org_unit,
        title=_("Sửa chỉ tiêu (%(n)s) %(name)s") % {"n": target.number, "name": target.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_add(request, group_pk: int):
    group = get_object_or_404(
        TargetGroup.objects.select_related("resolution__org_unit"), pk=group_pk
    )
    access.require(request.user, perms.MANAGE, group.resolution.org_unit)
    return _definition_page(
        request,
        obj=Target(group=group),
        form_class=TargetForm,
        unit=group.resolution.org_unit,
        title=_("Thêm chỉ tiêu vào nhóm: %(g)s") % {"g": group.name},
    )


def _offices(unit: OrgUnit):
    return OrgUnit.objects.filter(path__startswith=unit.path)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int):
    measure = get_object_or_404(
        Measure.objects.select_related("target__group__resolution__org_unit"), pk=pk
    )
    unit = measure.org_unit
    access.require(request.user, perms.MANAGE, unit)
    return _definition_page(
        request,
        obj=measure,
        form_class=MeasureForm,
        unit=unit,
        offices=_offices(unit),
        title=_("Sửa thành phần %(code)s") % {"code": measure.code},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, target_pk: int):
    target = get_object_or_404(
        Target.objects.select_related("group__resolution__org_unit"), pk=target_pk
    )
    unit = target.org_unit
    access.require(request.user, perms.MANAGE, unit)
    return _definition_page(
        request,
        obj=Measure(target=target),
        form_class=MeasureForm,
        unit=unit,
        offices=_offices(unit),
        title=_("Thêm thành phần cho chỉ tiêu (%(n)s)") % {"n": target.number},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int):
    rule = get_object_or_404(ValidationRule.objects.select_related("resolution__org_unit"), pk=pk)
    unit = rule.resolution.org_unit
    access.require(request.user, perms.MANAGE, unit)
    return _definition_page(
        request,
        obj=rule,
        form_class=ValidationRuleForm,
        unit=unit,
        title=_("Sửa quy tắc kiểm tra: %(r)s") % {"r": rule.get_kind_display()},
    )
