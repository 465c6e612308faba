"""What every app's demo data shares — DEMO DATA helpers (``xaso demo`` asks each
manifest's ``demo`` loader, see ``core.plugins.Manifest``).

Demo data is generated, deterministic and marked demo everywhere it shows; it never
stands in for a figure of the report (shared/DESIGN.md). The loaders simulate what
officials did at past moments, through the real services (``at=``): these helpers give
those moments — office minutes of the working days of a unit's own calendar
(``core.selectors.calendar_for``: its hours, the days off the Government announced) —
and random numbers seeded from a text (a date, a slot), so a given day always yields the
same records on every machine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.utils import timezone

from xaso.core.vietnamese import LOCAL_TZ

#: Nobody in the demo is a real person: applicants and petitioners are "Công dân demo 001" …
CITIZEN = "Công dân demo"


def citizen(number: int) -> str:
    return f"{CITIZEN} {number:03d}"


def rng(*parts: object) -> random.Random:
    """Random numbers seeded from ``parts`` (e.g. a date and a slot's name): the same
    parts give the same numbers everywhere (``hash()`` would vary between processes)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def working_days(calendar, start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days of ``calendar`` from ``start`` to ``end``, both included."""
    days = []
    day = start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def office_minutes(calendar) -> int:
    """Office minutes in one working day (morning and afternoon, lunch left out)."""
    return sum(_minutes(*period) for period in calendar.schedule.periods)


def at_minute(calendar, day: dt.date, minute: int) -> dt.datetime:
    """The moment ``minute`` office minutes after ``day``'s opening (lunch skipped)."""
    (m_start, m_end), (a_start, _a_end) = calendar.schedule.periods
    morning = _minutes(m_start, m_end)
    start, extra = (m_start, minute) if minute < morning else (a_start, minute - morning)
    return dt.datetime.combine(day, start, LOCAL_TZ) + dt.timedelta(minutes=extra)


def office_minute(calendar, moment: dt.datetime) -> int:
    """Office minutes from the opening of ``moment``'s day (0 before it, lunch folded,
    the whole day after closing)."""
    (m_start, m_end), (a_start, _a_end) = calendar.schedule.periods
    local = timezone.localtime(moment, LOCAL_TZ).time()
    morning = _minutes(m_start, m_end)
    if local <= m_start:
        return 0
    if local <= m_end:
        return _minutes(m_start, local)
    if local <= a_start:
        return morning
    return min(morning + _minutes(a_start, local), office_minutes(calendar))


def later(calendar, moment: dt.datetime, minutes: int) -> dt.datetime:
    """``minutes`` of office time after ``moment``, on to the next working day if needed
    (a moment outside a working day counts from the next one's opening)."""
    day = timezone.localtime(moment, LOCAL_TZ).date()
    position = office_minute(calendar, moment) if calendar.is_working_day(day) else 0
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    position += minutes
    per_day = office_minutes(calendar)
    while position >= per_day:
        position -= per_day
        day = calendar.next_working_day(day)
    return at_minute(calendar, day, position)


def working_day_after(calendar, day: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``day`` (``day`` itself for 0)."""
    for _ in range(n):
        day = calendar.next_working_day(day)
    return day


def day_start(day: dt.date) -> dt.datetime:
    """Midnight opening ``day`` (local): what a loader run on ``day`` simulates up to — so
    the data depends on the date it is started, not on the hour."""
    return dt.datetime.combine(day, dt.time.min, LOCAL_TZ)
