"""How a measure's values become an actual figure, a status, progress and a projection.

Pure arithmetic, no database: the selectors feed it ``Observation``s per year.

* ratio: numerator / denominator × 100; percentage, count, amount: the value itself;
* growth_rate: the average annual growth (CAGR, %) of the entered level from the
  baseline year's level (or, without one, the earliest year entered) to the year;
* cumulative: the sum of the yearly values after the baseline year, up to the year.

A measure that ``applies`` every year is judged each year; one judged at the end of the
term (by 2030, or over the term) is "not yet due" before then unless already met. The
projection to the term's end is the least-squares line through the actual figures (and
the baseline); a measure not yet decided whose projection misses the target is flagged
"có nguy cơ không đạt".

An observation may be demo data (``Observation.demo``, from ``xaso demo``): a figure
computed from one is marked ``demo`` too, and so is a projection drawn through one, so a
page can say so beside it — demo data is never shown as the report's figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

HUNDRED = Decimal(100)


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_DUE = "not_due"
    NO_DATA = "no_data"


STATUS_LABELS = {
    Status.MET: "đạt",
    Status.NOT_MET: "chưa đạt",
    Status.NOT_DUE: "chưa đến hạn",
    Status.NO_DATA: "chưa có số liệu",
}


@dataclass(frozen=True)
class Spec:
    """What evaluation needs to know of a measure."""

    kind: str
    comparator: str
    target_value: Decimal
    applies: str
    term_start: int
    term_end: int
    target_max: Decimal | None = None
    baseline: Decimal | None = None  # in the measure's actual form (%, count, level…)
    baseline_year: int | None = None


@dataclass(frozen=True)
class Observation:
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    demo: bool = False  # demo data, not an official's figure


@dataclass(frozen=True)
class Period:
    year: int
    actual: Decimal | None
    status: Status
    progress: Decimal | None  # % of the way from the baseline to the target
    demo: bool = False  # computed from demo data

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Evaluation:
    periods: list[Period] = field(default_factory=list)
    projected: Decimal | None = None
    at_risk: bool = False

    @property
    def demo(self) -> bool:
        """Whether any figure (and so the projection) comes from demo data."""
        return any(p.demo for p in self.periods)

    @property
    def latest(self) -> Period | None:
        """The last period with a figure, or None."""
        with_data = [p for p in self.periods if p.actual is not None]
        return with_data[-1] if with_data else None

    @property
    def status(self) -> Status:
        latest = self.latest
        return latest.status if latest else Status.NO_DATA


def meets(spec: Spec, actual: Decimal) -> bool:
    target = spec.target_value
    match spec.comparator:
        case "gte":
            return actual >= target
        case "gt":
            return actual > target
        case "lte":
            return actual <= target
        case "lt":
            return actual < target
        case "eq":
            return actual == target
        case "range":
            return target <= actual <= spec.target_max
    raise ValueError(f"unknown comparator {spec.comparator!r}")


def _cumulative_start(spec: Spec) -> int:
    """A cumulative measure sums the years after this one."""
    return spec.baseline_year if spec.baseline_year is not None else spec.term_start - 1


def _inputs(spec: Spec, observations: dict[int, Observation], year: int) -> dict[int, Observation]:
    """The observations ``year``'s figure is computed from, by year (empty: it has none):
    its own; for a growth rate without a baseline before ``year``, also the earliest level
    entered before it, which it grows from; for a cumulative measure, every year summed.
    ``actual_for`` computes from these and ``demo_for`` looks at these — the same ones."""
    obs = observations.get(year)
    if obs is None:
        return {}
    match spec.kind:
        case "growth_rate":
            if obs.value is None:
                return {}
            baseline_before = spec.baseline_year is not None and spec.baseline_year < year
            if spec.baseline is not None and baseline_before:
                return {year: obs}
            earlier = sorted(y for y, o in observations.items() if y < year and o.value is not None)
            if not earlier:
                return {}
            return {earlier[0]: observations[earlier[0]], year: obs}
        case "cumulative":
            if obs.value is None:
                return {}
            start = _cumulative_start(spec)
            summed = {
                y: o for y, o in observations.items() if start < y <= year and o.value is not None
            }
            return {year: obs, **summed}
        case _:
            return {year: obs}


def actual_for(spec: Spec, observations: dict[int, Observation], year: int) -> Decimal | None:
    """The actual figure of ``year`` from the observations (None when it cannot be had)."""
    inputs = _inputs(spec, observations, year)
    if not inputs:
        return None
    obs = inputs[year]
    match spec.kind:
        case "ratio":
            if obs.numerator is not None and obs.denominator:
                return obs.numerator * HUNDRED / obs.denominator
            return obs.value
        case "growth_rate":
            if len(inputs) == 2:  # from the earliest level entered before
                base_year = min(inputs)
                base_level = inputs[base_year].value
            else:
                base_year, base_level = spec.baseline_year, spec.baseline
            if not base_level or base_level <= 0 or obs.value <= 0:
                return None
            years = year - base_year
            rate = (float(obs.value) / float(base_level)) ** (1 / years) - 1
            return Decimal(str(rate * 100))
        case "cumulative":
            start = _cumulative_start(spec)
            return sum((o.value for y, o in inputs.items() if y > start), Decimal(0))
        case _:
            return obs.value


def demo_for(spec: Spec, observations: dict[int, Observation], year: int) -> bool:
    """Whether ``year``'s figure draws on demo data: any observation it is computed from
    (``_inputs``)."""
    return any(o.demo for o in _inputs(spec, observations, year).values())


def progress(spec: Spec, actual: Decimal) -> Decimal | None:
    """How far from the baseline toward the target, in % (100 = reached); None when the
    distance is unknown or zero."""
    target = spec.target_value
    if spec.comparator == "range":
        return HUNDRED if meets(spec, actual) else None
    start = spec.baseline if spec.kind not in ("growth_rate", "cumulative") else Decimal(0)
    if start is None:
        start = Decimal(0)
    distance = target - start
    if distance == 0:
        return HUNDRED if meets(spec, actual) else None
    try:
        share = (actual - start) * HUNDRED / distance
    except InvalidOperation:
        return None
    # 0–100: "tiến độ" is how far along the way; beyond the target it is simply reached.
    return min(HUNDRED, max(Decimal(0), share)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def status_for(spec: Spec, actual: Decimal | None, year: int) -> Status:
    if actual is None:
        return Status.NO_DATA
    if meets(spec, actual):
        return Status.MET
    if spec.applies == "every_year" or year >= spec.term_end:
        return Status.NOT_MET
    return Status.NOT_DUE


def project(spec: Spec, actuals: dict[int, Decimal]) -> Decimal | None:
    """The figure expected at the term's end if the trend so far goes on."""
    if spec.kind == "cumulative":
        if not actuals:
            return None
        last_year = max(actuals)
        elapsed = last_year - _cumulative_start(spec)
        if elapsed <= 0:
            return None
        per_year = actuals[last_year] / elapsed
        return actuals[last_year] + per_year * (spec.term_end - last_year)
    points = dict(actuals)
    if (
        spec.kind != "growth_rate"
        and spec.baseline is not None
        and spec.baseline_year is not None
        and spec.baseline_year not in points
    ):
        points[spec.baseline_year] = spec.baseline
    if len(points) < 2:
        return None
    xs = [Decimal(y) for y in points]
    ys = list(points.values())
    n = Decimal(len(xs))
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    var = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var
    return mean_y + slope * (Decimal(spec.term_end) - mean_x)


def evaluate(
    spec: Spec, observations: dict[int, Observation], years: list[int] | None = None
) -> Evaluation:
    years = years or list(range(spec.term_start, spec.term_end + 1))
    periods = []
    actuals: dict[int, Decimal] = {}
    for year in years:
        actual = actual_for(spec, observations, year)
        if actual is not None:
            actuals[year] = actual
        periods.append(
            Period(
                year=year,
                actual=actual,
                status=status_for(spec, actual, year),
                progress=progress(spec, actual) if actual is not None else None,
                demo=actual is not None and demo_for(spec, observations, year),
            )
        )
    projected = project(spec, actuals)
    decided = any(p.year >= spec.term_end and p.actual is not None for p in periods)
    at_risk = not decided and projected is not None and not meets(spec, projected)
    return Evaluation(periods=periods, projected=projected, at_risk=at_risk)
