"""Reads of the trainings (cử đi đào tạo, bồi dưỡng). Each names a member, so it follows
the member-file rule (``selectors``): only the Party permission's holders read, everyone
else a 403 or nothing, another commune a 404."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.http import Http404

from xaso.core import access
from xaso.core.models import OrgUnit, User
from xaso.party import permissions as perms
from xaso.party.models import CourseKind, Member, Training, TrainingResult

#: The report's figures for the 2020–2025 term (Phần thứ hai, I.7.2.1): "đề nghị cấp có
#: thẩm quyền cử đi học Đại học 04 đồng chí; đi học Trung cấp lý luận 05 đồng chí, Sơ cấp
#: lý luận 12 đồng chí".
REPORT_SECTION = "Phần thứ hai, I.7.2.1"
REPORT_FIGURES = {
    CourseKind.UNIVERSITY: 4,
    CourseKind.INTERMEDIATE_THEORY: 5,
    CourseKind.ELEMENTARY_THEORY: 12,
}
TERM_YEARS = (2020, 2025)


def visible_trainings(user: User) -> QuerySet[Training]:
    return access.scope(user, perms.VIEW, Training.objects.all()).select_related(
        "org_unit", "member"
    )


def trainings_in(
    user: User, unit: OrgUnit, *, kind: str = "", year: int | None = None
) -> QuerySet[Training]:
    """The trainings of members of ``unit``'s cells, newest first; by course kind and
    by the year sent."""
    qs = visible_trainings(user).filter(org_unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    if year is not None:
        qs = qs.filter(sent_on__year=year)
    return qs.order_by("-sent_on", "-pk")


def training_summary(user: User, unit: OrgUnit, start: dt.date, end: dt.date) -> dict:
    """How many members were sent to each kind of course in [start, end] (by the date
    sent), every kind named, and whether demo records are among them."""
    qs = visible_trainings(user).filter(
        org_unit__path__startswith=unit.path, sent_on__range=(start, end)
    )
    counts = dict(qs.values_list("kind").annotate(n=Count("pk")).order_by())
    return {
        **{kind: counts.get(kind, 0) for kind in CourseKind.values},
        "total": sum(counts.values()),
        "demo": qs.filter(is_demo=True).exists(),
    }


def is_report_term(start: dt.date, end: dt.date) -> bool:
    """Whether [start, end] is the term the report speaks of (2020–2025)."""
    return (start.year, end.year) == TERM_YEARS


def training_or_404(user: User, pk: int) -> Training:
    found = visible_trainings(user).filter(pk=pk).first()
    if found is None:  # another commune's, or none: 404 all the same
        raise Http404
    return found


def trainings_of(member: Member) -> list[Training]:
    return list(member.trainings.order_by("-sent_on", "-pk"))


def can_finish(user: User, training: Training) -> bool:
    return training.result == TrainingResult.STUDYING and access.allowed(
        user, perms.MANAGE, training
    )
