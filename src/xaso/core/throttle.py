"""Repeated failures held off, with one clear rule per use. A key counts its failures
within ``WINDOW``; at its limit it is locked for ``LOCK``; while locked an attempt is
refused before any work is done and counted on the row, not written to the audit log
(the log gets one entry when a lock starts). Counts live in the database, so every
server process sees them.

- Logins: an **account** after ``ACCOUNT_LIMIT`` wrong passwords (guessing one
  official's password); a **client** (IP address) after ``CLIENT_LIMIT`` (a flood over
  many names — higher, as a commune office's officials share one address). An
  administrator unlocks an account early (``core.services.login_unlock``).
- Public look-ups: a client after ``LOOKUP_LIMIT`` look-ups that found nothing (walking
  the codes), with a Vietnamese message on the page.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from xaso.core import audit
from xaso.core.models import Throttle

WINDOW = dt.timedelta(minutes=15)
LOCK = dt.timedelta(minutes=15)
ACCOUNT_LIMIT = 5
CLIENT_LIMIT = 30
LOOKUP_LIMIT = 20


def locked_until(keys: list[str]) -> dt.datetime | None:
    """When the latest lock among ``keys`` ends, or None; a refused attempt is counted."""
    rows = Throttle.objects.filter(key__in=keys, locked_until__gt=timezone.now())
    ends = list(rows.values_list("locked_until", flat=True))
    if ends:
        rows.update(refused=F("refused") + 1)
        return max(ends)
    return None


def fail(key: str, limit: int) -> bool:
    """Count one failure of ``key``; True when its lock starts now (audited once)."""
    now = timezone.now()
    with transaction.atomic():
        Throttle.objects.bulk_create(
            [Throttle(key=key, first_failure_at=now)], ignore_conflicts=True
        )
        # Locked for update: two failures at the same moment must both be counted.
        row = Throttle.objects.select_for_update().get(key=key)
        if now - row.first_failure_at > WINDOW:
            row.failures, row.first_failure_at = 0, now
        row.failures += 1
        started = row.failures >= limit and not (row.locked_until and row.locked_until > now)
        if started:
            row.locked_until = now + LOCK
        row.save()
        if started:
            audit.record(
                actor=None,
                action="login_locked" if key.startswith(("account:", "client:")) else "locked",
                object_type="core.throttle",
                object_repr=key,
                changes={"locked_until": [None, row.locked_until.isoformat()]},
            )
    return started


def clear(key: str) -> bool:
    return Throttle.objects.filter(key=key).delete()[0] > 0


# --- logins ------------------------------------------------------------------------------


def account_key(username: str) -> str:
    return f"account:{username.strip().lower()[:150]}"


def login_keys(username: str, ip: str | None) -> list[tuple[str, int]]:
    keys = [(account_key(username), ACCOUNT_LIMIT)]
    if ip:
        keys.append((f"client:{ip}", CLIENT_LIMIT))
    return keys


def login_locked_until(username: str, ip: str | None) -> dt.datetime | None:
    return locked_until([key for key, _limit in login_keys(username, ip)])


def login_failed(username: str, ip: str | None) -> None:
    for key, limit in login_keys(username, ip):
        fail(key, limit)


def login_succeeded(username: str) -> None:
    """A right password clears the account's count (the client's stays)."""
    clear(account_key(username))


def account_locked_until(username: str) -> dt.datetime | None:
    row = Throttle.objects.filter(
        key=account_key(username), locked_until__gt=timezone.now()
    ).first()
    return row.locked_until if row else None


def unlock_account(username: str) -> bool:
    return clear(account_key(username))


# --- public look-ups ---------------------------------------------------------------------


def lookup_locked_until(ip: str | None) -> dt.datetime | None:
    return locked_until([f"lookup:{ip}"]) if ip else None


def lookup_missed(ip: str | None) -> None:
    if ip:
        fail(f"lookup:{ip}", LOOKUP_LIMIT)
