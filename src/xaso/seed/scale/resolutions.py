"""Each synthetic commune's copy of Long Hẹ's resolution: groups, targets, measures with
their baselines, validation rules (the commune answers for every measure)."""

from __future__ import annotations

from xaso.core.models import OrgUnit
from xaso.seed.scale.common import (
    BATCH_SIZE,
    NOTE,
    SOURCE,
    SYNTHETIC_COMMUNES,
    commune_code,
    longhe_resolution_code,
    resolution_code,
)
from xaso.targets.models import Measure, Resolution, Target, TargetGroup, ValidationRule

# Every stored field of a measure but its identity and the two links set per copy.
_MEASURE_FIELDS = [
    f.attname
    for f in Measure._meta.concrete_fields
    if f.attname not in ("id", "target_id", "responsible_office_id")
]


def copy_resolutions() -> dict[str, int]:
    """Give each synthetic commune without one its copy of Long Hẹ's resolution."""
    source = Resolution.objects.get(code=longhe_resolution_code())
    communes = list(
        OrgUnit.objects.filter(
            code__in=[commune_code(n) for n in range(1, SYNTHETIC_COMMUNES + 1)]
        ).order_by("code")
    )
    existing = set(
        Resolution.objects.filter(code__in=[resolution_code(c.code) for c in communes]).values_list(
            "code", flat=True
        )
    )
    communes = [c for c in communes if resolution_code(c.code) not in existing]
    created = {
        "resolutions": 0,
        "target_groups": 0,
        "targets": 0,
        "measures": 0,
        "validation_rules": 0,
    }
    if not communes:
        return created

    Resolution.objects.bulk_create(
        [
            Resolution(
                org_unit=c,
                code=resolution_code(c.code),
                name=f"{source.name} — bản sao demo cho {c.display_name}",
                term_start=source.term_start,
                term_end=source.term_end,
                baseline_year=source.baseline_year,
                source=f"{SOURCE}; {NOTE}",
            )
            for c in communes
        ]
    )
    # Re-read rather than rely on bulk_create returning primary keys on every backend.
    resolutions = {
        r.org_unit_id: r
        for r in Resolution.objects.filter(code__in=[resolution_code(c.code) for c in communes])
    }
    created["resolutions"] = len(resolutions)
    new = list(resolutions.values())

    src_groups = list(source.groups.all())
    TargetGroup.objects.bulk_create(
        [
            TargetGroup(resolution=r, code=g.code, number=g.number, name=g.name, source=g.source)
            for r in new
            for g in src_groups
        ]
    )
    groups = {(g.resolution_id, g.code): g for g in TargetGroup.objects.filter(resolution__in=new)}
    created["target_groups"] = len(groups)

    src_targets = list(Target.objects.filter(group__resolution=source).select_related("group"))
    Target.objects.bulk_create(
        [
            Target(
                group=groups[(r.pk, t.group.code)],
                number=t.number,
                name=t.name,
                text=t.text,
                source=t.source,
            )
            for r in new
            for t in src_targets
        ]
    )
    targets = {
        (t.group.resolution_id, t.group.code, t.number): t
        for t in Target.objects.filter(group__resolution__in=new).select_related("group")
    }
    created["targets"] = len(targets)

    src_measures = list(
        Measure.objects.filter(target__group__resolution=source).select_related("target__group")
    )
    # The commune itself answers for each measure of its copy (it has no offices).
    measures = [
        Measure(
            target=targets[(r.pk, m.target.group.code, m.target.number)],
            responsible_office=r.org_unit,
            **{name: getattr(m, name) for name in _MEASURE_FIELDS},
        )
        for r in new
        for m in src_measures
    ]
    Measure.objects.bulk_create(measures, batch_size=BATCH_SIZE)
    created["measures"] = len(measures)

    src_rules = list(source.rules.all())
    rules = [
        ValidationRule(
            resolution=r,
            kind=rule.kind,
            severity=rule.severity,
            params=rule.params,
            message=rule.message,
            active=rule.active,
        )
        for r in new
        for rule in src_rules
    ]
    ValidationRule.objects.bulk_create(rules)
    created["validation_rules"] = len(rules)
    return created
