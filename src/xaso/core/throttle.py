"""Failed logins held off, per account and per client, with one clear rule:

- an **account** is locked for ``LOCK`` after ``ACCOUNT_LIMIT`` wrong passwords within
  ``WINDOW`` (guessing one official's password);
- a **client** (IP address) is locked for ``LOCK`` after ``CLIENT_LIMIT`` failures within
  ``WINDOW`` (a flood over many names). The client limit is higher: a commune office's
  officials share one address.

A locked login is refused before its password is checked (no hashing work for a flood),
counted on the throttle row instead of written to the audit log; the audit log gets
each failure up to the limit and one entry when a lock starts. An administrator unlocks
an account early (``core.services.login_unlock``). Counts live in the database, so every
server process sees them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from xaso.core import audit
from xaso.core.models import LoginThrottle

WINDOW = dt.timedelta(minutes=15)
LOCK = dt.timedelta(minutes=15)
ACCOUNT_LIMIT = 5
CLIENT_LIMIT = 30


def _keys(username: str, ip: str | None) -> list[tuple[str, int]]:
    keys = [(f"account:{username.strip().lower()[:150]}", ACCOUNT_LIMIT)]
    if ip:
        keys.append((f"client:{ip}", CLIENT_LIMIT))
    return keys


def locked_until(username: str, ip: str | None) -> dt.datetime | None:
    """When the later of the account's and the client's locks ends, or None. A refused
    attempt is counted on the locked rows."""
    now = timezone.now()
    rows = LoginThrottle.objects.filter(
        key__in=[k for k, _ in _keys(username, ip)], locked_until__gt=now
    )
    ends = list(rows.values_list("locked_until", flat=True))
    if ends:
        rows.update(refused=F("refused") + 1)
        return max(ends)
    return None


def failed(username: str, ip: str | None) -> list[str]:
    """Count a wrong password; return the keys whose lock starts now."""
    now = timezone.now()
    started = []
    for key, limit in _keys(username, ip):
        with transaction.atomic():
            LoginThrottle.objects.bulk_create(
                [LoginThrottle(key=key, first_failure_at=now)], ignore_conflicts=True
            )
            # Locked for update: two wrong passwords at once must both be counted.
            row = LoginThrottle.objects.select_for_update().get(key=key)
            if now - row.first_failure_at > WINDOW:
                row.failures, row.first_failure_at = 0, now
            row.failures += 1
            if row.failures >= limit and not (row.locked_until and row.locked_until > now):
                row.locked_until = now + LOCK
                started.append(key)
            row.save()
            if key in started:
                audit.record(
                    actor=None,
                    action="login_locked",
                    object_type="core.loginthrottle",
                    object_repr=key,
                    changes={"locked_until": [None, row.locked_until.isoformat()]},
                )
    return started


def succeeded(username: str) -> None:
    """A right password clears the account's count (the client's stays)."""
    LoginThrottle.objects.filter(key=_keys(username, None)[0][0]).delete()


def account_locked_until(username: str) -> dt.datetime | None:
    row = LoginThrottle.objects.filter(
        key=_keys(username, None)[0][0], locked_until__gt=timezone.now()
    ).first()
    return row.locked_until if row else None


def unlock_account(username: str) -> bool:
    return LoginThrottle.objects.filter(key=_keys(username, None)[0][0]).delete()[0] > 0
