"""The petitions panel of the leader's overview (``core.plugins.OverviewPanel``): the
open petitions due soon and late, as numbers that open the list's own tabs."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from xaso.core import access
from xaso.core.models import OrgUnit
from xaso.petitions import permissions as perms
from xaso.petitions import selectors
from xaso.petitions.models import Petition


def _narrow(petitions: QuerySet[Petition], unit: OrgUnit) -> QuerySet[Petition]:
    """A bản's petitions are those about it; a commune's, those of its subtree and of the
    units merged into it (as the list shows them)."""
    if unit.kind == OrgUnit.Kind.VILLAGE:
        return petitions.filter(village=unit)
    return access.within(petitions, unit)


def panel(user, *, org_unit: OrgUnit, year: int, today: dt.date) -> dict | None:
    """None unless ``user`` may see the unit's petitions (the list's own check)."""
    unit = org_unit
    if not access.allowed(user, perms.VIEW, unit):
        return None
    now = timezone.now()
    return {
        "unit": unit,
        "village": unit.kind == OrgUnit.Kind.VILLAGE,  # the list has no bản filter
        "days": selectors.DUE_SOON_DAYS,
        "counts": {
            "due_soon": _narrow(selectors.due_soon(user, now), unit).count(),
            "late": _narrow(selectors.late(user, now), unit).count(),
            "open": _narrow(
                selectors.visible_petitions(user).filter(status__in=selectors.OPEN_STATUSES),
                unit,
            ).count(),
        },
    }
