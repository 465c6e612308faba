"""What the parts of the benchmark dataset share: its size, how its synthetic units,
accounts and resolutions are coded, and the marks that say it is demo data."""

from __future__ import annotations

import datetime as dt
import json

from xaso.core.models import OrgUnit
from xaso.seed import loader

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


def by_code(codes) -> dict[str, OrgUnit]:
    return {u.code: u for u in OrgUnit.objects.filter(code__in=list(codes))}
