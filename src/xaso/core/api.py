"""Core endpoints: who am I, org units, the calendar and deadlines, the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field as PydanticField

from xaso.core import access, selectors, services
from xaso.core.apischema import (
    Code,
    Date,
    DateTime,
    Input,
    Time,
    YearParam,
    errors,
    text,
    whole,
)
from xaso.core.lunar import MAX_YEAR, MIN_YEAR, InvalidLunarDate, lunar_to_solar
from xaso.core.models import OrgUnit

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


class OrgUnitPatch(Input):
    """Fields to change; ``null`` clears a text (to "") or a date. ``gov_code`` (the
    administrative code heading every record code) is set only by the installation's
    administrator (422 naming it for anyone else)."""

    name: text(200) | None = None
    gov_code: text(20, pattern=r"^([A-Z0-9][A-Z0-9.]{0,19})?$") | None = None
    note: text(5000) | None = None
    source: text(300) | None = None
    valid_from: Date | None = None
    valid_to: Date | None = None


class DayOffOut(Schema):
    date: dt.date
    reason: str
    provisional: bool
    legal_basis: str
    kind: str


class DeadlineIn(Input):
    start: DateTime = PydanticField(
        description="Thời điểm bắt đầu; không ghi múi giờ là giờ Việt Nam.",
        examples=["2026-02-13T16:00:00+07:00"],
    )
    days: whole(ge=0, le=365)
    cutoff: Time | None = PydanticField(
        None,
        description="Giờ chốt trong ngày theo giờ Việt Nam (HH:MM), không kèm múi giờ.",
        examples=["15:00"],
    )
    org_unit: Code | None = None


class DeadlineOut(Schema):
    start: dt.datetime
    due: dt.datetime
    days: int
    cutoff: str | None = PydanticField(description="HH:MM:SS, giờ Việt Nam.")


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
    return access.unit_or_404(request.auth, access.VIEW_ORG, code)


#: The kinds of unit (``OrgUnit.Kind``), or "" for any.
UnitKind = Literal[("", *OrgUnit.Kind.values)]


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
def org_units(request, q: text(200) = "", kind: UnitKind = ""):
    units = selectors.org_units_search(user=request.auth, query=q, kind=kind).select_related(
        "successor"
    )
    return [_unit_out(u) for u in units]


@router.get("/org-units/{code}", response={200: OrgUnitOut, **errors(404)})
def org_unit(request, code: Code):
    return _unit_out(_visible_unit(request, code))


@router.patch("/org-units/{code}", response={200: OrgUnitOut, **errors(403, 404, 422)})
def org_unit_patch(request, code: Code, payload: OrgUnitPatch):
    unit = _visible_unit(request, code)
    changes = {name: getattr(payload, name) for name in payload.model_fields_set}
    for name in ("name", "gov_code", "note", "source"):
        if name in changes and changes[name] is None:
            changes[name] = ""  # the columns hold no NULL: clearing a text empties it
    services.org_unit_update(actor=request.auth, unit=unit, **changes)
    return _unit_out(unit)


@router.get("/calendar/{year}", response={200: list[DayOffOut], **errors(403, 404)})
def calendar_year(request, year: YearParam, org_unit: Code | None = None):
    access.require(request.auth, access.VIEW_CALENDAR)
    unit = _visible_unit(request, org_unit) if org_unit else access.home_unit(request.auth)
    return selectors.calendar_for(unit).days_off(year)


@router.post("/deadline", response={200: DeadlineOut, **errors(403, 404)})
def deadline(request, payload: DeadlineIn):
    access.require(request.auth, access.VIEW_CALENDAR)
    unit = (
        _visible_unit(request, payload.org_unit)
        if payload.org_unit
        else access.home_unit(request.auth)
    )
    start = payload.start
    if timezone.is_naive(start):
        start = timezone.make_aware(start)  # a time without zone is Vietnam's
    due = selectors.calendar_for(unit).add_working_days(start, payload.days, cutoff=payload.cutoff)
    cutoff = payload.cutoff.isoformat() if payload.cutoff else None
    return {"start": start, "due": due, "days": payload.days, "cutoff": cutoff}


class LunarOut(Schema):
    lunar_year: int
    lunar_month: int
    lunar_day: int
    leap: bool
    solar: dt.date


@router.get("/lunar", response=LunarOut)
def lunar_date(
    request,
    year: Annotated[int, PydanticField(ge=MIN_YEAR, le=MAX_YEAR)],
    month: Annotated[int, PydanticField(ge=1, le=12)],
    day: Annotated[int, PydanticField(ge=1, le=30)],
    leap: bool = False,
):
    """Convert a Vietnamese lunar date (UTC+7) to the solar calendar; 422 if it does not
    exist (a 30th in a 29-day month, naming ``day``; a leap month the year lacks, naming
    ``leap``)."""
    try:
        lunar_to_solar(year, month, 1, leap)
    except InvalidLunarDate as exc:
        raise ValidationError({"leap": str(exc)}) from exc  # no such leap month that year
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


@router.get("/audit", response={200: list[AuditOut], **errors(403)})
def audit_log(
    request,
    actor: text(150) = "",
    action: text(40) = "",
    object_type: text(60) = "",
    since: Date | None = None,
    until: Date | None = None,
    limit: Annotated[int, PydanticField(ge=1, le=500)] = 100,
):
    """The audit log of the caller's units, newest first; ``since``/``until`` are
    ``YYYY-MM-DD``."""
    access.require(request.auth, access.VIEW_AUDIT)
    entries = selectors.audit_entries(
        user=request.auth,
        actor=actor,
        action=action,
        object_type=object_type,
        since=since,
        until=until,
    )[:limit]
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
