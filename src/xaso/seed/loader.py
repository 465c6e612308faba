"""Loads the Long Hẹ structure from ``longhe/org_units.json``.

Idempotent: a unit whose code already exists is left as the commune has kept it
(names filled in later are never overwritten), so ``make demo`` can run again.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from xaso.core import services
from xaso.core.models import OrgUnit

LONGHE_DIR = Path(__file__).parent / "longhe"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def load_org_units(path: Path = LONGHE_DIR / "org_units.json") -> int:
    """Create the units missing from the database; returns how many were created."""
    rows = json.loads(path.read_text(encoding="utf-8"))["units"]
    existing = set(OrgUnit.objects.values_list("code", flat=True))
    created = 0
    # Successors are linked after every unit exists (the old communes point forward).
    for row in rows:
        if row["code"] in existing:
            continue
        parent = OrgUnit.objects.get(code=row["parent"]) if row.get("parent") else None
        services.org_unit_create(
            actor=None,
            parent=parent,
            code=row["code"],
            gov_code=row.get("gov_code", ""),
            name=row.get("name", ""),
            kind=row["kind"],
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            source=row.get("source", ""),
            note=row.get("note", ""),
        )
        created += 1
    for row in rows:
        if row.get("successor") and row["code"] not in existing:
            unit = OrgUnit.objects.get(code=row["code"])
            services.org_unit_update(
                actor=None, unit=unit, successor=OrgUnit.objects.get(code=row["successor"])
            )
    return created
