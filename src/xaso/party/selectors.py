"""Reads of the Party module, and the one place deciding who sees member data.

Member files are sensitive. Every read here — cells with their counts, committees,
members, search, badges, the summary — goes through ``core.access`` with
``permissions.VIEW``, which the manifest grants only to the Party office and to leaders
(their role reaches the Đảng ủy's unit, which lies under the commune). Anyone else gets
a 403 or an empty list that does not depend on the membership, and another commune's
unit answers 404. Opening a member's file (``member_file``) writes an audit entry each
time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from xaso.core import access, audit
from xaso.core.models import OrgUnit, User
from xaso.core.vietnamese import search_key
from xaso.party import permissions as perms
from xaso.party import rules
from xaso.party.models import (
    ACTIVE,
    CLOSED_STAGES,
    Admission,
    AdmissionEvent,
    Cell,
    CellKind,
    Committee,
    Member,
    Position,
    Stage,
    Status,
    StatusChange,
    Transfer,
)
from xaso.party.services import months_after

#: How the card number reads in lists: shown only in the (audited) file.
CARD_MASK = "••••"


def can_view(user: User, obj=None) -> bool:
    return access.allowed(user, perms.VIEW, obj)


def can_manage(user: User, obj=None) -> bool:
    return access.allowed(user, perms.MANAGE, obj)


def unit_or_404(user: User, code: str | None) -> OrgUnit:
    """The unit the Party figures are asked for (``?org_unit=`` / ``don_vi``): the
    commune, its Đảng ủy or a cell — or, without a code, the user's Party unit. 404 unless
    the user holds the Party permission over it or over a unit inside it (the Party
    office holds the Đảng ủy, which lies under the commune), so another commune learns
    nothing, not even that the code exists."""
    roots = access.units_with(user, perms.VIEW) if user.is_authenticated else []
    if not code:
        party = [r for r in roots if r.kind == OrgUnit.Kind.PARTY]
        if party or roots:
            return (party or roots)[0]
        if user.is_authenticated and user.is_superuser:  # the installation's operator
            top = OrgUnit.objects.filter(parent__isnull=True).order_by("code").first()
            if top is not None:
                return top
        raise Http404
    unit = OrgUnit.objects.filter(code=code.strip().upper()).first()
    if unit is None:
        raise Http404
    if access.allowed(user, perms.VIEW, unit) or any(r.path.startswith(unit.path) for r in roots):
        return unit
    raise Http404


def visible_members(user: User) -> QuerySet[Member]:
    return access.scope(user, perms.VIEW, Member.objects.all()).select_related("org_unit")


def visible_cells(user: User) -> QuerySet[Cell]:
    return access.scope(user, perms.VIEW, Cell.objects.all()).select_related("org_unit", "village")


def _under(unit: OrgUnit, field: str = "org_unit") -> Q:
    return Q(**{f"{field}__path__startswith": unit.path})


def on_roll(qs: QuerySet[Member]) -> QuerySet[Member]:
    """The members the Đảng bộ counts (đảng số): official or probationary, not those
    attending temporarily from elsewhere."""
    return qs.filter(status__in=ACTIVE, temporary=False)


def cells_in(user: User, unit: OrgUnit) -> QuerySet[Cell]:
    """The cells in ``unit`` the user may see, each with its counts and whether its
    current leadership is a chi ủy."""
    elected = Committee.objects.filter(cell=OuterRef("pk"), ended_on__isnull=True, elected=True)
    return (
        visible_cells(user)
        .filter(_under(unit))
        .annotate(has_committee=Exists(elected))
        .order_by("kind", "org_unit__code")
    )


def counts_by_cell(user: User, unit: OrgUnit) -> dict[int, dict[str, int]]:
    """{cell unit id: {"members", "official", "probationary"}} in one grouped query."""
    rows = (
        on_roll(visible_members(user).filter(_under(unit)))
        .values("org_unit_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        entry = counts.setdefault(
            row["org_unit_id"], {"members": 0, "official": 0, "probationary": 0}
        )
        entry[row["status"]] += row["n"]
        entry["members"] += row["n"]
    return counts


def summary(user: User, unit: OrgUnit) -> dict:
    """The Đảng bộ's figures in ``unit``: cells (bản, agency, with a chi ủy) and members
    on the roll (official, probationary, women)."""
    cells = list(cells_in(user, unit))
    members = on_roll(visible_members(user).filter(_under(unit)))
    by_status = dict(members.values_list("status").annotate(n=Count("pk")).order_by())
    village_cells = [c for c in cells if c.kind == CellKind.VILLAGE]
    return {
        "cells": len(cells),
        "agency_cells": sum(c.kind == CellKind.AGENCY for c in cells),
        "village_cells": len(village_cells),
        "village_cells_with_committee": sum(c.has_committee for c in village_cells),
        "members": sum(by_status.values()),
        "official": by_status.get(Status.OFFICIAL, 0),
        "probationary": by_status.get(Status.PROBATIONARY, 0),
        "women": members.filter(gender="female").count(),
    }


def members_in(
    user: User, unit: OrgUnit, *, q: str = "", cell: str = "", status: str = ""
) -> QuerySet[Member]:
    """Members in ``unit`` the user may see: the roll by default, a status when asked;
    ``q`` matches the name ignoring case, tone marks and đ/d (the stored key, the same
    on SQLite and PostgreSQL) or the card number exactly."""
    qs = visible_members(user).filter(_under(unit))
    if status in Status.values:
        qs = qs.filter(status=status)
    elif status != "all":
        qs = on_roll(qs)
    if cell:
        qs = qs.filter(org_unit__code=cell.strip().upper())
    if q.strip():
        key = search_key(q)
        qs = qs.filter(Q(name_key__contains=key) | Q(card_number=q.strip()))
    return qs.order_by("name_key", "pk")


def cell_or_404(user: User, code: str) -> Cell:
    cell = visible_cells(user).filter(org_unit__code=code.strip().upper()).first()
    if cell is None:
        raise Http404
    return cell


def member_or_404(user: User, pk: int) -> Member:
    member = visible_members(user).filter(pk=pk).first()
    if member is None:  # another commune's member, or none: 404 all the same
        raise Http404
    return member


def member_file(user: User, pk: int, *, purpose: str) -> Member:
    """A member's file, for showing: 404 unless the user may see it, and one audit entry
    for every showing (``party_member_view``, naming the record, never the person)."""
    member = member_or_404(user, pk)
    audit.record(actor=user, action="party_member_view", obj=member, changes={"purpose": purpose})
    return member


@dataclass(frozen=True)
class Event:
    on: dt.date
    label: str
    detail: str
    note: str


def history(member: Member) -> list[Event]:
    """The member's dated records, oldest first: status changes and transfers."""
    events = [
        Event(s.on, s.get_status_display(), "", s.note)
        for s in StatusChange.objects.filter(member=member)
    ]
    for t in Transfer.objects.filter(member=member).select_related("from_unit", "to_unit"):
        where = t.to_unit or t.from_unit
        place = t.other_organisation or (str(where) if where else "")
        detail = f"{t.get_kind_display()} — {t.get_direction_display()}: {place}"
        if t.until:
            detail += f" (đến {t.until:%d/%m/%Y})"
        if t.letter_number:
            detail += f", giấy giới thiệu số {t.letter_number}"
        events.append(Event(t.on, str(Transfer._meta.verbose_name).capitalize(), detail, t.note))
    return sorted(events, key=lambda e: e.on)


def committee_of(cell: Cell) -> tuple[Committee | None, list]:
    """The cell's current leadership and its seats (secretary, deputy, members)."""
    committee = cell.committees.filter(ended_on__isnull=True).first()
    if committee is None:
        return None, []
    order = {Position.SECRETARY: 0, Position.DEPUTY: 1, Position.MEMBER: 2}
    seats = sorted(
        committee.seats.select_related("member"),
        key=lambda s: (order[s.position], s.member.name_key),
    )
    return committee, seats


def transfer_targets(user: User, member: Member) -> QuerySet[Cell]:
    """The cells of the member's Đảng bộ the user may move them to."""
    cells = access.scope(user, perms.MANAGE, Cell.objects.all()).select_related("org_unit")
    return cells.filter(org_unit__parent_id=member.org_unit.parent_id).exclude(
        org_unit=member.org_unit
    )


# --- Party badges (Huy hiệu Đảng) ------------------------------------------------------------


def award_dates(year: int) -> list[tuple[dt.date, rules.Rule]]:
    """The award dates of ``year``, each with the rule in force that day (a date only
    if that day's rule names it); none before the first rule in the data."""
    candidates: set[dt.date] = set()
    for on in (dt.date(year, 1, 1), dt.date(year, 12, 31)):
        rule = rules.rule_or_none("badge_award_dates", on)
        if rule is not None:
            candidates |= {dt.date.fromisoformat(f"{year}-{md}") for md in rule.value}
    found = []
    for day in sorted(candidates):
        rule = rules.rule_or_none("badge_award_dates", day)
        if rule is not None and day.strftime("%m-%d") in rule.value:
            found.append((day, rule))
    return found


@dataclass(frozen=True)
class Award:
    day: dt.date
    rule: rules.Rule
    years_rule: rules.Rule
    members: list[tuple[Member, int]]


def badges(user: User, unit: OrgUnit, year: int) -> list[Award]:
    """For each award date of ``year``: the members on the roll who reach one of the
    badge ages (30, 40, 45, 50 … years of Party age, counted from the admission
    decision) since the previous award date — awarded at the first date on or after
    the anniversary (``rules``: badge_award_on_next_date, unconfirmed)."""
    dates = award_dates(year)
    previous = award_dates(year - 1)
    members = list(on_roll(visible_members(user).filter(_under(unit))).order_by("name_key"))
    result = []
    last = previous[-1][0] if previous else dt.date(year - 1, 12, 31)
    for day, rule in dates:
        years_rule = rules.rule("badge_years", day)
        listed = []
        for member in members:
            for age in years_rule.value:
                reached = months_after(member.admitted_on, 12 * age)
                if last < reached <= day:
                    listed.append((member, age))
        result.append(Award(day, rule, years_rule, listed))
        last = day
    return result


# --- admissions (kết nạp) ---------------------------------------------------------------------


def visible_admissions(user: User) -> QuerySet[Admission]:
    """Admissions the user may read: the same permission as member files (a person on
    the way into the Party is as sensitive as a member)."""
    return access.scope(user, perms.VIEW, Admission.objects.all()).select_related("org_unit")


def admissions_in(
    user: User, unit: OrgUnit, *, status: str = "", open_only: bool = False
) -> list[Admission]:
    """The admissions in ``unit``: overdue first (the oldest limit first), then by the
    next time limit, then the newest; ``status`` a stage."""
    qs = visible_admissions(user).filter(_under(unit))
    if status in Stage.values:
        qs = qs.filter(status=status)
    if open_only:
        qs = qs.exclude(status__in=CLOSED_STAGES)
    today = timezone.localdate()
    rows = list(qs.order_by("due_on", "-introduced_on", "-pk"))
    return sorted(
        rows,
        key=lambda a: (
            not (a.due_on and a.due_on < today),
            a.due_on is None,
            a.due_on or today,
        ),
    )


def overdue_admissions(user: User, unit: OrgUnit | None = None) -> QuerySet[Admission]:
    """Việc quá hạn: open admissions whose waiting step is past its time limit, for
    those who act on them (the Party office)."""
    qs = access.scope(user, perms.MANAGE, Admission.objects.all()).select_related("org_unit")
    if unit is not None:
        qs = qs.filter(_under(unit))
    return (
        qs.exclude(status__in=CLOSED_STAGES)
        .filter(due_on__lt=timezone.localdate())
        .order_by("due_on", "pk")
    )


def overdue_admissions_count(user: User) -> int:
    """The menu's count (``Nav.pending``)."""
    if not user.is_authenticated:
        return 0
    return overdue_admissions(user).count()


def admission_or_404(user: User, pk: int) -> Admission:
    adm = visible_admissions(user).filter(pk=pk).first()
    if adm is None:  # another commune's, or none: 404 all the same
        raise Http404
    return adm


def can_manage_admission(user: User, adm: Admission) -> bool:
    return access.allowed(user, perms.MANAGE, adm)


def admission_steps(user: User, adm: Admission) -> list[str]:
    """The steps ``user`` may take on ``adm`` now (buttons, forms, the API)."""
    from xaso.party.admissions import WORKFLOW

    return WORKFLOW.allowed(user, adm)


def admission_events(adm: Admission) -> list[AdmissionEvent]:
    return list(adm.events.select_related("actor").order_by("on", "pk"))


def helper_choices(adm: Admission) -> QuerySet[Member]:
    """Who may help: official members of the admission's cell on its roll."""
    return on_roll(Member.objects.filter(org_unit=adm.org_unit, status=Status.OFFICIAL)).order_by(
        "name_key"
    )


def admission_counts(unit: OrgUnit, start: dt.date, end: dt.date) -> dict[str, int]:
    """The figures of a term, as the report gives them (7.2.1): introduced as
    sympathisers, trained (certificate dated), admitted (decision dated) in [start, end]."""
    qs = Admission.objects.filter(_under(unit))
    return {
        "introduced": qs.filter(introduced_on__range=(start, end)).count(),
        "trained": qs.filter(certificate_on__range=(start, end)).count(),
        "admitted": qs.filter(decision_on__range=(start, end)).count(),
    }


# --- writing a file: what the forms offer ---------------------------------------------------


def status_choices(member: Member) -> list[str]:
    """The statuses a status change may move ``member`` to (none for a member who left
    or attends temporarily: their file is closed here)."""
    from xaso.party.services import CHANGES

    if member.temporary:
        return []
    return sorted(CHANGES.get(member.status, set()), key=Status.values.index)


def probation_start(member: Member) -> dt.date | None:
    """The admission ceremony of a member admitted through xaso (the probation runs from
    it, Charter Art. 5), else None (the service counts from the admission date)."""
    adm = Admission.objects.filter(member=member, ceremony_on__isnull=False).first()
    return adm.ceremony_on if adm else None


def committee_candidates(cell: Cell) -> QuerySet[Member]:
    """Who may sit on the cell's committee: its official members on the roll."""
    return on_roll(Member.objects.filter(org_unit=cell.org_unit, status=Status.OFFICIAL)).order_by(
        "name_key", "pk"
    )


def _rules_today(*keys: str) -> list[rules.Rule]:
    today = timezone.localdate()
    return [r for r in (rules.rule_or_none(k, today) for k in keys) if r is not None]


def status_rules() -> list[rules.Rule]:
    return _rules_today("probation_months")


def committee_rules() -> list[rules.Rule]:
    return _rules_today("committee_official_members_min", "committee_size_max")


def document_viewed(user: User, obj, *, document: str) -> None:
    """One audit entry for each showing of a document naming a member or a person on
    the way in (like the file itself): the record by number, the document in words."""
    audit.record(actor=user, action="party_document_view", obj=obj, changes={"purpose": document})


def outgoing_transfers(member: Member) -> QuerySet[Transfer]:
    """The member's transfers that leave a cell (to another cell or out of the Đảng
    bộ): each has its introduction letter."""
    return Transfer.objects.filter(member=member, direction__in=["internal", "out"]).order_by(
        "on", "pk"
    )
