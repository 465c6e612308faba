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
synthetic value is ``is_demo`` (what pages and exports mark "demo") and carries the
comment ``VALUE_COMMENT``. The data is deterministic (the values come from
``random.Random`` seeded per commune with a fixed seed) and loading is idempotent: what
exists is skipped, so running it again changes nothing.

Both scales also load the procedure catalogue and Long Hẹ's 99 demo dossiers of the
report's period, 01/7/2025 to ``seed.demo.REPORT_DATE``
(``onestop.demo.create_demo_dossiers``, through the services), as ``make demo`` does —
not the live stream after it, which depends on the day. At province scale every one of
the 75 service centers then gets synthetic dossiers (``dossiers``, default
``DEFAULT_DOSSIERS`` in all, shared evenly), received on the working days of
01/7/2025–30/6/2026 in office hours: a mix of channels and procedures, statuses 1–10
(older dossiers mostly returned, the last two weeks' mostly open), fields consistent
with each status, the due moment and transfer deadline the one-stop services compute,
codes ``<commune>-YYMMDD-NNNN`` (``core.codes``) numbered on from the day's counter of
the code's head unit (which is updated, so the services number on after them), all
``is_demo``, applicants "Công dân bench NNNNNNN (demo)". No events, documents or per-row
audit entries.

The synthetic rows are written with ``bulk_create`` (seconds, not minutes), so they
bypass ``OrgUnit.save``/``User.save``/``Dossier.save`` — ``path``, ``name_key``,
``applicant_key`` and the upper-case code are set here the same way — ``full_clean``
and per-row auditing: one ``bench_dataset`` audit entry records what was created
instead.

The parts: ``units`` (communes, bản, centers, accounts), ``resolutions`` (the copies),
``values`` (the approved values), ``dossiers`` (the one-stop work), ``common`` (codes and
marks they share).
"""

from __future__ import annotations

from django.db import transaction

from xaso.core import audit
from xaso.core.models import OrgUnit, User
from xaso.onestop import demo as onestop_demo
from xaso.onestop.models import Dossier
from xaso.seed import demo, loader
from xaso.seed.scale.common import (
    LONGHE_CODE,
    PROVINCE_CODE,
    SCALES,
    SYNTHETIC_COMMUNES,
    commune_code,
    longhe_resolution_code,
)
from xaso.seed.scale.dossiers import (
    BENCH_APPLICANT,
    DEFAULT_DOSSIERS,
    DOSSIER_END,
    DOSSIER_START,
    SAMPLE_CODES,
    generate_dossiers,
    sample_dossier_codes,
    sample_dossier_lookups,
)
from xaso.seed.scale.resolutions import copy_resolutions
from xaso.seed.scale.units import build_province
from xaso.seed.scale.values import VALUE_COMMENT, YES_NO, generate_values
from xaso.targets.models import DataValue, Resolution

__all__ = [
    "BENCH_APPLICANT",
    "DEFAULT_DOSSIERS",
    "DOSSIER_END",
    "DOSSIER_START",
    "SAMPLE_CODES",
    "SCALES",
    "VALUE_COMMENT",
    "YES_NO",
    "build_scale_dataset",
    "longhe_resolution_code",
    "sample_dossier_codes",
    "sample_dossier_lookups",
]


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
    created["demo_dossiers"] = onestop_demo.create_demo_dossiers(report_date=demo.REPORT_DATE)
    if scale == "province":
        created.update(build_province())
        created.update(copy_resolutions())
        created["data_values"] = (
            generate_values(
                [LONGHE_CODE, *(commune_code(n) for n in range(1, SYNTHETIC_COMMUNES + 1))]
            )
            if values
            else 0
        )
        created.update(generate_dossiers(DEFAULT_DOSSIERS if dossiers is None else dossiers))
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
    lookups = sample_dossier_lookups()
    return {
        "scale": scale,
        "created": created,
        "totals": totals,
        "samples": {
            "dossier_codes": [code for code, _key in lookups],
            "dossier_lookups": [list(pair) for pair in lookups],
        },
    }
