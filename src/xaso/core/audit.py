"""Writing the audit log. Services call ``record`` inside their transaction, so an
entry exists exactly when the change it describes was committed; each entry is chained
to the one before it in its commune's chain (``core.audit_chain``), and ``verify``
walks the chains."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from xaso.core import audit_chain
from xaso.core.middleware import current_origin
from xaso.core.models import AuditChain, AuditEntry, OrgUnit, User


def _plain(value: Any) -> Any:
    """A JSON-safe rendering of a field value."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` (foreign keys as ids), for before/after."""
    names = fields or [f.attname for f in obj._meta.concrete_fields if f.name not in {"password"}]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list]:
    """{field: [before, after]} for the fields that changed."""
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def org_unit_of(obj: Any) -> OrgUnit | None:
    if isinstance(obj, OrgUnit):
        return obj
    unit = getattr(obj, "org_unit", None)
    return unit if isinstance(unit, OrgUnit) else None


def record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
    org_unit: OrgUnit | None = None,
    object_type: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry: who, what, before/after, and where from (the request origin)."""
    origin = current_origin()
    real_actor = actor if actor is not None and actor.is_authenticated else None
    unit = org_unit or (org_unit_of(obj) if obj is not None else None)
    commune = unit.commune() if unit is not None else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=real_actor,
        actor_name=(str(real_actor) if real_actor else "")[:150],
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        org_unit=unit,
        changes=changes if changes is not None else diff(before, after),
        source=origin.source,
        ip=audit_chain.normal_ip(origin.ip),
        user_agent=origin.user_agent[:300],
        chain=audit_chain.chain_key(commune.code if commune else None),
    )
    with transaction.atomic():
        # Lock the chain's head: two writers of one commune's log must not both chain to
        # the same predecessor. The lock lasts until the caller's transaction commits,
        # so a commune's audited writes are chained one after another (other communes
        # have their own heads). On SQLite the IMMEDIATE transaction already serialises.
        head = AuditChain.objects.select_for_update().filter(key=entry.chain).first()
        if head is None:
            AuditChain.objects.bulk_create([AuditChain(key=entry.chain)], ignore_conflicts=True)
            head = AuditChain.objects.select_for_update().get(key=entry.chain)
        entry.seq = head.last_seq + 1
        entry.prev_hash = head.last_hash
        entry.changes = json.loads(json.dumps(entry.changes, default=str))  # as stored
        entry.hash = audit_chain.entry_hash(entry.prev_hash, _values(entry))
        entry.save()
        head.last_seq, head.last_hash = entry.seq, entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _values(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in audit_chain.HASHED_FIELDS}


@dataclass
class ChainReport:
    key: str
    entries: int = 0
    head_hash: str = audit_chain.GENESIS
    problems: list[str] = field(default_factory=list)


def verify() -> list[ChainReport]:
    """Walk every chain and recompute every hash: a changed entry, a missing or an
    inserted one, or a head that does not match its last entry is reported."""
    reports = []
    keys = set(AuditChain.objects.values_list("key", flat=True))
    keys |= set(AuditEntry.objects.values_list("chain", flat=True).distinct())
    for key in sorted(keys):
        report = ChainReport(key=key)
        expected_seq, prev = 1, audit_chain.GENESIS
        for entry in AuditEntry.objects.filter(chain=key).order_by("seq").iterator():
            if entry.seq != expected_seq:
                report.problems.append(
                    f"#{entry.seq} (id {entry.pk}): thiếu hoặc thừa mục trước đó "
                    f"(chờ #{expected_seq})"
                )
            if entry.prev_hash != prev:
                report.problems.append(f"#{entry.seq} (id {entry.pk}): không nối với mục trước")
            if audit_chain.entry_hash(entry.prev_hash, _values(entry)) != entry.hash:
                report.problems.append(f"#{entry.seq} (id {entry.pk}): nội dung đã bị sửa")
            expected_seq, prev = entry.seq + 1, entry.hash
            report.entries += 1
        report.head_hash = prev
        head = AuditChain.objects.filter(key=key).first()
        if head is None or (head.last_seq, head.last_hash) != (expected_seq - 1, prev):
            report.problems.append("đầu chuỗi không khớp mục cuối cùng")
        reports.append(report)
    return reports
