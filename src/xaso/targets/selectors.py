"""Reads of the targets module: a resolution's targets evaluated for a unit, live.

Everything is computed from the values as they are now (approved ones by default) and
from the registered sources of other modules; nothing is precomputed or cached between
requests, so an approval shows on the dashboard at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core import access
from xaso.core.models import OrgUnit, User
from xaso.targets import permissions as perms
from xaso.targets import registry
from xaso.targets.evaluation import (
    Evaluation,
    Observation,
    Period,
    Spec,
    Status,
    actual_for,
    evaluate,
)
from xaso.targets.models import DataValue, Measure, Resolution, Target, TargetGroup

Index = dict[tuple[int, int], dict[int, Observation]]


def resolution_for(unit: OrgUnit) -> Resolution | None:
    """The latest resolution of the commune (or higher unit) that ``unit`` belongs to."""
    return (
        Resolution.objects.filter(org_unit__code__in=unit.ancestors_codes())
        .select_related("org_unit")
        .order_by("-term_start", "-org_unit__path")
        .first()
    )


def spec_of(measure: Measure, resolution: Resolution) -> Spec:
    return Spec(
        kind=measure.kind,
        comparator=measure.comparator,
        target_value=measure.target_value,
        target_max=measure.target_max,
        applies=measure.applies,
        term_start=resolution.term_start,
        term_end=resolution.term_end,
        baseline=measure.baseline,
        baseline_year=measure.baseline_year or resolution.baseline_year,
    )


def observation_index(
    resolution: Resolution,
    *,
    units: list[OrgUnit],
    approved_only: bool = True,
    measures: list[Measure] | None = None,
) -> Index:
    """{(measure id, unit id): {year: Observation}} of the yearly values, in one query."""
    rows = DataValue.objects.filter(
        measure__target__group__resolution=resolution, quarter=0, org_unit__in=units
    )
    if measures is not None:
        rows = rows.filter(measure__in=measures)
    if approved_only:
        rows = rows.filter(status=DataValue.Status.APPROVED)
    index: Index = defaultdict(dict)
    for measure_id, unit_id, year, value, num, den, is_demo in rows.values_list(
        "measure_id", "org_unit_id", "year", "value", "numerator", "denominator", "is_demo"
    ):
        index[(measure_id, unit_id)][year] = Observation(
            value=value, numerator=num, denominator=den, demo=is_demo
        )
    return index


@dataclass
class Coverage:
    reported: int
    expected: int


@dataclass
class Series:
    observations: dict[int, Observation]
    coverage: dict[int, Coverage] = field(default_factory=dict)  # years summed from bản
    # Years where only some bản have reported: shown as partial, never judged — a leader
    # must not read "đạt" for the commune from one bản's figure.
    partial: dict[int, Observation] = field(default_factory=dict)
    computed_from: str = ""  # label of the registered source, when computed


def series_for(
    measure: Measure, unit: OrgUnit, years: list[int], index: Index, villages: list[OrgUnit]
) -> Series:
    """A unit's yearly observations of a measure: computed by another module, entered for
    the unit itself, or — for a commune — summed from its bản where that is meaningful."""
    if measure.is_computed:
        source = registry.get(measure.source_key)
        if source is None:
            return Series(observations={})
        found = source.observations(unit, years)
        return Series(observations=found, computed_from=str(source.label))
    own = dict(index.get((measure.pk, unit.pk), {}))
    series = Series(observations=own)
    if measure.disaggregation == Measure.Disaggregation.YES_NO and villages:
        return _count_villages(measure, years, index, villages, series)
    summable = measure.additive or measure.kind == Measure.Kind.RATIO
    if unit.kind != OrgUnit.Kind.COMMUNE or not villages or not summable:
        return series
    for year in years:
        if year in own:
            continue
        reported = [
            index[(measure.pk, v.pk)][year]
            for v in villages
            if year in index.get((measure.pk, v.pk), {})
        ]
        if not reported:
            continue
        demo = any(o.demo for o in reported)
        if measure.kind == Measure.Kind.RATIO:
            num = sum((o.numerator or 0 for o in reported), Decimal(0))
            den = sum((o.denominator or 0 for o in reported), Decimal(0))
            total = Observation(numerator=num, denominator=den, demo=demo)
        else:
            total = Observation(value=sum((o.value or 0 for o in reported), Decimal(0)), demo=demo)
        series.coverage[year] = Coverage(reported=len(reported), expected=len(villages))
        if len(reported) == len(villages):
            own[year] = total
        else:
            series.partial[year] = total
    return series


def _count_villages(
    measure: Measure, years: list[int], index: Index, villages: list[OrgUnit], series: Series
) -> Series:
    """The commune's figure of a đạt/chưa đạt measure: the bản that answered "đạt" over
    all its bản (a ratio), or their number (a count)."""
    for year in years:
        answers = [
            index[(measure.pk, v.pk)][year]
            for v in villages
            if year in index.get((measure.pk, v.pk), {})
        ]
        if not answers:
            continue
        yes = Decimal(sum(1 for o in answers if (o.numerator or o.value or 0) > 0))
        demo = any(o.demo for o in answers)
        series.observations[year] = (
            Observation(numerator=yes, denominator=Decimal(len(villages)), demo=demo)
            if measure.kind == Measure.Kind.RATIO
            else Observation(value=yes, demo=demo)
        )
        series.coverage[year] = Coverage(reported=len(answers), expected=len(villages))
    return series


@dataclass(frozen=True)
class Cell:
    """One year of a measure as a table shows it."""

    period: Period
    partial: Decimal | None  # a figure from only some bản: shown, not judged
    coverage: Coverage | None
    partial_demo: bool = False  # the partial figure draws on demo data

    @property
    def demo(self) -> bool:
        """The figure shown (judged or partial) comes from demo data."""
        return self.period.demo if self.period.actual is not None else self.partial_demo


@dataclass
class MeasureRow:
    measure: Measure
    spec: Spec
    series: Series
    evaluation: Evaluation

    @property
    def cells(self) -> list[Cell]:
        return [
            Cell(
                period=p,
                partial=(
                    actual_for(self.spec, self.series.partial, p.year)
                    if p.year in self.series.partial
                    else None
                ),
                coverage=self.series.coverage.get(p.year),
                partial_demo=(p.year in self.series.partial and self.series.partial[p.year].demo),
            )
            for p in self.evaluation.periods
        ]

    @property
    def demo(self) -> bool:
        """Whether any figure shown comes from demo data: a judged one (and so the
        projection), or a partial one from only some bản."""
        return self.evaluation.demo or any(o.demo for o in self.series.partial.values())


@dataclass
class TargetRow:
    target: Target
    measures: list[MeasureRow]

    @property
    def status(self) -> Status:
        statuses = {m.evaluation.status for m in self.measures}
        if statuses == {Status.MET}:
            return Status.MET
        if Status.NOT_MET in statuses:
            return Status.NOT_MET
        if statuses == {Status.NO_DATA}:
            return Status.NO_DATA
        return Status.NOT_DUE

    @property
    def at_risk(self) -> bool:
        return any(m.evaluation.at_risk for m in self.measures)

    @property
    def demo(self) -> bool:
        """Whether any of its figures, judged or partial, comes from demo data."""
        return any(m.demo for m in self.measures)


@dataclass
class GroupRow:
    group: TargetGroup
    targets: list[TargetRow]


def entered_per_village(measure: Measure) -> bool:
    """Whether each bản enters its own value of ``measure`` (entry offers it to a bản,
    the drill-down breaks it down by bản, the benchmark data fills it per bản): a
    measure broken down by bản — or answered đạt / chưa đạt by each — or an additive one."""
    return measure.disaggregation != Measure.Disaggregation.COMMUNE or measure.additive


def entry_refusal(user: User, measure: Measure, unit: OrgUnit) -> str | None:
    """Why ``user`` may not enter ``measure`` for ``unit``, or None — the rule the entry
    page offers its measures by and the service enforces for the page and the API."""
    if unit.kind == OrgUnit.Kind.VILLAGE and not entered_per_village(measure):
        return _("Chỉ tiêu này nhập cho cả xã, không nhập theo bản.")
    if unit.kind != OrgUnit.Kind.VILLAGE and measure.disaggregation == (
        Measure.Disaggregation.YES_NO
    ):
        return _("Số của xã được đếm từ các bản đạt, chưa đạt; hãy nhập cho từng bản.")
    if not access.allowed(user, perms.ENTER, measure.responsible_office):
        return _("Chỉ tiêu này do cơ quan khác phụ trách nhập.")
    return None


def measures_for_entry(user: User, resolution: Resolution, unit: OrgUnit) -> list[Measure]:
    """The measures ``user`` enters for ``unit``: entered by hand and allowed by
    ``entry_refusal``."""
    measures = (
        Measure.objects.filter(target__group__resolution=resolution, data_source="entered")
        .select_related("target__group", "responsible_office")
        .order_by("target__group__number", "target__number", "position")
    )
    return [m for m in measures if entry_refusal(user, m, unit) is None]


def villages_of(unit: OrgUnit) -> list[OrgUnit]:
    if unit.kind != OrgUnit.Kind.COMMUNE:
        return []
    return list(unit.children.filter(kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True))


def years_until(resolution: Resolution, until: int | None) -> list[int]:
    """The resolution's years up to ``until`` (all when None; the first one at least)."""
    return [y for y in resolution.years if until is None or y <= until] or resolution.years[:1]


def evaluate_targets(
    resolution: Resolution,
    unit: OrgUnit,
    *,
    targets=None,
    villages: list[OrgUnit] | None = None,
    approved_only: bool = True,
    until: int | None = None,
) -> list[GroupRow]:
    """Every target of ``resolution`` (or only ``targets``) evaluated for ``unit`` — as
    things stood at the end of ``until`` when given (the years after it left out: their
    figures, statuses and their weight in the projection)."""
    years = years_until(resolution, until)
    villages = villages_of(unit) if villages is None else villages
    measure_qs = Measure.objects.select_related("responsible_office").order_by("position")
    target_qs = Target.objects.prefetch_related(Prefetch("measures", queryset=measure_qs))
    if targets is not None:
        target_qs = target_qs.filter(pk__in=[t.pk for t in targets])
    groups = resolution.groups.prefetch_related(Prefetch("targets", queryset=target_qs))
    # A drill-down reads the values of its own measures only (a subquery, not a list).
    measures = Measure.objects.filter(target__in=targets) if targets is not None else None
    index = observation_index(
        resolution, units=[unit, *villages], approved_only=approved_only, measures=measures
    )
    result = []
    for group in groups:
        rows = []
        for target in group.targets.all():
            measure_rows = []
            for measure in target.measures.all():
                measure.target = target  # spare a query per measure for its org unit
                target.group = group
                group.resolution = resolution
                spec = spec_of(measure, resolution)
                series = series_for(measure, unit, years, index, villages)
                measure_rows.append(
                    MeasureRow(
                        measure=measure,
                        spec=spec,
                        series=series,
                        evaluation=evaluate(spec, series.observations, years),
                    )
                )
            rows.append(TargetRow(target=target, measures=measure_rows))
        if rows:
            result.append(GroupRow(group=group, targets=rows))
    return result


#: The dashboard's status filter (``?tinh_trang=``) and the cards of counts on top of the
#: dashboard and the overview, in order: (value, words, the card's colour).
STATUS_CARDS = (
    (Status.MET.value, gettext_lazy("đạt"), "good"),
    (Status.NOT_MET.value, gettext_lazy("chưa đạt"), "bad"),
    ("risk", gettext_lazy("có nguy cơ không đạt"), "warn"),
    (Status.NOT_DUE.value, gettext_lazy("chưa đến hạn"), ""),
    (Status.NO_DATA.value, gettext_lazy("chưa có số liệu"), "muted"),
)
STATUS_FILTERS = tuple(key for key, _words, _colour in STATUS_CARDS)


def target_matches(row: TargetRow, wanted: str) -> bool:
    """Whether ``row`` belongs in the dashboard filtered by ``wanted`` ("" = every one)."""
    if not wanted:
        return True
    if wanted == "risk":
        return row.at_risk
    return row.status == wanted


def status_cards(groups: list[GroupRow]) -> list[tuple[str, str, str, int]]:
    """``STATUS_CARDS``, each with how many targets are in that status — or at risk
    ("risk"; they are also counted in their status): the dashboard's and overview's cards."""
    counts = dict.fromkeys(STATUS_FILTERS, 0)
    for g in groups:
        for t in g.targets:
            counts[t.status] += 1
            counts["risk"] += t.at_risk
    return [(key, words, colour, counts[key]) for key, words, colour in STATUS_CARDS]


def at_risk_targets(groups: list[GroupRow]) -> list[tuple[GroupRow, TargetRow, list[MeasureRow]]]:
    """The targets at risk of being missed, each with the measures that make it so —
    whose projection to the term's end falls short of the target."""
    return [
        (g, t, [m for m in t.measures if m.evaluation.at_risk])
        for g in groups
        for t in g.targets
        if t.at_risk
    ]


def village_breakdown(
    resolution: Resolution,
    measure: Measure,
    villages: list[OrgUnit],
    *,
    approved_only: bool = True,
) -> list[tuple[OrgUnit, Evaluation]]:
    """Each bản's evaluation of ``measure`` (its own values only)."""
    index = observation_index(
        resolution, units=villages, approved_only=approved_only, measures=[measure]
    )
    spec = spec_of(measure, resolution)
    return [
        (v, evaluate(spec, dict(index.get((measure.pk, v.pk), {})), resolution.years))
        for v in villages
    ]


def pending_approvals(user) -> int:
    """Values submitted and waiting for ``user``'s approval (the home page's tile)."""
    return access.scope(
        user, perms.APPROVE, DataValue.objects.filter(status=DataValue.Status.SUBMITTED)
    ).count()
