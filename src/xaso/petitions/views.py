"""Petition pages: the list (late / due soon / open / all) and one petition with its
actions. Thin: parse, authorize, call a service or selector, render. The list never shows
a petitioner's identity; the detail page shows it only through ``petitioner_view``
(audited; masked for a denunciation unless the user is its officer or decider)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xaso.core import access
from xaso.core.views import flash_errors, form_errors_from
from xaso.petitions import forms as petition_forms
from xaso.petitions import permissions as perms
from xaso.petitions import selectors, services
from xaso.petitions.models import Kind, Petition

#: The service's names for the reception form's fields.
RECEIVE_FIELDS = {
    "petitioner_name": "name",
    "petitioner_id_number": "id_number",
    "petitioner_address": "address",
    "petitioner_phone": "phone",
}

LISTS = {
    "late": gettext_lazy("Quá hạn"),
    "due_soon": gettext_lazy("Sắp đến hạn"),
    "open": gettext_lazy("Đang giải quyết"),
    "all": gettext_lazy("Tất cả"),
}


@login_required
def petition_list(request):
    access.require(request.user, perms.VIEW)
    now = timezone.now()
    name = request.GET.get("ds", "open")
    if name not in LISTS:
        name = "open"
    lists = selectors.petition_lists(request.user, now)
    counts = {key: qs.count() for key, qs in lists.items() if key != "all"}
    page = Paginator(lists[name], 50).get_page(request.GET.get("page"))
    rows = [(p, selectors.masked_view(p), p.due_at and p.due_at < now) for p in page]
    return render(
        request,
        "petitions/list.html",
        {
            "lists": LISTS,
            "current": name,
            "counts": counts,
            "rows": rows,
            "page": page,
            "stats": selectors.statistics(request.user),
            "kinds": Kind.choices,
            "can_receive": selectors.can_receive(request.user),
        },
    )


def _petition(request, code: str) -> Petition:
    petition = selectors.visible_petitions(request.user).filter(code=code).first()
    if petition is None:  # another commune's petition: 404, its existence does not leak
        raise Http404
    return petition


@login_required
def petition_detail(request, code: str):
    access.require(request.user, perms.VIEW)
    petition = _petition(request, code)
    assign_form = None
    if selectors.can_assign(request.user, petition):
        officers, deciders = selectors.assignable(petition)
        assign_form = petition_forms.AssignForm(
            petition=petition, officers=officers, deciders=deciders
        )
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "petitioner": selectors.petitioner_view(request.user, petition, purpose="page"),
            "duplicate_of": selectors.duplicate_link(request.user, petition),
            "due_provisional": selectors.due_is_provisional(petition),
            "actions": [
                (a, services.ACTION_LABELS[a], petition_forms.step_form(a))
                for a in services.allowed_actions(request.user, petition)
            ],
            "history": selectors.history(petition),
            "reclassify_form": (
                petition_forms.ReclassifyForm(petition=petition)
                if selectors.can_reclassify(request.user, petition)
                else None
            ),
            "assign_form": assign_form,
            "extend_form": (
                petition_forms.ExtendForm()
                if selectors.can_extend(request.user, petition)
                else None
            ),
            "now": timezone.now(),
        },
    )


@login_required
def petition_receive(request):
    from xaso.petitions.forms import ReceiveForm

    access.require(request.user, perms.RECEIVE)
    unit = access.home_unit(request.user)
    form = ReceiveForm(request.POST or None, request.FILES or None, commune=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = services.petition_receive(
                actor=request.user,
                org_unit=unit,
                kind=data["kind"],
                channel=data["channel"],
                summary=data["summary"],
                content=data["content"],
                field=data["field"],
                village=data["village"],
                persons_involved=data["persons_involved"],
                petitioner=services.Petitioner(
                    name=data["name"],
                    id_number=data["id_number"],
                    address=data["address"],
                    phone=data["phone"],
                ),
                attachments=[data["attachment"]] if data["attachment"] else [],
            )
        except ValidationError as exc:
            form_errors_from(form, exc, aliases=RECEIVE_FIELDS)
        else:
            messages.success(request, _("Đã tiếp nhận đơn %(code)s.") % {"code": petition.code})
            return redirect("petitions:detail", code=petition.code)
    return render(request, "petitions/receive.html", {"form": form})


@login_required
@require_POST
def petition_act(request, code: str, action: str):
    petition = _petition(request, code)
    reason = request.POST.get("reason", "")
    try:
        if action == "assign":
            officers, deciders = selectors.assignable(petition)
            services.petition_assign(
                actor=request.user,
                petition=petition,
                assigned_to=officers.filter(username=request.POST.get("assigned_to", "")).first(),
                decider=deciders.filter(username=request.POST.get("decider", "")).first(),
            )
        elif action == "reclassify":
            services.petition_reclassify(
                actor=request.user,
                petition=petition,
                kind=request.POST.get("kind", ""),
                reason=reason,
            )
        elif action == "extend":
            services.petition_extend(
                actor=request.user,
                petition=petition,
                reason=reason,
                especially_complex=bool(request.POST.get("especially_complex")),
            )
        else:
            services.petition_transition(
                actor=request.user,
                petition=petition,
                action=action,
                reason=reason,
                answer=request.POST.get("answer", ""),
                forwarded_to=request.POST.get("forwarded_to", ""),
            )
    except ValidationError as exc:
        flash_errors(request, exc, petition_forms.ACT_LABELS)
    else:
        messages.success(request, _("Đã cập nhật đơn %(code)s.") % {"code": petition.code})
    return redirect("petitions:detail", code=petition.code)


@login_required
def reception_overview(request):
    """Reception sessions (with the weeks the chairman did not receive) and dialogues."""
    from xaso.petitions.models import Dialogue, ReceptionSession

    access.require(request.user, perms.VIEW)
    unit = access.home_unit(request.user)
    today = timezone.localdate()
    sessions = access.scope(request.user, perms.VIEW, ReceptionSession.objects.all())[:50]
    dialogues = (
        access.scope(request.user, perms.VIEW, Dialogue.objects.all())
        .select_related("village")
        .prefetch_related("actions")[:50]
    )
    missing = (
        services.weeks_without_chairman(unit, today - dt.timedelta(days=84), today)
        if unit is not None
        else []
    )
    return render(
        request,
        "petitions/reception.html",
        {
            "sessions": sessions,
            "dialogues": dialogues,
            "missing": missing,
            "can_act": selectors.can_receive(request.user),
        },
    )


@login_required
def session_new(request):
    """Record one reception session held by the user."""
    from xaso.petitions.forms import SessionForm

    access.require(request.user, perms.RECEIVE)
    unit = access.home_unit(request.user)
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.session_record(
            actor=request.user,
            org_unit=unit,
            date=data["date"],
            host=request.user,
            host_is_chairman=data["host_is_chairman"],
            attendees=data["attendees"],
            matters=data["matters"],
        )
        messages.success(
            request, _("Đã ghi buổi tiếp công dân ngày %(d)s.") % {"d": f"{data['date']:%d/%m/%Y}"}
        )
        return redirect("petitions:reception")
    return render(
        request,
        "petitions/form.html",
        {"form": form, "title": _("Ghi buổi tiếp công dân"), "submit": _("Ghi buổi tiếp")},
    )


@login_required
def dialogue_new(request):
    """Record a dialogue with the people of a bản and its follow-up actions."""
    from xaso.petitions.forms import DialogueForm

    access.require(request.user, perms.RECEIVE)
    unit = access.home_unit(request.user)
    form = DialogueForm(request.POST or None, commune=unit, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.dialogue_record(
                actor=request.user,
                org_unit=unit,
                village=data["village"],
                date=data["date"],
                topic=data["topic"],
                record=data["record"],
                actions=[(text, request.user, due) for text, due in data["actions"]],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã ghi buổi đối thoại."))
            return redirect("petitions:reception")
    return render(
        request,
        "petitions/form.html",
        {"form": form, "title": _("Ghi buổi đối thoại"), "submit": _("Ghi buổi đối thoại")},
    )


@login_required
@require_POST
def dialogue_action_done(request, pk: int):
    from xaso.petitions.models import Dialogue, DialogueAction

    access.require(request.user, perms.RECEIVE)
    action = (
        DialogueAction.objects.filter(
            pk=pk, dialogue__in=access.scope(request.user, perms.VIEW, Dialogue.objects.all())
        )
        .select_related("dialogue__org_unit")
        .first()
    )
    if action is None:
        raise Http404
    if action.done_at is None:
        services.dialogue_action_done(actor=request.user, action=action)
        messages.success(request, _("Đã hoàn thành: %(a)s.") % {"a": action.description})
    return redirect("petitions:reception")


def _period(request):
    from xaso.petitions.forms import PeriodForm

    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    if not request.GET:
        form = PeriodForm(initial={"start": today.replace(month=1, day=1), "end": today})
    return form, today.replace(month=1, day=1), today


@login_required
def statistics(request):
    access.require(request.user, perms.VIEW)
    form, start, end = _period(request)
    stats = selectors.period_statistics(request.user, start, end)
    return render(
        request,
        "petitions/statistics.html",
        {"form": form, "stats": stats, "query": request.GET.urlencode()},
    )


@login_required
def statistics_export(request):
    from django.http import HttpResponse

    from xaso.petitions.exports import statistics_xlsx

    access.require(request.user, perms.VIEW)
    _form, start, end = _period(request)
    stats = selectors.period_statistics(request.user, start, end)
    unit = access.home_unit(request.user)
    body = statistics_xlsx(stats, unit.name if unit is not None else "")
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-don-thu-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    return response
