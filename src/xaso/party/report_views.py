"""The Party office's tables and documents: the structure tables for a chosen day (page
and XLSX), the member list as XLSX, a member's file, an admission decision and an
introduction letter as PDF or DOCX. Readers as for member files (the Party office and
leaders; 403 for others, 404 for another commune's records); every document naming a
member is audited like the file."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access
from xaso.core.forms import DATE_WIDGET
from xaso.party import exports, papers, selectors, structure
from xaso.party import permissions as perms
from xaso.party.forms import DATE_FORMATS, DATE_HELP

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class DayForm(forms.Form):
    ngay = forms.DateField(
        label=gettext_lazy("Ngày thống kê"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        widget=DATE_WIDGET,
    )

    def clean_ngay(self):
        day = self.cleaned_data["ngay"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Ngày thống kê không được sau hôm nay."))
        return day


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _structure(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    form = DayForm(request.GET or None)
    day = (form.cleaned_data["ngay"] if form.is_valid() else None) or timezone.localdate()
    return unit, form, day


@login_required
def structure_page(request):
    unit, form, day = _structure(request)
    data = structure.structure(request.user, unit, day)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "party/structure.html",
        {"unit": unit, "form": form, "data": data, "day": day},
        status=status,
    )


@login_required
def structure_xlsx(request):
    unit, form, day = _structure(request)
    if form.is_bound and not form.is_valid():
        return structure_page(request)
    data = structure.structure(request.user, unit, day)
    content = exports.structure_xlsx(data, today=timezone.localdate())
    return _file(content, f"co-cau-dang-vien-{day:%Y%m%d}.xlsx", XLSX)


@login_required
def members_xlsx(request):
    access.require(request.user, perms.VIEW)
    unit = selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))
    rows = structure.member_rows(request.user, unit)
    selectors.document_viewed(request.user, unit, document=_("danh sách đảng viên (XLSX)"))
    today = timezone.localdate()
    content = exports.members_xlsx(rows, unit=unit, today=today)
    return _file(content, f"danh-sach-dang-vien-{today:%Y%m%d}.xlsx", XLSX)


def _render(paper: papers.Paper, fmt: str) -> HttpResponse:
    content = papers.pdf(paper) if fmt == "pdf" else papers.docx(paper)
    return _file(content, f"{paper.file_name}.{fmt}", TYPES[fmt])


def _format(fmt: str) -> str:
    if fmt not in TYPES:
        raise Http404
    return fmt


@login_required
def member_paper(request, pk: int, fmt: str):
    access.require(request.user, perms.VIEW)
    fmt = _format(fmt)
    label = _("sơ yếu thông tin đảng viên (%(f)s)") % {"f": fmt.upper()}
    member = selectors.member_file(request.user, pk, purpose=label)
    return _render(papers.member_file(member, today=timezone.localdate()), fmt)


@login_required
def admission_decision(request, pk: int, fmt: str):
    access.require(request.user, perms.VIEW)
    fmt = _format(fmt)
    adm = selectors.admission_or_404(request.user, pk)
    if adm.decision_on is None:
        raise Http404
    label = _("quyết định kết nạp đảng viên (%(f)s)") % {"f": fmt.upper()}
    selectors.document_viewed(request.user, adm, document=label)
    return _render(papers.admission_decision(adm), fmt)


@login_required
def transfer_letter(request, pk: int, transfer: int, fmt: str):
    access.require(request.user, perms.VIEW)
    fmt = _format(fmt)
    member = selectors.member_or_404(request.user, pk)
    found = selectors.outgoing_transfers(member).filter(pk=transfer).first()
    if found is None:
        raise Http404
    label = _("giấy giới thiệu sinh hoạt đảng (%(f)s)") % {"f": fmt.upper()}
    selectors.document_viewed(request.user, member, document=label)
    return _render(papers.introduction_letter(found), fmt)
