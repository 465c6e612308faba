"""The benchmark dataset (xaso.seed.scale). No timing here: speed is measured by
``make bench``, never asserted in tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count, F, Q

from xaso.core.models import AuditEntry, OrgUnit, Role, RoleAssignment, User
from xaso.seed import demo, scale
from xaso.seed.scale import build_scale_dataset
from xaso.targets import selectors
from xaso.targets.models import (
    DataValue,
    Measure,
    Resolution,
    Target,
    TargetGroup,
    ValidationRule,
)

pytestmark = pytest.mark.django_db

BENCH_USERS = {"username__startswith": "bench-"}


def active_communes():
    return OrgUnit.objects.filter(
        parent__code="14", kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True
    )


def test_commune_scale_is_long_he_with_demo_accounts():
    result = build_scale_dataset("commune")
    assert list(active_communes().values_list("code", flat=True)) == ["03763"]
    assert result["totals"]["communes"] == 1
    assert result["totals"]["villages"] == 23
    assert set(User.objects.values_list("username", flat=True)) == {
        a[0] for a in demo.DEMO_ACCOUNTS
    }
    assert not AuditEntry.objects.filter(action="bench_dataset").exists()
    # Long Hẹ's resolution as ``make demo`` loads it, and none of the synthetic values.
    assert list(Resolution.objects.values_list("code", flat=True)) == [
        scale.longhe_resolution_code()
    ]
    assert result["created"]["longhe_resolution"] == 1
    assert not DataValue.objects.exists()


def test_province_scale_has_75_communes_of_23_villages():
    result = build_scale_dataset("province", values=False)
    communes = active_communes()
    assert communes.count() == 75
    assert communes.filter(code__startswith="BENCH-C").count() == 74
    assert result["totals"]["communes"] == 75
    assert result["totals"]["villages"] == 75 * 23
    for commune in communes:
        villages = OrgUnit.objects.filter(parent=commune, kind=OrgUnit.Kind.VILLAGE)
        assert villages.count() == 23, commune.code

    # Bulk-created units carry what OrgUnit.save would have computed.
    village = OrgUnit.objects.get(code="BENCH-C007-B12")
    assert village.path == "/14/BENCH-C007/BENCH-C007-B12/"
    assert village.parent.code == "BENCH-C007"
    assert village.display_name == "Bản demo 007-12"
    assert OrgUnit.objects.get(code="BENCH-C001").display_name == "Xã demo 001"
    center = OrgUnit.objects.get(code="BENCH-C074-TTPVHCC")
    assert center.kind == OrgUnit.Kind.SERVICE_CENTER
    assert center.path == "/14/BENCH-C074/BENCH-C074-TTPVHCC/"
    for unit in OrgUnit.objects.filter(code__startswith="BENCH-"):
        stored = (unit.code, unit.path, unit.name_key)
        unit.save()  # recompute code, path and name_key the ordinary way
        assert (unit.code, unit.path, unit.name_key) == stored


def test_province_scale_accounts_are_demo_with_roles():
    build_scale_dataset("province", values=False)
    bench_users = User.objects.filter(**BENCH_USERS)
    assert bench_users.count() == 74 * 2
    assert not bench_users.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()
    assert all("(demo)" in u.full_name for u in bench_users)
    leader = User.objects.get(username="bench-c003-lanhdao")
    assert leader.check_password(demo.DEMO_PASSWORD)
    assert leader.name_key == "lanh dao xa demo 003 (demo)"
    assert list(leader.role_assignments.values_list("role", "org_unit__code")) == [
        (Role.LEADER, "BENCH-C003")
    ]
    officer = User.objects.get(username="bench-c003-motcua")
    assert officer.org_unit.code == "BENCH-C003-TTPVHCC"
    assert list(officer.role_assignments.values_list("role", flat=True)) == [Role.ONESTOP_OFFICER]


def test_province_scale_writes_one_audit_entry_and_is_idempotent():
    first = build_scale_dataset("province")
    entries = AuditEntry.objects.filter(action="bench_dataset")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor is None
    assert entry.object_type == "bench"
    assert entry.object_repr == "scale=province"
    assert entry.changes["communes"] == 74
    assert entry.changes["villages"] == 74 * 23
    assert entry.changes["resolutions"] == 74
    assert (
        entry.changes["measures"]
        == 74
        * Measure.objects.filter(
            target__group__resolution__code=scale.longhe_resolution_code()
        ).count()
    )
    assert entry.changes["data_values"] == DataValue.objects.count() > 0

    def counts():
        return (
            OrgUnit.objects.count(),
            User.objects.count(),
            RoleAssignment.objects.count(),
            AuditEntry.objects.count(),
            Resolution.objects.count(),
            TargetGroup.objects.count(),
            Target.objects.count(),
            Measure.objects.count(),
            ValidationRule.objects.count(),
            DataValue.objects.count(),
        )

    before = counts()
    values = dict(DataValue.objects.values_list("pk", "numerator"))
    second = build_scale_dataset("province")
    assert counts() == before
    assert dict(DataValue.objects.values_list("pk", "numerator")) == values
    assert not any(second["created"].values())
    assert second["totals"] == first["totals"]


def test_province_scale_gives_each_commune_a_copy_of_the_resolution():
    result = build_scale_dataset("province", values=False)
    assert result["created"]["data_values"] == 0
    assert Resolution.objects.count() == 75
    longhe = Resolution.objects.get(code=scale.longhe_resolution_code())
    copy = Resolution.objects.get(code="BENCH-BENCH-C042-NQ")
    assert copy.org_unit.code == "BENCH-C042"
    assert (copy.term_start, copy.term_end, copy.baseline_year) == (
        longhe.term_start,
        longhe.term_end,
        longhe.baseline_year,
    )
    assert selectors.resolution_for(copy.org_unit) == copy
    assert selectors.resolution_for(OrgUnit.objects.get(code="BENCH-C042-B05")) == copy

    def shape(resolution):
        return sorted(
            (
                m.target.group.code,
                m.target.number,
                m.code,
                m.position,
                m.kind,
                m.comparator,
                m.target_value,
                m.applies,
                m.baseline_value,
                m.baseline_numerator,
                m.baseline_denominator,
                m.additive,
                m.disaggregation,
                m.data_source,
            )
            for m in Measure.objects.filter(target__group__resolution=resolution).select_related(
                "target__group"
            )
        )

    assert shape(copy) == shape(longhe)
    assert copy.groups.count() == longhe.groups.count() == 3
    assert Target.objects.filter(group__resolution=copy).count() == 25
    assert set(copy.rules.values_list("kind", flat=True)) == set(
        longhe.rules.values_list("kind", flat=True)
    )
    # The copy's measures answer to the commune itself.
    assert set(
        Measure.objects.filter(target__group__resolution=copy).values_list(
            "responsible_office__code", flat=True
        )
    ) == {"BENCH-C042"}


def test_province_scale_values_are_approved_plausible_and_complete():
    result = build_scale_dataset("province")
    values = DataValue.objects.all()
    assert set(values.values_list("year", flat=True)) == set(range(2026, 2031))
    assert set(values.values_list("status", flat=True)) == {DataValue.Status.APPROVED}
    assert set(values.values_list("quarter", flat=True)) == {0}

    ratios = values.filter(measure__kind=Measure.Kind.RATIO)
    assert ratios.exists()
    assert not ratios.filter(Q(numerator__isnull=True) | Q(denominator__isnull=True)).exists()
    assert not ratios.filter(numerator__gt=F("denominator")).exists()
    assert not ratios.filter(denominator__lte=0).exists()
    assert not ratios.filter(numerator__lt=0).exists()
    others = values.exclude(measure__kind=Measure.Kind.RATIO)
    assert not others.filter(value__isnull=True).exists()
    percentages = others.filter(measure__kind=Measure.Kind.PERCENTAGE)
    assert percentages.exists()
    assert not percentages.filter(Q(value__lt=0) | Q(value__gt=100)).exists()
    # Counts and amounts are positive; a bản's đạt / chưa đạt answer is 1 or 0 (1/1 or 0/1).
    answers = values.filter(measure__disaggregation=scale.YES_NO)
    amounts = others.exclude(measure__kind=Measure.Kind.PERCENTAGE).exclude(
        measure__disaggregation=scale.YES_NO
    )
    assert amounts.exists()
    assert not amounts.filter(value__lte=0).exists()
    assert set(answers.values_list("numerator", "denominator", "value").distinct()) <= {
        (Decimal(0), Decimal(1), None),
        (Decimal(1), Decimal(1), None),
        (None, None, Decimal(0)),
        (None, None, Decimal(1)),
    }
    assert not answers.exclude(org_unit__kind=OrgUnit.Kind.VILLAGE).exists()
    assert not values.exclude(measure__data_source="entered").exists()

    # Per commune and year: a value for each entered measure of the commune (but those a
    # commune counts from its bản's đạt / chưa đạt), and for each of its 23 bản a value of
    # each measure entered per bản (or additive).
    entered = Measure.objects.filter(
        target__group__resolution__code=scale.longhe_resolution_code(), data_source="entered"
    )
    per_commune = entered.exclude(disaggregation=scale.YES_NO).count()
    per_village = entered.filter(~Q(disaggregation="commune") | Q(additive=True)).count()
    assert per_village >= 7
    assert values.count() == 75 * 5 * (per_commune + per_village * 23)
    assert values.count() == result["totals"]["data_values"]
    per_unit = values.values("org_unit__kind").annotate(n=Count("id"))
    assert {row["org_unit__kind"]: row["n"] for row in per_unit} == {
        OrgUnit.Kind.COMMUNE: 75 * 5 * per_commune,
        OrgUnit.Kind.VILLAGE: 75 * 5 * per_village * 23,
    }

    # A commune's additive figure is its bản's sum; a ratio's parts too.
    commune = OrgUnit.objects.get(code="BENCH-C011")
    summed_measures = entered.filter(
        Q(additive=True) | Q(kind=Measure.Kind.RATIO, disaggregation="village")
    )
    assert summed_measures.count() >= 2
    for measure in summed_measures:
        fields = ["numerator", "denominator"] if measure.kind == "ratio" else ["value"]
        rows = values.filter(
            measure__target__group__resolution__org_unit=commune,
            measure__code=measure.code,
            year=2028,
        )
        own = rows.get(org_unit=commune)
        bans = rows.filter(org_unit__parent=commune)
        assert bans.count() == 23
        for field in fields:
            summed = sum(bans.values_list(field, flat=True), Decimal(0))
            assert summed == getattr(own, field), (measure.code, field)

    # Deterministic: the generator, run again for a commune, gives the stored rows.
    commune = OrgUnit.objects.get(code="BENCH-C005")
    measures = list(
        Measure.objects.filter(
            target__group__resolution__org_unit=commune, data_source="entered"
        ).order_by("target__group__number", "target__number", "position", "code")
    )
    villages = list(OrgUnit.objects.filter(parent=commune, kind="village").order_by("code"))
    again = {
        (m.pk, unit.pk, year): (fields.get("value"), fields.get("numerator"))
        for m, unit, year, fields in scale._commune_values(commune, measures, villages)
    }
    stored = {
        (m, u, y): (v, n)
        for m, u, y, v, n in values.filter(measure__in=measures).values_list(
            "measure_id", "org_unit_id", "year", "value", "numerator"
        )
    }
    assert again == stored


def test_province_scale_completes_a_commune_scale_database_keeping_real_values():
    build_scale_dataset("commune")
    measure = Measure.objects.get(
        target__group__resolution__code=scale.longhe_resolution_code(), code="XH2"
    )
    longhe = OrgUnit.objects.get(code="03763")
    real = DataValue.objects.create(
        measure=measure,
        org_unit=longhe,
        year=2026,
        numerator=Decimal(3),
        denominator=Decimal(5),
        status=DataValue.Status.ENTERED,
    )
    build_scale_dataset("province")
    assert active_communes().count() == 75
    real.refresh_from_db()
    assert (real.numerator, real.denominator, real.status, real.comment) == (
        Decimal(3),
        Decimal(5),
        DataValue.Status.ENTERED,
        "",
    )
    per_commune = (
        Measure.objects.filter(target__group__resolution__org_unit=longhe, data_source="entered")
        .exclude(disaggregation=scale.YES_NO)
        .count()
    )
    synthetic = DataValue.objects.filter(org_unit=longhe).exclude(pk=real.pk)
    assert synthetic.count() == 5 * per_commune - 1  # all but the one real value
    assert set(synthetic.values_list("comment", flat=True)) == {scale.VALUE_COMMENT}
    # Long Hẹ's dashboard has a figure for every entered measure in 2030.
    groups = selectors.evaluate_targets(
        Resolution.objects.get(code=scale.longhe_resolution_code()), longhe
    )
    for group in groups:
        for target in group.targets:
            for row in target.measures:
                if not row.measure.is_computed:
                    assert 2030 in row.series.observations, row.measure.code


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError, match="unknown scale"):
        build_scale_dataset("country")
