"""Five years of synthetic approved values per commune and bản, entered where the
application has them entered: per bản where a measure is entered per bản (or additive),
and for the commune — the bản's sum where the application sums them, none where it counts
the bản's đạt / chưa đạt."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal

from xaso.core.models import OrgUnit
from xaso.seed.scale.common import (
    BATCH_SIZE,
    LONGHE_CODE,
    SEED,
    longhe_resolution_code,
    resolution_code,
)
from xaso.targets.models import DataValue, Measure, Resolution
from xaso.targets.selectors import entered_per_village

VALUE_YEARS = range(2026, 2031)  # five years of the 2025–2030 term (2025 is the baseline)
VALUE_COMMENT = "Số liệu demo tổng hợp cho benchmark"


def _quantize(value: float, decimals: int) -> Decimal:
    return Decimal(str(round(value, decimals))).quantize(Decimal(1).scaleb(-decimals))


def _levels(rng: random.Random, measure: Measure) -> list[float]:
    """A commune's yearly level of ``measure`` (its natural unit; a percentage for a
    ratio): from the baseline (or near the target) towards a value around the target."""
    target = float(measure.target_value)
    baseline = measure.baseline
    lower_is_better = measure.comparator in (Measure.Comparator.LT, Measure.Comparator.LTE)
    if lower_is_better:
        start = float(baseline) if baseline is not None else target * rng.uniform(1.05, 1.4)
        end = target * rng.uniform(0.75, 1.15)
    else:
        start = float(baseline) if baseline is not None else target * rng.uniform(0.7, 0.95)
        end = target * rng.uniform(0.85, 1.2)
    steps = len(VALUE_YEARS)
    levels = [
        (start + (end - start) * (i + 1) / steps) * rng.uniform(0.97, 1.03) for i in range(steps)
    ]
    if measure.kind in (Measure.Kind.RATIO, Measure.Kind.PERCENTAGE):
        levels = [min(max(level, 0.0), 100.0) for level in levels]
    return levels


def _growth_levels(rng: random.Random, measure: Measure) -> list[float]:
    """A growth rate's underlying level (e.g. revenue in đồng), growing around the target
    rate each year."""
    rate = float(measure.target_value) / 100
    level = rng.uniform(2e9, 2e10)
    levels = []
    for _year in VALUE_YEARS:
        level *= 1 + rate * rng.uniform(0.5, 1.5)
        levels.append(level)
    return levels


def _positive(value: float, decimals: int) -> Decimal:
    """``value`` rounded, but never below the smallest positive step."""
    return max(_quantize(value, decimals), Decimal(1).scaleb(-decimals))


# Each bản answers đạt / chưa đạt and the commune's figure is counted from the answers.
YES_NO = Measure.Disaggregation.YES_NO


def _summable(measure: Measure) -> bool:
    """The commune's figure is its bản's sum (as ``selectors.series_for`` sums them)."""
    return measure.additive or measure.kind == Measure.Kind.RATIO


def _answers(
    rng: random.Random, measure: Measure, villages: list[OrgUnit]
) -> Iterator[tuple[OrgUnit, int, dict[str, Decimal]]]:
    """Each bản's đạt / chưa đạt per year, stored as the entry form stores it (a ratio
    1/1 or 0/1, a count 1 or 0). A bản passes once the commune's share of passing bản
    reaches its threshold, so a bản that passed keeps passing (nearly always)."""
    levels = _levels(rng, measure)
    if measure.kind == Measure.Kind.RATIO:
        shares = [level / 100 for level in levels]
    else:  # a count of bản
        shares = [min(level / len(villages), 1.0) for level in levels]
    for village in villages:
        threshold = rng.random()
        for share, year in zip(shares, VALUE_YEARS, strict=True):
            flag = Decimal(1 if threshold < share else 0)
            if measure.kind == Measure.Kind.RATIO:
                yield village, year, {"numerator": flag, "denominator": Decimal(1)}
            else:
                yield village, year, {"value": flag}


def _measure_values(
    rng: random.Random, measure: Measure, commune: OrgUnit, villages: list[OrgUnit]
) -> Iterator[tuple[OrgUnit, int, dict[str, Decimal]]]:
    """(unit, year, fields) of one measure in one commune: one value per bản per year
    when entered per bản, and one commune value per year — except where the commune's
    figure comes from its bản: their sum (added by ``_commune_values``) or, for a
    đạt / chưa đạt measure, their count (the application computes it; no row)."""
    per_village = entered_per_village(measure) and bool(villages)
    years = list(VALUE_YEARS)

    if measure.disaggregation == YES_NO:
        if villages:
            yield from _answers(rng, measure, villages)
        return

    if measure.kind == Measure.Kind.RATIO:
        levels = _levels(rng, measure)
        if per_village:
            for village in villages:
                denominator = rng.randint(20, 200)
                spread = rng.uniform(0.85, 1.15)
                for i, year in enumerate(years):
                    den = denominator + i * rng.randint(0, 3)
                    num = min(den, round(den * min(levels[i] * spread, 100.0) / 100))
                    yield village, year, {"numerator": Decimal(num), "denominator": Decimal(den)}
            return
        denominator = rng.randint(200, 3000)
        for i, year in enumerate(years):
            den = denominator + i * rng.randint(0, 30)
            num = min(den, round(den * levels[i] / 100))
            yield commune, year, {"numerator": Decimal(num), "denominator": Decimal(den)}
        return

    if measure.kind == Measure.Kind.GROWTH_RATE:
        levels, decimals = _growth_levels(rng, measure), 0  # a level in đồng
    else:
        levels = _levels(rng, measure)
        decimals = 0 if measure.kind == Measure.Kind.COUNT else min(measure.decimals, 4)

    def value(level: float) -> Decimal:
        if measure.kind == Measure.Kind.PERCENTAGE:
            return _quantize(min(max(level, 0.0), 100.0), decimals)
        return _positive(level, decimals)

    if per_village:
        if measure.additive:  # the commune's level shared out among its bản
            weights = [rng.uniform(0.5, 1.5) for _ in villages]
            shares = [w / sum(weights) for w in weights]
        else:  # each bản near the commune's level
            shares = [rng.uniform(0.85, 1.15) for _ in villages]
        for village, share in zip(villages, shares, strict=True):
            for i, year in enumerate(years):
                yield village, year, {"value": value(levels[i] * share)}
        if measure.additive:
            return
    for i, year in enumerate(years):
        yield commune, year, {"value": value(levels[i])}


def commune_values(
    commune: OrgUnit, measures: list[Measure], villages: list[OrgUnit]
) -> Iterator[tuple[Measure, OrgUnit, int, dict[str, Decimal]]]:
    """Every synthetic value of one commune, in a fixed order from a per-commune seed."""
    rng = random.Random(f"{SEED}:{commune.code}")
    for measure in measures:
        sums: dict[int, dict[str, Decimal]] = {}
        for unit, year, fields in _measure_values(rng, measure, commune, villages):
            yield measure, unit, year, fields
            if unit.pk != commune.pk:
                total = sums.setdefault(year, dict.fromkeys(fields, Decimal(0)))
                for name, number in fields.items():
                    total[name] += number
        if sums and _summable(measure) and measure.disaggregation != YES_NO:
            # The commune's figure is what its bản add up to (the village_sum rule).
            for year, fields in sorted(sums.items()):
                yield measure, commune, year, fields


def generate_values(commune_codes: list[str]) -> int:
    """Bulk-create the missing synthetic values of these communes; returns how many."""
    communes = list(OrgUnit.objects.filter(code__in=commune_codes).order_by("code"))
    longhe = longhe_resolution_code()
    codes = {c.pk: longhe if c.code == LONGHE_CODE else resolution_code(c.code) for c in communes}
    resolutions = {
        r.org_unit_id: r for r in Resolution.objects.filter(code__in=list(codes.values()))
    }
    measures_of: dict[int, list[Measure]] = {}
    for m in (
        Measure.objects.filter(
            target__group__resolution__in=resolutions.values(), data_source="entered"
        )
        .select_related("target__group")
        .order_by("target__group__number", "target__number", "position", "code")
    ):
        measures_of.setdefault(m.target.group.resolution_id, []).append(m)
    villages_of: dict[int, list[OrgUnit]] = {}
    for v in OrgUnit.objects.filter(
        parent__in=communes, kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True
    ).order_by("code"):
        villages_of.setdefault(v.parent_id, []).append(v)
    # What is there already stays (real values of Long Hẹ, or a previous run).
    existing = set(
        DataValue.objects.filter(
            measure__target__group__resolution__in=resolutions.values(),
            year__in=list(VALUE_YEARS),
            quarter=0,
        ).values_list("measure_id", "org_unit_id", "year")
    )

    created = 0
    batch: list[DataValue] = []
    for commune in communes:
        resolution = resolutions[commune.pk]
        rows = commune_values(
            commune, measures_of.get(resolution.pk, []), villages_of.get(commune.pk, [])
        )
        for measure, unit, year, fields in rows:
            if (measure.pk, unit.pk, year) in existing:
                continue
            stamp = dt.datetime(year, 12, 31, 3, 0, tzinfo=dt.UTC)  # 10:00 in Vietnam
            batch.append(
                DataValue(
                    measure=measure,
                    org_unit=unit,
                    year=year,
                    quarter=0,
                    status=DataValue.Status.APPROVED,
                    comment=VALUE_COMMENT,
                    is_demo=True,  # pages and exports mark it "demo"
                    entered_at=stamp,
                    approved_at=stamp,
                    **fields,
                )
            )
            if len(batch) >= BATCH_SIZE:
                DataValue.objects.bulk_create(batch)
                created += len(batch)
                batch = []
    if batch:
        DataValue.objects.bulk_create(batch)
        created += len(batch)
    return created
