"""The desk and the specialist's pages: queues, intake, one dossier and its actions,
forms to print, statistics, the catalogue. Thin: parse, authorize, call, render."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from xaso.core import access
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.views import flash_errors, form_errors_from
from xaso.onestop import indicators, selectors, services
from xaso.onestop import permissions as perms
from xaso.onestop.forms import (
    ActionForm,
    IntakeForm,
    PaymentForm,
    PeriodForm,
    ProcedureChoiceForm,
    ProvinceFeeForm,
    QueueFilterForm,
    RescheduleForm,
    UnitForm,
)
from xaso.onestop.models import Dossier, DossierDocument, Procedure, ProvinceFee, Status


@login_required
def queue(request):
    access.require(request.user, perms.VIEW)
    name = request.GET.get("hang", "today")
    if name not in selectors.QUEUES:
        name = "today"
    now = timezone.now()
    unit = access.home_unit(request.user)
    calendar = calendar_for(unit)
    # A search by code, ID number or name looks through every dossier, not one tab.
    base = (
        selectors.visible_dossiers(request.user).order_by(*selectors.NEWEST)
        if request.GET.get("q", "").strip()
        else selectors.queue(request.user, name, now=now, calendar=calendar)
    )
    status = request.GET.get("trang_thai", "")
    dossiers = selectors.search(
        base,
        user=request.user,
        text=request.GET.get("q", ""),
        field=request.GET.get("linh_vuc", ""),
        status=_small_int(status) if _small_int(status) in Status.values else None,
        village=request.GET.get("ban", ""),
    )
    page = Paginator(dossiers, 50).get_page(request.GET.get("page"))
    rows = [
        (d, selectors.clock(d, calendar, now), selectors.STATUS_COLOURS.get(d.status, "grey"))
        for d in page
    ]
    counts = {
        key: selectors.queue(request.user, key, now=now, calendar=calendar).count()
        for key in ("today", "due_soon", "overdue", "citizen", "new_online", "results")
    }
    return render(
        request,
        "onestop/queue.html",
        {
            "queues": selectors.QUEUES,
            "current": name,
            "page": page,
            "rows": rows,
            "counts": counts,
            "filters": QueueFilterForm(
                request.GET,
                fields=Procedure.objects.values_list("field", flat=True)
                .distinct()
                .order_by("field"),
                statuses=Status.choices,
                villages=_villages(request.user),
            ),
            "show_personal": access.allowed(request.user, perms.VIEW_PERSONAL),
            "can_intake": selectors.can_intake(request.user),
            "q": request.GET,
        },
    )


def _villages(user: User):
    return access.scope_units(user, perms.VIEW).filter(
        kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True
    )


def _center(request) -> OrgUnit:
    centers = selectors.service_centers(request.user, perms.RECEIVE)
    code = request.GET.get("don_vi") or request.POST.get("don_vi")
    center = centers.filter(code=code).first() if code else centers.first()
    if center is None:
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận hồ sơ ở trung tâm nào."))
    return center


@login_required
@require_http_methods(["GET", "POST"])
def intake(request):
    access.require(request.user, perms.RECEIVE)
    center = _center(request)
    procedures = Procedure.objects.filter(active=True)
    chooser = ProcedureChoiceForm(request.GET or None, procedures=procedures)
    code = request.POST.get("thu_tuc") or (
        chooser.is_valid() and chooser.cleaned_data["thu_tuc"].code
    )
    if not code:
        return render(request, "onestop/intake_choose.html", {"chooser": chooser, "center": center})
    procedure = get_object_or_404(procedures, code=code)
    form = IntakeForm(
        request.POST or None,
        request.FILES or None,
        procedure=procedure,
        villages=_villages(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [
            services.Upload(requirement, data[name], digitised=data["documents_digitised"])
            for name, requirement in form.document_names
            if data.get(name)
        ]
        try:
            dossier = services.dossier_intake(
                actor=request.user,
                org_unit=center,
                procedure=procedure,
                channel=data["channel"],
                uploads=uploads,
                pages=data.get("pages") or 0,
                copies=data.get("copies") or 1,
                exemption=data.get("fee_exemption", ""),
                idempotency_key=request.POST.get("idempotency_key") or None,
                applicant=services.Applicant(
                    name=data["applicant_name"],
                    id_number=data["applicant_id_number"],
                    birth_date=data["applicant_birth_date"],
                    address=data["applicant_address"],
                    village=data["applicant_village"],
                    phone=data["applicant_phone"],
                    email=data["applicant_email"],
                    on_behalf_of=data["on_behalf_of"],
                ),
            )
            if data.get("pay_now") and dossier.fee_amount and dossier.paid_at is None:
                services.dossier_pay(actor=request.user, dossier=dossier, method=data["pay_now"])
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Đã tiếp nhận hồ sơ %(code)s. In giấy tiếp nhận và "
                    "hẹn trả kết quả (mẫu 01) cho công dân."
                )
                % {"code": dossier.code},
            )
            return redirect("onestop:detail", code=dossier.code)
    return render(
        request,
        "onestop/intake.html",
        {
            "form": form,
            "procedure": procedure,
            "center": center,
            "idempotency_key": request.POST.get("idempotency_key") or secrets.token_urlsafe(16),
        },
        status=400 if form.errors else 200,
    )


def _dossier(request, code: str) -> Dossier:
    dossier = selectors.dossier_for(request.user, code)
    if dossier is None:
        raise Http404
    return dossier


@login_required
def detail(request, code: str):
    dossier = _dossier(request, code)
    now = timezone.now()
    calendar = calendar_for(dossier.org_unit)
    clock = selectors.clock(dossier, calendar, now)
    actions = services.allowed_actions(request.user, dossier)
    specialists = list(selectors.specialists_for(dossier)) if "transfer" in actions else []
    # A step the role allows but the dossier is not ready for is named with the reason,
    # not offered as a button that would be refused.
    waiting = {}
    if "return_result" in actions and (refusal := selectors.return_refusal(dossier)):
        waiting["return_result"] = refusal
    if "transfer" in actions and not specialists:
        waiting["transfer"] = _("Chưa có công chức nào có quyền xử lý hồ sơ của thủ tục này.")
    forms = [
        (services.ACTION_LABELS[action], ActionForm(action, specialists=specialists))
        for action in actions
        if action not in waiting
    ]
    return render(
        request,
        "onestop/detail.html",
        {
            "dossier": dossier,
            "clock": clock,
            "status_colour": selectors.STATUS_COLOURS.get(dossier.status, "grey"),
            "due_provisional": selectors.due_is_provisional(dossier, calendar),
            "action_forms": forms,
            "waiting": [(services.ACTION_LABELS[a], reason) for a, reason in waiting.items()],
            "history": selectors.history(dossier, services.ACTION_LABELS),
            "documents": dossier.documents.all(),
            "show_personal": selectors.can_view_personal(request.user, dossier),
            "papers": selectors.papers(request.user, dossier, clock),
            "can_pay": selectors.can_pay(request.user, dossier),
            "payment_form": PaymentForm(),
            "reschedule_form": RescheduleForm(
                initial={"new_due": selectors.suggested_new_due(dossier, calendar)}
            ),
            "can_reschedule": selectors.can_reschedule(request.user, dossier),
        },
    )


#: The inputs of the dossier's action forms, named as the page names them.
ACT_LABELS = {
    "note": gettext_lazy("Nội dung / lý do"),
    "assignee": gettext_lazy("Chuyển cho"),
    "result": gettext_lazy("Bản số hóa kết quả"),
    "return_method": gettext_lazy("Hình thức trả kết quả"),
    "amount": gettext_lazy("Số tiền phải nộp (đồng)"),
    "payment_method": gettext_lazy("Hình thức nộp phí"),
    "new_due": gettext_lazy("Ngày hẹn trả mới"),
    "reason": gettext_lazy("Lý do chậm trả kết quả"),
}


@login_required
@require_POST
def act(request, code: str, action: str):
    dossier = _dossier(request, code)
    try:
        if action == "pay":
            form = PaymentForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors)
            services.dossier_pay(
                actor=request.user, dossier=dossier, method=form.cleaned_data["payment_method"]
            )
        elif action == "reschedule":
            form = RescheduleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors)
            services.dossier_reschedule(
                actor=request.user,
                dossier=dossier,
                new_due=form.cleaned_data["new_due"],
                reason=form.cleaned_data["reason"],
            )
        else:
            result = request.FILES.get("result")
            # Plain ASCII digits of a sane length: "²" passes str.isdigit() but not int(),
            # and 20 digits overflow the database's integers.
            assignee_id = _small_int(request.POST.get("assignee", ""))
            assignee = User.objects.filter(pk=assignee_id).first() if assignee_id else None
            amount = _amount(request.POST.get("amount", ""))
            services.dossier_transition(
                actor=request.user,
                dossier=dossier,
                action=action,
                note=request.POST.get("note", ""),
                assignee=assignee,
                result=services.Upload(_("Kết quả giải quyết"), result) if result else None,
                return_method=request.POST.get("return_method", ""),
                amount=amount,
            )
    except ValidationError as exc:
        flash_errors(request, exc, ACT_LABELS)
        return redirect("onestop:detail", code=code)
    label = services.ACTION_LABELS.get(action, action)
    messages.success(request, _("Đã %(action)s hồ sơ %(code)s.") % {"action": label, "code": code})
    return redirect("onestop:detail", code=code)


@login_required
def document(request, code: str, pk: int):
    """A scan of the dossier — personal data: only for those who need it."""
    dossier = _dossier(request, code)
    access.require(request.user, perms.VIEW_PERSONAL, dossier)
    doc = get_object_or_404(DossierDocument, pk=pk, dossier=dossier)
    if not doc.file:
        raise Http404
    response = FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=False,
        filename=doc.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@login_required
def paper(request, code: str, number: int):
    """Forms 01–05 as PDF. Form 04 before a reschedule is the draft apology with the
    suggested new date (one working day later), for the officer to check and send."""
    from xaso.onestop import paper as forms_pdf

    dossier = _dossier(request, code)
    access.require(request.user, perms.VIEW_PERSONAL, dossier)
    if number not in (1, 2, 3, 4, 5):
        raise Http404
    extra = {}
    if number == 4 and dossier.rescheduled_from is None and dossier.due_at:
        extra = {
            "new_due": selectors.suggested_new_due(dossier),
            # Form 04 is an official Vietnamese document: its placeholder stays Vietnamese.
            "reason": request.GET.get("ly_do") or "(ghi lý do chậm trả kết quả)",
        }
    try:
        body = forms_pdf.form_pdf(
            dossier,
            number,
            lookup_url=request.build_absolute_uri(forms_pdf.lookup_path(dossier)),
            **extra,
        )
    except forms_pdf.PaperError as exc:
        messages.error(request, str(exc))
        return redirect("onestop:detail", code=code)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-mau-{number:02d}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _period(request) -> tuple[PeriodForm, dt.date, dt.date]:
    today = timezone.localdate()
    form = PeriodForm(
        request.GET if "start" in request.GET else None,
        initial={"start": today.replace(month=1, day=1), "end": today},
    )
    start, end = today.replace(month=1, day=1), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


def _amount(raw: str) -> int | None:
    """A sum of đồng as the desk types it — "16000", "16.000" or "16 000" — else a
    refusal naming the field; None when left empty (the service asks for it)."""
    digits = re.sub(r"[.\s\u00a0]", "", raw or "")
    if not digits:
        return None
    if not re.fullmatch(r"[0-9]{1,15}", digits):
        raise ValidationError({"amount": _("Hãy nhập số đồng, ví dụ 16.000.")})
    return int(digits)


def _small_int(raw: str) -> int | None:
    """A whole number typed in a form: ASCII digits, at most 12 of them; else None."""
    return int(raw) if re.fullmatch(r"[0-9]{1,12}", raw or "") else None


def _report_unit(request) -> OrgUnit | None:
    """The unit a statistics page or register reports on: ``?don_vi=`` when the user may
    see it (404 otherwise), else the user's own; None when the user has none (an
    installation operator) — the page then asks for one."""
    return access.unit_or_404(request.user, perms.VIEW, request.GET.get("don_vi", ""))


@login_required
def statistics(request):
    access.require(request.user, perms.VIEW)
    unit = _report_unit(request)
    form, start, end = _period(request)
    if unit is None:
        return render(
            request,
            "onestop/statistics.html",
            {
                "form": form,
                "unit": None,
                "unit_form": UnitForm(units=selectors.reporting_units(request.user)),
            },
            status=400 if form.errors else 200,
        )
    stats = indicators.statistics(unit, start, end)
    if request.GET.get("xuat") == "xlsx":
        from xaso.onestop import statistics_export

        body = statistics_export.statistics_xlsx(stats, unit=unit)
        response = HttpResponse(
            body, content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
        response["Content-Disposition"] = (
            f'attachment; filename="thong-ke-mot-cua-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
        )
        return response
    return render(
        request,
        "onestop/statistics.html",
        {
            "form": form,
            "stats": stats,
            "unit": unit,
            "start": start,
            "end": end,
            "indicators": indicators.indicators_766(unit, start, end, stats=stats),
            "unit_form": UnitForm(units=selectors.reporting_units(request.user), unit=unit),
            "can_register": selectors.can_view_personal(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def register(request, fmt: str):
    """Sổ theo dõi hồ sơ (form 06) for a period, as PDF or XLSX."""
    from xaso.onestop import paper as forms_pdf

    access.require(request.user, perms.VIEW_PERSONAL)
    unit = _report_unit(request)
    if unit is None:
        return render(
            request,
            "core/error.html",
            {"message": _("Hãy chọn đơn vị (tham số don_vi) để in sổ theo dõi hồ sơ.")},
            status=400,
        )
    _form, start, end = _period(request)
    dossiers = (
        selectors.visible_dossiers(request.user)
        .filter(org_unit__path__startswith=unit.path)
        .filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
        .order_by("submitted_at")
    )
    if fmt == "xlsx":
        body = forms_pdf.register_xlsx(dossiers, unit=unit, start=start, end=end)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = forms_pdf.register_pdf(dossiers, unit=unit, start=start, end=end)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="so-theo-doi-{start:%Y%m%d}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def catalogue(request):
    access.require(request.user, perms.VIEW)
    return render(
        request,
        "onestop/catalogue.html",
        {
            "procedures": Procedure.objects.all(),
            "can_manage": access.allowed(request.user, perms.MANAGE_CATALOGUE)
            or request.user.is_superuser,
            "can_set_fees": bool(selectors.fee_settable_provinces(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def province_fees(request):
    """The fees each province's People's Council sets (Circular 85/2019/TT-BTC), entered by
    the installation's or the province's administrator."""
    provinces = selectors.fee_settable_provinces(request.user)
    if not provinces:
        raise PermissionDenied(
            _("Chỉ quản trị hệ thống hoặc quản trị của tỉnh nhập mức thu của tỉnh.")
        )
    procedures = Procedure.objects.filter(fee_rule__type="province").order_by("field", "name")
    form = ProvinceFeeForm(request.POST or None, provinces=provinces, procedures=procedures)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.province_fee_set(
                actor=request.user,
                province=data["tinh"],
                procedure=data["thu_tuc"],
                amount=data["amount"],
                legal_basis=data["legal_basis"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc, {"procedure": "thu_tuc", "province": "tinh"})
        else:
            messages.success(
                request,
                _("Đã nhập mức thu của %(province)s cho thủ tục %(code)s.")
                % {"province": data["tinh"].display_name, "code": data["thu_tuc"].code},
            )
            return redirect("onestop:province_fees")
    # What the catalogue says of each (selectors.fee_lines), and who entered it when.
    entered = {
        (f.province_id, f.procedure_id): f
        for f in ProvinceFee.objects.filter(province__in=provinces).select_related("set_by")
    }
    rows = sorted(
        (
            {
                "procedure": procedure,
                "line": line,
                "fee": entered.get((line.province.pk, procedure.pk)),
            }
            for procedure in procedures
            for line in selectors.fee_lines(procedure, provinces)
        ),
        key=lambda row: provinces.index(row["line"].province),
    )
    return render(
        request,
        "onestop/province_fees.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )
