"""Admission pages: the list (by step, overdue first; "Việc quá hạn"), one admission
with its timeline in words and the form of each step the user may take, and the form
that starts one. Thin: authorize through ``selectors``, call ``admissions``, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xaso.core import access
from xaso.core.views import form_errors_from
from xaso.party import admissions, selectors
from xaso.party import forms as party_forms
from xaso.party import permissions as perms
from xaso.party.models import Stage


@login_required
def admission_list(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    overdue_only = request.GET.get("qua_han") == "1"
    stage = request.GET.get("buoc", "")
    overdue = list(selectors.overdue_admissions(request.user, unit))
    rows = overdue if overdue_only else selectors.admissions_in(request.user, unit, status=stage)
    today = timezone.localdate()
    return render(
        request,
        "party/admissions.html",
        {
            "unit": unit,
            "rows": [
                (a, admissions.WAITING.get(a.status, ""), admissions.is_overdue(a, today))
                for a in rows
            ],
            "stages": Stage.choices,
            "stage": stage,
            "overdue_only": overdue_only,
            "overdue_count": len(overdue),
            "can_start": selectors.can_manage(request.user, unit),
        },
    )


@login_required
def admission_detail(request, pk: int):
    access.require(request.user, perms.VIEW)
    adm = selectors.admission_or_404(request.user, pk)
    return _detail(request, adm)


def _detail(request, adm, failed=None):
    helpers = selectors.helper_choices(adm)
    labels = {
        **admissions.WORKFLOW.labels(),
        "start": _("Giới thiệu quần chúng cảm tình Đảng"),
        "record": _("Ghi quá trình kết nạp đã có"),
    }
    step_forms = []
    for action in selectors.admission_steps(request.user, adm):
        if failed is not None and failed.action == action:
            form = failed
        else:
            form = party_forms.AdmissionStepForm(action=action, helpers=helpers)
        step_forms.append((action, admissions.WORKFLOW.transitions[action].label, form))
    return render(
        request,
        "party/admission.html",
        {
            "adm": adm,
            "waiting": admissions.WAITING.get(adm.status, ""),
            "overdue": admissions.is_overdue(adm),
            "events": [(e, labels.get(e.action, "")) for e in selectors.admission_events(adm)],
            "step_forms": step_forms,
        },
        status=400 if failed is not None else 200,
    )


@login_required
@require_POST
def admission_step(request, pk: int, action: str):
    access.require(request.user, perms.MANAGE)
    adm = selectors.admission_or_404(request.user, pk)
    if action not in selectors.admission_steps(request.user, adm):
        raise PermissionDenied(_("Bạn không thực hiện được bước này lúc này."))
    form = party_forms.AdmissionStepForm(
        request.POST, action=action, helpers=selectors.helper_choices(adm)
    )
    if form.is_valid():
        try:
            admissions.take_step(
                actor=request.user, admission=adm, action=action, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("Đã ghi: %(s)s.") % {"s": admissions.WORKFLOW.transitions[action].label}
            )
            return redirect("party:admission", pk=adm.pk)
    return _detail(request, adm, failed=form)


@login_required
def admission_start(request):
    access.require(request.user, perms.MANAGE)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    cells = [
        c for c in selectors.cells_in(request.user, unit) if selectors.can_manage(request.user, c)
    ]
    form = party_forms.AdmissionStartForm(request.POST or None, cells=cells)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("cell")  # once: popped inside the search it failed past the first cell
        cell = next(c for c in cells if c.code == code)
        try:
            adm = admissions.start(actor=request.user, cell=cell.org_unit, **data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi quần chúng cảm tình Đảng."))
            return redirect("party:admission", pk=adm.pk)
    return render(request, "party/admission_start.html", {"form": form})
