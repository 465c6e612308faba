"""Codes of records (dossiers, petitions, and later documents): which unit's identifier
heads a code, and the per-day sequence behind its number.

The head of a code and its counter always come from the **same** unit
(``code_unit``): two units that would print the same head share one counter, so their
numbers can never collide.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.db import models

from xaso.core.models import OrgUnit


def code_unit(org_unit: OrgUnit) -> OrgUnit:
    """The unit whose identifier heads the codes made at ``org_unit``: the unit itself
    when it has its own administrative code (the Circular 10/2016/TT-BTTTT identifier,
    ``gov_code``), else its commune, else the unit — never a wider unit, which two
    communes would share."""
    if org_unit.gov_code:
        return org_unit
    return org_unit.commune() or org_unit


def identifier(org_unit: OrgUnit) -> str:
    """The text that heads a code made at ``org_unit`` (see ``code_unit``)."""
    unit = code_unit(org_unit)
    return unit.gov_code or unit.code


def next_in_day(counter: type[models.Model], *, org_unit: OrgUnit, day: dt.date) -> int:
    """The next number of ``org_unit``'s sequence for ``day``, unique under concurrency.

    ``counter`` is a model with ``org_unit``, ``day`` and ``last`` (unique per unit and
    day). Must run inside the caller's transaction: the day's row is created if missing
    (ignoring a concurrent creator), then locked with SELECT … FOR UPDATE so two desks
    taking a number at the same moment get consecutive ones; on SQLite the IMMEDIATE
    transaction mode already serialises writers, so the lock is implicit there.
    """
    counter.objects.bulk_create([counter(org_unit=org_unit, day=day)], ignore_conflicts=True)
    row = counter.objects.select_for_update().get(org_unit=org_unit, day=day)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def daily_code(head: str, day: dt.date, number: int, kind: str = "") -> str:
    """``<head>[-<kind>]-YYMMDD-XXXX``: "03763-260309-0001", "03763-DT-260309-0001"."""
    middle = f"-{kind}" if kind else ""
    return f"{head}{middle}-{day:%y%m%d}-{number:04d}"


def next_daily_code(
    counter: type[models.Model], *, org_unit: OrgUnit, day: dt.date, kind: str = ""
) -> str:
    """``<unit>[-<kind>]-YYMMDD-XXXX`` (the dossier code of Circular 01/2018/TT-VPCP Art.
    19; petitions add ``DT``). The counter is the head unit's, so the code is unique
    whichever unit under it received the record. Runs inside the caller's transaction."""
    head = code_unit(org_unit)
    number = next_in_day(counter, org_unit=head, day=day)
    return daily_code(identifier(head), day, number, kind)


#: Letters and digits that cannot be misread on a printed slip (no 0/O, 1/I/L, 5/S, 8/B).
LOOKUP_ALPHABET = "2346789ACDEFGHJKMNPQRTUVWXY"


def lookup_key(length: int = 6) -> str:
    """A short random key printed beside a public code: 27**6 ≈ 387 million choices."""
    return "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(length))


def normal_lookup_key(raw: str) -> str:
    """A key as typed on a phone: spaces and dashes dropped, capitals."""
    return re.sub(r"[\s-]", "", raw or "").upper()[:12]
