"""The data of the working-day calendar, as plain values (no Django): the statutory
holidays of the Labor Codes (:data:`LABOR_CODE_RULES`, each with the group a yearly
notice decides), the yearly decisions (:class:`Notice`, :class:`Override`), office hours
(:class:`Schedule`), and what the calendar answers (:class:`DayOff`, :class:`Remaining`).
``core.workcal`` computes with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from xaso.core.lunar import lunar_month_length, lunar_to_solar

HOLIDAY_LEGAL_BASIS = "Bộ luật Lao động 2019, Điều 112"
COMPENSATORY_LEGAL_BASIS = "Bộ luật Lao động 2019, Điều 111"
WEEKLY_REST_LEGAL_BASIS = "Quyết định 188/1999/QĐ-TTg"

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class HolidayRule:
    """A statutory holiday, as data.

    The holiday of *rule year* ``Y`` starts ``offset`` days after its anchor (the solar
    date ``day/month/Y``, or the lunar date ``day/month`` of lunar year ``Y``) and lasts
    ``days`` consecutive calendar days, weekends included. ``first_year`` and
    ``last_year`` (inclusive) limit the rule years it applies to. A lunar anchor on day 30
    of a 29-day month falls back to the month's last day; a solar 29/02 is skipped in
    common years.
    """

    name: str
    calendar: str  # "solar" | "lunar"
    month: int
    day: int
    days: int = 1
    offset: int = 0
    legal_basis: str = ""
    first_year: int | None = None
    last_year: int | None = None
    #: Which yearly decision fixes this holiday's actual days (``HOLIDAY_GROUPS``); a
    #: notice covering the group for a year replaces the rule for that year.
    group: str = ""

    def __post_init__(self) -> None:
        if self.calendar not in ("solar", "lunar"):
            raise ValueError(f"Lịch phải là 'solar' hoặc 'lunar' (nhận được {self.calendar!r})")
        if not 1 <= self.month <= 12:
            raise ValueError(f"Tháng phải từ 1 đến 12 (nhận được {self.month})")
        if self.calendar == "lunar":
            if not 1 <= self.day <= 30:
                raise ValueError(f"Ngày âm lịch phải từ 1 đến 30 (nhận được {self.day})")
        else:
            try:
                date(2000, self.month, self.day)  # a leap year accepts every real date
            except ValueError:
                raise ValueError(f"Ngày {self.day}/{self.month} dương lịch không tồn tại") from None
        if self.days < 1:
            raise ValueError(f"Số ngày nghỉ phải từ 1 trở lên (nhận được {self.days})")
        if (
            self.first_year is not None
            and self.last_year is not None
            and self.first_year > self.last_year
        ):
            raise ValueError("Năm bắt đầu áp dụng phải trước năm kết thúc")

    def applies_to(self, year: int) -> bool:
        """Whether the rule is in force for rule year ``year``."""
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    def dates(self, year: int) -> list[date]:
        """Solar dates of this holiday for rule year ``year`` (empty if not in force).

        Raises :class:`~xaso.core.lunar.InvalidLunarDate` for a lunar rule outside the
        lunar calendar's supported range.
        """
        if not self.applies_to(year):
            return []
        if self.calendar == "lunar":
            day = min(self.day, lunar_month_length(year, self.month))
            anchor = lunar_to_solar(year, self.month, day)
        else:
            try:
                anchor = date(year, self.month, self.day)
            except ValueError:  # 29/02 in a common year
                return []
        start = anchor + timedelta(days=self.offset)
        return [start + timedelta(days=i) for i in range(self.days)]


#: The holiday groups a yearly notice fixes (``Notice.covers``).
HOLIDAY_GROUPS = {
    "new_year": "Tết Dương lịch",
    "tet": "Tết Nguyên đán",
    "hung_kings": "Giỗ Tổ Hùng Vương",
    "reunification_labour": "30/4 và 1/5",
    "national_day": "Quốc khánh",
}
#: Groups whose actual days the law leaves to the yearly decision (which 5 days of Tết;
#: the day next to 2/9): without a notice, the rule's days are only provisional.
DECIDED_YEARLY = frozenset({"tet", "national_day"})

LABOR_CODE_2012_BASIS = "Bộ luật Lao động 2012, Điều 115"


def _statutory(basis: str, first: int | None, last: int | None, national_day_days: int):
    """The six holidays of a Labor Code, in force for rule years ``first``–``last``."""
    years = {"first_year": first, "last_year": last, "legal_basis": basis}
    return (
        HolidayRule("Tết Dương lịch", "solar", 1, 1, group="new_year", **years),
        # 5 days; by default the last day of the lunar year (29 or 30 tháng Chạp) and the
        # first four days of the new year. The Prime Minister's notice fixes the real days.
        HolidayRule("Tết Âm lịch", "lunar", 1, 1, days=5, offset=-1, group="tet", **years),
        HolidayRule("Giỗ Tổ Hùng Vương", "lunar", 3, 10, group="hung_kings", **years),
        HolidayRule("Ngày Chiến thắng", "solar", 4, 30, group="reunification_labour", **years),
        HolidayRule("Ngày Quốc tế lao động", "solar", 5, 1, group="reunification_labour", **years),
        # From 2021: 2/9 and one adjacent day, before or after; by default 1/9 and 2/9.
        # The Prime Minister's notice fixes the adjacent day.
        HolidayRule(
            "Quốc khánh",
            "solar",
            9,
            2,
            days=national_day_days,
            offset=1 - national_day_days,
            group="national_day",
            **years,
        ),
    )


#: Statutory holidays: Bộ luật Lao động 2012, Điều 115 (rule years 2013–2020: 2/9 one
#: day) and Bộ luật Lao động 2019, Điều 112, khoản 1 (from 2021: 2/9 two days). The law
#: fixes how many days; the Prime Minister's yearly notice fixes the actual Tết and Quốc
#: khánh days (often with swapped days and a make-up Saturday): ship or enter it as a
#: :class:`Notice`. The defaults below are the usual reading, shown as provisional.
LABOR_CODE_RULES: tuple[HolidayRule, ...] = _statutory(
    LABOR_CODE_2012_BASIS, 2013, 2020, 1
) + _statutory(HOLIDAY_LEGAL_BASIS, 2021, None, 2)
#: Kept for the migration that first loaded the rules.
LABOR_CODE_2019_RULES = _statutory(HOLIDAY_LEGAL_BASIS, None, None, 2)


@dataclass(frozen=True)
class Override:
    """A yearly decision for one date: an extra day off (``day_off=True``) or a make-up
    working day (``day_off=False``, e.g. a Saturday worked in exchange for a bridge day).
    Overrides win over weekends, holidays and compensatory days."""

    date: date
    day_off: bool
    reason: str
    legal_basis: str = ""


@dataclass(frozen=True)
class Notice:
    """A yearly decision (the Prime Minister's, announced by a ministry's notice): for
    ``year`` it replaces the statutory rules of the groups it ``covers``; its days are
    :class:`Override` values carrying the notice as legal basis."""

    year: int
    covers: frozenset[str]
    legal_basis: str
    confirmed: bool = True


@dataclass(frozen=True)
class Schedule:
    """Office hours. Periods are half-open: open at 07:30, closed at 11:30."""

    morning: tuple[time, time] = (time(7, 30), time(11, 30))
    afternoon: tuple[time, time] = (time(13, 30), time(17, 0))
    saturday_morning: bool = False  # the office receives citizens on Saturday mornings

    def __post_init__(self) -> None:
        (m0, m1), (a0, a1) = self.morning, self.afternoon
        if not (m0 < m1 <= a0 < a1):
            raise ValueError(
                "Giờ làm việc không hợp lệ: cần sáng bắt đầu < sáng kết thúc ≤ "
                "chiều bắt đầu < chiều kết thúc"
            )

    @property
    def opening(self) -> time:
        return self.morning[0]

    @property
    def closing(self) -> time:
        return self.afternoon[1]

    @property
    def periods(self) -> tuple[tuple[time, time], tuple[time, time]]:
        return (self.morning, self.afternoon)

    @property
    def hours_per_day(self) -> float:
        """Office hours in one full working day (7.5 with the default schedule)."""
        total = timedelta()
        for start, end in self.periods:
            total += datetime.combine(date.min, end) - datetime.combine(date.min, start)
        return total / timedelta(hours=1)


@dataclass(frozen=True)
class DayOff:
    """A weekday that is not worked, and why. ``kind``: "holiday" | "compensatory" |
    "override". ``provisional``: the statutory default of a holiday whose actual days no
    notice has fixed yet (dự kiến)."""

    date: date
    reason: str
    legal_basis: str
    kind: str
    provisional: bool = False


@dataclass(frozen=True)
class Remaining:
    """Working days left before a deadline, or working days late after it."""

    days_left: int
    days_late: int
    overdue: bool
