"""The one-stop panel of the leader's overview (``core.plugins.OverviewPanel``): the
dossiers received today, and today's work, due soon and late as numbers that open the
queue's own tabs, counted as those tabs count; and the share of dossiers resolved on time,
month by month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, charts
from xaso.core.localized import format_percent
from xaso.core.models import OrgUnit
from xaso.onestop import indicators, selectors
from xaso.onestop import permissions as perms
from xaso.onestop.models import Dossier

MONTHS = 12


def _narrow(dossiers: QuerySet[Dossier], unit: OrgUnit) -> QuerySet[Dossier]:
    """A bản's dossiers are those of its people (the queue's ``ban`` filter); a commune's,
    those of its subtree and of the units merged into it (as the queue shows them)."""
    if unit.kind == OrgUnit.Kind.VILLAGE:
        return dossiers.filter(applicant_village=unit)
    return access.within(dossiers, unit)


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())


def months_of(year: int, today: dt.date) -> list[dt.date]:
    """The first days of the chart's months: the last twelve up to this month in the
    current year, January to December of a past one."""
    last = today.replace(day=1) if year >= today.year else dt.date(year, 12, 1)
    months = []
    for _i in range(MONTHS):
        months.append(last)
        last = (last - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def on_time_by_month(unit: OrgUnit, months: list[dt.date]) -> list[tuple[dt.date, int, int]]:
    """(month, resolved, on time — early included) for each month, from the dossiers
    resolved in it, in one query; the same rule as the statistics page (on time: the
    result by the promised moment)."""
    begin = _day(months[0])
    after = months[-1] + dt.timedelta(days=32)
    finish = _day(after.replace(day=1))
    rows = (
        _narrow(Dossier.objects.all(), unit)
        .filter(status__in=indicators.RESOLVED, done_at__gte=begin, done_at__lt=finish)
        .annotate(month=TruncMonth("done_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(resolved=Count("pk"), on_time=Count("pk", filter=Q(done_at__lte=F("due_at"))))
    )
    found = {}
    for r in rows:
        month = r["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        found[month.replace(day=1)] = (r["resolved"], r["on_time"])
    return [(m, *found.get(m, (0, 0))) for m in months]


def on_time_chart(unit: OrgUnit, months: list[dt.date]):
    series = on_time_by_month(unit, months)
    items = [
        charts.Bar(
            label=f"{m.month:02d}/{m.year % 100:02d}",
            value=Decimal(on_time) * 100 / resolved if resolved else None,
            text=format_percent(Decimal(on_time) * 100 / resolved, 0) if resolved else "",
        )
        for m, resolved, on_time in series
    ]
    chart = charts.columns(
        items,
        title=_("Tỷ lệ hồ sơ giải quyết đúng hạn theo tháng, %(a)s – %(b)s")
        % {"a": f"{months[0]:%m/%Y}", "b": f"{months[-1]:%m/%Y}"},
        chart_id="onestop-on-time",
        maximum=100,
    )
    return chart, series


def panel(user, *, org_unit: OrgUnit, year: int, today: dt.date) -> dict | None:
    """None unless ``user`` may see the unit's dossiers (the queue's own check)."""
    unit = org_unit
    if not access.allowed(user, perms.VIEW, unit):
        return None
    now = timezone.now()
    start, end = _day(today), _day(today + dt.timedelta(days=1))
    received = _narrow(selectors.visible_dossiers(user), unit).filter(
        received_at__gte=start, received_at__lt=end
    )
    # The work cards count the very tabs they open.
    counts = {
        "received": received.count(),
        **{
            name: _narrow(selectors.queue(user, name, now=now), unit).count()
            for name in ("today", "due_soon", "overdue")
        },
    }
    months = months_of(year, today)
    chart, series = on_time_chart(unit, months)
    resolved = sum(r for _m, r, _o in series)
    on_time = sum(o for _m, _r, o in series)
    return {
        "unit": unit,
        "village": unit.code if unit.kind == OrgUnit.Kind.VILLAGE else "",
        "today": today,
        "counts": counts,
        "chart": chart,
        "resolved": resolved,
        "on_time_rate": Decimal(on_time) * 100 / resolved if resolved else None,
        "months": (months[0], months[-1]),
    }
