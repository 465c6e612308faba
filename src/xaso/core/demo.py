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
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from xaso.core.models import OrgUnit, User
from xaso.core.vietnamese import LOCAL_TZ

#: Nobody in the demo is a real person: applicants and petitioners are "Công dân demo 001" …
CITIZEN = "Công dân demo"


def citizen(number: int) -> str:
    return f"{CITIZEN} {number:03d}"


def accounts(*usernames: str) -> tuple[User, ...]:
    """The demo accounts ``usernames``, in that order (``seed`` creates them first)."""
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if any(name not in users for name in usernames):
        raise LookupError("Chưa có tài khoản demo: chạy `xaso demo` (seed tạo tài khoản trước).")
    return tuple(users[name] for name in usernames)


def named_villages(commune: OrgUnit) -> list[OrgUnit]:
    """The bản of ``commune`` that have a name in the org-unit data (the others are
    unnamed so far), by code: where demo citizens live."""
    return list(
        commune.children.filter(kind=OrgUnit.Kind.VILLAGE).exclude(name="").order_by("code")
    )


@dataclass(frozen=True)
class History:
    """Which planned records of a live demo stream are kept: every one of the last
    ``dense_days`` working days; of the older days, a share that holds them under
    ``budget`` records however long ago the report was. The share only ever shrinks as
    days pass, so a later run never adds to an older day."""

    dense_days: int
    budget: int
    per_day: float  # records planned per working day, on average

    @classmethod
    def from_slots(
        cls, planned: Callable[[int], int], cycle: int, *, dense_days: int, budget: int
    ) -> History:
        """``planned(k)``: how many records the ``k``-th working day plans; ``cycle``: the
        days after which that repeats — the average is taken over one cycle."""
        per_day = sum(planned(k) for k in range(1, cycle + 1)) / cycle
        return cls(dense_days=dense_days, budget=budget, per_day=per_day)

    def old_days(self, past_days: int) -> int:
        """Of ``past_days`` working days, how many are older than the dense ones."""
        return max(0, past_days - self.dense_days)

    def share(self, old_days: int) -> float:
        """The share of an older day's records kept: all while few, then fewer."""
        planned = old_days * self.per_day
        return 1.0 if planned <= self.budget else self.budget / planned

    def kept(self, k: int, old_days: int, draw: float) -> bool:
        """Whether the ``k``-th day's record, drawn ``draw`` (0–1, from its own seed), is
        kept when the first ``old_days`` days are the older ones."""
        return k > old_days or draw < self.share(old_days)


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
    return round(calendar.schedule.hours_per_day * 60)


# ``at_minute`` and ``later`` count office time as ``WorkCalendar.add_working_hours`` does,
# but land differently on a period's end: a count ending exactly at 11:30 or 17:00 gives
# the next opening (13:30, or the next working day's), where ``add_working_hours`` gives
# the end itself (a deadline may fall at closing). Office hours are half-open
# (``WorkCalendar.is_open``), so a simulated action — a receipt, a transfer, a
# return — must be at a moment the office is open, never at its closing; and the minutes
# are whole, so the moments (and the demo data) are the same on every machine.


def at_minute(calendar, day: dt.date, minute: int) -> dt.datetime:
    """The moment ``minute`` office minutes after ``day``'s opening (lunch skipped; the
    morning's last minute + 1 is the afternoon's opening, see above)."""
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
    (a moment outside a working day counts from the next one's opening) — never at a
    period's end, unlike ``WorkCalendar.add_working_hours`` (see above)."""
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
