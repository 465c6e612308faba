"""When a dossier is due: the legal processing time over the commune's working-day
calendar, the transfer deadline, and the moment the clock (re)starts. Used by intake,
by the workflow's steps and by anything that must date a dossier the way they do."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from xaso.core.models import User
from xaso.core.workcal import WorkCalendar
from xaso.onestop.models import Dossier, Procedure

# Decree 61/2018/NĐ-CP Art. 18: a dossier received after 15:00 goes to the processing
# officer at the start of the next working day, otherwise the same working day.
TRANSFER_CUTOFF = dt.time(15, 0)


def due_moment(calendar: WorkCalendar, procedure: Procedure, start: dt.datetime) -> dt.datetime:
    """The legal due moment of ``procedure`` for a clock starting at ``start``."""
    if procedure.time_unit == Procedure.TimeUnit.ON_THE_SPOT:
        return calendar.add_working_days(start, 0, cutoff=procedure.cutoff)
    if procedure.time_unit == Procedure.TimeUnit.WORKING_HOURS:
        return calendar.add_working_hours(start, float(procedure.processing_time))
    days = procedure.processing_time
    if days == days.to_integral_value():
        return calendar.add_working_days(start, int(days), cutoff=procedure.cutoff)
    hours = float(days) * calendar.schedule.hours_per_day
    return calendar.add_working_hours(
        calendar.effective_start(start, cutoff=procedure.cutoff), hours
    )


def transfer_due(calendar: WorkCalendar, received_at: dt.datetime) -> dt.datetime:
    """When the desk must have passed the dossier on (Decree 61/2018 Art. 18)."""
    start = calendar.effective_start(received_at, cutoff=TRANSFER_CUTOFF)
    local_received = timezone.localtime(received_at)
    if start.date() == local_received.date():
        return calendar.add_working_days(received_at, 0)
    return start


def start_clock(
    dossier: Dossier, calendar: WorkCalendar, now: dt.datetime, actor: User | None
) -> None:
    """Start (or restart, after a supplement — Decree 61/2018 Art. 19) the legal clock at
    ``now``: the due moment and the transfer deadline follow from it. In memory only."""
    dossier.received_at = dossier.received_at or now
    dossier.received_by = dossier.received_by or actor
    dossier.clock_started_at = now
    dossier.due_at = due_moment(calendar, dossier.procedure, now)
    dossier.transfer_due_at = transfer_due(calendar, now)
