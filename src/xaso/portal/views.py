"""Citizens' pages, no account needed: look up a dossier by its code, submit a dossier
online, rate the service. Thin: parse, call a selector or service, render.

Every page here is ``no-store`` and ``noindex``: a look-up answers for one code only,
and a form carries its own one-time token.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from xaso.core import throttle
from xaso.core.middleware import client_ip
from xaso.onestop import services as onestop
from xaso.onestop.models import Dossier
from xaso.portal import selectors, services
from xaso.portal.forms import (
    CONSENT_HELP,
    CONSENT_LABEL,
    CONSENT_VERSION,
    LookupForm,
    RatingForm,
    SubmissionForm,
    consent_given,
    new_token,
)


def private_page(view):
    """Neither caches nor search engines keep these pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def _not_found(
    request, *, title: str, message: str, hint: str = "", lookup_form=None, section="lookup"
):
    return render(
        request,
        "portal/not_found.html",
        {
            "title": title,
            "message": message,
            "hint": hint,
            "form": lookup_form,
            "section": section,
        },
        status=404,
    )


def _dossier_not_found(request, code: str, *, missed: bool = True):
    """One answer whether the code does not exist or the key is wrong; a miss counts
    toward the client's look-up limit (``core.throttle``)."""
    if missed:
        throttle.lookup_missed(client_ip(request))
    return _not_found(
        request,
        title=_("Không tìm thấy hồ sơ"),
        message=_("Không tìm thấy hồ sơ mang mã %(code)s với khóa tra cứu đã nhập.")
        % {"code": code},
        hint=_(
            "Hãy kiểm tra lại mã và khóa tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả "
            "kết quả (mã gồm mã đơn vị, ngày nhận và số thứ tự, ví dụ 03763-260309-0001; "
            "khóa gồm 6 ký tự), hoặc nhập 4 số cuối số định danh cá nhân của người nộp."
        ),
        lookup_form=LookupForm(initial={"ma": code}),
    )


def too_many_lookups(request, until):
    response = render(
        request,
        "portal/not_found.html",
        {
            "title": _("Tạm dừng tra cứu"),
            "message": _(
                "Máy của bạn đã tra cứu không thành công quá nhiều lần. Hãy thử lại sau "
                "%(time)s, hoặc hỏi Trung tâm phục vụ hành chính công."
            )
            % {"time": timezone.localtime(until).strftime("%H:%M")},
            "section": "lookup",
        },
        status=429,
    )
    response["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
    return response


def lookup_url(code: str, key: str) -> str:
    """The public page of a dossier, with its key (the slip's QR code and link)."""
    return f"{reverse('portal:dossier', args=[code])}?{urlencode({'khoa': key})}"


# --- look-up ------------------------------------------------------------------------


@require_safe
@private_page
def lookup(request):
    form = LookupForm(request.GET if "ma" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect(lookup_url(form.cleaned_data["ma"], form.cleaned_data["khoa"]))
    return render(request, "portal/lookup.html", {"form": form, "section": "lookup"})


def _status_page(request, info: selectors.PublicDossier, key: str, rating_form=None, status=200):
    if rating_form is None and info.can_rate:
        rating_form = RatingForm()
    return render(
        request,
        "portal/dossier.html",
        {
            "d": info,
            "key": key,
            "rating_form": rating_form if info.can_rate else None,
            "section": "lookup",
        },
        status=status,
    )


@require_safe
@private_page
def dossier_status(request, code: str):
    until = throttle.lookup_locked_until(client_ip(request))
    if until is not None:
        return too_many_lookups(request, until)
    key = request.GET.get("khoa", "")
    canonical = selectors.normalise_code(code)
    if not selectors.CODE_RE.match(canonical):
        return _dossier_not_found(request, code[:60])
    if canonical != code:
        return redirect(lookup_url(canonical, key))
    if not key:
        # The QR code of an old slip or a typed address: ask for the key, no miss counted.
        return render(
            request,
            "portal/lookup.html",
            {"form": LookupForm(initial={"ma": canonical}), "section": "lookup"},
        )
    info = selectors.public_dossier(canonical, key, now=timezone.now())
    if info is None:
        return _dossier_not_found(request, canonical)
    return _status_page(request, info, key)


@require_POST
@private_page
def rate(request, code: str):
    """Only someone holding the slip (code and key) rates: the rating feeds Decision
    766's satisfaction indicator."""
    until = throttle.lookup_locked_until(client_ip(request))
    if until is not None:
        return too_many_lookups(request, until)
    key = request.POST.get("khoa", "")
    info = (
        selectors.public_dossier(code, key, now=timezone.now())
        if selectors.CODE_RE.match(code)
        else None
    )
    if info is None:
        return _dossier_not_found(request, code[:60])
    target = Dossier.objects.only("pk").get(code=code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _status_page(request, info, key, rating_form=form)
    try:
        onestop.dossier_rate(
            dossier=target,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp xã phục vụ người dân tốt hơn."),
        )
    return redirect(lookup_url(code, key))


# --- online submission ----------------------------------------------------------------


@require_safe
def procedures(request):
    return render(
        request,
        "portal/procedures.html",
        {
            "procedures": list(selectors.online_procedures()),
            "has_center": bool(selectors.service_centers()),
            "section": "submit",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def submit(request, code: str):
    procedure = selectors.online_procedure(code)
    if procedure is None:
        return _not_found(
            request,
            title=_("Không nộp trực tuyến được thủ tục này"),
            message=_("Thủ tục mã %(code)s không có trong danh mục nộp hồ sơ trực tuyến.")
            % {"code": code[:40]},
            hint=_(
                "Có thể thủ tục chỉ nhận hồ sơ trực tiếp tại Trung tâm phục vụ hành chính "
                "công, hoặc đã thôi áp dụng. Hãy chọn thủ tục trong danh sách dưới đây."
            ),
            section="submit",
        )
    centers = selectors.villages_by_center(selectors.service_centers())
    if not centers:
        return _not_found(
            request,
            title=_("Chưa nhận hồ sơ trực tuyến"),
            message=_("Xã chưa có nơi tiếp nhận hồ sơ trực tuyến."),
            hint=_("Hãy nộp hồ sơ trực tiếp tại Ủy ban nhân dân xã."),
            section="submit",
        )
    if request.method == "POST":
        token = request.POST.get("token", "")
        done = selectors.dossier_for_token(token)
        if done is not None:
            # Sent twice (double click, reload, back and resend): the first one counts.
            _remember_submission(request, done.code)
            return redirect("portal:submitted", code=done.code)
        form = SubmissionForm(request.POST, request.FILES, procedure=procedure, centers=centers)
        if form.is_valid():
            try:
                dossier = services.online_submit(
                    procedure=procedure,
                    center=form.cleaned_data["center"],
                    applicant=form.applicant(),
                    uploads=form.uploads(),
                    token=form.cleaned_data["token"],
                    consent=consent_given(CONSENT_VERSION, CONSENT_LABEL, CONSENT_HELP),
                    exemption=form.cleaned_data.get("fee_exemption", ""),
                )
            except ValidationError as exc:
                form.apply_service_errors(exc)
            else:
                _remember_submission(request, dossier.code)
                return redirect("portal:submitted", code=dossier.code)
        if form.token_refreshed:
            form.data = form.data.copy()
            form.data["token"] = new_token()
    else:
        form = SubmissionForm(procedure=procedure, centers=centers, initial={"token": new_token()})
    return render(
        request, "portal/submit.html", {"procedure": procedure, "form": form, "section": "submit"}
    )


def _remember_submission(request, code: str) -> None:
    """The confirmation page (which shows the look-up key) opens only in the browser that
    sent the dossier: its code is kept in that browser's session."""
    sent = request.session.get("portal_submitted", [])[-20:]
    request.session["portal_submitted"] = [*sent, code]


@require_safe
@private_page
def submitted(request, code: str):
    mine = code in request.session.get("portal_submitted", [])
    dossier = selectors.submitted_online(code) if mine and selectors.CODE_RE.match(code) else None
    if dossier is None:
        return _dossier_not_found(request, code[:60], missed=not mine)
    return render(
        request,
        "portal/submitted.html",
        {
            "code": dossier.code,
            "key": dossier.lookup_key,
            "lookup_url": lookup_url(dossier.code, dossier.lookup_key),
            "procedure_name": dossier.procedure.name,
            "office_name": dossier.org_unit.display_name,
            "submitted_at": dossier.submitted_at,
            "section": "submit",
        },
    )
