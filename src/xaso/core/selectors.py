"""Reads of the core app: the calendar that applies to an office, org trees, the audit log."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet

from xaso.core import access
from xaso.core.models import (
    AuditEntry,
    CalendarOverride,
    HolidayNotice,
    HolidayRule,
    OfficeSchedule,
    OrgUnit,
    User,
)
from xaso.core.vietnamese import search_key
from xaso.core.workcal import HolidayRule as Rule
from xaso.core.workcal import Notice, Override, Schedule, WorkCalendar


def _overrides_scope(office: OrgUnit | None) -> Q:
    """The overrides that apply to ``office``: nationwide ones and those of the office
    and the units above it — never another commune's."""
    scope = Q(org_unit__isnull=True)
    if office is not None:
        scope |= Q(org_unit__code__in=office.ancestors_codes())
    return scope


def calendar_overrides(office: OrgUnit | None, year: int) -> QuerySet[CalendarOverride]:
    """The year's overrides shown on ``office``'s calendar page."""
    return (
        CalendarOverride.objects.filter(_overrides_scope(office), date__year=year)
        .select_related("org_unit")
        .order_by("date")
    )


def holiday_notices(office: OrgUnit | None, year: int) -> QuerySet[HolidayNotice]:
    """The year's notices that apply to ``office`` (nationwide ones and its own line's)."""
    return HolidayNotice.objects.filter(_overrides_scope(office), year=year).select_related(
        "org_unit"
    )


def calendar_for(office: OrgUnit | None = None) -> WorkCalendar:
    """The working-day calendar of ``office``: the statutory rules, the nationwide
    overrides plus those of the office and its parents, and its own hours (or the
    nearest parent's). Build it once per request and reuse it across a list."""
    rules = tuple(
        Rule(
            name=r.name,
            calendar=r.calendar,
            month=r.month,
            day=r.day,
            days=r.days,
            offset=r.offset,
            legal_basis=r.legal_basis,
            first_year=r.first_year,
            last_year=r.last_year,
            group=r.group,
        )
        for r in HolidayRule.objects.all()
    )
    scope = _overrides_scope(office)
    schedule = Schedule()
    if office is not None:
        codes = office.ancestors_codes()
        # The nearest unit with its own hours wins.
        schedules = {
            s.org_unit.code: s
            for s in OfficeSchedule.objects.filter(org_unit__code__in=codes).select_related(
                "org_unit"
            )
        }
        for code in reversed(codes):
            if code in schedules:
                s = schedules[code]
                schedule = Schedule(
                    morning=(s.morning_start, s.morning_end),
                    afternoon=(s.afternoon_start, s.afternoon_end),
                    saturday_morning=s.saturday_morning,
                )
                break
    # A unit's own decision beats a broader one on the same day: read the nationwide
    # ones first (explicit NULLS FIRST: SQLite and PostgreSQL differ by default) and
    # let deeper units overwrite them.
    overrides = {}
    for o in CalendarOverride.objects.filter(scope).order_by(
        F("org_unit__path").asc(nulls_first=True)
    ):
        overrides[o.date] = Override(
            date=o.date, day_off=o.day_off, reason=o.reason, legal_basis=o.legal_basis
        )
    notices = tuple(
        Notice(
            year=n.year,
            covers=frozenset(n.covers),
            legal_basis=n.legal_basis,
            confirmed=n.confirmed,
        )
        for n in HolidayNotice.objects.filter(scope)
    )
    return WorkCalendar(
        rules=rules,
        notices=notices,
        overrides=tuple(sorted(overrides.values(), key=lambda o: o.date)),
        schedule=schedule,
    )


def org_units_search(*, user: User, query: str = "", kind: str = "") -> QuerySet[OrgUnit]:
    """Units the user may see, matching ``query`` regardless of tone marks and đ/d."""
    units = access.scope_units(user, access.VIEW_ORG)
    if query:
        key = search_key(query)
        units = units.filter(Q(name_key__contains=key) | Q(code__icontains=query.strip()))
    if kind:
        units = units.filter(kind=kind)
    return units.select_related("parent")


def audit_entries(
    *,
    user: User,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    org_unit: OrgUnit | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries within the user's units, newest first.

    Entries without a unit (installation-wide changes) are visible to superusers only.
    """
    entries = access.scope(user, access.VIEW_AUDIT, AuditEntry.objects.all())
    if actor:
        entries = entries.filter(actor__username=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if org_unit is not None:
        entries = entries.filter(org_unit__path__startswith=org_unit.path)
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries.select_related("actor", "org_unit")


def audit_filter_choices(*, user: User) -> dict[str, list[tuple[str, str]]]:
    """The people, actions and kinds of record that appear in the log ``user`` may read,
    each as (value, words) sorted by its words: what the log's filters offer."""
    from xaso.core.audit_display import capital, person_words, record_type_label
    from xaso.core.plugins import audit_label

    entries = access.scope(user, access.VIEW_AUDIT, AuditEntry.objects.all()).order_by()
    people = User.objects.filter(
        pk__in=entries.exclude(actor=None).values("actor").distinct()
    ).order_by("full_name", "username")
    actions = {a: audit_label(a) for a in entries.values_list("action", flat=True).distinct()}
    types = {
        t: record_type_label(t) for t in entries.values_list("object_type", flat=True).distinct()
    }

    def by_words(pairs):
        return sorted(pairs, key=lambda pair: search_key(pair[1]))

    return {
        "actor": [(u.username, person_words(u)) for u in people],
        "action": by_words((a, capital(label)) for a, label in actions.items()),
        "object_type": by_words((t, label) for t, label in types.items() if label),
    }


def users_managed(*, user: User, query: str = "") -> QuerySet[User]:
    """The accounts ``user`` may manage (``access.may_manage_account``, as a query)."""
    users = access.scope(user, access.MANAGE_USERS, User.objects.all())
    if not user.is_superuser:
        beyond = OrgUnit.objects.exclude(pk__in=access.scope_units(user, access.MANAGE_USERS))
        users = users.exclude(is_superuser=True).exclude(role_assignments__org_unit__in=beyond)
    if query:
        users = users.filter(
            Q(username__icontains=query.strip()) | Q(name_key__contains=search_key(query))
        )
    return users.select_related("org_unit").prefetch_related("role_assignments__org_unit")


def home_summary(*, user: User, today: dt.date) -> dict:
    """What an official sees first: today's working status, and per role what needs them."""
    unit = access.home_unit(user)
    calendar = calendar_for(unit)
    upcoming = [
        d
        for year in (today.year, today.year + 1)
        for d in calendar.days_off(year)
        if today < d.date <= today + dt.timedelta(days=60)
    ]
    summary: dict = {
        "working_today": calendar.is_working_day(today),
        "next_day_off": upcoming[0] if upcoming else None,
    }
    if access.allowed(user, access.MANAGE_ORG):
        summary["unnamed_units"] = (
            access.scope_units(user, access.MANAGE_ORG)
            .filter(name="", valid_to__isnull=True)
            .count()
        )
    if access.allowed(user, access.MANAGE_USERS):
        managed = access.scope(user, access.MANAGE_USERS, User.objects.filter(is_active=True))
        summary["active_accounts"] = managed.count()
        summary["accounts_without_role"] = managed.filter(role_assignments__isnull=True).count()
    if access.allowed(user, access.VIEW_AUDIT):
        summary["recent_changes"] = list(
            audit_entries(user=user).exclude(action__in=["login", "logout"])[:5]
        )
    return summary
