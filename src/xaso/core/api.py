"""Core endpoints: who am I, org units, the calendar and deadlines, the audit log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field as PydanticField

from xaso.core import access, selectors, services
from xaso.core.lunar import InvalidLunarDate, lunar_to_solar
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import parse_date

router = Router(tags=["core"])


class RoleOut(Schema):
    role: str
    org_unit: str
    field: str


class MeOut(Schema):
    username: str
    full_name: str
    org_unit: str | None
    roles: list[RoleOut]
    is_demo: bool


class OrgUnitOut(Schema):
    code: str
    gov_code: str
    name: str
    display_name: str
    kind: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str | None
    source: str


class OrgUnitPatch(Schema):
    """Fields to change; ``null`` clears a text (to "") or a date."""

    name: str | None = PydanticField(None, max_length=200)
    gov_code: str | None = PydanticField(None, max_length=20)
    note: str | None = PydanticField(None, max_length=5000)
    source: str | None = PydanticField(None, max_length=300)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class DayOffOut(Schema):
    date: dt.date
    reason: str
    provisional: bool
    legal_basis: str
    kind: str


class DeadlineIn(Schema):
    start: dt.datetime
    days: int = PydanticField(ge=0, le=365)
    cutoff: dt.time | None = PydanticField(
        None, description="Giờ chốt trong ngày theo giờ Việt Nam, không kèm múi giờ."
    )
    org_unit: str | None = None


class DeadlineOut(Schema):
    start: dt.datetime
    due: dt.datetime
    days: int
    cutoff: dt.time | None


class AuditOut(Schema):
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    org_unit: str | None
    changes: dict
    source: str
    ip: str | None


def _unit_out(unit: OrgUnit) -> dict:
    return {
        "code": unit.code,
        "gov_code": unit.gov_code,
        "name": unit.name,
        "display_name": unit.display_name,
        "kind": unit.kind,
        "parent": unit.parent.code if unit.parent_id else None,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "successor": unit.successor.code if unit.successor_id else None,
        "source": unit.source,
    }


def _visible_unit(request, code: str) -> OrgUnit:
    unit = get_object_or_404(OrgUnit.objects.select_related("parent", "successor"), code=code)
    if not access.allowed(request.auth, access.VIEW_ORG, unit):
        raise Http404  # the other commune's units do not exist for this user
    return unit


@router.get("/me", response=MeOut)
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "full_name": user.full_name,
        "org_unit": user.org_unit.code if user.org_unit_id else None,
        "roles": [
            {"role": a.role, "org_unit": a.org_unit.code, "field": a.field}
            for a in access.roles_of(user)
        ],
        "is_demo": user.is_demo,
    }


@router.get("/org-units", response=list[OrgUnitOut])
def org_units(request, q: str = "", kind: str = ""):
    units = selectors.org_units_search(user=request.auth, query=q, kind=kind).select_related(
        "successor"
    )
    return [_unit_out(u) for u in units]


@router.get("/org-units/{code}", response=OrgUnitOut)
def org_unit(request, code: str):
    return _unit_out(_visible_unit(request, code))


@router.patch("/org-units/{code}", response=OrgUnitOut)
def org_unit_patch(request, code: str, payload: OrgUnitPatch):
    unit = _visible_unit(request, code)
    changes = payload.dict(exclude_unset=True)
    for name in ("name", "gov_code", "note", "source"):
        if name in changes and changes[name] is None:
            changes[name] = ""  # the columns hold no NULL: clearing a text empties it
    services.org_unit_update(actor=request.auth, unit=unit, **changes)
    return _unit_out(unit)


@router.get("/calendar/{year}", response=list[DayOffOut])
def calendar_year(request, year: int, org_unit: str | None = None):
    access.require(request.auth, access.VIEW_CALENDAR)
    if not 1900 <= year <= 2199:
        raise ValidationError({"year": _("Năm phải từ 1900 đến 2199.")})
    unit = _visible_unit(request, org_unit) if org_unit else access.home_unit(request.auth)
    return selectors.calendar_for(unit).days_off(year)


@router.post("/deadline", response=DeadlineOut)
def deadline(request, payload: DeadlineIn):
    access.require(request.auth, access.VIEW_CALENDAR)
    if payload.cutoff is not None and payload.cutoff.tzinfo is not None:
        raise ValidationError({"cutoff": _("Giờ chốt là giờ Việt Nam, không ghi múi giờ.")})
    unit = (
        _visible_unit(request, payload.org_unit)
        if payload.org_unit
        else access.home_unit(request.auth)
    )
    start = payload.start
    if timezone.is_naive(start):
        start = timezone.make_aware(start)  # a time without zone is Vietnam's
    due = selectors.calendar_for(unit).add_working_days(start, payload.days, cutoff=payload.cutoff)
    return {"start": start, "due": due, "days": payload.days, "cutoff": payload.cutoff}


class LunarOut(Schema):
    lunar_year: int
    lunar_month: int
    lunar_day: int
    leap: bool
    solar: dt.date


@router.get("/lunar", response=LunarOut)
def lunar_date(request, year: int, month: int, day: int, leap: bool = False):
    """Convert a Vietnamese lunar date (UTC+7) to the solar calendar; 422 if it does not
    exist (a 30th in a 29-day month, a leap month the year lacks)."""
    try:
        solar = lunar_to_solar(year, month, day, leap)
    except InvalidLunarDate as exc:
        raise ValidationError({"day": str(exc)}) from exc
    return {
        "lunar_year": year,
        "lunar_month": month,
        "lunar_day": day,
        "leap": leap,
        "solar": solar,
    }


@router.get("/audit", response=list[AuditOut])
def audit_log(
    request,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    since: str = "",
    until: str = "",
    limit: int = 100,
):
    access.require(request.auth, access.VIEW_AUDIT)
    dates = {}
    for key, raw in (("since", since), ("until", until)):
        if raw:
            try:
                dates[key] = parse_date(raw)
            except ValueError as exc:
                raise ValidationError({key: str(exc)}) from exc
    entries = selectors.audit_entries(
        user=request.auth, actor=actor, action=action, object_type=object_type, **dates
    )[: max(1, min(limit, 500))]
    return [
        {
            "at": e.at,
            "actor": e.actor_name,
            "action": e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "object_repr": e.object_repr,
            "org_unit": e.org_unit.code if e.org_unit_id else None,
            "changes": e.changes,
            "source": e.source,
            "ip": e.ip,
        }
        for e in entries
    ]
