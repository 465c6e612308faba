"""Party pages: the cells with their counts, a cell (leadership, members), the member
list with its search, a member's file (audited at every showing), the transfer form, the
badge list. Thin: parse, authorize (``selectors``: 403 without the Party permission,
404 for another commune's records), call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access
from xaso.core.views import form_errors_from
from xaso.party import forms as party_forms
from xaso.party import permissions as perms
from xaso.party import rules, selectors, services


def _unit(request):
    access.require(request.user, perms.VIEW)
    return selectors.unit_or_404(request.user, request.GET.get("don_vi", ""))


@login_required
def cells(request):
    unit = _unit(request)
    rows = list(selectors.cells_in(request.user, unit))
    counts = selectors.counts_by_cell(request.user, unit)
    empty = {"members": 0, "official": 0, "probationary": 0}
    return render(
        request,
        "party/cells.html",
        {
            "unit": unit,
            "summary": selectors.summary(request.user, unit),
            "rows": [(c, counts.get(c.org_unit_id, empty)) for c in rows],
        },
    )


@login_required
def cell_detail(request, code: str):
    access.require(request.user, perms.VIEW)
    cell = selectors.cell_or_404(request.user, code)
    committee, seats = selectors.committee_of(cell)
    members = selectors.members_in(request.user, cell.org_unit)
    return render(
        request,
        "party/cell.html",
        {
            "cell": cell,
            "committee": committee,
            "seats": seats,
            "members": members,
            "can_manage": selectors.can_manage(request.user, cell),
        },
    )


@login_required
def members(request):
    unit = _unit(request)
    form = party_forms.MemberFilterForm(
        request.GET or None, cells=selectors.cells_in(request.user, unit)
    )
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.members_in(
        request.user,
        unit,
        q=data.get("q", ""),
        cell=data.get("chi_bo", ""),
        status=data.get("tinh_trang", ""),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "party/members.html", {"form": form, "page": page, "unit": unit})


@login_required
def member_detail(request, pk: int):
    access.require(request.user, perms.VIEW)
    member = selectors.member_file(request.user, pk, purpose="page")
    return render(
        request,
        "party/member.html",
        {
            "member": member,
            "cell": getattr(member.org_unit, "party_cell", None),
            "history": selectors.history(member),
            "can_transfer": member.is_active
            and not member.temporary
            and selectors.can_manage(request.user, member),
            "can_manage": selectors.can_manage(request.user, member),
            "can_change_status": bool(selectors.status_choices(member))
            and selectors.can_manage(request.user, member),
            "letters": selectors.outgoing_transfers(member),
        },
    )


@login_required
def member_transfer(request, pk: int):
    access.require(request.user, perms.MANAGE)
    member = selectors.member_or_404(request.user, pk)
    if not selectors.can_manage(request.user, member):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    targets = selectors.transfer_targets(request.user, member)
    form = party_forms.TransferForm(request.POST or None, cells=targets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        to_unit = next((c.org_unit for c in targets if c.code == data["to_unit"]), None)
        try:
            services.member_transfer(
                actor=request.user,
                member=member,
                kind=data["kind"],
                direction=data["direction"],
                to_unit=to_unit,
                other_organisation=data["other_organisation"],
                on=data["on"],
                until=data["until"],
                letter_number=data["letter_number"],
                note=data["note"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi chuyển sinh hoạt Đảng."))
            return redirect("party:member", pk=member.pk)
    return render(request, "party/transfer.html", {"member": member, "form": form})


@login_required
def badges(request):
    unit = _unit(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    if not today.year - 5 <= year <= today.year + 5:
        year = today.year
    return render(
        request,
        "party/badges.html",
        {
            "unit": unit,
            "year": year,
            "years": range(today.year - 1, today.year + 3),
            "awards": selectors.badges(request.user, unit, year),
        },
    )


@login_required
def rule_list(request):
    access.require(request.user, perms.VIEW)
    return render(request, "party/rules.html", {"rules": rules.all_rules()})
