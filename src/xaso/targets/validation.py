"""Validation rules as data (``ValidationRule`` rows), applied to a value being entered.

Each check returns the problems it finds as (field, message) pairs; the rule's severity
decides whether they refuse the value or ask the user to confirm it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_exact as _num
from xaso.targets.models import DataValue, Measure, ValidationRule


@dataclass(frozen=True)
class Candidate:
    """A value about to be saved."""

    measure: Measure
    org_unit: OrgUnit
    year: int
    quarter: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


@dataclass(frozen=True)
class Problem:
    field: str  # "value", "numerator", "denominator" or "year"
    message: str
    severity: str


def check(rules: list[ValidationRule], c: Candidate) -> list[Problem]:
    problems = []
    for rule in rules:
        if not rule.active:
            continue
        for field, detail in _CHECKS[rule.kind](rule, c):
            # The page shows the message beside its field (the API names it), so the
            # message itself says what is wrong and which rule says so.
            problems.append(
                Problem(field=field, message=f"{detail} — {rule.message}", severity=rule.severity)
            )
    return problems


def _non_negative(rule, c: Candidate):
    for field in ("value", "numerator", "denominator"):
        number = getattr(c, field)
        if number is not None and number < 0:
            yield field, _("không được âm")


def _numerator_le_denominator(rule, c: Candidate):
    if c.numerator is not None and c.denominator is not None and c.numerator > c.denominator:
        yield (
            "numerator",
            _("%(n)s lớn hơn %(d)s (%(label)s)")
            % {
                "n": _num(c.numerator),
                "d": _num(c.denominator),
                "label": c.measure.denominator_label or _("mẫu số"),
            },
        )


def _percentage_range(rule, c: Candidate):
    low = Decimal(str(rule.params.get("min", 0)))
    high = Decimal(str(rule.params.get("max", 100)))
    if (
        c.measure.kind == Measure.Kind.PERCENTAGE
        and c.value is not None
        and not (low <= c.value <= high)
    ):
        yield "value", _("phải từ %(low)s đến %(high)s") % {"low": low, "high": high}


def _period_in_term(rule, c: Candidate):
    resolution = c.measure.target.group.resolution
    if not resolution.term_start <= c.year <= resolution.term_end:
        yield (
            "year",
            _("năm %(y)s nằm ngoài nhiệm kỳ %(a)s–%(b)s")
            % {"y": c.year, "a": resolution.term_start, "b": resolution.term_end},
        )


def _village_values(c: Candidate, commune: OrgUnit) -> dict[int, Decimal]:
    rows = DataValue.objects.filter(
        measure=c.measure,
        year=c.year,
        quarter=c.quarter,
        org_unit__parent=commune,
        org_unit__kind=OrgUnit.Kind.VILLAGE,
    ).values_list("org_unit_id", "value")
    return {unit_id: value for unit_id, value in rows if value is not None}


def _village_sum(rule, c: Candidate):
    """Bản values of an additive measure must not exceed the commune's figure, and must
    equal it once every bản has one (they are entered one by one)."""
    if not c.measure.additive or c.value is None:
        return
    if c.org_unit.kind == OrgUnit.Kind.VILLAGE:
        commune = c.org_unit.parent
        villages = _village_values(c, commune) | {c.org_unit.pk: c.value}
        commune_row = DataValue.objects.filter(
            measure=c.measure, org_unit=commune, year=c.year, quarter=c.quarter
        ).first()
        total = commune_row.value if commune_row else None
    elif c.org_unit.kind == OrgUnit.Kind.COMMUNE:
        commune, total = c.org_unit, c.value
        villages = _village_values(c, commune)
    else:
        return
    if total is None or not villages:
        return
    village_count = commune.children.filter(
        kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True
    ).count()
    summed = sum(villages.values(), Decimal(0))
    if summed > total or (len(villages) >= village_count and summed != total):
        yield (
            "value",
            _("tổng các bản là %(s)s, số của xã là %(t)s") % {"s": _num(summed), "t": _num(total)},
        )


def _jump(rule, c: Candidate):
    threshold = Decimal(str(rule.params.get("threshold_percent", 50)))
    previous = DataValue.objects.filter(
        measure=c.measure, org_unit=c.org_unit, year=c.year - 1, quarter=c.quarter
    ).first()
    if previous is None:
        return
    for field in ("value", "numerator"):
        old, new = getattr(previous, field), getattr(c, field)
        if old and new is not None and abs(new - old) * 100 / abs(old) > threshold:
            yield (
                field,
                _("thay đổi %(p)s%% so với năm trước (%(old)s → %(new)s)")
                % {
                    "p": (abs(new - old) * 100 / abs(old)).quantize(Decimal(1)),
                    "old": _num(old),
                    "new": _num(new),
                },
            )


_CHECKS = {
    ValidationRule.Kind.NON_NEGATIVE: _non_negative,
    ValidationRule.Kind.NUMERATOR_LE_DENOMINATOR: _numerator_le_denominator,
    ValidationRule.Kind.PERCENTAGE_RANGE: _percentage_range,
    ValidationRule.Kind.PERIOD_IN_TERM: _period_in_term,
    ValidationRule.Kind.VILLAGE_SUM: _village_sum,
    ValidationRule.Kind.JUMP: _jump,
}

DEFAULT_RULES = [
    (ValidationRule.Kind.NON_NEGATIVE, "error", {}, "Số liệu không được âm"),
    (ValidationRule.Kind.NUMERATOR_LE_DENOMINATOR, "error", {}, "Tử số không được lớn hơn mẫu số"),
    (
        ValidationRule.Kind.PERCENTAGE_RANGE,
        "error",
        {"min": 0, "max": 100},
        "Tỷ lệ phần trăm phải nằm trong khoảng 0–100",
    ),
    (ValidationRule.Kind.PERIOD_IN_TERM, "error", {}, "Kỳ số liệu phải nằm trong nhiệm kỳ"),
    (
        ValidationRule.Kind.VILLAGE_SUM,
        "error",
        {},
        "Tổng số liệu các bản phải bằng số liệu của xã (chỉ tiêu cộng được)",
    ),
    (
        ValidationRule.Kind.JUMP,
        "warning",
        {"threshold_percent": 50},
        "Thay đổi quá 50% so với năm trước: hãy kiểm tra và xác nhận",
    ),
]
