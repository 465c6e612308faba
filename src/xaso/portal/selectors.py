"""Reads of the citizens' portal.

The public look-up never hands a ``Dossier`` to a template: it builds a ``PublicDossier``
from a query that does not even load the applicant's columns, so no template change can
leak a name, an ID number or a phone number. One indexed query by code, plus the
office's calendar only while the legal clock runs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from xaso.core.models import OrgUnit
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import nfc
from xaso.onestop import selectors as onestop
from xaso.onestop import selectors as onestop_selectors
from xaso.onestop.models import CLOCK_STATUSES, Dossier, Procedure, Status

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,39}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

# The only columns the look-up reads. Nothing about the applicant is among them.
PUBLIC_FIELDS = (
    "code",
    "status",
    "channel",
    "submitted_at",
    "received_at",
    "due_at",
    "rescheduled_from",
    "done_at",
    "returned_at",
    "return_method",
    "missing_documents",
    "rating",
    "org_unit__code",
    "org_unit__name",
    "org_unit__kind",
    "org_unit__path",
    "procedure__code",
    "procedure__name",
)


def normalise_code(raw: str) -> str:
    """A dossier code as typed on a phone: spaces dropped, upper case, any dash."""
    text = nfc(raw).strip().upper()
    for dash in ("\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"):
        text = text.replace(dash, "-")
    return re.sub(r"\s+", "", text)


def idempotency_key(token: str) -> str:
    return f"portal:{token}"


@dataclass(frozen=True)
class PublicDossier:
    """What anyone holding the code may see: the procedure, the status, the dates."""

    code: str
    procedure_code: str
    procedure_name: str
    office_name: str
    channel_label: str
    status: int
    status_label: str
    submitted_at: dt.datetime
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    rescheduled: bool
    clock: str  # waiting | running | paused | done | returned | closed
    days_left: int | None
    days_late: int | None
    missing_documents: str
    done_at: dt.datetime | None
    returned_at: dt.datetime | None
    return_method_label: str
    rated: bool
    can_rate: bool  # the one-stop rule (``onestop.selectors.can_rate``)


def _clock(status: int) -> str:
    if status == Status.NEW:
        return "waiting"
    if status in CLOCK_STATUSES:
        return "running"
    if status == Status.SUPPLEMENT:
        return "paused"
    if status == Status.DONE:
        return "done"
    if status == Status.RETURNED:
        return "returned"
    return "closed"


def public_dossier(code: str, key: str, *, now: dt.datetime | None = None) -> PublicDossier | None:
    """The public face of dossier ``code`` for someone who also holds its second factor
    (``second_factor``), or None — the same None whether the code does not exist or the
    key is wrong, so a look-up tells nothing to someone without the slip."""
    factor = onestop_selectors.second_factor(key)
    if factor is None:
        return None
    dossier = (
        Dossier.objects.select_related("procedure", "org_unit")
        .only(*PUBLIC_FIELDS)
        .filter(factor, code=code)
        .first()
    )
    if dossier is None:
        return None
    clock = _clock(dossier.status)
    days_left = days_late = None
    if clock == "running" and dossier.due_at is not None:
        remaining = calendar_for(dossier.org_unit).remaining(dossier.due_at, now or timezone.now())
        days_left, days_late = remaining.days_left, remaining.days_late
        if not remaining.overdue:
            days_late = None
        else:
            days_left = None
    returned = dossier.status == Status.RETURNED
    return PublicDossier(
        code=dossier.code,
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        office_name=dossier.org_unit.display_name,
        channel_label=str(dossier.get_channel_display()),
        status=dossier.status,
        status_label=str(dossier.get_status_display()),
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at if clock in ("running", "done", "returned") else None,
        rescheduled=dossier.rescheduled_from is not None,
        clock=clock,
        days_left=days_left,
        days_late=days_late,
        missing_documents=(
            dossier.missing_documents if dossier.status == Status.SUPPLEMENT else ""
        ),
        done_at=dossier.done_at,
        returned_at=dossier.returned_at if returned else None,
        return_method_label=str(dossier.get_return_method_display()) if returned else "",
        rated=dossier.rating is not None,
        can_rate=onestop.can_rate(dossier),
    )


def submitted_online(code: str) -> Dossier | None:
    """An online dossier for its confirmation page (public columns only)."""
    return (
        Dossier.objects.select_related("procedure", "org_unit")
        .only(*PUBLIC_FIELDS, "lookup_key")
        .filter(code=code, channel=Dossier.Channel.ONLINE)
        .first()
    )


def dossier_for_token(token: str) -> Dossier | None:
    """The dossier a submission with this form token already made, if any."""
    if not TOKEN_RE.match(token or ""):
        return None
    return Dossier.objects.only("code").filter(idempotency_key=idempotency_key(token)).first()


# --- online submission ----------------------------------------------------------------

ONLINE_LEVELS = (Procedure.OnlineLevel.FULL, Procedure.OnlineLevel.PARTIAL)


def online_procedures() -> QuerySet[Procedure]:
    """Active procedures a citizen may submit online, by field then name."""
    return Procedure.objects.filter(active=True, online_level__in=ONLINE_LEVELS).order_by(
        "field", "name"
    )


def online_procedure(code: str) -> Procedure | None:
    return online_procedures().filter(code=code).first()


def _active(today: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=today)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def service_centers(today: dt.date | None = None) -> list[OrgUnit]:
    """The public administrative service centers that receive dossiers now."""
    today = today or timezone.localdate()
    return list(
        OrgUnit.objects.filter(_active(today), kind=OrgUnit.Kind.SERVICE_CENTER).order_by("path")
    )


def villages_by_center(
    centers: list[OrgUnit], today: dt.date | None = None
) -> list[tuple[OrgUnit, OrgUnit | None, list[OrgUnit]]]:
    """For each center: (center, its commune, the commune's active named villages).

    Villages the records do not name yet are left out: "Bản chưa có tên (03763-B11)"
    means nothing to a citizen, who then leaves the field empty and writes the address.
    """
    today = today or timezone.localdate()
    result = []
    for center in centers:
        commune = center.commune()
        villages = _named_villages(commune, today) if commune is not None else []
        result.append((center, commune, villages))
    return result


# --- recommendations and feedback -------------------------------------------------------


def _named_villages(commune: OrgUnit, today: dt.date) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(
            _active(today), kind=OrgUnit.Kind.VILLAGE, path__startswith=commune.path
        )
        .exclude(name="")
        .order_by("name_key", "code")
    )


def petition_communes(
    chosen: str = "", today: dt.date | None = None
) -> list[tuple[OrgUnit, list[OrgUnit]]]:
    """The communes that take recommendations and feedback now, each with its named
    bản; only ``chosen`` (a commune code from the page's ``?don_vi=``) when it is one."""
    today = today or timezone.localdate()
    communes = list(
        OrgUnit.objects.filter(_active(today), kind=OrgUnit.Kind.COMMUNE).order_by("name_key")
    )
    picked = [c for c in communes if c.code == chosen]
    return [(c, _named_villages(c, today)) for c in (picked or communes)]
