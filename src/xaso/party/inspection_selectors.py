"""Reads of inspection, supervision and discipline. Every read names members or says
which members were inspected or disciplined, so it follows the member-file rule
(``selectors``): only the Party permission's holders read anything, everyone else a 403
or nothing, another commune a 404."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from xaso.core import access
from xaso.core.models import OrgUnit, User
from xaso.party import permissions as perms
from xaso.party.models import Cell, Discipline, Inspection, Member, Programme


def visible_inspections(user: User) -> QuerySet[Inspection]:
    return access.scope(user, perms.VIEW, Inspection.objects.all()).select_related(
        "org_unit", "subject_cell__org_unit", "item__programme"
    )


def _under(unit: OrgUnit) -> Q:
    """The records of ``unit``'s subtree, or of the Đảng ủy above a cell asked for."""
    return Q(org_unit__path__startswith=unit.path)


def inspections_in(
    user: User,
    unit: OrgUnit,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    open_only: bool = False,
) -> QuerySet[Inspection]:
    """Inspections held in ``unit``'s Party organisation that started in [start, end]."""
    qs = visible_inspections(user).filter(_under(unit))
    if start is not None:
        qs = qs.filter(started_on__gte=start)
    if end is not None:
        qs = qs.filter(started_on__lte=end)
    if open_only:
        qs = qs.filter(concluded_on__isnull=True)
    return qs.annotate(member_count=Count("subject_members")).order_by("-started_on", "-pk")


def inspection_summary(user: User, unit: OrgUnit, start: dt.date, end: dt.date) -> dict:
    """The report's two figures for a period (Phần thứ hai, I.7.3: "kiểm tra, giám sát
    được 25 cuộc với 22 đảng viên"): the inspections and supervisions started in [start,
    end] and the distinct members they were held on."""
    qs = visible_inspections(user).filter(_under(unit), started_on__range=(start, end))
    members = (
        Member.objects.filter(pk__in=qs.values("subject_members")).values("pk").distinct().count()
    )
    return {
        "inspections": qs.count(),
        "members": members,
        "demo": qs.filter(is_demo=True).exists(),
    }


def inspection_or_404(user: User, pk: int) -> Inspection:
    found = visible_inspections(user).filter(pk=pk).first()
    if found is None:  # another commune's, or none: 404 all the same
        raise Http404
    return found


def subject_members(inspection: Inspection) -> list[Member]:
    return list(inspection.subject_members.select_related("org_unit").order_by("name_key"))


def programmes_in(user: User, unit: OrgUnit) -> QuerySet[Programme]:
    qs = access.scope(user, perms.VIEW, Programme.objects.all()).filter(_under(unit))
    return qs.prefetch_related("items").order_by("-period_start", "scope", "pk")


def programme_items(user: User, unit: OrgUnit) -> list:
    """The items of the programmes the user may see, for choosing when recording."""
    return [(item, p) for p in programmes_in(user, unit) for item in p.items.all()]


def visible_disciplines(user: User) -> QuerySet[Discipline]:
    return access.scope(user, perms.VIEW, Discipline.objects.all()).select_related(
        "org_unit", "member", "cell__org_unit", "inspection"
    )


def disciplines_in(user: User, unit: OrgUnit) -> QuerySet[Discipline]:
    return visible_disciplines(user).filter(_under(unit)).order_by("-decided_on", "-pk")


def disciplines_of(inspection: Inspection) -> list[Discipline]:
    return list(inspection.disciplines.select_related("member", "cell__org_unit"))


def disciplined_in_year(member_or_cell: Member | Cell, year: int) -> bool:
    """Whether a discipline decision on the member (or the cell) took effect in ``year``
    — the annual review's question ("no disciplined member" for the top level). System
    reads, no user: callers are the rating rules, which check access themselves."""
    field = "member" if isinstance(member_or_cell, Member) else "cell"
    return Discipline.objects.filter(**{field: member_or_cell}, effective_on__year=year).exists()
