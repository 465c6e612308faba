"""Core pages: home, login, org units, accounts, audit log, calendar. Thin: parse,
authorize, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xaso.core import access, overview, selectors, services, throttle
from xaso.core.audit_display import audit_rows
from xaso.core.forms import (
    AuditFilterForm,
    LoginForm,
    OrgUnitCreateForm,
    OrgUnitForm,
    PasswordResetByAdminForm,
    RoleGrantForm,
    UserCreateForm,
    UserUpdateForm,
)
from xaso.core.models import OrgUnit, RoleAssignment, User
from xaso.core.navigation import home_sections


def form_errors_from(form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError beside the fields it names (``aliases`` maps a
    service's name for a field to the form's, e.g. ``petitioner_phone`` → ``phone``)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = (aliases or {}).get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def flash_errors(request, exc: ValidationError, labels: Mapping[str, str]) -> None:
    """A service's refusal on an action page, where no form stands beside the inputs to
    hold it: one message per error, led by the label of the input it names ("Lý do: Dài
    tối đa…") so the official knows what to correct. A refusal of the step itself
    ("action", "status") names no input and reads as it is."""
    for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
        label = labels.get(field)
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_GET
def healthz(request):
    """The bare endpoint benchmarks compare against: no session, no database."""
    return HttpResponse("ok", content_type="text/plain")


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    today = timezone.localdate()
    chosen = panels = None
    if overview.shows_for(request.user):
        chosen = overview.choice(request.user, request.GET, today)
        panels = overview.panels_for(request.user, chosen, today) if chosen else None
    return render(
        request,
        "core/home.html",
        {
            "sections": home_sections(request.user),
            "roles": access.roles_of(request.user),
            "unit": access.home_unit(request.user),
            "summary": selectors.home_summary(user=request.user, today=today),
            "chosen": chosen,
            "panels": panels,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(
                actor=request.user,
                user=request.user,
                password=form.cleaned_data["new_password1"],
                old_password=form.cleaned_data["old_password"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("core:home")
    return render(request, "core/password_change.html", {"form": form})


# --- org units -------------------------------------------------------------------------


@login_required
def org_unit_list(request):
    access.require(request.user, access.VIEW_ORG)
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    units = selectors.org_units_search(user=request.user, query=query, kind=kind)
    # htmx live search swaps only the table rows; without JavaScript the form reloads the page.
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "core/_org_unit_rows.html" if fragment else "core/org_unit_list.html"
    context = {"units": units, "q": query, "kind": kind, "kinds": OrgUnit.Kind.choices}
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def org_unit_detail(request, code: str):
    unit = access.unit_or_404(request.user, access.VIEW_ORG, code)
    predecessors = list(unit.predecessors.all())
    related = [u for u in (unit.parent, unit.successor, *predecessors) if u is not None]
    may_open = [u for u in related if access.allowed(request.user, access.VIEW_ORG, u)]
    return render(
        request,
        "core/org_unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.all(),
            "predecessors": predecessors,
            # A related unit is a link only for those who may open it (the centre's
            # officer sees the commune's name, not a link that answers 404).
            "linkable": {u.code for u in may_open},
            "can_manage": access.allowed(request.user, access.MANAGE_ORG, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_unit_edit(request, code: str):
    unit = access.unit_or_404(request.user, access.VIEW_ORG, code)
    access.require(request.user, access.MANAGE_ORG, unit)
    form = OrgUnitForm(
        request.POST or None, instance=OrgUnit.objects.get(pk=unit.pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_update(
                actor=request.user,
                unit=unit,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu đơn vị."))
            return redirect("core:org_unit_detail", code=unit.code)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Sửa đơn vị: %(name)s") % {"name": unit.display_name},
            "back": unit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def org_unit_create(request, code: str):
    parent = access.unit_or_404(request.user, access.VIEW_ORG, code)
    access.require(request.user, access.MANAGE_ORG, parent)
    form = OrgUnitCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.org_unit_create(
                actor=request.user,
                parent=parent,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã thêm đơn vị."))
            return redirect("core:org_unit_detail", code=unit.code)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.display_name},
            "back": parent,
        },
    )


# --- accounts --------------------------------------------------------------------------


@login_required
def user_list(request):
    access.require(request.user, access.MANAGE_USERS)
    query = request.GET.get("q", "").strip()
    page = Paginator(
        selectors.users_managed(user=request.user, query=query).order_by("username"), 50
    ).get_page(request.GET.get("page"))
    return render(request, "core/user_list.html", {"page": page, "q": query})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    access.require(request.user, access.MANAGE_USERS)
    units = access.scope_units(request.user, access.MANAGE_USERS)
    form = UserCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã tạo tài khoản. Hãy giao vai trò cho người dùng."))
            return redirect("core:user_detail", username=user.username)
    return render(request, "core/form_page.html", {"form": form, "title": _("Tạo tài khoản")})


def _managed_user(request, username: str) -> User:
    user = get_object_or_404(User, username=username)
    if not access.may_manage_account(request.user, user):
        raise Http404  # an account beyond the user's reach does not exist for them
    return user


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request, username: str):
    user = _managed_user(request, username)
    units = access.scope_units(request.user, access.MANAGE_USERS)
    action = request.POST.get("action", "")
    form = UserUpdateForm(
        request.POST if action == "update" else None,
        instance=User.objects.get(pk=user.pk),
        units=units,
    )
    role_form = RoleGrantForm(request.POST if action == "grant" else None, units=units)
    password_form = PasswordResetByAdminForm(request.POST if action == "password" else None)
    if request.method == "POST":
        try:
            if action == "update" and form.is_valid():
                services.user_update(actor=request.user, user=user, **form.cleaned_data)
                messages.success(request, _("Đã lưu tài khoản."))
                return redirect("core:user_detail", username=user.username)
            if action == "grant" and role_form.is_valid():
                services.role_grant(actor=request.user, user=user, **role_form.cleaned_data)
                messages.success(request, _("Đã giao vai trò."))
                return redirect("core:user_detail", username=user.username)
            if action == "unlock":
                services.login_unlock(actor=request.user, user=user)
                messages.success(request, _("Đã mở khóa đăng nhập."))
                return redirect("core:user_detail", username=user.username)
            if action == "password" and password_form.is_valid():
                services.user_set_password(
                    actor=request.user, user=user, password=password_form.cleaned_data["password"]
                )
                messages.success(request, _("Đã đặt lại mật khẩu."))
                return redirect("core:user_detail", username=user.username)
        except ValidationError as exc:
            target = {"update": form, "grant": role_form, "password": password_form}[action]
            form_errors_from(target, exc)
    return render(
        request,
        "core/user_detail.html",
        {
            "managed": user,
            "form": form,
            "role_form": role_form,
            "password_form": password_form,
            "assignments": user.role_assignments.select_related("org_unit"),
            "locked_until": throttle.account_locked_until(user.username),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def role_revoke(request, username: str, pk: int):
    user = _managed_user(request, username)
    assignment = get_object_or_404(RoleAssignment, pk=pk, user=user)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("core:user_detail", username=user.username)


# --- audit log -------------------------------------------------------------------------


@login_required
def audit_list(request):
    access.require(request.user, access.VIEW_AUDIT)
    form = AuditFilterForm(
        request.GET or None, choices=selectors.audit_filter_choices(user=request.user)
    )
    filters = {}
    if form.is_bound:
        form.is_valid()  # a bad filter is named beside its field; the good ones still apply
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    entries = selectors.audit_entries(user=request.user, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.html",
        {"page": page, "rows": audit_rows(page), "form": form},
        status=400 if form.errors else 200,
    )
