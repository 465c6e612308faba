"""Reads of the one-stop module: the desk's queues, search, one dossier for a user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core import access
from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import search_key
from xaso.core.workcal import Remaining, WorkCalendar
from xaso.onestop import permissions as perms
from xaso.onestop.models import CLOCK_STATUSES, OPEN_STATUSES, Dossier, Status

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


def queue(
    user: User, name: str, *, now: dt.datetime | None = None, calendar: WorkCalendar | None = None
) -> QuerySet[Dossier]:
    """One of the desk's queues. "Due soon" is within one working day, the moment the
    law wants an apology and a new date drafted (Decree 61/2018/NĐ-CP Art. 19)."""
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
            .order_by("due_at")
        )
    if name == "due_soon":
        calendar = calendar or calendar_for(access.home_unit(user))
        horizon = calendar.add_working_days(now, 1)
        return dossiers.filter(
            status__in=CLOCK_STATUSES, due_at__gte=now, due_at__lte=horizon
        ).order_by("due_at")
    if name == "overdue":
        return dossiers.filter(status__in=CLOCK_STATUSES, due_at__lt=now).order_by("due_at")
    if name == "citizen":
        return dossiers.filter(status__in=[Status.SUPPLEMENT, Status.PAYMENT]).order_by("due_at")
    if name == "mine":
        return dossiers.filter(assigned_to=user, status__in=OPEN_STATUSES).order_by("due_at")
    if name == "new_online":
        return dossiers.filter(status=Status.NEW).order_by("submitted_at")
    if name == "results":
        return dossiers.filter(status=Status.DONE).order_by("done_at")
    if name == "closed":
        return dossiers.exclude(status__in=[*OPEN_STATUSES, Status.DONE]).order_by("-closed_at")
    return dossiers.filter(status__in=OPEN_STATUSES).order_by("due_at")


def search(
    dossiers: QuerySet[Dossier],
    *,
    text: str = "",
    field: str = "",
    status: int | None = None,
    village: str = "",
) -> QuerySet[Dossier]:
    """Filter by field, state and bản; find by code, ID number or name — the name
    regardless of tone marks and đ/d (the same on SQLite and PostgreSQL)."""
    if field:
        dossiers = dossiers.filter(procedure__field=field)
    if status:
        dossiers = dossiers.filter(status=status)
    if village:
        dossiers = dossiers.filter(applicant_village__code=village)
    text = text.strip()
    if text:
        digits = text.replace(" ", "")
        dossiers = dossiers.filter(
            Q(code__iexact=text)
            | Q(code__icontains=text)
            | Q(applicant_id_number=digits)
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
    from xaso.core.models import RoleAssignment

    roles = [role for role, granted in access.ROLE_PERMISSIONS.items() if perms.PROCESS in granted]
    holders = RoleAssignment.objects.filter(
        role__in=roles, org_unit__code__in=dossier.org_unit.ancestors_codes()
    )
    field = dossier.procedure.specialist_field
    if field:
        holders = holders.filter(~Q(role="specialist") | Q(field=field))
    return User.objects.filter(is_active=True, pk__in=holders.values("user_id")).order_by(
        "full_name"
    )


def service_centers(user: User, permission: str) -> QuerySet[OrgUnit]:
    return access.scope_units(user, permission).filter(
        kind=OrgUnit.Kind.SERVICE_CENTER, valid_to__isnull=True
    )
