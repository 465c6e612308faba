"""The live stream of demo petitions after the report date — DEMO DATA.

So that the petitions list does not open empty on the day the demo is started, xã Long
Hẹ (03763) keeps receiving kiến nghị and phản ánh after the report date
(``seed.demo.REPORT_DATE``) up to that day: one every fifth working day, accepted within
a few working days, and every fifteenth working day one accepted only after 26–30
working days — so on any day some are open and one is past its legal 10 working days
(Law 42/2013 Art. 28). That is busier than the term's average (81 in five years and a
half): the merged commune is twice the size, and the portal takes them online. The rest
of each life (verification, the leader's conclusion, notice, closing) follows as in
``petitions.demo``. INVENTED, like every demo figure: the report says nothing of this
period.

A petition's plan comes from random numbers seeded with its day, and the run simulates
everything before the day it is started (midnight): the same day always gives the same
records, a second run that day adds nothing, a later run receives the new days and moves
the open petitions on. Within the last ``DENSE_DAYS`` working days every planned petition
is there; older days keep a share that holds the whole stream under ``HISTORY_BUDGET``
petitions however long ago the report was (a share only ever shrinks, so a later run
never adds to an older day).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from xaso.core import demo
from xaso.core.models import OrgUnit
from xaso.core.selectors import calendar_for
from xaso.petitions.demo import COMMUNE, LEADER, RECEPTION, TOPICS, Plan, advance, lifecycle
from xaso.petitions.models import Kind, Petition

FIRST_NUMBER = 100  # after the report's 001–081


def slot(k: int) -> str | None:
    """Which petition the ``k``-th working day after the report date receives."""
    if k % 15 == 7:
        return "slow"
    if k % 5 == 0:
        return "normal"
    return None


#: Every petition of the last 35 working days; older days a share under 30 petitions.
HISTORY = demo.History.from_slots(lambda k: slot(k) is not None, 15, dense_days=35, budget=30)
DENSE_DAYS, HISTORY_BUDGET, share = HISTORY.dense_days, HISTORY.budget, HISTORY.share


def plans(*, today: dt.date, report_date: dt.date) -> list[tuple[Plan, bool]]:
    """(plan, kept) of every working day after the report date up to ``today``: a day of
    the last ``DENSE_DAYS`` keeps its petition, an older one when its draw falls below
    the share."""
    commune = OrgUnit.objects.get(code=COMMUNE)
    calendar = calendar_for(commune)
    villages = demo.named_villages(commune)
    days = demo.working_days(calendar, report_date + dt.timedelta(days=1), today)
    old = HISTORY.old_days(len(days))
    found = []
    for k, day in enumerate(days, start=1):
        kind = slot(k)
        if kind is None:
            continue
        rng = demo.rng("petitions", "stream", day)
        draw = rng.random()
        accept = (26, 30) if kind == "slow" else (2, 9)
        plan = Plan(
            number=FIRST_NUMBER + k,
            unit=commune,
            kind=rng.choice([Kind.RECOMMENDATION, Kind.FEEDBACK]),
            channel=rng.choice(["reception", "reception", "post", "online"]),
            topic=rng.choice(TOPICS),
            village=rng.choice(villages) if villages else None,
            steps=lifecycle(calendar, rng, day, accept=accept),
        )
        found.append((plan, HISTORY.kept(k, old, draw)))
    return found


@transaction.atomic
def create_stream(*, today: dt.date, report_date: dt.date) -> tuple[int, int]:
    """Receive the stream's petitions up to ``today`` and move the open ones on, through
    the services; returns (petitions received, steps taken) — (0, 0) when run again the
    same day."""
    if today <= report_date:
        return 0, 0
    reception, leader = demo.accounts(RECEPTION, LEADER)
    until = demo.day_start(today)
    planned = plans(today=today, report_date=report_date)
    existing = {
        p.petitioner_name: p
        for p in Petition.objects.filter(
            org_unit__code=COMMUNE,
            is_demo=True,
            received_at__gte=demo.day_start(report_date + dt.timedelta(days=1)),
            petitioner_name__in=[plan.name for plan, _kept in planned],
        )
    }
    received = steps = 0
    for plan, kept in planned:
        petition = existing.get(plan.name)
        if petition is None and not kept:
            continue  # an older day's petition left out (see ``share``)
        petition, taken = advance(plan, petition, until=until, reception=reception, leader=leader)
        if petition is not None and plan.name not in existing:
            received += 1
            taken -= 1
        steps += taken
    return received, steps
