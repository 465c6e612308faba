"""Vietnamese lunar calendar (âm lịch), computed for UTC+7.

This module implements the astronomical method published by Hồ Ngọc Đức for the
Vietnamese calendar ("Thuật toán tính âm lịch"):

* A lunar month starts on the local (UTC+7) day that contains the true new moon.
  New moons are computed with the truncated periodic series of Jean Meeus
  (*Astronomical Algorithms*), corrected by an approximation of ΔT.
* The sun's apparent longitude is computed with Meeus' low-precision formula and
  divided into 12 "major solar terms" (trung khí) of 30° each.
* Month 11 (tháng Một) is the month that contains the winter solstice (sun at 270°).
* A "sui" is the period from one month 11 to the next. If it holds 13 months instead of
  12, one of them is intercalary: the *first* month after month 11 during which the sun
  enters no new major term (its term index is the same at the start of the month and at
  the start of the next month). That month takes the number of the month before it and
  is marked leap (nhuận).

Why not a Chinese-calendar library?  The Chinese calendar applies the same rules for
UTC+8 (Beijing time). A new moon that occurs between 23:00 and 24:00 Vietnamese time
falls on the next calendar day in Beijing, which moves the start of a month and can
change the month-11 anchor or the leap month. The lunar year then differs: Tết 1985 is
21/01/1985 in Vietnam but 20/02/1985 in China, and Tết 2007 is 17/02/2007 in Vietnam
but 18/02/2007 in China. Vietnam's official calendar has been computed for UTC+7 since
1968 (which is why the North and the South celebrated Tết Mậu Thân on different days),
so the computation must be done here, for UTC+7. This module applies UTC+7 to every
year, as the published algorithm does; calendars printed before 1968 followed UTC+8 and
may differ by a day for some months.

The astronomical formulas are the published algorithm's approximations, on purpose:
they are what Vietnamese calendars are printed from. Checked against a high-precision
ephemeris (PyEphem) over lunar years 1800–2199, every leap month agrees, and every month
start except 8 whose new moon falls within minutes of local midnight (the nearest ones
to today: 21/06/1944 and 10/12/2072). Outside lunar years 1800–2199 the functions refuse
to answer rather than return a doubtful date.

Public API: :class:`LunarDate`, :func:`solar_to_lunar`, :func:`lunar_to_solar`,
:func:`lunar_month_length`, :func:`leap_month`, :class:`InvalidLunarDate`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "InvalidLunarDate",
    "LunarDate",
    "leap_month",
    "lunar_month_length",
    "lunar_to_solar",
    "solar_to_lunar",
]

#: Supported range of *lunar* years (inclusive).
MIN_YEAR = 1800
MAX_YEAR = 2199

#: Time zone of the Vietnamese calendar, in hours east of UTC.
TIME_ZONE_HOURS = 7.0

# Julian Day Number = date.toordinal() + this offset (JDN of 0001-01-01 is 1721426).
_ORDINAL_TO_JDN = 1721425
# Mean length of the synodic month, in days.
_SYNODIC_MONTH = 29.530588853
# Julian date of the new moon of 1900-01-01 13:52 UTC, origin of the lunation index k.
_NEW_MOON_EPOCH = 2415021.076998695
_DEG = math.pi / 180.0


def _(message: str) -> str:
    """The message in the active language when Django is set up (pages, API, command
    line), the Vietnamese text as it is otherwise: this module needs no Django."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


class InvalidLunarDate(ValueError):
    """Raised for a lunar date that does not exist (message in Vietnamese)."""


@dataclass(frozen=True)
class LunarDate:
    """A date of the Vietnamese lunar calendar. ``leap`` marks an intercalary month."""

    year: int
    month: int
    day: int
    leap: bool = False

    def __str__(self) -> str:
        suffix = " nhuận" if self.leap else ""
        return f"{self.day:02d}/{self.month:02d}{suffix}/{self.year} (âm lịch)"


# --------------------------------------------------------------------------- astronomy


def _jdn(d: date) -> int:
    """Julian Day Number (the day starting at noon UTC) of a Gregorian date."""
    return d.toordinal() + _ORDINAL_TO_JDN


def _date_from_jdn(jdn: int) -> date:
    return date.fromordinal(jdn - _ORDINAL_TO_JDN)


def _true_new_moon(k: int) -> float:
    """Julian date (UT) of the k-th new moon after the 1900-01-01 new moon.

    Meeus' mean lunation plus the largest periodic terms (sun anomaly ``m``, moon anomaly
    ``mp``, moon argument of latitude ``f``), minus an approximation of ΔT (TT − UT).
    """
    t = k / 1236.85  # Julian centuries since 1900-01-01
    t2 = t * t
    t3 = t2 * t
    mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    mean += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DEG)
    m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * _DEG
    mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * _DEG
    f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * _DEG
    correction = (
        (0.1734 - 0.000393 * t) * math.sin(m)
        + 0.0021 * math.sin(2 * m)
        - 0.4068 * math.sin(mp)
        + 0.0161 * math.sin(2 * mp)
        - 0.0004 * math.sin(3 * mp)
        + 0.0104 * math.sin(2 * f)
        - 0.0051 * math.sin(m + mp)
        - 0.0074 * math.sin(m - mp)
        + 0.0004 * math.sin(2 * f + m)
        - 0.0004 * math.sin(2 * f - m)
        - 0.0006 * math.sin(2 * f + mp)
        + 0.0010 * math.sin(2 * f - mp)
        + 0.0005 * math.sin(2 * mp + m)
    )
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return mean + correction - delta_t


def _new_moon_day(k: int) -> int:
    """JDN of the local (UTC+7) day containing the k-th new moon."""
    return math.floor(_true_new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24)


def _sun_longitude(jd: float) -> float:
    """Apparent-ish longitude of the sun, in radians in [0, 2π), at Julian date ``jd`` (UT)."""
    t = (jd - 2451545.0) / 36525  # Julian centuries since J2000.0
    t2 = t * t
    m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * _DEG
    l0 = (280.46645 + 36000.76983 * t + 0.0003032 * t2) * _DEG
    center = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(m)
        + (0.019993 - 0.000101 * t) * math.sin(2 * m)
        + 0.000290 * math.sin(3 * m)
    ) * _DEG
    return (l0 + center) % (2 * math.pi)


def _solar_term(jdn: int) -> int:
    """Index 0–11 of the 30° sector the sun is in at local midnight starting day ``jdn``.

    Index 9 starts at 270°, the winter solstice.
    """
    midnight = jdn - 0.5 - TIME_ZONE_HOURS / 24
    return math.floor(_sun_longitude(midnight) / math.pi * 6) % 12


def _lunation_index(jdn: int) -> int:
    """Index k of the mean lunation whose start is nearest to day ``jdn``."""
    return math.floor((jdn - _NEW_MOON_EPOCH) / _SYNODIC_MONTH + 0.5)


@lru_cache(maxsize=1024)
def _month11_start(gregorian_year: int) -> int:
    """JDN of the first day of lunar month 11 around December of ``gregorian_year``.

    Take the (approximate) last new moon of the Gregorian year. If the sun is already at
    or past 270° when that month starts, the solstice fell in the month before, which is
    therefore month 11.
    """
    dec31 = _jdn(date(gregorian_year, 12, 31))
    k = math.floor((dec31 - _NEW_MOON_EPOCH) / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    if _solar_term(start) >= 9:
        start = _new_moon_day(k - 1)
    return start


@dataclass(frozen=True)
class _Month:
    year: int  # lunar year
    number: int
    leap: bool
    start: int  # JDN of day 1
    length: int


@lru_cache(maxsize=512)
def _sui(gregorian_year: int) -> tuple[_Month, ...]:
    """Months from month 11 of lunar year ``gregorian_year - 1`` up to (excluding) the next
    month 11, i.e. months 11 and 12 of the previous lunar year, then months 1–10 of lunar
    year ``gregorian_year``, with the leap month inserted if the period has 13 months.
    """
    first = _month11_start(gregorian_year - 1)
    following = _month11_start(gregorian_year)
    k0 = _lunation_index(first)
    count = round((following - first) / _SYNODIC_MONTH)  # 12 or 13
    starts = [_new_moon_day(k0 + i) for i in range(count + 1)]
    # Guard against an off-by-one lunation index: the list must run month 11 → month 11.
    if starts[0] != first or starts[-1] != following:  # pragma: no cover - defensive
        raise RuntimeError(f"Lunar calendar computation failed for {gregorian_year}")

    leap_index = None
    if count == 13:
        for i in range(1, 13):
            if _solar_term(starts[i]) == _solar_term(starts[i + 1]):
                leap_index = i
                break
        if leap_index is None:  # pragma: no cover - does not happen in the supported range
            raise RuntimeError(f"No leap month found in the sui ending {gregorian_year}")

    months: list[_Month] = []
    number = 10  # the month before month 11
    for i in range(count):
        leap = i == leap_index
        if not leap:
            number = number % 12 + 1
        year = gregorian_year - 1 if number >= 11 else gregorian_year
        months.append(_Month(year, number, leap, starts[i], starts[i + 1] - starts[i]))
    return tuple(months)


# --------------------------------------------------------------------------- public API


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidLunarDate(
            _("Năm âm lịch %(year)s nằm ngoài phạm vi hỗ trợ (%(first)s–%(last)s)")
            % {"year": year, "first": MIN_YEAR, "last": MAX_YEAR}
        )


def _find_month(year: int, month: int, leap: bool) -> _Month:
    _check_year(year)
    if not 1 <= month <= 12:
        raise InvalidLunarDate(
            _("Tháng âm lịch phải từ 1 đến 12 (nhận được %(month)s)") % {"month": month}
        )
    # Months 1–10 are in the sui ending in December of ``year``; months 11–12 (and a
    # leap 11 or 12) in the next one.
    sui = _sui(year + 1 if month >= 11 else year)
    for m in sui:
        if m.year == year and m.number == month and m.leap == bool(leap):
            return m
    raise InvalidLunarDate(
        _("Năm %(year)s âm lịch không có tháng %(month)s nhuận") % {"year": year, "month": month}
    )


def leap_month(year: int) -> int | None:
    """Number of the leap month of lunar ``year``, or ``None`` for a 12-month year."""
    _check_year(year)
    for m in (*_sui(year), *_sui(year + 1)):
        if m.year == year and m.leap:
            return m.number
    return None


def lunar_month_length(year: int, month: int, leap: bool = False) -> int:
    """Number of days (29 or 30) of a lunar month. Raises :class:`InvalidLunarDate`."""
    return _find_month(year, month, leap).length


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> date:
    """Gregorian date of a lunar date. Raises :class:`InvalidLunarDate` if it does not exist
    (month outside 1–12, day outside 1–30, day 30 of a 29-day month, a leap month the
    year does not have, or a year outside the supported range).
    """
    if not 1 <= day <= 30:
        raise InvalidLunarDate(
            _("Ngày âm lịch phải từ 1 đến 30 (nhận được %(day)s)") % {"day": day}
        )
    m = _find_month(year, month, leap)
    if day > m.length:
        words = {"month": month, "year": year, "days": m.length}
        if leap:
            message = _("Tháng %(month)s nhuận âm lịch năm %(year)s chỉ có %(days)s ngày")
        else:
            message = _("Tháng %(month)s âm lịch năm %(year)s chỉ có %(days)s ngày")
        raise InvalidLunarDate(message % words)
    return _date_from_jdn(m.start + day - 1)


def solar_to_lunar(d: date) -> LunarDate:
    """Lunar date (UTC+7) of a Gregorian date.

    Raises :class:`ValueError` if the lunar year falls outside the supported range.
    """
    if not MIN_YEAR <= d.year <= MAX_YEAR + 1:
        raise ValueError(
            f"Ngày {d.day:02d}/{d.month:02d}/{d.year} nằm ngoài phạm vi hỗ trợ của lịch âm "
            f"(năm âm lịch {MIN_YEAR}–{MAX_YEAR})"
        )
    jdn = _jdn(d)
    # The sui ending with month 11 of December of d.year contains d unless d is on or
    # after that month 11.
    sui_year = d.year + 1 if jdn >= _month11_start(d.year) else d.year
    for m in reversed(_sui(sui_year)):
        if m.start <= jdn:
            _check_solar(d, m.year)
            return LunarDate(m.year, m.number, jdn - m.start + 1, m.leap)
    raise AssertionError("unreachable: the date precedes its own sui")  # pragma: no cover


def _check_solar(d: date, lunar_year: int) -> None:
    if not MIN_YEAR <= lunar_year <= MAX_YEAR:
        raise ValueError(
            f"Ngày {d.day:02d}/{d.month:02d}/{d.year} thuộc năm âm lịch {lunar_year}, "
            f"ngoài phạm vi hỗ trợ ({MIN_YEAR}–{MAX_YEAR})"
        )
