"""Pages that write: a new member's file, corrections to a file, a status change, a
cell's committee, a member received by transfer. Thin: the Party office only (403 for
anyone without ``party.manage_member``; 404 for another commune's records), a form
through ``core.form_rendering``, a service, a message, back to the file or the cell."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from xaso.core import access
from xaso.core.views import form_errors_from
from xaso.party import permissions as perms
from xaso.party import selectors, services
from xaso.party.member_forms import (
    CommitteeForm,
    MemberCreateForm,
    MemberFileForm,
    StatusChangeForm,
    TransferInForm,
)
from xaso.party.models import Position


def _managed(request, obj):
    if not selectors.can_manage(request.user, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    return obj


def _cell(request, code: str):
    access.require(request.user, perms.MANAGE)
    return _managed(request, selectors.cell_or_404(request.user, code))


def _member(request, pk: int):
    access.require(request.user, perms.MANAGE)
    return _managed(request, selectors.member_or_404(request.user, pk))


def _to_cell(cell):
    return reverse("party:cell", args=[cell.code]), str(cell)


def _to_file(member):
    return reverse("party:member", args=[member.pk]), _("Hồ sơ đảng viên")


def _page(request, title, form, back, *, intro="", caption="", rules=(), status=200):
    return render(
        request,
        "party/member_form.html",
        {
            "title": title,
            "form": form,
            "back": back,
            "intro": intro,
            "caption": caption,
            "rules": rules,
        },
        status=status,
    )


@login_required
def member_create(request, code: str):
    cell = _cell(request, code)
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(
                actor=request.user,
                cell=cell.org_unit,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                **form.profile(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc, {"cell": None})
        else:
            messages.success(request, _("Đã ghi hồ sơ đảng viên."))
            return redirect("party:member", pk=member.pk)
    return _page(request, _("Ghi hồ sơ đảng viên"), form, _to_cell(cell), caption=str(cell))


@login_required
def member_edit(request, pk: int):
    member = _member(request, pk)
    initial = {name: getattr(member, name) for name in MemberFileForm.PROFILE}
    form = MemberFileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.profile().items() if getattr(member, k) != v}
        try:
            services.member_update(actor=request.user, member=member, **changed)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã sửa hồ sơ đảng viên."))
            return redirect("party:member", pk=member.pk)
    return _page(
        request,
        _("Sửa hồ sơ đảng viên"),
        form,
        _to_file(member),
        intro=_(
            "Sửa hoặc bổ sung các thông tin ghi sai, còn thiếu. Tình trạng và chi bộ chỉ "
            "đổi bằng ghi biến động hoặc chuyển sinh hoạt Đảng, để quá trình được giữ đủ."
        ),
        caption=member.full_name,
    )


@login_required
def member_status(request, pk: int):
    member = _member(request, pk)
    choices = selectors.status_choices(member)
    if not choices:
        raise PermissionDenied(_("Không ghi được biến động cho đảng viên này."))
    form = StatusChangeForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_status_change(
                actor=request.user,
                member=member,
                status=data["status"],
                on=data["on"],
                note=data["note"],
                probation_from=selectors.probation_start(member),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi biến động đảng viên."))
            return redirect("party:member", pk=member.pk)
    return _page(
        request,
        _("Ghi biến động đảng viên"),
        form,
        _to_file(member),
        intro=_("Tình trạng cũ vẫn giữ trong quá trình của đảng viên."),
        caption=member.full_name,
        rules=selectors.status_rules(),
    )


@login_required
def committee_set(request, code: str):
    cell = _cell(request, code)
    candidates = list(selectors.committee_candidates(cell))
    form = CommitteeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_pk = {str(m.pk): m for m in candidates}
        seats = [(by_pk[data["secretary"]], Position.SECRETARY)]
        if data["deputy"]:
            seats.append((by_pk[data["deputy"]], Position.DEPUTY))
        seats += [(by_pk[pk], Position.MEMBER) for pk in data["members"]]
        try:
            services.committee_set(
                actor=request.user,
                cell=cell,
                elected=data["elected"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                seats=seats,
            )
        except ValidationError as exc:
            form_errors_from(form, exc, {"seats": "members"})
        else:
            messages.success(request, _("Đã ghi cấp ủy chi bộ."))
            return redirect("party:cell", code=cell.code)
    return _page(
        request,
        _("Ghi cấp ủy chi bộ"),
        form,
        _to_cell(cell),
        intro=_(
            "Ghi cấp ủy của nhiệm kỳ mới; cấp ủy đang có thôi từ ngày trước ngày bắt đầu. "
            "Cấp ủy viên là đảng viên chính thức của chi bộ."
        ),
        caption=str(cell),
        rules=selectors.committee_rules(),
    )


@login_required
def transfer_in(request, code: str):
    cell = _cell(request, code)
    form = TransferInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.member_transfer_in(
                actor=request.user,
                cell=cell.org_unit,
                kind=data["kind"],
                on=data["on"],
                other_organisation=data["other_organisation"],
                status=data["status"],
                until=data["until"],
                letter_number=data["letter_number"],
                note=data["note"],
                **form.profile(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi đảng viên chuyển sinh hoạt đến."))
            return redirect("party:member", pk=member.pk)
    return _page(
        request,
        _("Nhận đảng viên chuyển sinh hoạt đến"),
        form,
        _to_cell(cell),
        intro=_(
            "Chuyển chính thức: đảng viên vào đảng số của Đảng bộ. Chuyển tạm thời: đảng "
            "viên sinh hoạt ở chi bộ đến ngày ghi, vẫn tính đảng số nơi đi."
        ),
        caption=str(cell),
    )
