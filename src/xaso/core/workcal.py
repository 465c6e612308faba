"""Working-day calendar and deadline arithmetic for state offices (pure Python, no Django).

Every deadline in xaso (one-stop dossiers, petitions, reports) is counted in *working
days*. This module holds the rules in one place, as data, with their legal sources:

* **Weekly rest**: state offices work Monday to Friday; Saturday and Sunday are the
  weekly rest days (Quyết định 188/1999/QĐ-TTg on the 40-hour week).
* **Statutory holidays**: Bộ luật Lao động 2019, Điều 112, khoản 1 — see
  :data:`LABOR_CODE_2019_RULES`. Holidays are data (:class:`HolidayRule`), so a new one
  (e.g. the proposed 24/11) is added without code changes.
* **Compensatory days off**: a holiday that falls on a weekly rest day gives a day off on
  the next working day (Bộ luật Lao động 2019, Điều 111). See :meth:`WorkCalendar.days_off`.
* **Yearly decisions**: each year the Prime Minister's notice fixes the actual Tết and
  National Day schedule, often moving days and adding a make-up working Saturday. No
  formula knows them: they are entered as :class:`Override` values, which win over
  everything else.
* **One-stop cut-off**: dossiers received after 15:00 are handled from the next working
  day (Nghị định 61/2018/NĐ-CP, Điều 18, and the procedures that set a same-day result);
  the cut-off is a per-procedure parameter of :meth:`WorkCalendar.add_working_days`.

Times are aware datetimes in ``Asia/Ho_Chi_Minh``; naive datetimes are taken as local
time and results are always aware local datetimes. The Django model layer stores rules
and overrides and builds a :class:`WorkCalendar` from them.
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from xaso.core.holidays import (  # re-exported: the calendar's vocabulary
    COMPENSATORY_LEGAL_BASIS,
    DECIDED_YEARLY,
    HOLIDAY_GROUPS,
    LABOR_CODE_2019_RULES,
    LABOR_CODE_RULES,
    WEEKDAY_NAMES,
    WEEKLY_REST_LEGAL_BASIS,
    DayOff,
    HolidayRule,
    Notice,
    Override,
    Remaining,
    Schedule,
)
from xaso.core.lunar import InvalidLunarDate

__all__ = [
    "COMPENSATORY_LEGAL_BASIS",
    "DECIDED_YEARLY",
    "HOLIDAY_GROUPS",
    "LABOR_CODE_2019_RULES",
    "LABOR_CODE_RULES",
    "TZ",
    "WEEKLY_REST_LEGAL_BASIS",
    "DayOff",
    "HolidayRule",
    "Notice",
    "Override",
    "Remaining",
    "Schedule",
    "WorkCalendar",
]


def _local_zone() -> tzinfo:
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:  # pragma: no cover - system without tz database
        # Vietnam has kept UTC+7 without daylight saving since 1975.
        return timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


#: Time zone of every moment handled here.
TZ = _local_zone()


_SATURDAY = 5
#: Office hours when an office has set none (frozen: safe to share).
DEFAULT_SCHEDULE = Schedule()
# Upper bound on consecutive non-working days, to fail loudly on absurd data.
_MAX_GAP_DAYS = 3660


@dataclass
class _Year:
    off: dict[date, DayOff]  # Mon–Fri dates of the year that are not worked
    off_sorted: list[date]
    work_weekend: dict[date, Override]  # Sat/Sun dates of the year that are worked
    work_weekend_sorted: list[date]
    closed_weekend: set[date] = field(default_factory=set)  # weekend holidays / days off


# --------------------------------------------------------------------------- helpers


def _to_local(moment: datetime | date) -> datetime:
    """Aware local datetime. Naive datetimes are local; a plain date is its midnight."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            return moment.replace(tzinfo=TZ)
        return moment.astimezone(TZ)
    if isinstance(moment, date):
        return datetime.combine(moment, time.min, tzinfo=TZ)
    raise TypeError(f"Cần date hoặc datetime, nhận được {type(moment).__name__}")


def _to_date(value: datetime | date) -> date:
    """Local calendar date of a date or datetime."""
    if isinstance(value, datetime):
        return _to_local(value).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"Cần date hoặc datetime, nhận được {type(value).__name__}")


def _weekdays_through(d: date) -> int:
    """Number of Mondays–Fridays from 0001-01-01 (a Monday) to ``d`` inclusive."""
    n = d.toordinal()
    return n // 7 * 5 + min(n % 7, 5)


def _fmt(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --------------------------------------------------------------------------- calendar


class WorkCalendar:
    """Working days of one office: holiday rules + yearly overrides + office hours.

    Days off are computed per year on first use and cached in the instance, so build one
    calendar and reuse it for a whole list of deadlines.
    """

    def __init__(
        self,
        *,
        rules: tuple[HolidayRule, ...] | list[HolidayRule] = LABOR_CODE_RULES,
        overrides: tuple[Override, ...] | list[Override] = (),
        notices: tuple[Notice, ...] | list[Notice] = (),
        schedule: Schedule = DEFAULT_SCHEDULE,
    ) -> None:
        self.rules = tuple(rules)
        self.schedule = schedule
        self.notices = tuple(notices)
        #: rule year → the holiday groups a notice fixed for it
        self.covered: dict[int, set[str]] = {}
        for notice in self.notices:
            self.covered.setdefault(notice.year, set()).update(notice.covers)
        by_date: dict[date, Override] = {}
        for ov in overrides:
            previous = by_date.get(ov.date)
            if previous is not None and previous.day_off != ov.day_off:
                raise ValueError(
                    f"Hai quyết định trái ngược cho ngày {_fmt(ov.date)}: "
                    f"{previous.reason!r} và {ov.reason!r}"
                )
            by_date.setdefault(ov.date, ov)
        self.overrides: dict[date, Override] = by_date
        self._years: dict[int, _Year] = {}

    # ----------------------------------------------------------------- year tables

    def _holidays_around(self, year: int) -> dict[date, list[tuple[HolidayRule, int]]]:
        """Rule holidays of rule years ``year - 1`` to ``year + 1`` (weekends included),
        each with its rule year; a rule whose group a notice fixed for that rule year is
        left out — the notice's own days (overrides) stand instead."""
        found: dict[date, list[tuple[HolidayRule, int]]] = {}
        for rule_year in (year - 1, year, year + 1):
            for rule in self.rules:
                if rule.group and rule.group in self.covered.get(rule_year, ()):
                    continue
                try:
                    days = rule.dates(rule_year)
                except InvalidLunarDate:
                    if rule_year == year:
                        raise
                    continue  # neighbour year outside the lunar calendar's range
                for d in days:
                    names = found.setdefault(d, [])
                    if (rule, rule_year) not in names:
                        names.append((rule, rule_year))
        return found

    def _provisional(self, rule: HolidayRule, rule_year: int) -> bool:
        return rule.group in DECIDED_YEARLY and rule.group not in self.covered.get(rule_year, ())

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached

        holidays = self._holidays_around(year)
        base: dict[date, DayOff] = {}
        for d, rules in holidays.items():
            base[d] = DayOff(
                d,
                "; ".join(r.name for r, _y in rules),
                "; ".join(dict.fromkeys(r.legal_basis for r, _y in rules if r.legal_basis)),
                "holiday",
                provisional=any(self._provisional(r, y) for r, y in rules),
            )
        # Điều 111: a holiday on a weekly rest day gives the next working day off. Walk the
        # holidays in order so that two weekend holidays get two different days, skipping
        # days already off (holidays or earlier compensatory days).
        for h in sorted(holidays):
            if h.weekday() < _SATURDAY:
                continue
            c = h + timedelta(days=1)
            while c.weekday() >= _SATURDAY or c in base:
                c += timedelta(days=1)
            base[c] = DayOff(
                c,
                f"Nghỉ bù {base[h].reason} ({WEEKDAY_NAMES[h.weekday()]} {_fmt(h)})",
                COMPENSATORY_LEGAL_BASIS,
                "compensatory",
                provisional=base[h].provisional,
            )

        off: dict[date, DayOff] = {}
        closed_weekend: set[date] = set()
        for d, day_off in base.items():
            if d.year != year or d in self.overrides:
                continue
            if d.weekday() < _SATURDAY:
                off[d] = day_off
            else:
                closed_weekend.add(d)
        work_weekend: dict[date, Override] = {}
        for d, ov in self.overrides.items():
            if d.year != year:
                continue
            weekend = d.weekday() >= _SATURDAY
            if ov.day_off and not weekend:
                off[d] = DayOff(d, ov.reason, ov.legal_basis, "override")
            elif ov.day_off:
                closed_weekend.add(d)
            elif weekend:
                work_weekend[d] = ov
        table = _Year(
            off=off,
            off_sorted=sorted(off),
            work_weekend=work_weekend,
            work_weekend_sorted=sorted(work_weekend),
            closed_weekend=closed_weekend,
        )
        self._years[year] = table
        return table

    # ----------------------------------------------------------------- days

    def days_off(self, year: int) -> list[DayOff]:
        """Monday–Friday days of ``year`` that are not worked, sorted, with the reason.

        Holidays come from the rules (kind "holiday"); a holiday on Saturday or Sunday
        gives the next working day off (kind "compensatory", Bộ luật Lao động 2019,
        Điều 111), never a day that is already off. Overrides are applied last, date by
        date (kind "override"; a ``day_off=False`` override removes the day). Computed
        compensatory days are not moved by overrides: the Prime Minister's notice states
        the whole schedule, so enter each of its days. Weekend days off are not listed;
        make-up working weekend days are in :meth:`working_weekend_days`.
        """
        table = self._year(year)
        return [table.off[d] for d in table.off_sorted]

    def working_weekend_days(self, year: int) -> list[Override]:
        """Make-up working Saturdays/Sundays of ``year`` (overrides with ``day_off=False``)."""
        table = self._year(year)
        return [table.work_weekend[d] for d in table.work_weekend_sorted]

    def is_working_day(self, d: date | datetime) -> bool:
        """Monday–Friday that is not a day off, or a make-up working weekend day."""
        d = _to_date(d)
        table = self._year(d.year)
        if d.weekday() >= _SATURDAY:
            return d in table.work_weekend
        return d not in table.off

    def next_working_day(self, d: date | datetime) -> date:
        """First working day strictly after ``d``."""
        return self._step(_to_date(d), 1)

    def previous_working_day(self, d: date | datetime) -> date:
        """Last working day strictly before ``d``."""
        return self._step(_to_date(d), -1)

    def _step(self, d: date, direction: int) -> date:
        one = timedelta(days=direction)
        for _ in range(_MAX_GAP_DAYS):
            d += one
            if self.is_working_day(d):
                return d
        raise ValueError(f"Không có ngày làm việc nào trong {_MAX_GAP_DAYS} ngày quanh {_fmt(d)}")

    def working_days_between(self, start: date | datetime, end: date | datetime) -> int:
        """Number of working days ``d`` with ``start.date < d <= end.date``.

        Negative (and symmetric) when ``end`` is before ``start``. Datetimes count by their
        local date.
        """
        a, b = _to_date(start), _to_date(end)
        if b < a:
            return -self._count(b, a)
        return self._count(a, b)

    def _count(self, a: date, b: date) -> int:
        """Working days in the interval (a, b], a <= b."""
        total = _weekdays_through(b) - _weekdays_through(a)
        for year in range(a.year, b.year + 1):
            table = self._year(year)
            total -= bisect_right(table.off_sorted, b) - bisect_right(table.off_sorted, a)
            total += bisect_right(table.work_weekend_sorted, b) - bisect_right(
                table.work_weekend_sorted, a
            )
        return total

    # ----------------------------------------------------------------- hours

    def _at(self, d: date, t: time) -> datetime:
        return datetime.combine(d, t, tzinfo=TZ)

    def is_open(self, moment: datetime) -> bool:
        """Whether the office receives at ``moment``: office hours of a working day, or a
        Saturday morning when ``schedule.saturday_morning`` (unless that Saturday is a
        holiday or a day off). Periods are half-open ([07:30, 11:30))."""
        m = _to_local(moment)
        d, t = m.date(), m.time()
        if self.is_working_day(d):
            return any(start <= t < end for start, end in self.schedule.periods)
        if (
            d.weekday() == _SATURDAY
            and self.schedule.saturday_morning
            and d not in self._year(d.year).closed_weekend
        ):
            start, end = self.schedule.morning
            return start <= t < end
        return False

    def effective_start(self, moment: datetime | date, *, cutoff: time | None = None) -> datetime:
        """When an hours-based clock of a request received at ``moment`` starts: on its
        :meth:`receipt_day` itself, the later of ``moment`` and the opening time;
        otherwise the opening time of the receipt day."""
        m = _to_local(moment)
        day = self.receipt_day(m, cutoff=cutoff)
        if day == m.date():
            return max(m, self._at(day, self.schedule.opening))
        return self._at(day, self.schedule.opening)

    def receipt_day(self, moment: datetime | date, *, cutoff: time | None = None) -> date:
        """The working day a request received at ``moment`` counts as received on: that
        day when it is a working day and the request came before closing time and not
        after ``cutoff`` (e.g. 15:00, Nghị định 61/2018/NĐ-CP Điều 18); otherwise the next
        working day — which covers an open Saturday morning, not a working day for
        counting deadlines."""
        m = _to_local(moment)
        d, t = m.date(), m.time()
        if self.is_working_day(d) and t < self.schedule.closing and (cutoff is None or t <= cutoff):
            return d
        return self.next_working_day(d)

    def closing_of(self, d: date) -> datetime:
        """The office's closing time on ``d``: when a day's period ends for work done at
        an office (Bộ luật Dân sự 2015, Điều 148)."""
        return self._at(d, self.schedule.closing)

    def add_working_days(
        self, moment: datetime | date, days: int, *, cutoff: time | None = None
    ) -> datetime:
        """Due moment of a task of ``days`` working days received at ``moment``.

        Bộ luật Dân sự 2015, Điều 147–148: a period counted in days starts on the day after
        the event and ends at the end of its last day — for work done at an office, when
        the office closes. So: the ``days``-th working day after the :meth:`receipt_day`
        (a receipt after ``cutoff`` or after hours counts as received on the next working
        day), at closing time. ``days == 0`` (a result on the spot or the same day) is
        due at the receipt day's closing time.
        """
        days = operator.index(days)
        if days < 0:
            raise ValueError("Số ngày làm việc không được âm")
        day = self.receipt_day(moment, cutoff=cutoff)
        for _ in range(days):
            day = self.next_working_day(day)
        return self.closing_of(day)

    def add_calendar_days(self, moment: datetime | date, days: int) -> datetime:
        """Due moment of a limit of ``days`` calendar days from the event at ``moment``:
        the period starts the next day (Bộ luật Dân sự 2015, Điều 147) and ends at closing
        time of its last day — moved to the next working day when that day is not worked
        (Điều 148)."""
        days = operator.index(days)
        if days < 0:
            raise ValueError("Số ngày không được âm")
        last = _to_date(moment) + timedelta(days=days)
        if not self.is_working_day(last):
            last = self.next_working_day(last)
        return self.closing_of(last)

    def provisional_between(self, start: datetime | date, end: datetime | date) -> list[DayOff]:
        """Provisional days off (no notice yet) from ``start`` to ``end``: a deadline
        crossing one may still move when the year's notice is entered."""
        a, b = _to_date(start), _to_date(end)
        return [
            day_off
            for year in range(a.year, b.year + 1)
            for day_off in self.days_off(year)
            if day_off.provisional and a <= day_off.date <= b
        ]

    def add_working_hours(self, moment: datetime | date, hours: float) -> datetime:
        """Moment after ``hours`` office hours (morning and afternoon periods of working
        days) counted from ``moment``. Counting starts at the next opening if ``moment`` is
        outside office hours; a count that ends exactly at the end of a period returns
        that end (11:30 or 17:00), and so does ``hours == 0`` at that moment.
        """
        try:
            hours = float(hours)
        except (TypeError, ValueError):
            raise ValueError("Số giờ làm việc phải là một số") from None
        if not math.isfinite(hours):
            raise ValueError("Số giờ làm việc phải là một số hữu hạn")
        if hours < 0:
            raise ValueError("Số giờ làm việc không được âm")
        remaining = timedelta(hours=hours)
        current = _to_local(moment)
        day = current.date()
        for _ in range(_MAX_GAP_DAYS * 10):
            if self.is_working_day(day):
                for start_t, end_t in self.schedule.periods:
                    start, end = self._at(day, start_t), self._at(day, end_t)
                    if current < end or (not remaining and current == end):
                        begin = max(current, start)
                        available = end - begin
                        if remaining <= available:
                            return begin + remaining
                        remaining -= available
                        current = end
            day = self.next_working_day(day)
            current = self._at(day, time.min)
        raise ValueError("Số giờ làm việc quá lớn")  # pragma: no cover

    # ----------------------------------------------------------------- deadlines

    def remaining(self, due: datetime | date, now: datetime | date) -> Remaining:
        """Working days left until ``due`` (not overdue), or working days late (at least 1
        once ``now`` is past ``due``). A plain date as ``due`` means the end of that day."""
        if not isinstance(due, datetime) and isinstance(due, date):
            due_m = datetime.combine(due, time.max, tzinfo=TZ)
        else:
            due_m = _to_local(due)
        now_m = _to_local(now)
        if now_m <= due_m:
            return Remaining(self.working_days_between(now_m, due_m), 0, False)
        return Remaining(0, max(1, self.working_days_between(due_m, now_m)), True)
