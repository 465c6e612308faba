"""Per-unit, per-day sequence numbers for codes (dossiers, petitions)."""

from __future__ import annotations

import datetime as dt

from django.db import models

from xaso.core.models import OrgUnit


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
