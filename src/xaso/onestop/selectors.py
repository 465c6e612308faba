"""Reads of the one-stop module: the desk's queues, search, one dossier for a user, and
the ``can_*`` answers the pages show — the same rules the services enforce, so a page
never offers what the service (or the API) would refuse."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core import access
from xaso.core.codes import normal_lookup_key
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import search_key
from xaso.core.workcal import Remaining, WorkCalendar
from xaso.onestop import fees
from xaso.onestop import permissions as perms
from xaso.onestop.models import (
    CLOCK_STATUSES,
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Dossier,
    Procedure,
    ProvinceFee,
    Status,
)

QUEUES = {
    "today": _("Việc hôm nay"),
    "mine": _("Được giao cho tôi"),
    "due_soon": _("Sắp đến hạn"),
    "overdue": _("Quá hạn"),
    "citizen": _("Chờ công dân"),
    "new_online": _("Hồ sơ trực tuyến mới"),
    "results": _("Chờ trả kết quả"),
    "all_open": _("Đang giải quyết"),
    "closed": _("Đã kết thúc"),
}


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    return access.scope(user, perms.VIEW, Dossier.objects.all()).select_related(
        "procedure", "org_unit", "applicant_village", "assigned_to"
    )


#: Most urgent first: the earliest due (so the latest, overdue ones) first; those without
#: a due date yet (new online dossiers) after them, oldest first — on SQLite and
#: PostgreSQL alike (they put NULL at opposite ends); then by code, for stable pages.
URGENT = (F("due_at").asc(nulls_last=True), "submitted_at", "code")
#: Newest first: a search across all dossiers, the closed ones.
NEWEST = ("-submitted_at", "-code")


def queue(
    user: User, name: str, *, now: dt.datetime | None = None, calendar: WorkCalendar | None = None
) -> QuerySet[Dossier]:
    """One of the desk's queues, most urgent first (``URGENT``); "closed" newest first.
    "Due soon" is within one working day, the moment the law wants an apology and a new
    date drafted (Decree 61/2018/NĐ-CP Art. 19)."""
    now = now or timezone.now()
    dossiers = visible_dossiers(user)
    today = timezone.localtime(now).date()
    if name == "today":
        tomorrow = dt.datetime.combine(
            today + dt.timedelta(days=1), dt.time.min, timezone.get_current_timezone()
        )
        return (
            dossiers.filter(status__in=OPEN_STATUSES)
            .filter(
                Q(due_at__lt=tomorrow)
                | Q(status=Status.NEW)
                | Q(transfer_due_at__lt=tomorrow, status=Status.RECEIVED)
            )
            .order_by(*URGENT)
        )
    if name == "due_soon":
        calendar = calendar or calendar_for(access.home_unit(user))
        horizon = calendar.add_working_days(now, 1)
        return dossiers.filter(
            status__in=CLOCK_STATUSES, due_at__gte=now, due_at__lte=horizon
        ).order_by(*URGENT)
    if name == "overdue":
        return dossiers.filter(status__in=CLOCK_STATUSES, due_at__lt=now).order_by(*URGENT)
    if name == "citizen":
        return dossiers.filter(status__in=[Status.SUPPLEMENT, Status.PAYMENT]).order_by(*URGENT)
    if name == "mine":
        return dossiers.filter(assigned_to=user, status__in=OPEN_STATUSES).order_by(*URGENT)
    if name == "new_online":
        # Waiting to be checked: the longest waiting first.
        return dossiers.filter(status=Status.NEW).order_by("submitted_at", "code")
    if name == "results":
        # Waiting to be handed over: the longest waiting first.
        return dossiers.filter(status=Status.DONE).order_by("done_at", "code")
    if name == "closed":
        return dossiers.exclude(status__in=[*OPEN_STATUSES, Status.DONE]).order_by(
            F("closed_at").desc(nulls_last=True), *NEWEST
        )
    return dossiers.filter(status__in=OPEN_STATUSES).order_by(*URGENT)


def search(
    dossiers: QuerySet[Dossier],
    *,
    user: User,
    text: str = "",
    field: str = "",
    status: int | None = None,
    village: str = "",
) -> QuerySet[Dossier]:
    """Filter by field, state and bản; find by code, ID number or name — the name
    regardless of tone marks and đ/d (the same on SQLite and PostgreSQL). The ID number
    finds only the dossiers whose ID ``user`` may see: otherwise a search would tell
    whose number it is although the page masks it."""
    if field:
        dossiers = dossiers.filter(procedure__field=field)
    if status:
        dossiers = dossiers.filter(status=status)
    if village:
        dossiers = dossiers.filter(applicant_village__code=village)
    text = text.strip()
    if text:
        digits = text.replace(" ", "")
        by_id = Q(applicant_id_number=digits) & Q(
            org_unit__in=access.scope_units(user, perms.VIEW_PERSONAL).values("pk")
        )
        dossiers = dossiers.filter(
            Q(code__iexact=text)
            | Q(code__icontains=text)
            | by_id
            | Q(applicant_key__contains=search_key(text))
        )
    return dossiers


@dataclass(frozen=True)
class Clock:
    """What a list shows about a dossier's deadline."""

    remaining: Remaining | None
    at_risk: bool  # one working day or less left: draft the apology (form 04)


def clock(dossier: Dossier, calendar: WorkCalendar, now: dt.datetime) -> Clock:
    if dossier.due_at is None or dossier.status not in [*CLOCK_STATUSES, Status.SUPPLEMENT]:
        return Clock(remaining=None, at_risk=False)
    remaining = calendar.remaining(dossier.due_at, now)
    # The rule (one working day before the due date: apologise and set a new date) is
    # for procedures that take days; a same-day one is always "due today".
    procedure = dossier.procedure
    takes_days = procedure.time_unit == "working_days" and procedure.processing_time > 1
    at_risk = (
        takes_days
        and not remaining.overdue
        and remaining.days_left <= 1
        and dossier.status in CLOCK_STATUSES
    )
    return Clock(remaining=remaining, at_risk=at_risk)


def dossier_for(user: User, code: str) -> Dossier | None:
    return visible_dossiers(user).filter(code=code).first()


def specialists_for(dossier: Dossier) -> QuerySet[User]:
    """Officials who may process ``dossier``: a role granting PROCESS held over its unit or
    a unit above it — and, for a specialist, in the procedure's field. One query."""
    assignments = access.assignments_over(perms.PROCESS, dossier.org_unit)
    field = dossier.procedure.specialist_field
    if field:
        assignments = assignments.filter(~Q(role="specialist") | Q(field=field))
    return access.holders(perms.PROCESS, dossier.org_unit, assignments)


# --- where and what: the rules the services enforce, for the pages ----------------------


def receives_dossiers(unit: OrgUnit) -> bool:
    """Dossiers are received only at an open public administrative service center (the
    one-stop desk of Decree 61/2018/NĐ-CP), never at the commune or another office."""
    return unit.kind == OrgUnit.Kind.SERVICE_CENTER and unit.valid_to is None


def service_centers(user: User, permission: str) -> QuerySet[OrgUnit]:
    """The units where ``user`` holds ``permission`` and which receive dossiers (as
    ``receives_dossiers``)."""
    return access.scope_units(user, permission).filter(
        kind=OrgUnit.Kind.SERVICE_CENTER, valid_to__isnull=True
    )


def can_receive(user: User, obj=None) -> bool:
    """The desk's role: over ``obj`` (a dossier or a unit), or anywhere without one."""
    return access.allowed(user, perms.RECEIVE, obj)


def can_intake(user: User) -> bool:
    """Whether the intake page opens for ``user`` (``views.intake``): the desk's role at
    an open service center."""
    return service_centers(user, perms.RECEIVE).exists()


def can_view_personal(user: User, obj=None) -> bool:
    """The applicant's personal data, scans, printed forms and the register (sổ theo
    dõi): over ``obj``, or anywhere without one."""
    return access.allowed(user, perms.VIEW_PERSONAL, obj)


def return_refusal(dossier: Dossier) -> str | None:
    """Why the result of ``dossier`` cannot be handed over yet (the workflow's
    ``return_result`` asks this too), or None."""
    if dossier.fee_amount and dossier.paid_at is None:
        return _("Hồ sơ chưa nộp phí, lệ phí.")
    return None


def papers(user: User, dossier: Dossier, clock: Clock | None = None) -> list[int]:
    """The forms (01–05) the page offers to print for ``dossier``: those the paper module
    can fill now (``onestop.paper.forms``), for a user who may see personal data."""
    if not can_view_personal(user, dossier):
        return []
    numbers = []
    if dossier.received_at is not None:
        numbers.append(1)
    if (
        dossier.missing_documents.strip()
        or dossier.events.filter(action="request_supplement").exclude(note="").exists()
    ):
        numbers.append(2)
    if dossier.status == Status.REFUSED and dossier.decision_reason.strip():
        numbers.append(3)
    if dossier.rescheduled_from is not None or (
        dossier.due_at is not None and clock is not None and clock.at_risk
    ):
        numbers.append(4)
    numbers.append(5)
    return numbers


#: A dossier's status as a coloured tag: waiting for the desk blue, moving yellow/green,
#: waiting for the citizen orange, ended grey, refused or stopped red.
STATUS_COLOURS = {
    Status.NEW: "blue",
    Status.RECEIVED: "light-blue",
    Status.PROCESSING: "yellow",
    Status.SUPPLEMENT: "orange",
    Status.PAYMENT: "orange",
    Status.WITHDRAWN: "grey",
    Status.REFUSED: "red",
    Status.STOPPED: "red",
    Status.DONE: "green",
    Status.RETURNED: "grey",
}


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a dossier's history in words: when, what, the status it led to, who,
    the note."""

    at: dt.datetime
    label: str
    status: str
    actor: str
    note: str


def history(dossier: Dossier, labels: dict) -> list[HistoryEntry]:
    """The dossier's steps (form 05) as the page shows them; ``labels`` names each
    action (``services.ACTION_LABELS``) — an action without a name reads "cập nhật",
    never its code."""
    return [
        HistoryEntry(
            at=event.at,
            label=str(labels.get(event.action) or _("cập nhật")),
            status=(
                event.get_to_status_display()
                if event.to_status is not None and event.to_status != event.from_status
                else ""
            ),
            actor=event.actor.full_name if event.actor else "",
            note=event.note,
        )
        for event in dossier.events.select_related("actor")
    ]


def handles(user: User, dossier: Dossier) -> bool:
    """The desk or a processing official of the dossier's unit."""
    return access.allowed(user, perms.RECEIVE, dossier) or access.allowed(
        user, perms.PROCESS, dossier
    )


#: While the dossier is being dealt with, the due date may be moved (not once it waits
#: for nobody: done, returned or closed).
RESCHEDULABLE = (*CLOCK_STATUSES, Status.SUPPLEMENT)


def reschedule_refusal(dossier: Dossier) -> str | None:
    """Why the due date of ``dossier`` cannot be moved now, or None."""
    if dossier.rescheduled_from is not None:
        return _("Hồ sơ đã được hẹn lại một lần; theo quy định chỉ được hẹn lại một lần.")
    if dossier.status not in RESCHEDULABLE:
        return _("Hồ sơ không còn đang giải quyết.")
    return None


def can_reschedule(user: User, dossier: Dossier) -> bool:
    """Whether the page offers the apology and new date (``services.dossier_reschedule``
    takes it once only, Decree 61/2018/NĐ-CP Art. 19)."""
    return handles(user, dossier) and reschedule_refusal(dossier) is None


def suggested_new_due(dossier: Dossier, calendar: WorkCalendar | None = None) -> dt.datetime | None:
    """The apology's suggested new date: the close of the next working day."""
    if dossier.due_at is None:
        return None
    due = timezone.localtime(dossier.due_at)
    calendar = calendar or calendar_for(dossier.org_unit)
    return calendar.closing_of(calendar.next_working_day(due.date()))


def payment_refusal(dossier: Dossier) -> str | None:
    """Why the desk cannot record the fee of ``dossier`` as paid now, or None. Until the
    result is handed over the fee can be paid (returning it needs the fee paid)."""
    if dossier.fee_unknown and dossier.fee_amount <= 0:
        return _(
            "Mức phí, lệ phí của tỉnh cho thủ tục này chưa nhập: hãy yêu cầu nộp phí với số "
            "tiền cụ thể trước khi thu."
        )
    if dossier.fee_amount <= 0:
        return _("Hồ sơ này không phải nộp phí.")
    if dossier.paid_at is not None:
        return _("Hồ sơ đã nộp phí.")
    if dossier.status in CLOSED_STATUSES:
        return _("Hồ sơ đã kết thúc.")
    return None


def can_pay(user: User, dossier: Dossier) -> bool:
    return can_receive(user, dossier) and payment_refusal(dossier) is None


def rating_refusal(dossier: Dossier) -> str | None:
    """Why the citizen cannot rate ``dossier`` now (once, after the result), or None."""
    if dossier.status != Status.RETURNED:
        return _("Chỉ đánh giá được sau khi đã nhận kết quả.")
    if dossier.rating is not None:
        return _("Hồ sơ này đã được đánh giá.")
    return None


def can_rate(dossier: Dossier) -> bool:
    return rating_refusal(dossier) is None


def stored_idempotency_key(actor, key: str | None) -> str | None:
    """The key as stored: an official's key is theirs alone (a digest of their account
    and the key, so any length fits the column and nobody can name another's); the
    portal's keys (``actor`` None) are already its own (``portal:<token>``)."""
    if not key:
        return None
    if actor is None:
        return key
    return "u:" + hashlib.sha256(f"{actor.pk}\0{key}".encode()).hexdigest()


def dossier_for_idempotency_key(actor, key: str | None):
    """The dossier ``actor`` already made with ``key``, if any."""
    stored = stored_idempotency_key(actor, key)
    return Dossier.objects.filter(idempotency_key=stored).first() if stored else None


def reporting_units(user: User) -> QuerySet[OrgUnit]:
    """The communes and service centers whose statistics ``user`` may open."""
    return access.scope_units(user, perms.VIEW).filter(
        kind__in=[OrgUnit.Kind.COMMUNE, OrgUnit.Kind.SERVICE_CENTER], valid_to__isnull=True
    )


def second_factor(key: str) -> Q | None:
    """What must hold besides the code: the look-up key printed on the slip, or the last
    four digits of the applicant's ID number; None when ``key`` is neither."""
    key = normal_lookup_key(key)
    if re.fullmatch(r"\d{4}", key):
        return Q(applicant_id_number__endswith=key)
    if re.fullmatch(r"[A-Z0-9]{6,12}", key):
        return Q(lookup_key=key)
    return None


# --- fees set by the province (Circular 85/2019/TT-BTC) ----------------------------------


def province_fee(procedure: Procedure, unit: OrgUnit | None) -> ProvinceFee | None:
    """The amount ``unit``'s province set for ``procedure`` (``{"type": "province"}``
    rules), or None when it is not entered — or the unit lies in no province."""
    province = unit.province() if unit is not None else None
    if province is None or not procedure.fee_set_by_province:
        return None
    return ProvinceFee.objects.filter(province=province, procedure=procedure).first()


@dataclass(frozen=True)
class FeeLine:
    """One line of a procedure's fee as a page states it: for a province (or for every
    dossier when ``province`` is None), the rule in words and its basis."""

    province: OrgUnit | None
    text: str
    legal_basis: str
    unknown: bool


def fee_lines(procedure: Procedure, provinces: list[OrgUnit] | None = None) -> list[FeeLine]:
    """What a page says the fee of ``procedure`` is. A rule set by the province gives one
    line per province of ``provinces`` (default: those with a service center here), each
    "chưa nhập" until the province's amount is entered."""
    if not procedure.fee_set_by_province:
        return [
            FeeLine(
                province=None,
                text=fees.rule_text(procedure.fee_rule),
                legal_basis=procedure.fee_legal_basis,
                unknown=False,
            )
        ]
    if provinces is None:
        provinces = fee_provinces()
    entered = {
        pf.province_id: pf
        for pf in ProvinceFee.objects.filter(procedure=procedure, province__in=provinces)
    }
    lines = []
    for province in provinces:
        pf = entered.get(province.pk)
        lines.append(
            FeeLine(
                province=province,
                text=fees.rule_text(procedure.fee_rule, pf.amount if pf else None),
                legal_basis=pf.legal_basis if pf else procedure.fee_legal_basis,
                unknown=pf is None,
            )
        )
    return lines


def fee_provinces() -> list[OrgUnit]:
    """The provinces that have an open service center in this installation — two queries
    (the centers' paths, the provinces), however many provinces."""
    centers = OrgUnit.objects.filter(kind=OrgUnit.Kind.SERVICE_CENTER, valid_to__isnull=True)
    paths = list(centers.values_list("path", flat=True))
    provinces = OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).order_by("code")
    return [p for p in provinces if any(path.startswith(p.path) for path in paths)]


def can_set_province_fee(user: User, province: OrgUnit) -> bool:
    """The installation's administrator or the province's: the catalogue's permission
    held over the province itself — a commune's administrator does not set the
    province's fees."""
    return province.kind == OrgUnit.Kind.PROVINCE and access.allowed(
        user, perms.MANAGE_CATALOGUE, province
    )


def fee_settable_provinces(user: User) -> list[OrgUnit]:
    return [p for p in fee_provinces() if can_set_province_fee(user, p)]


def due_is_provisional(dossier: Dossier, calendar: WorkCalendar | None = None) -> bool:
    """Whether the dossier's due moment crosses a day off no notice has fixed yet (dự
    kiến): it may move when the year's notice is entered."""
    if dossier.due_at is None or dossier.clock_started_at is None:
        return False
    calendar = calendar or calendar_for(dossier.org_unit)
    return bool(calendar.provisional_between(dossier.clock_started_at, dossier.due_at))
