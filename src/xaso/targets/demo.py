"""Demo values of the resolution's targets — DEMO DATA.

So that the leader's dashboard opens on evaluated targets — đạt, chưa đạt, projections
and "có nguy cơ không đạt" — the demo enters yearly values for a dozen measures, for the
commune and several bản, from the resolution's baseline year (2025) to the year the demo
is started: entered and submitted by the statistics officer ``thongke``, approved by the
leader ``lanhdao``, through the real services (``values_enter_and_submit``,
``values_approve``), each ``is_demo`` — which every page, export and API answer shows
beside the figure, so it is never read as the report's. A few bản values of the last
year are left submitted, waiting for the leader's approval (a run in a later year
approves them). The services take no simulated moment: the values, whatever their year,
are entered, submitted and approved on the day the demo runs.

Every number here is INVENTED, chosen plausible for a highland commune of some 1.600
households (the report's "832/1.600 hộ", Phần thứ hai, I, 4) and consistent with what the
report says. None is put where the report gives a figure for that year: a measure whose
baseline comes from the report (``baseline_year``, e.g. rice areas, forest cover, health
insurance) gets demo values only after it, continuing from the report's figure. A value
already there — demo or an official's — is never overwritten; running again adds only
the years that have come since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.targets import services
from xaso.targets.models import DataValue, Measure, Resolution

RESOLUTION = "LONGHE-NQ-DH-I-2025-2030"
COMMUNE = "03763"
STATISTICS, LEADER = "thongke", "lanhdao"


@dataclass(frozen=True)
class Line:
    """A measure's demo figures for one unit: a straight line from ``year0`` (``value``
    or ``numerator``/``denominator``, each plus ``step`` a year). ``answers``: a bản's
    đạt (1) / chưa đạt (0) by year instead. ``pending``: the last year is left
    submitted, not approved."""

    measure: str
    unit: str = COMMUNE
    value: tuple[str, str] | None = None  # (at year0, step)
    numerator: tuple[str, str] | None = None
    denominator: tuple[str, str] | None = None
    answers: tuple[int, ...] = ()  # from year0 on; the last one repeats
    year0: int = 2025
    pending: bool = False

    def entry(self, measure: Measure, year: int) -> services.Entry:
        n = year - self.year0

        def at(pair):
            start, step = pair
            return (Decimal(start) + Decimal(step) * n).quantize(Decimal("0.01"))

        if self.answers:
            flag = Decimal(self.answers[min(n, len(self.answers) - 1)])
            if measure.kind == Measure.Kind.RATIO:
                return services.Entry(measure=measure, numerator=flag, denominator=Decimal(1))
            return services.Entry(measure=measure, value=flag)
        if self.value is not None:
            return services.Entry(measure=measure, value=at(self.value))
        return services.Entry(
            measure=measure, numerator=at(self.numerator), denominator=at(self.denominator)
        )


def _b(n: int) -> str:
    return f"{COMMUNE}-B{n:02d}"


# (bản, poor households, households) in 2025.
XH3_VILLAGES = [
    (1, "31", "68"),
    (2, "22", "54"),
    (3, "35", "77"),
    (4, "19", "61"),
    (5, "28", "70"),
    (6, "26", "58"),
]
# (bản, its answers from 2025 on: 1 đạt, 0 chưa đạt; the last one repeats).
XH12A_VILLAGES = [
    (1, (1,)),
    (2, (1,)),
    (3, (1,)),
    (4, (0, 1)),
    (5, (1,)),
    (6, (1,)),
    (7, (0,)),
    (8, (1,)),
    (9, (0, 1)),
    (10, (0, 1)),
]

LINES = [
    # Every year: chưa đạt (KH&CN spending far below 4 %), đạt (mass organisations 5/5,
    # officials rated well — 2025 is the report's 99 %, so from 2026).
    Line("XH8", numerator=("480000000", "90000000"), denominator=("26800000000", "1300000000")),
    Line("XD4", numerator=("5", "0"), denominator=("5", "0")),
    Line("XD5a", numerator=("57", "1"), denominator=("58", "1"), year0=2026),
    # By 2030: on course, or at risk of missing the target.
    Line("KT5", value=("13.8", "0.9")),  # trained workers: too slow for 20 %
    Line("XH4", value=("98", "-0.4"), year0=2025),  # from the report's 98 %: slipping
    Line("KT3a", value=("331", "6")),  # from the report's 331 ha: far from 700 ha
    Line("KT3b", value=("55", "1")),  # from the report's 55 ha: above 45 ha
    Line("KT7", value=("1", "0"), year0=2026),  # a first enterprise
    Line("XH3", numerator=("672", "-38"), denominator=("1600", "12")),  # poor households
    # Several bản, under the commune's figures (after the report's year: their sum would
    # show beside the report's figure).
    *[
        Line("KT3a", unit=_b(n), value=(v, "0.5"), year0=2026)
        for n, v in ((1, "24.5"), (2, "18"), (3, "31.2"), (4, "12.8"), (5, "20.1"))
    ],
    *[
        Line("KT3b", unit=_b(n), value=(v, "0.1"), year0=2026)
        for n, v in ((1, "3"), (2, "2.5"), (3, "4.1"))
    ],
    *[
        Line("XH3", unit=_b(n), numerator=(p, "-2"), denominator=(h, "1"))
        for n, p, h in XH3_VILLAGES
    ],
    # Đạt / chưa đạt per bản: "An toàn về an ninh, trật tự".
    *[Line("XH12a", unit=_b(n), answers=a) for n, a in XH12A_VILLAGES],
    # Bản leaders trained: the last year waits for the leader's approval.
    *[
        Line("XD3b", unit=_b(n), numerator=(t, "0"), denominator=("3", "0"), pending=True)
        for n, t in ((1, "3"), (2, "3"), (3, "2"), (4, "3"), (5, "3"), (6, "3"))
    ],
]


def _skip(measure: Measure, year: int) -> bool:
    """Where the report gives the figure of that year (the measure's baseline), no demo
    value — the dashboard shows the report's own."""
    return measure.baseline is not None and measure.baseline_year == year


@transaction.atomic
def create_demo_values(*, today: dt.date) -> tuple[int, int]:
    """Enter, submit and approve the demo values missing for the years from the
    resolution's baseline year to ``today``'s; returns (values entered, left pending)."""
    resolution = Resolution.objects.filter(code=RESOLUTION).first()
    if resolution is None:
        return 0, 0
    officer, leader = demo.accounts(STATISTICS, LEADER)
    measures = {
        m.code: m
        for m in Measure.objects.filter(target__group__resolution=resolution).select_related(
            "target__group__resolution__org_unit"
        )
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={ln.unit for ln in LINES})}
    existing = set(
        DataValue.objects.filter(measure__in=measures.values(), quarter=0).values_list(
            "measure__code", "org_unit__code", "year"
        )
    )
    last = min(today.year, resolution.term_end)
    # The leader has since approved what an earlier run left waiting: only the last
    # year's stay submitted, they do not pile up year after year.
    waiting = DataValue.objects.filter(
        measure__in=measures.values(),
        quarter=0,
        is_demo=True,
        status=DataValue.Status.SUBMITTED,
        year__lt=last,
    ).select_related("measure", "org_unit")
    services.values_approve(actor=leader, values=list(waiting))
    entered = pending = 0
    for year in range(resolution.baseline_year, last + 1):
        # One form per unit and year, the commune first (bản figures stay under its own).
        forms: dict[str, list[tuple[Line, services.Entry]]] = {}
        for line in LINES:
            measure = measures.get(line.measure)
            if (
                measure is None
                or line.unit not in units
                or year < line.year0
                or _skip(measure, year)
                or (line.measure, line.unit, year) in existing
            ):
                continue
            forms.setdefault(line.unit, []).append((line, line.entry(measure, year)))
        for code in sorted(forms, key=lambda c: (c != COMMUNE, c)):
            saved = services.values_enter_and_submit(
                actor=officer,
                org_unit=units[code],
                year=year,
                entries=[entry for _line, entry in forms[code]],
                is_demo=True,
            )
            held = {ln.measure for ln, _e in forms[code] if ln.pending and year == last}
            services.values_approve(
                actor=leader, values=[v for v in saved if v.measure.code not in held]
            )
            entered += len(saved)
            pending += sum(1 for v in saved if v.measure.code in held)
    return entered, pending


def load(*, today: dt.date, report_date: dt.date) -> str:
    """The manifest's demo loader (see ``core.plugins.Manifest.demo``)."""
    entered, pending = create_demo_values(today=today)
    if not entered:
        return ""
    return (
        f"Đã nhập {entered} số liệu chỉ tiêu demo (đánh dấu demo), "
        f"{pending} số liệu chờ lãnh đạo duyệt"
    )
