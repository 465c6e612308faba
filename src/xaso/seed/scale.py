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

Both scales also load the procedure catalogue and Long Hẹ's 99 demo dossiers of
01/7–30/9/2025 (``onestop_demo.create_demo_dossiers``, through the services), as
``make demo`` does. At province scale every one of the 75 service centers then gets
synthetic dossiers (``dossiers``, default ``DEFAULT_DOSSIERS`` in all, shared evenly),
received on the working days of 01/7/2025–30/6/2026 in office hours: a mix of channels
and procedures, statuses 1–10 (older dossiers mostly returned, the last two weeks'
mostly open), fields consistent with each status, a due moment a fixed number of working
days after receipt, codes ``<commune>-YYMMDD-NNNN`` numbered on from the day's counter
(which is updated, so the services number on after them), all ``is_demo``, applicants
"Công dân bench NNNNNNN (demo)". No events, documents or per-row audit entries.

The synthetic rows are written with ``bulk_create`` (seconds, not minutes), so they
bypass ``OrgUnit.save``/``User.save``/``Dossier.save`` — ``path``, ``name_key``,
``applicant_key`` and the upper-case code are set here the same way — ``full_clean``
and per-row auditing: one ``bench_dataset`` audit entry records what was created
instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Max, Min

from xaso.core import audit
from xaso.core.models import OrgUnit, Role, RoleAssignment, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import nfc, search_key
from xaso.onestop import fees
from xaso.onestop.models import Dossier, DossierCounter, Procedure, Status
from xaso.seed import demo, loader, onestop_demo
from xaso.targets.models import (
    DataValue,
    Measure,
    Resolution,
    Target,
    TargetGroup,
    ValidationRule,
)
from xaso.targets.selectors import entered_per_village

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


# --- dossiers: every service center's one-stop work --------------------------------------

DEFAULT_DOSSIERS = 1_000_000  # in all, shared evenly among the 75 service centers
DOSSIER_START = dt.date(2025, 7, 1)
DOSSIER_END = dt.date(2026, 6, 30)
DOSSIER_BATCH = 1_000  # rows per bulk_create: 46 columns stay under PostgreSQL's 65,535
RECENT_DAYS = 10  # working days before DOSSIER_END whose dossiers are mostly still open
SQLITE_CACHE_KIB = 256 * 1024  # page cache of the building connection on SQLite
SAMPLE_CODES = 500  # dossier codes handed to the benchmark's lookup scenario
BENCH_APPLICANT = "Công dân bench"
LONGHE_CENTER = "03763-TTPVHCC"
OPENING = dt.time(7, 30)
LUNCH = (dt.time(11, 30), dt.time(13, 30))
CLOSING = dt.time(17, 0)
MORNING_MINUTES = 240  # 07:30–11:30
DAY_MINUTES = 240 + 210  # and 13:30–17:00
TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no daylight saving

# Procedure mix of the synthetic desks, like Long Hẹ's (mostly certification and civil
# status); status weights for older dossiers and for the last RECENT_DAYS working days.
PROCEDURE_WEIGHTS = {
    "2.000815": 40,
    "1.001193": 22,
    "2.000635": 10,
    "1.000656": 8,
    "1.004873": 6,
    "1.000894": 6,
    "2.000884": 4,
    "CT-HDGD": 3,
}
CHANNEL_WEIGHTS = {"direct": 75, "online": 20, "post": 5}
OLD_STATUS_WEIGHTS = {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 1, 7: 2, 8: 1, 9: 3, 10: 85}
RECENT_STATUS_WEIGHTS = {1: 8, 2: 15, 3: 2, 4: 25, 5: 8, 6: 5, 7: 2, 8: 1, 9: 12, 10: 22}
RATINGS = {5: 55, 4: 30, 3: 10, 2: 3, 1: 2}
PAYMENT_WEIGHTS = {"cash": 85, "transfer": 15}  # at the desk (online: paid online)
LATE_SHARE = 0.08
DEMO_NOTE = "(dữ liệu demo)"


def _bench_working_days(calendar, start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _office_at(day: dt.date, minute: int) -> dt.datetime:
    """``minute`` office minutes after the opening of ``day`` (lunch skipped)."""
    if minute >= MORNING_MINUTES:
        base, minute = LUNCH[1], minute - MORNING_MINUTES
    else:
        base = OPENING
    return dt.datetime.combine(day, base, TZ) + dt.timedelta(minutes=minute)


def _code_identifier(commune: OrgUnit) -> str:
    """The commune's administrative code, else (a synthetic commune) its own code: the
    province's would be shared by all 74 and their codes would collide."""
    return commune.gov_code or commune.code


class _Weights:
    """A weighted choice with its cumulative weights computed once (picked ~10⁷ times)."""

    def __init__(self, weights: dict):
        self.population = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random):
        return rng.choices(self.population, cum_weights=self.cumulative)[0]


_OLD_STATUSES = _Weights(OLD_STATUS_WEIGHTS)
_RECENT_STATUSES = _Weights(RECENT_STATUS_WEIGHTS)
_CHANNELS = _Weights(CHANNEL_WEIGHTS)
_PAYMENTS = _Weights(PAYMENT_WEIGHTS)
_RATINGS = _Weights(RATINGS)


class _DossierFactory:
    """Builds unsaved synthetic dossiers of one center, day by day, deterministically."""

    def __init__(self, procedures, days, extended_days):
        self.procedures = procedures
        online_ok = {
            code for code, p in procedures.items() if p.online_level != Procedure.OnlineLevel.NONE
        }
        charged = {
            code for code, p in procedures.items() if p.fee_rule.get("type", "free") != "free"
        }
        # The procedures a dossier may have: by (submitted online, waiting for payment).
        self.mix = {
            (online, payment): _Weights(
                {
                    code: weight
                    for code, weight in PROCEDURE_WEIGHTS.items()
                    if code in procedures
                    and (not online or code in online_ok)
                    and (not payment or code in charged)
                }
            )
            for online in (False, True)
            for payment in (False, True)
        }
        self.days = days
        self.extended = extended_days  # the working days, on past DOSSIER_END for due dates
        self.key_prefix = search_key(BENCH_APPLICANT)
        self.serial = 0

    def _status_channel_procedure(self, rng, recent):
        status = (_RECENT_STATUSES if recent else _OLD_STATUSES).pick(rng)
        if status in (Status.NEW, Status.REFUSED):
            channel = Dossier.Channel.ONLINE
        else:
            channel = _CHANNELS.pick(rng)
        mix = self.mix[(channel == Dossier.Channel.ONLINE, status == Status.PAYMENT)]
        return status, channel, self.procedures[mix.pick(rng)]

    def day(self, rng, center, commune, staff, addresses, index, seqs):
        """The dossiers of ``center`` received on working day ``index`` numbered ``seqs``;
        ``addresses``: (bản id, address) to pick the applicants' from."""
        day = self.days[index]
        recent = index >= len(self.days) - RECENT_DAYS
        prefix = f"{_code_identifier(commune)}-{day:%y%m%d}-"
        minutes = sorted(rng.randrange(DAY_MINUTES - 30) for _ in seqs)
        officer, processor = staff
        for seq, minute in zip(seqs, minutes, strict=True):
            self.serial += 1
            status, channel, procedure = self._status_channel_procedure(rng, recent)
            # Foreign keys by id: no descriptor work per row.
            d = Dossier(
                code=f"{prefix}{seq:04d}",
                org_unit_id=center.pk,
                procedure_id=procedure.pk,
                channel=channel,
                status=status,
                submitted_at=_office_at(day, minute),
                is_demo=True,
            )
            self._applicant(d, rng, addresses)
            self._fee(d, rng, procedure)
            self._clock(d, rng, index, procedure, officer, processor)
            yield d

    def _applicant(self, d, rng, addresses):
        number = f"{self.serial:07d}"
        d.applicant_name = f"{BENCH_APPLICANT} {number} (demo)"
        d.applicant_key = f"{self.key_prefix} {number} (demo)"
        birth = dt.date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        century = (0 if birth.year < 2000 else 2) + rng.randrange(2)
        d.applicant_id_number = f"014{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        d.applicant_birth_date = birth
        d.applicant_village_id, d.applicant_address = rng.choice(addresses)

    def _fee(self, d, rng, procedure):
        rule = procedure.fee_rule
        if rule.get("type") == "per_page":
            d.fee_pages, d.fee_copies = rng.randint(1, 8), rng.randint(1, 4)
        elif rule.get("type") == "fixed" and rule.get("per", "hồ sơ") == "bản":
            d.fee_copies = rng.randint(1, 3)
        d.fee_amount = fees.fee_amount(rule, pages=d.fee_pages, copies=d.fee_copies)

    def _clock(self, d, rng, index, procedure, officer, processor):
        status = d.status
        if status in (Status.NEW, Status.REFUSED):
            if status == Status.REFUSED:
                d.closed_at = d.submitted_at + dt.timedelta(hours=1)
                d.decision_reason = f"Hồ sơ không đúng thành phần {DEMO_NOTE}"
            return
        online = d.channel == Dossier.Channel.ONLINE
        received = d.submitted_at + dt.timedelta(minutes=20 if online else 0)
        d.received_at = d.clock_started_at = received
        d.received_by_id = officer.pk
        local = received.astimezone(TZ).time()
        after_cutoff = procedure.cutoff is not None and local > procedure.cutoff
        offset = int(procedure.processing_time) + int(after_cutoff)
        due_index = index + offset
        d.due_at = dt.datetime.combine(self.extended[due_index], CLOSING, TZ)
        d.transfer_due_at = dt.datetime.combine(
            self.extended[index + int(local > dt.time(15, 0))], CLOSING, TZ
        )
        if d.fee_amount and status not in (Status.PAYMENT, Status.WITHDRAWN):
            d.paid_at = received + dt.timedelta(minutes=3)
            d.payment_method = Dossier.PaymentMethod.ONLINE if online else _PAYMENTS.pick(rng)
            d.receipt_number = f"BL-{d.code}"
        transferred = status in (Status.PROCESSING, Status.PAYMENT, Status.STOPPED)
        transferred |= status in (Status.DONE, Status.RETURNED)
        transferred |= status == Status.SUPPLEMENT and rng.random() < 0.5
        if transferred:
            d.assigned_to_id = processor.pk
            d.transferred_at = received + dt.timedelta(minutes=15)
        if status == Status.SUPPLEMENT:
            d.missing_documents = f"Bản sao giấy tờ tùy thân còn thiếu {DEMO_NOTE}"
        elif status == Status.WITHDRAWN:
            d.closed_at = received + dt.timedelta(hours=2)
            d.decision_reason = f"Công dân xin rút hồ sơ {DEMO_NOTE}"
        elif status == Status.STOPPED:
            d.closed_at = d.transferred_at + dt.timedelta(hours=1)
            d.decision_reason = f"Không đủ điều kiện giải quyết {DEMO_NOTE}"
        elif status in (Status.DONE, Status.RETURNED):
            if rng.random() < LATE_SHARE:  # the next working day, after the due moment
                done = _office_at(self.extended[due_index + 1], rng.randrange(10, 120))
            elif offset and rng.random() < 0.5:  # early: the day it came in
                done = d.transferred_at + dt.timedelta(minutes=rng.randrange(20, 90))
            else:  # on the due day, before the due moment
                done = d.due_at - dt.timedelta(minutes=rng.randrange(10, 240))
                done = max(done, d.transferred_at + dt.timedelta(minutes=10))
            d.done_at = done
            if status == Status.RETURNED:
                d.returned_at = d.closed_at = done + dt.timedelta(minutes=rng.randrange(5, 90))
                if d.channel == Dossier.Channel.POST:
                    d.return_method = Dossier.ReturnMethod.POST
                elif online and procedure.online_level == Procedure.OnlineLevel.FULL:
                    d.return_method = Dossier.ReturnMethod.ONLINE
                else:
                    d.return_method = Dossier.ReturnMethod.DESK
                if rng.random() < 0.3:
                    d.rating = _RATINGS.pick(rng)
                    d.rated_at = d.returned_at + dt.timedelta(hours=1)


def _generate_dossiers(total: int) -> dict[str, int]:
    """Bulk-create ``total`` synthetic dossiers over the 75 service centers (Long Hẹ's
    first) unless synthetic dossiers exist; update the day counters."""
    created = {"dossiers": 0, "dossier_counters": 0}
    if total <= 0 or Dossier.objects.filter(applicant_name__startswith=BENCH_APPLICANT).exists():
        return created
    numbers = range(1, SYNTHETIC_COMMUNES + 1)
    center_codes = [LONGHE_CENTER, *(service_center_code(n) for n in numbers)]
    centers = _by_code(center_codes)
    communes = _by_code([LONGHE_CODE, *(commune_code(n) for n in numbers)])
    commune_of = {
        LONGHE_CENTER: communes[LONGHE_CODE],
        **{service_center_code(n): communes[commune_code(n)] for n in numbers},
    }
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "motcua",
                "tuphap",
                *(officer_username(n) for n in numbers),
                *(leader_username(n) for n in numbers),
            ]
        )
    }
    staff = {
        LONGHE_CENTER: (users["motcua"], users["tuphap"]),
        **{
            service_center_code(n): (users[officer_username(n)], users[leader_username(n)])
            for n in numbers
        },
    }
    villages_of: dict[int, list[OrgUnit]] = {}
    for v in OrgUnit.objects.filter(
        parent__in=communes.values(), kind=OrgUnit.Kind.VILLAGE, valid_to__isnull=True
    ).order_by("code"):
        villages_of.setdefault(v.parent_id, []).append(v)
    procedures = {
        p.code: p for p in Procedure.objects.filter(code__in=list(PROCEDURE_WEIGHTS), active=True)
    }
    calendar = calendar_for(centers[LONGHE_CENTER])
    days = _bench_working_days(calendar, DOSSIER_START, DOSSIER_END)
    extended = _bench_working_days(calendar, DOSSIER_START, DOSSIER_END + dt.timedelta(days=60))
    factory = _DossierFactory(procedures, days, extended)
    counters = {
        (c.org_unit_id, c.day): c
        for c in DossierCounter.objects.filter(org_unit__in=centers.values())
    }
    new_counters: list[DossierCounter] = []
    changed_counters: list[DossierCounter] = []

    if connection.vendor == "sqlite":
        # A larger page cache for this connection (the default is 2 MB): the indexes of a
        # million rows are updated at random places (ID numbers, statuses, due dates).
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    per_center, extra = divmod(total, len(center_codes))
    batch: list[Dossier] = []
    for position, code in enumerate(center_codes):
        center, commune = centers[code], commune_of[code]
        count = per_center + (1 if position < extra else 0)
        if not count:
            continue
        rng = random.Random(f"{SEED}:dossiers:{code}")
        place = f"{commune.display_name}, tỉnh Sơn La"
        addresses = [(v.pk, f"{v.display_name}, {place}") for v in villages_of.get(commune.pk, [])]
        addresses = addresses or [(None, place)]
        # Even spread: dossier i of the center is received on day i × days ÷ count.
        per_day: dict[int, int] = {}
        for i in range(count):
            index = i * len(days) // count
            per_day[index] = per_day.get(index, 0) + 1
        for index, n in sorted(per_day.items()):
            counter = counters.get((center.pk, days[index]))
            first = (counter.last if counter else 0) + 1
            batch.extend(
                factory.day(
                    rng, center, commune, staff[code], addresses, index, range(first, first + n)
                )
            )
            if counter is None:
                new_counters.append(
                    DossierCounter(org_unit=center, day=days[index], last=first + n - 1)
                )
            else:
                counter.last = first + n - 1
                changed_counters.append(counter)
            if len(batch) >= DOSSIER_BATCH * 10:
                Dossier.objects.bulk_create(batch, batch_size=DOSSIER_BATCH)
                created["dossiers"] += len(batch)
                batch = []
    if batch:
        Dossier.objects.bulk_create(batch, batch_size=DOSSIER_BATCH)
        created["dossiers"] += len(batch)
    DossierCounter.objects.bulk_create(new_counters, batch_size=DOSSIER_BATCH)
    DossierCounter.objects.bulk_update(changed_counters, ["last"], batch_size=DOSSIER_BATCH)
    created["dossier_counters"] = len(new_counters)
    # Fresh statistics for the query planner, as a database of that size would have.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Dossier._meta.db_table}")
    return created


def sample_dossier_codes(n: int = SAMPLE_CODES) -> list[str]:
    """``n`` codes spread over every dossier (by primary key), for lookups."""
    bounds = Dossier.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    low, high = bounds["low"], bounds["high"]
    wanted = sorted({low + (high - low) * i // max(n - 1, 1) for i in range(n)})
    return list(Dossier.objects.filter(pk__in=wanted).order_by("pk").values_list("code", flat=True))


@transaction.atomic
def build_scale_dataset(scale: str, *, values: bool = True, dossiers: int | None = None) -> dict:
    """Load the benchmark dataset for ``scale``; returns what was created and what exists.

    Safe to call again: existing units, accounts, resolutions, values and dossiers are
    left as they are. ``values=False`` skips the synthetic values (tests of the rest);
    ``dossiers`` is how many synthetic dossiers the province's 75 service centers get in
    all (default ``DEFAULT_DOSSIERS``; ignored at commune scale).
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    # Long Hẹ goes through the services (and so the audit log) like ``make demo``.
    created = {"longhe_units": loader.load_org_units()}
    created["longhe_resolution"] = int(loader.load_resolution())
    users_before = User.objects.filter(username__in=[a[0] for a in demo.DEMO_ACCOUNTS]).count()
    demo.create_demo_accounts()
    created["demo_accounts"] = len(demo.DEMO_ACCOUNTS) - users_before
    # The catalogue and Long Hẹ's 99 demo dossiers, through the services, as ``make demo``.
    created["procedures"] = loader.load_procedures()
    created["demo_dossiers"] = onestop_demo.create_demo_dossiers()
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
        created.update(_generate_dossiers(DEFAULT_DOSSIERS if dossiers is None else dossiers))
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
            "dossiers",
            "dossier_counters",
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
        "dossiers": Dossier.objects.count(),
    }
    return {
        "scale": scale,
        "created": created,
        "totals": totals,
        "samples": {"dossier_codes": sample_dossier_codes()},
    }
