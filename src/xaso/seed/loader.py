"""Loads the Long Hẹ structure from ``longhe/org_units.json``.

Idempotent: a unit whose code already exists is left as the commune has kept it
(names filled in later are never overwritten), so ``make demo`` can run again.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
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
            remote_area=row.get("remote_area", False),
            remote_area_basis=row.get("remote_area_basis", ""),
        )
        created += 1
    # The 1/7/2025 merger: the old communes closed, their history passed on.
    merged: dict[str, list[OrgUnit]] = {}
    for row in rows:
        if row.get("successor") and row["code"] not in existing:
            merged.setdefault(row["successor"], []).append(OrgUnit.objects.get(code=row["code"]))
    for successor_code, units in merged.items():
        successor = OrgUnit.objects.get(code=successor_code)
        closed = {u.valid_to for u in units}
        if len(closed) != 1 or None in closed:
            raise ValueError(f"Các đơn vị sáp nhập vào {successor_code} phải cùng ngày kết thúc.")
        services.org_unit_merge(
            actor=None, merged=units, successor=successor, on=closed.pop() + dt.timedelta(days=1)
        )
    return created


def _decimal(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


@transaction.atomic
def load_resolution(path: Path = LONGHE_DIR / "resolution.json") -> bool:
    """Load a resolution's groups, targets and measures (with the report's baselines)
    unless a resolution with that code exists; returns whether it was created."""
    from xaso.core import audit
    from xaso.targets.models import Measure, Resolution, Target, TargetGroup
    from xaso.targets.services import resolution_rules_ensure

    data = json.loads(path.read_text(encoding="utf-8"))
    head = data["resolution"]
    if Resolution.objects.filter(code=head["code"]).exists():
        return False
    resolution = Resolution(
        org_unit=OrgUnit.objects.get(code=head["org_unit"]),
        code=head["code"],
        name=head["name"],
        term_start=head["term_start"],
        term_end=head["term_end"],
        baseline_year=head["baseline_year"],
        source=head.get("source", ""),
    )
    resolution.full_clean()
    resolution.save()
    audit.record(actor=None, action="create", obj=resolution, after=audit.snapshot(resolution))
    groups = {}
    for row in data["groups"]:
        groups[row["code"]] = TargetGroup.objects.create(
            resolution=resolution,
            code=row["code"],
            number=row["number"],
            name=row["name"],
            source=row.get("source", ""),
        )
    offices = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in={m["responsible_office"] for t in data["targets"] for m in t["measures"]}
        )
    }
    for row in data["targets"]:
        target = Target(
            group=groups[row["group"]],
            number=row["number"],
            name=row["name"],
            text=row.get("text", ""),
            source=row.get("source", ""),
        )
        target.full_clean()
        target.save()
        for position, m in enumerate(row["measures"]):
            measure = Measure(
                target=target,
                code=m["code"],
                position=position,
                name=m["name"],
                unit=m.get("unit") or "",
                kind=m["kind"],
                level_unit=m.get("level_unit") or "",
                numerator_label=m.get("numerator_label") or "",
                denominator_label=m.get("denominator_label") or "",
                comparator=m["comparator"],
                target_value=_decimal(m["target_value"]),
                target_max=_decimal(m.get("target_max")),
                applies=m["applies"],
                baseline_value=_decimal(m.get("baseline_value")),
                baseline_numerator=_decimal(m.get("baseline_numerator")),
                baseline_denominator=_decimal(m.get("baseline_denominator")),
                baseline_year=m.get("baseline_year"),
                baseline_source=m.get("baseline_source") or "",
                baseline_quote=m.get("baseline_quote") or "",
                baseline_note=m.get("baseline_note") or "",
                additive=bool(m.get("additive")),
                disaggregation=m.get("disaggregation") or "commune",
                data_source=m.get("data_source") or "entered",
                responsible_office=offices[m["responsible_office"]],
                decimals=m.get("decimals", 1),
                note=m.get("note") or "",
            )
            measure.full_clean()
            measure.save()
            audit.record(
                actor=None,
                action="create",
                obj=measure,
                org_unit=resolution.org_unit,
                after=audit.snapshot(measure),
            )
    resolution_rules_ensure(resolution=resolution)
    return True


@transaction.atomic
def load_procedures(path: Path = Path(__file__).parent / "procedures.json") -> int:
    """Add the catalogue's procedures that are missing (kept ones are never overwritten:
    the administrator maintains them); returns how many were created."""
    import datetime as _dt

    from xaso.core import audit
    from xaso.onestop.models import Procedure

    rows = json.loads(path.read_text(encoding="utf-8"))["procedures"]
    existing = set(Procedure.objects.values_list("code", flat=True))
    created = 0
    for row in rows:
        if row["code"] in existing:
            continue
        procedure = Procedure(
            **{
                **row,
                "processing_time": Decimal(row["processing_time"]),
                "extended_time": _decimal(row.get("extended_time")),
                "cutoff": _dt.time.fromisoformat(row["cutoff"]) if row.get("cutoff") else None,
            }
        )
        procedure.full_clean()
        procedure.save()
        audit.record(actor=None, action="create", obj=procedure, after=audit.snapshot(procedure))
        created += 1
    return created


@transaction.atomic
def load_party_cells(path: Path = LONGHE_DIR / "party_cells.json") -> int:
    """Create the Đảng bộ's cells missing from the database (the report's 32 chi bộ, 9 of
    them in agencies and units); returns how many were created."""
    from xaso.party.models import Cell
    from xaso.party.services import cell_create

    data = json.loads(path.read_text(encoding="utf-8"))
    party_unit = OrgUnit.objects.get(code=data["party_unit"])
    existing = set(Cell.objects.values_list("org_unit__code", flat=True))
    created = 0
    for row in data["cells"]:
        if row["code"] in existing or OrgUnit.objects.filter(code=row["code"]).exists():
            continue
        cell_create(
            actor=None,
            party_unit=party_unit,
            code=row["code"],
            kind=row["kind"],
            name=row.get("name", ""),
            village=OrgUnit.objects.get(code=row["village"]) if row.get("village") else None,
            valid_from=_date(data.get("valid_from")),
            source=row.get("source", ""),
        )
        created += 1
    return created
