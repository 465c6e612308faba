"""JSON API of the petitions module (mounted under /api/v1 in ``xaso/api.py``). Every answer carries
the petitioner through ``selectors.petitioner_view``: masked for a denunciation unless the
caller is its officer or decider, and every showing audited."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from xaso.core import access
from xaso.core.apischema import Code, Input, errors, text
from xaso.petitions import permissions as perms
from xaso.petitions import selectors, services
from xaso.petitions.workflow import TRANSITIONS, WORKFLOW

router = Router(tags=["petitions"])


class PetitionerOut(Schema):
    name: str
    id_number: str
    address: str
    phone: str
    shown: bool


class PetitionOut(Schema):
    code: str
    kind: str
    status: str
    channel: str
    summary: str
    received_at: dt.datetime
    due_at: dt.datetime | None
    late: bool
    duplicate_of: str | None
    petitioner: PetitionerOut
    is_demo: bool  # demo data ("dữ liệu mẫu"), never a real petition


class PetitionTransitionIn(Input):
    reason: text(WORKFLOW.text_limits["reason"]) = ""
    answer: text(WORKFLOW.text_limits["answer"]) = ""
    forwarded_to: text(WORKFLOW.text_limits["forwarded_to"]) = ""


#: The workflow's steps (``petitions.workflow``).
Action = Literal[tuple(t.name for t in TRANSITIONS)]


def _out(user, petition, *, identity: bool) -> dict:
    who = (
        selectors.petitioner_view(user, petition, purpose="api")
        if identity
        else selectors.masked_view(petition)
    )
    return {
        "code": petition.code,
        "kind": petition.kind,
        "status": petition.status,
        "channel": petition.channel,
        "summary": petition.summary,
        "received_at": petition.received_at,
        "due_at": petition.due_at,
        "late": bool(
            petition.due_at
            and petition.due_at < timezone.now()
            and petition.status in selectors.OPEN_STATUSES
        ),
        "duplicate_of": getattr(selectors.duplicate_link(user, petition), "code", None),
        "petitioner": who.as_dict(),
        "is_demo": petition.is_demo,
    }


def _get(request, code):
    petition = selectors.visible_petitions(request.user).filter(code=code).first()
    if petition is None:
        raise Http404
    return petition


@router.get("/petitions", response={200: list[PetitionOut], **errors(403)})
def petition_list(request, late: bool = False):
    """Petitions of the caller's units; the list never shows identities."""
    access.require(request.user, perms.VIEW)
    qs = selectors.late(request.user) if late else selectors.visible_petitions(request.user)
    return [_out(request.user, p, identity=False) for p in qs[:500]]


@router.get("/petitions/{code}", response={200: PetitionOut, **errors(403, 404)})
def petition_detail(request, code: Code):
    access.require(request.user, perms.VIEW)
    return _out(request.user, _get(request, code), identity=True)


class AssignIn(Input):
    assigned_to: text(150) | None = Field(None, description="Tên đăng nhập.")
    decider: text(150) | None = Field(None, description="Tên đăng nhập.")


@router.post("/petitions/{code}/assign", response={200: PetitionOut, **errors(403, 404, 422)})
def petition_assign(request, code: Code, body: AssignIn):
    """Name the officer who handles the petition and the leader who decides it (usernames;
    422 naming the field when the person may not take that part)."""
    petition = _get(request, code)
    officers, deciders = selectors.assignable(petition)
    people = {}
    for field, candidates in (("assigned_to", officers), ("decider", deciders)):
        name = getattr(body, field)
        people[field] = candidates.filter(username=name).first() if name else None
        if name and people[field] is None:
            raise ValidationError({field: _("Người này không nhận được phần việc này.")})
    petition = services.petition_assign(actor=request.user, petition=petition, **people)
    return _out(request.user, petition, identity=False)


@router.post("/petitions/{code}/{action}", response={200: PetitionOut, **errors(403, 404, 422)})
def petition_act(request, code: Code, action: Action, body: PetitionTransitionIn):
    """Take one step; 422 with the reason when the petition's state or a missing input
    does not allow it, 403 when the caller may not take it."""
    petition = services.petition_transition(
        actor=request.user,
        petition=_get(request, code),
        action=action,
        reason=body.reason,
        answer=body.answer,
        forwarded_to=body.forwarded_to,
    )
    return _out(request.user, petition, identity=False)
