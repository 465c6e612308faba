"""The audit log's hash chain: each entry carries the SHA-256 of its own content and of
the entry before it in its chain, so rewriting, inserting or removing an entry breaks
every hash after it and ``xaso audit verify`` finds where.

Pure functions over plain values, so the data migration that chains the entries written
before the chain existed computes exactly what ``core.audit.record`` does.

What this guarantees: an entry changed, deleted or inserted anywhere but after the last
one is found by ``verify``, even by someone who owns the database and drops the
append-only triggers. What it does not: the same owner can cut the newest entries and
rewrite the chain's head to match — so keep the head hashes that ``verify`` prints
somewhere else (docs/operations.md, "The audit log").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from typing import Any

GENESIS = "0" * 64

#: The fields an entry's hash covers, in this order.
HASHED_FIELDS = (
    "chain",
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "org_unit_id",
    "changes",
    "source",
    "ip",
    "user_agent",
)


def normal_ip(ip: str | None) -> str | None:
    """The address as both databases give it back (PostgreSQL's ``inet`` compresses)."""
    if not ip:
        return None
    try:
        return ipaddress.ip_address(ip).compressed
    except ValueError:
        return None


def _plain(name: str, value: Any) -> Any:
    if name == "at":
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def entry_hash(prev_hash: str, values: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's fields as canonical JSON."""
    body = json.dumps(
        [prev_hash, [_plain(name, values[name]) for name in HASHED_FIELDS]],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def chain_key(commune_code: str | None) -> str:
    """Each commune's entries form one chain; entries outside any commune another."""
    return commune_code or ""
