"""Synthetic benchmark datasets at a named scale — DEMO DATA, NOT REAL UNITS OR PEOPLE.

``commune``  the Long Hẹ structure and its demo accounts (what ``make demo`` loads);
``province`` that, plus 74 synthetic communes under province 14 (Sơn La), so the
             province holds 75 active communes, each with 23 bản, a service center,
             and one leader and one one-stop officer account; each synthetic commune
             gets its own copy of Long Hẹ's resolution (code ``BENCH-<commune code>-NQ``,
             e.g. ``BENCH-BENCH-C001-NQ``: groups, targets, measures with their
             baselines, validation rules; the commune answers for every measure), and
             every one of the 75 communes — Long Hẹ included, since the whole database
             is a benchmark database — gets synthetic approved values (quarter 0) for
             2026–2030 of every measure entered by hand: per bản where the measure is
             entered per bản (or additive), and for the commune — the bản's sum where
             the application sums them, none where it counts the bản's đạt / chưa đạt.

Both scales load Long Hẹ's resolution (``loader.load_resolution``) as ``make demo``
does; at commune scale Long Hẹ's values are left alone (no synthetic data).

Every synthetic unit has a ``BENCH-`` code, a "demo" name and a note saying it is
benchmark data; every synthetic account is ``is_demo`` and "(demo)" in its name; every
synthetic value carries the comment ``VALUE_COMMENT``. The data is deterministic (the
values come from ``random.Random`` seeded per commune with a fixed seed) and loading is
idempotent: what exists is skipped, so running it again changes nothing.

The synthetic rows are written with ``bulk_create`` (seconds, not minutes), so they
bypass ``OrgUnit.save``/``User.save`` — ``path``, ``name_key`` and the upper-case code
are set here the same way — ``full_clean`` and per-row auditing: one ``bench_dataset``
audit entry records what was created instead.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from decimal import Decimal

from django.db import transaction

from xaso.core import audit
from xaso.core.models import OrgUnit, Role, RoleAssignment, User
from xaso.core.vietnamese import nfc, search_key
from xaso.seed import demo, loader
from xaso.targets.models import (
    DataValue,
    Measure,
    Resolution,
    Target,
    TargetGroup,
    ValidationRule,
)

SCALES = ("commune", "province")
PROVINCE_CODE = "14"
SYNTHETIC_COMMUNES = 74  # + Long Hẹ = 75 communes in the province
VILLAGES_PER_COMMUNE = 23  # as many bản as Long Hẹ
CODE_PREFIX = "BENCH-C"
SOURCE = "xaso bench (dữ liệu tổng hợp)"
NOTE = "Dữ liệu demo tổng hợp cho benchmark, không phải đơn vị thật."
VALID_FROM = dt.date(2025, 7, 1)
LONGHE_CODE = "03763"
SEED = 2026  # the values are random.Random(f"{SEED}:{commune code}"): fixed, per commune
VALUE_YEARS = range(2026, 2031)  # five years of the 2025–2030 term (2025 is the baseline)
VALUE_COMMENT = "Số liệu demo tổng hợp cho benchmark"
BATCH_SIZE = 5_000


def commune_code(n: int) -> str:
    return f"{CODE_PREFIX}{n:03d}"


def village_code(n: int, v: int) -> str:
    return f"{commune_code(n)}-B{v:02d}"


def service_center_code(n: int) -> str:
    return f"{commune_code(n)}-TTPVHCC"


def leader_username(n: int) -> str:
    return f"bench-c{n:03d}-lanhdao"


def officer_username(n: int) -> str:
    return f"bench-c{n:03d}-motcua"


def resolution_code(commune: str) -> str:
    """The code of a synthetic commune's resolution, e.g. ``BENCH-BENCH-C001-NQ``."""
    return f"BENCH-{commune}-NQ"


def longhe_resolution_code() -> str:
    data = json.loads((loader.LONGHE_DIR / "resolution.json").read_text(encoding="utf-8"))
    return data["resolution"]["code"]


def _unit(*, code: str, name: str, kind: str, parent: OrgUnit, **extra) -> OrgUnit:
    """An unsaved unit with what ``OrgUnit.save`` would have computed."""
    code = code.strip().upper()
    name = nfc(name)
    return OrgUnit(
        code=code,
        name=name,
        name_key=search_key(name),
        kind=kind,
        parent=parent,
        path=f"{parent.path}{code}/",
        source=SOURCE,
        note=NOTE,
        **extra,
    )


def _user(
    *, username: str, full_name: str, job_title: str, org_unit: OrgUnit, password_hash: str
) -> User:
    """An unsaved demo account with what ``User.save`` would have computed."""
    full_name = nfc(full_name)
    return User(
        username=username,
        full_name=full_name,
        name_key=search_key(full_name),
        job_title=job_title,
        org_unit=org_unit,
        is_demo=True,
        password=password_hash,
    )


def _by_code(codes) -> dict[str, OrgUnit]:
    return {u.code: u for u in OrgUnit.objects.filter(code__in=list(codes))}


def _build_province() -> dict[str, int]:
    """Create the missing synthetic communes, bản, service centers, accounts, roles."""
    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    numbers = range(1, SYNTHETIC_COMMUNES + 1)
    created = {"communes": 0, "villages": 0, "service_centers": 0, "users": 0, "roles": 0}

    # Communes first: children need their parent's pk and path.
    wanted = {commune_code(n): n for n in numbers}
    existing = set(OrgUnit.objects.filter(code__in=list(wanted)).values_list("code", flat=True))
    new_communes = [
        _unit(
            code=code,
            name=f"demo {n:03d}",
            kind=OrgUnit.Kind.COMMUNE,
            parent=province,
            valid_from=VALID_FROM,
        )
        for code, n in wanted.items()
        if code not in existing
    ]
    OrgUnit.objects.bulk_create(new_communes)
    created["communes"] = len(new_communes)
    # Re-read rather than rely on bulk_create returning primary keys on every backend.
    communes = _by_code(wanted)

    children_codes = [
        village_code(n, v) for n in numbers for v in range(1, VILLAGES_PER_COMMUNE + 1)
    ]
    children_codes += [service_center_code(n) for n in numbers]
    existing = set(OrgUnit.objects.filter(code__in=children_codes).values_list("code", flat=True))
    children = []
    for n in numbers:
        commune = communes[commune_code(n)]
        for v in range(1, VILLAGES_PER_COMMUNE + 1):
            if village_code(n, v) not in existing:
                children.append(
                    _unit(
                        code=village_code(n, v),
                        name=f"demo {n:03d}-{v:02d}",
                        kind=OrgUnit.Kind.VILLAGE,
                        parent=commune,
                    )
                )
                created["villages"] += 1
        if service_center_code(n) not in existing:
            children.append(
                _unit(
                    code=service_center_code(n),
                    kind=OrgUnit.Kind.SERVICE_CENTER,
                    parent=commune,
                    name=f"Trung tâm phục vụ hành chính công xã demo {n:03d}",
                )
            )
            created["service_centers"] += 1
    OrgUnit.objects.bulk_create(children)
    centers = _by_code(service_center_code(n) for n in numbers)

    # Accounts: one leader over the commune, one one-stop officer at its service center.
    plan = []  # (username, full name, title, role, unit)
    for n in numbers:
        commune, center = communes[commune_code(n)], centers[service_center_code(n)]
        plan.append(
            (
                leader_username(n),
                f"Lãnh đạo xã demo {n:03d} (demo)",
                "Chủ tịch UBND xã",
                Role.LEADER,
                commune,
            )
        )
        plan.append(
            (
                officer_username(n),
                f"Cán bộ một cửa xã demo {n:03d} (demo)",
                "Công chức tiếp nhận",
                Role.ONESTOP_OFFICER,
                center,
            )
        )
    usernames = [row[0] for row in plan]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    missing = [row for row in plan if row[0] not in existing]
    if missing:
        # Hashing is deliberately slow; one hash serves every synthetic account.
        hasher = User()
        hasher.set_password(demo.DEMO_PASSWORD)
        User.objects.bulk_create(
            [
                _user(
                    username=username,
                    full_name=full_name,
                    job_title=title,
                    org_unit=unit,
                    password_hash=hasher.password,
                )
                for username, full_name, title, _role, unit in missing
            ]
        )
        created["users"] = len(missing)
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}

    have = set(
        RoleAssignment.objects.filter(user__in=users.values()).values_list(
            "user_id", "role", "org_unit_id"
        )
    )
    roles = [
        RoleAssignment(user=users[username], role=role, org_unit=unit)
        for username, _name, _title, role, unit in plan
        if (users[username].pk, role, unit.pk) not in have
    ]
    RoleAssignment.objects.bulk_create(roles)
    created["roles"] = len(roles)
    return created


# --- resolutions: a copy of Long Hẹ's per synthetic commune -------------------------------

# Every stored field of a measure but its identity and the two links set per copy.
_MEASURE_FIELDS = [
    f.attname
    for f in Measure._meta.concrete_fields
    if f.attname not in ("id", "target_id", "responsible_office_id")
]


def _copy_resolutions() -> dict[str, int]:
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


# --- values: five years of approved data per commune and bản ------------------------------


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


# Each bản answers đạt / chưa đạt and the commune's figure is counted from the answers
# (``Measure.Disaggregation.YES_NO``); compared as a string so this file does not depend
# on that choice existing.
YES_NO = "yes_no"


def _per_village(measure: Measure) -> bool:
    """Entered for each bản (as ``views._measures_for_entry`` offers it to a bản)."""
    return measure.disaggregation != Measure.Disaggregation.COMMUNE or measure.additive


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
    per_village = _per_village(measure) and bool(villages)
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


def _commune_values(
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


def _generate_values(commune_codes: list[str]) -> int:
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
        rows = _commune_values(
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


@transaction.atomic
def build_scale_dataset(scale: str, *, values: bool = True) -> dict:
    """Load the benchmark dataset for ``scale``; returns what was created and what exists.

    Safe to call again: existing units, accounts, resolutions and values are left as
    they are. ``values=False`` skips the synthetic values (tests of the rest).
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    # Long Hẹ goes through the services (and so the audit log) like ``make demo``.
    created = {"longhe_units": loader.load_org_units()}
    created["longhe_resolution"] = int(loader.load_resolution())
    users_before = User.objects.filter(username__in=[a[0] for a in demo.DEMO_ACCOUNTS]).count()
    demo.create_demo_accounts()
    created["demo_accounts"] = len(demo.DEMO_ACCOUNTS) - users_before
    if scale == "province":
        created.update(_build_province())
        created.update(_copy_resolutions())
        created["data_values"] = (
            _generate_values(
                [LONGHE_CODE, *(commune_code(n) for n in range(1, SYNTHETIC_COMMUNES + 1))]
            )
            if values
            else 0
        )
        bulk = (
            "communes",
            "villages",
            "service_centers",
            "users",
            "roles",
            "resolutions",
            "target_groups",
            "targets",
            "measures",
            "validation_rules",
            "data_values",
        )
        if any(created[k] for k in bulk):
            # The bulk rows skipped per-row auditing: one entry says what was loaded.
            audit.record(
                actor=None,
                action="bench_dataset",
                object_type="bench",
                object_repr=f"scale={scale}",
                changes=dict(created),
            )

    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    communes = OrgUnit.objects.filter(
        parent=province, kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True
    )
    totals = {
        "communes": communes.count(),
        "villages": OrgUnit.objects.filter(parent__in=communes, kind=OrgUnit.Kind.VILLAGE).count(),
        "org_units": OrgUnit.objects.count(),
        "users": User.objects.count(),
        "resolutions": Resolution.objects.count(),
        "data_values": DataValue.objects.count(),
    }
    return {"scale": scale, "created": created, "totals": totals}
