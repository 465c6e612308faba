"""The arithmetic of targets: every comparator, every kind of measure, status, progress
and the projection that flags a target at risk."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaso.targets.evaluation import Observation, Spec, Status, actual_for, evaluate, meets

Obs = Observation


def spec(**kw) -> Spec:
    base = {
        "kind": "percentage",
        "comparator": "gte",
        "target_value": D(50),
        "applies": "every_year",
        "term_start": 2025,
        "term_end": 2030,
    }
    return Spec(**{**base, **kw})


@pytest.mark.parametrize(
    "comparator, target, actual, expected",
    [
        ("gte", 50, 50, True),
        ("gte", 50, D("49.9"), False),
        ("gt", 55, 55, False),
        ("gt", 55, D("55.1"), True),
        ("lte", 35, 35, True),
        ("lte", 35, D("35.1"), False),
        ("lt", 35, 35, False),
        ("lt", 35, D("34.9"), True),
        ("eq", 1, 1, True),
        ("eq", 1, 2, False),
    ],
)
def test_it_compares_with_every_comparator(comparator, target, actual, expected):
    assert meets(spec(comparator=comparator, target_value=D(target)), D(actual)) is expected


@pytest.mark.parametrize(
    "actual, expected", [(7, True), (8, True), (9, True), (D("6.9"), False), (D("9.1"), False)]
)
def test_it_judges_a_range_inclusively(actual, expected):
    assert meets(spec(comparator="range", target_value=D(7), target_max=D(9)), D(actual)) is (
        expected
    )


def test_a_ratio_is_numerator_over_denominator_in_percent():
    s = spec(kind="ratio")
    assert actual_for(s, {2026: Obs(numerator=D(9), denominator=D(23))}, 2026).quantize(
        D("0.01")
    ) == D("39.13")
    assert actual_for(s, {2026: Obs(numerator=D(1), denominator=D(0))}, 2026) is None


def test_count_amount_and_percentage_are_the_value():
    for kind in ("count", "amount", "percentage"):
        assert actual_for(spec(kind=kind), {2027: Obs(value=D(12))}, 2027) == D(12)
        assert actual_for(spec(kind=kind), {2027: Obs(value=D(12))}, 2028) is None


def test_a_growth_rate_is_the_average_annual_growth_from_the_baseline_level():
    s = spec(
        kind="growth_rate",
        comparator="gte",
        target_value=D(10),
        applies="over_term",
        baseline=D(100),
        baseline_year=2025,
    )
    # 100 → 121 over two years is exactly 10 % a year.
    assert round(actual_for(s, {2027: Obs(value=D(121))}, 2027), 6) == D("10.000000")
    # Without a baseline level, the earliest entered year is the base.
    s2 = spec(kind="growth_rate", applies="over_term")
    obs = {2026: Obs(value=D(200)), 2027: Obs(value=D(220))}
    assert round(actual_for(s2, obs, 2027), 6) == D("10.000000")
    assert actual_for(s2, obs, 2026) is None


def test_a_cumulative_measure_sums_the_years_after_the_baseline():
    s = spec(
        kind="cumulative",
        comparator="gt",
        target_value=D(80),
        applies="over_term",
        baseline=D(79),
        baseline_year=2025,
    )
    obs = {2025: Obs(value=D(5)), 2026: Obs(value=D(15)), 2027: Obs(value=D(20))}
    assert actual_for(s, obs, 2027) == D(35)  # 2025 belongs to the previous term's count


def test_a_yearly_target_is_judged_every_year():
    result = evaluate(spec(applies="every_year"), {2026: Obs(value=D(40)), 2027: Obs(value=D(60))})
    by_year = {p.year: p.status for p in result.periods}
    assert by_year[2026] == Status.NOT_MET and by_year[2027] == Status.MET
    assert by_year[2028] == Status.NO_DATA
    assert result.status == Status.MET


def test_a_target_by_2030_is_not_yet_due_before_then_unless_met():
    s = spec(applies="by_end", target_value=D(55), comparator="gt")
    result = evaluate(s, {2026: Obs(value=D(54)), 2030: Obs(value=D(54))})
    by_year = {p.year: p.status for p in result.periods}
    assert by_year[2026] == Status.NOT_DUE and by_year[2030] == Status.NOT_MET
    early = evaluate(s, {2027: Obs(value=D(56))})
    assert early.status == Status.MET


def test_no_data_is_said_as_such():
    result = evaluate(spec(), {})
    assert result.status == Status.NO_DATA and result.latest is None
    assert result.projected is None and not result.at_risk


def test_progress_runs_from_the_baseline_to_the_target():
    s = spec(
        applies="by_end",
        baseline=D("54.2"),
        baseline_year=2025,
        target_value=D(55),
        comparator="gt",
    )
    period = evaluate(s, {2026: Obs(value=D("54.6"))}).periods[1]
    assert period.progress == D("50.0")
    decreasing = spec(
        comparator="lt", target_value=D(35), baseline=D(45), baseline_year=2025, applies="by_end"
    )
    assert evaluate(decreasing, {2026: Obs(value=D(40))}).periods[1].progress == D("50.0")


def test_a_falling_trend_flags_the_target_at_risk_early():
    s = spec(
        applies="by_end",
        comparator="gt",
        target_value=D(55),
        baseline=D("54.2"),
        baseline_year=2025,
    )
    falling = evaluate(s, {2026: Obs(value=D("53.8")), 2027: Obs(value=D("53.4"))})
    assert falling.status == Status.NOT_DUE and falling.at_risk
    assert falling.projected < D(55)
    rising = evaluate(s, {2026: Obs(value=D("54.6")), 2027: Obs(value=D("55.0"))})
    assert not rising.at_risk and rising.projected > D(55)


def test_a_decided_target_is_no_longer_at_risk():
    s = spec(applies="by_end", baseline=D(60), baseline_year=2025)
    result = evaluate(s, {2029: Obs(value=D(40)), 2030: Obs(value=D(30))})
    assert result.status == Status.NOT_MET and not result.at_risk


def test_a_cumulative_projection_extends_the_yearly_pace():
    s = spec(
        kind="cumulative",
        comparator="gt",
        target_value=D(80),
        applies="over_term",
        baseline_year=2025,
    )
    # 40 admitted in two years: 20 a year → 100 by 2030.
    result = evaluate(s, {2026: Obs(value=D(20)), 2027: Obs(value=D(20))})
    assert result.projected == D(100) and not result.at_risk
    slow = evaluate(s, {2026: Obs(value=D(5)), 2027: Obs(value=D(5))})
    assert slow.projected == D(25) and slow.at_risk


@given(base=st.integers(1, 10**9), rate=st.integers(-50, 100), years=st.integers(1, 5))
def test_growth_rate_recovers_the_rate_it_was_built_from(base, rate, years):
    level = D(base) * (1 + D(rate) / 100) ** years
    s = spec(kind="growth_rate", applies="over_term", baseline=D(base), baseline_year=2025)
    if level <= 0:
        return
    got = actual_for(s, {2025 + years: Obs(value=level)}, 2025 + years)
    assert abs(got - D(rate)) < D("0.0001")


@given(values=st.dictionaries(st.integers(2025, 2030), st.integers(0, 100), min_size=1))
def test_status_is_always_one_of_four_and_met_agrees_with_the_comparator(values):
    s = spec(applies="by_end")
    result = evaluate(s, {y: Obs(value=D(v)) for y, v in values.items()})
    for p in result.periods:
        if p.actual is None:
            assert p.status == Status.NO_DATA
        else:
            assert (p.status == Status.MET) == meets(s, p.actual)


def test_a_figure_drawn_from_demo_data_is_marked_demo():
    real, fake = Observation(value=D(10)), Observation(value=D(12), demo=True)
    plain = evaluate(spec(kind="amount"), {2025: real, 2026: fake})
    assert [p.demo for p in plain.periods[:2]] == [False, True]
    assert plain.demo  # and so is the projection drawn through it
    # A cumulative figure sums every year: one demo year marks the later ones.
    summed = evaluate(spec(kind="cumulative", baseline_year=2024), {2025: fake, 2026: real})
    assert [p.demo for p in summed.periods[:2]] == [True, True]
    # A growth rate without a baseline starts from the earliest level entered.
    growth = evaluate(spec(kind="growth_rate"), {2025: fake, 2026: real})
    assert growth.periods[1].actual is not None and growth.periods[1].demo
    assert not evaluate(spec(kind="amount"), {2025: real}).demo


def test_a_growth_rate_from_an_earlier_level_is_demo_when_that_level_is():
    """At or before the baseline year a growth rate starts from the earliest level entered,
    not the baseline: a demo level there marks the figure (demo_for follows actual_for)."""
    real, fake = Observation(value=D(110)), Observation(value=D(100), demo=True)
    s = spec(kind="growth_rate", baseline=D(90), baseline_year=2026)
    result = evaluate(s, {2025: fake, 2026: real})
    assert result.periods[1].actual == actual_for(s, {2025: fake, 2026: real}, 2026)
    assert round(result.periods[1].actual) == 10  # 100 → 110: from 2025's level
    assert result.periods[1].demo
    # After the baseline year it grows from the baseline: its own level only.
    later = evaluate(s, {2025: fake, 2027: real})
    assert later.periods[2].actual is not None and not later.periods[2].demo


def test_a_partial_figure_from_demo_data_marks_the_measure_and_the_target():
    """A year only some bản reported is shown (not judged): when it draws on demo data the
    measure and the target say demo, as they do for a judged figure."""
    from xaso.targets.selectors import MeasureRow, Series, TargetRow

    s = spec(kind="amount")
    real = Observation(value=D(10))
    partial = Observation(value=D(3), demo=True)
    series = Series(observations={2025: real}, partial={2026: partial})
    row = MeasureRow(measure=None, spec=s, series=series, evaluation=evaluate(s, {2025: real}))
    assert not row.evaluation.demo
    assert row.demo and TargetRow(target=None, measures=[row]).demo
    assert [c.demo for c in row.cells[:2]] == [False, True]
    plain = Series(observations={2025: real}, partial={2026: Observation(value=D(3))})
    row = MeasureRow(measure=None, spec=s, series=plain, evaluation=evaluate(s, {2025: real}))
    assert not row.demo and not TargetRow(target=None, measures=[row]).demo
