"""Citizens' recommendations and feedback (kiến nghị, phản ánh), no account needed:
send one to the commune, follow it by its code. The same protections as the dossier
pages: a one-time token, ``no-store`` and ``noindex``, only the methods each page
answers, no personal data on the follow-up page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from xaso.core import throttle
from xaso.core.middleware import client_ip
from xaso.petitions import services as petitions
from xaso.petitions.selectors import public_status
from xaso.portal import petition_forms, selectors, services
from xaso.portal.forms import consent_given, new_token
from xaso.portal.petition_forms import PetitionForm, TrackForm
from xaso.portal.views import private_page, too_many_lookups

CONSENT = (
    petition_forms.CONSENT_VERSION,
    petition_forms.CONSENT_LABEL,
    petition_forms.CONSENT_HELP,
)


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def petition_send(request):
    communes = selectors.petition_communes(chosen=request.GET.get("don_vi", ""))
    if request.method == "POST":
        done = services.petition_for_token(request.POST.get("token", ""))
        if done is not None:
            # Sent twice (double click, reload): the first one counts.
            return redirect(f"{_track_url()}?ma={done.code}")
        form = PetitionForm(request.POST, communes=communes)
        if form.is_valid():
            data = form.cleaned_data
            try:
                petition = services.petition_send(
                    commune=data["commune"],
                    kind=data["kind"],
                    summary=data["summary"],
                    content=data["content"],
                    village=data["village"],
                    petitioner=petitions.Petitioner(
                        name=data["name"], phone=data["phone"], address=data["address"]
                    ),
                    token=data["token"],
                    consent=consent_given(*CONSENT),
                )
            except ValidationError as exc:
                form.apply_service_errors(exc)
            else:
                return redirect(f"{_track_url()}?ma={petition.code}")
        if form.token_refreshed:
            form.data = form.data.copy()
            form.data["token"] = new_token()
    else:
        form = PetitionForm(communes=communes, initial={"token": new_token()})
    return render(request, "portal/petition_send.html", {"form": form, "section": "petition"})


def _track_url() -> str:
    return reverse("portal:petition_track")


@require_safe
@private_page
def petition_track(request):
    """Follow a recommendation or feedback by its code; a client whose look-ups keep
    finding nothing is held off like the dossier look-up (``core.throttle``)."""
    ip = client_ip(request)
    until = throttle.lookup_locked_until(ip)
    if until is not None:
        return too_many_lookups(request, until)
    form = TrackForm(request.GET if "ma" in request.GET else None)
    status = None
    if form.is_bound and form.is_valid():
        status = public_status(selectors.normalise_code(form.cleaned_data["ma"]))
        if status is None:
            throttle.lookup_missed(ip)
    return render(
        request,
        "portal/petition_track.html",
        {"form": form, "status": status, "section": "petition"},
        status=404 if form.is_bound and form.is_valid() and status is None else 200,
    )
