"""Reads that count dossiers: the desk's pending work, the statistics of form II.06a,
the Decision 766/QĐ-TTg indicators, and the two resolution measures fed to the targets
registry. All computed from the dossiers as they are now — no batch job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access
from xaso.core.models import OrgUnit
from xaso.onestop import permissions as perms
from xaso.onestop.models import Dossier, DossierDocument, Procedure, Status
from xaso.targets.registry import Observation

RESOLVED = [Status.DONE, Status.RETURNED]
IN_PROGRESS = [Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.PAYMENT]


def pending_for(user) -> int:
    """Dossiers waiting for this user: the desk's new online ones and results to return;
    a specialist's assigned ones."""
    dossiers = access.scope(user, perms.VIEW, Dossier.objects.all())
    waiting = Q()
    if access.allowed(user, perms.RECEIVE):
        waiting |= Q(status__in=[Status.NEW, Status.DONE]) | Q(status=Status.RECEIVED)
    if access.allowed(user, perms.PROCESS):
        waiting |= Q(status=Status.PROCESSING, assigned_to=user)
    return dossiers.filter(waiting).count() if waiting else 0


def in_units(unit: OrgUnit) -> QuerySet[Dossier]:
    """The dossiers of ``unit`` and the units under it — through an id subquery, which
    lets both databases use the dossier's (org_unit, …) indexes instead of a join."""
    units = OrgUnit.objects.filter(path__startswith=unit.path).values("pk")
    return Dossier.objects.filter(org_unit__in=units)


def with_digitisation(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Annotate ``digitised``: every input scanned, and a scanned result once resolved."""
    docs = DossierDocument.objects.filter(dossier=OuterRef("pk"))
    return dossiers.annotate(
        has_input=Exists(docs.filter(kind="input")),
        undigitised_input=Exists(docs.filter(kind="input", digitised=False)),
        has_result=Exists(docs.filter(kind="result", digitised=True)),
        undigitised_result=Exists(docs.filter(kind="result", digitised=False)),
    )


def _digitised_q() -> Q:
    open_ok = Q(has_input=True, undigitised_input=False)
    result_ok = ~Q(status__in=RESOLVED) | Q(has_result=True, undigitised_result=False)
    return open_ok & result_ok


# --- the resolution's measures (targets registry) -----------------------------------------


def digitised_observation(org_unit: OrgUnit, year: int) -> Observation | None:
    """ "100% hồ sơ, kết quả giải quyết TTHC được số hóa": dossiers received in ``year``
    whose documents and result are digitised, over all dossiers received."""
    received = in_units(org_unit).filter(received_at__year=year)
    total = received.count()
    if total == 0:
        return None
    done = with_digitisation(received).filter(_digitised_q()).count()
    demo = received.filter(is_demo=True).exists()  # counted from demo dossiers
    return Observation(numerator=Decimal(done), denominator=Decimal(total), demo=demo)


def digitised_by_year(org_unit: OrgUnit, years: list[int]) -> dict[int, Observation]:
    """The same for several years in one aggregate query (the dashboard shows six)."""
    from django.db.models.functions import ExtractYear

    rows = (
        with_digitisation(in_units(org_unit).filter(received_at__year__in=years))
        .annotate(year=ExtractYear("received_at", tzinfo=timezone.get_current_timezone()))
        .values("year")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=_digitised_q()),
            demo=Count("pk", filter=Q(is_demo=True)),
        )
    )
    return {
        r["year"]: Observation(
            numerator=Decimal(r["done"]), denominator=Decimal(r["total"]), demo=r["demo"] > 0
        )
        for r in rows
        if r["total"]
    }


def full_online_observation(org_unit: OrgUnit, year: int) -> Observation | None:
    """ "100% dịch vụ công trực tuyến toàn trình trên tổng số thủ tục có đủ điều kiện":
    the catalogue as it is now, so only the current year has a figure."""
    if year != timezone.localdate().year:
        return None
    eligible = Procedure.objects.filter(active=True, full_online_eligible=True)
    total = eligible.count()
    if total == 0:
        return None
    full = eligible.filter(online_level=Procedure.OnlineLevel.FULL).count()
    return Observation(numerator=Decimal(full), denominator=Decimal(total))


# --- statistics (form II.06a) ------------------------------------------------------------


@dataclass
class Row:
    FIELDS = (
        "received",
        "online",
        "direct",
        "carried_over",
        "resolved",
        "early",
        "on_time",
        "late",
        "in_progress",
        "within",
        "overdue",
    )

    label: str
    online: int = 0
    direct: int = 0
    carried_over: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    within: int = 0
    overdue: int = 0

    @property
    def received(self) -> int:
        return self.online + self.direct + self.carried_over

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def in_progress(self) -> int:
        return self.within + self.overdue

    def add(self, other: Row) -> None:
        for name in (
            "online",
            "direct",
            "carried_over",
            "early",
            "on_time",
            "late",
            "within",
            "overdue",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Statistics:
    start: dt.date
    end: dt.date
    by_field: list[Row] = field(default_factory=list)
    by_procedure: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(label="Tổng số"))


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz),
    )


def statistics(unit: OrgUnit, start: dt.date, end: dt.date) -> Statistics:
    """Received (online / direct and postal / carried over), resolved (early / on time /
    late), in progress (within / past the deadline) for the period, by field and
    procedure — in one aggregate query."""
    begin, finish = _bounds(start, end)
    counted = (
        in_units(unit)
        .exclude(status__in=[Status.NEW, Status.REFUSED])
        .filter(received_at__lt=finish)
        .exclude(closed_at__lt=begin)
    )
    in_period = Q(received_at__gte=begin)
    resolved_in = Q(status__in=RESOLVED, done_at__gte=begin, done_at__lt=finish)
    open_at_end = Q(done_at__isnull=True) | Q(done_at__gte=finish)
    open_at_end &= ~Q(status__in=[Status.WITHDRAWN, Status.STOPPED], closed_at__lt=finish)
    rows = (
        counted.values("procedure__field", "procedure__code", "procedure__name")
        .annotate(
            online=Count("pk", filter=in_period & Q(channel=Dossier.Channel.ONLINE)),
            direct=Count("pk", filter=in_period & ~Q(channel=Dossier.Channel.ONLINE)),
            carried_over=Count("pk", filter=Q(received_at__lt=begin)),
            early=Count("pk", filter=resolved_in & Q(done_at__lt=_day_start("due_at"))),
            on_time=Count(
                "pk",
                filter=resolved_in
                & Q(done_at__gte=_day_start("due_at"), done_at__lte=_ref("due_at")),
            ),
            late=Count("pk", filter=resolved_in & Q(done_at__gt=_ref("due_at"))),
            within=Count("pk", filter=open_at_end & Q(due_at__gte=finish)),
            overdue=Count("pk", filter=open_at_end & Q(due_at__lt=finish)),
        )
        .order_by("procedure__field", "procedure__name")
    )
    result = Statistics(start=start, end=end)
    fields: dict[str, Row] = {}
    for r in rows:
        row = Row(
            label=f"{r['procedure__code']} {r['procedure__name']}",
            **{
                k: r[k]
                for k in (
                    "online",
                    "direct",
                    "carried_over",
                    "early",
                    "on_time",
                    "late",
                    "within",
                    "overdue",
                )
            },
        )
        result.by_procedure.append(row)
        fields.setdefault(r["procedure__field"], Row(label=r["procedure__field"])).add(row)
        result.total.add(row)
    result.by_field = list(fields.values())
    return result


def _ref(name: str):
    from django.db.models import F

    return F(name)


def _day_start(name: str):
    """The start of the due day: finished before it is "trước hạn" (early)."""
    from django.db.models.functions import TruncDay

    return TruncDay(name, tzinfo=timezone.get_current_timezone())


# --- Decision 766/QĐ-TTg indicators -------------------------------------------------------


@dataclass
class Indicator:
    key: str
    name: str
    formula: str
    numerator: int
    denominator: int
    inputs: dict[str, int]

    @property
    def value(self) -> Decimal | None:
        if not self.denominator:
            return None
        return Decimal(self.numerator) * 100 / Decimal(self.denominator)


def indicators_766(
    unit: OrgUnit, start: dt.date, end: dt.date, stats: Statistics | None = None
) -> list[Indicator]:
    """The Decision 766/QĐ-TTg (2022) indicators that a commune can compute from its own
    dossiers, each with its formula and inputs (point weights are not applied: they are
    unconfirmed and kept out of the code)."""
    begin, finish = _bounds(start, end)
    stats = (stats or statistics(unit, start, end)).total
    received = in_units(unit).filter(received_at__gte=begin, received_at__lt=finish)
    eligible = received.filter(procedure__online_level=Procedure.OnlineLevel.FULL)
    full_online = eligible.filter(channel=Dossier.Channel.ONLINE)
    paid = received.filter(paid_at__isnull=False)
    paid_online = paid.filter(payment_method=Dossier.PaymentMethod.ONLINE)
    rated = received.filter(rating__isnull=False)
    satisfied = rated.filter(rating__gte=4)
    digitised = with_digitisation(received).filter(_digitised_q())
    resolved = received.filter(status__in=RESOLVED)
    results_digitised = with_digitisation(resolved).filter(
        has_result=True, undigitised_result=False
    )
    on_track = stats.early + stats.on_time + stats.within
    considered = stats.resolved + stats.in_progress
    return [
        Indicator(
            "progress",
            _("Tiến độ giải quyết"),
            "(giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn) / "
            "(đã giải quyết + đang giải quyết) × 100",
            on_track,
            considered,
            {
                "trước hạn": stats.early,
                "đúng hạn": stats.on_time,
                "đang trong hạn": stats.within,
                "trễ hạn": stats.late,
                "đang quá hạn": stats.overdue,
            },
        ),
        Indicator(
            "online",
            _("Dịch vụ công trực tuyến"),
            "hồ sơ nộp trực tuyến toàn trình / hồ sơ của thủ tục đủ điều kiện toàn trình × 100",
            full_online.count(),
            eligible.count(),
            {},
        ),
        Indicator(
            "payment",
            _("Thanh toán trực tuyến"),
            "hồ sơ nộp phí trực tuyến / hồ sơ đã nộp phí × 100",
            paid_online.count(),
            paid.count(),
            {},
        ),
        Indicator(
            "satisfaction",
            _("Mức độ hài lòng"),
            "số đánh giá hài lòng (4–5 sao) / số đánh giá × 100",
            satisfied.count(),
            rated.count(),
            {},
        ),
        Indicator(
            "digitised",
            _("Số hóa hồ sơ"),
            "hồ sơ có toàn bộ thành phần (và kết quả) được số hóa / hồ sơ tiếp nhận × 100",
            digitised.count(),
            received.count(),
            {},
        ),
        Indicator(
            "results",
            _("Cấp kết quả điện tử"),
            "hồ sơ đã giải quyết có kết quả được số hóa / hồ sơ đã giải quyết × 100",
            results_digitised.count(),
            resolved.count(),
            {},
        ),
    ]
