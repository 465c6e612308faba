"""Tests for the Vietnamese (UTC+7) lunar calendar."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xaso.core.lunar import (
    MAX_YEAR,
    MIN_YEAR,
    InvalidLunarDate,
    LunarDate,
    leap_month,
    lunar_month_length,
    lunar_to_solar,
    solar_to_lunar,
)

# Tết (1/1 âm lịch) as published in Vietnam.
TET = {
    1968: date(1968, 1, 29),  # Tết Mậu Thân: the North (UTC+7) a day before the South
    1985: date(1985, 1, 21),  # China (UTC+8): 20/02/1985
    2007: date(2007, 2, 17),  # China (UTC+8): 18/02/2007
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    # The new moon is at 23:07 UTC+7 on 02/02/2030 (00:07 on 03/02 in Beijing), so the
    # Vietnamese Tết Canh Tuất is 02/02/2030 and the Chinese New Year 03/02/2030.
    2030: date(2030, 2, 2),
}

# Dates where a UTC+8 (Chinese) calendar library gives another Tết.
CHINESE_NEW_YEAR = {
    1985: date(1985, 2, 20),
    2007: date(2007, 2, 18),
    2030: date(2030, 2, 3),
}


@pytest.mark.parametrize(("year", "solar"), sorted(TET.items()))
def test_tet(year, solar):
    assert lunar_to_solar(year, 1, 1) == solar
    assert solar_to_lunar(solar) == LunarDate(year, 1, 1)
    eve = solar_to_lunar(solar - timedelta(days=1))
    assert (eve.year, eve.month, eve.leap) == (year - 1, 12, False)
    assert eve.day == lunar_month_length(year - 1, 12)


@pytest.mark.parametrize(("year", "chinese"), sorted(CHINESE_NEW_YEAR.items()))
def test_tet_differs_from_utc8_calendar(year, chinese):
    assert lunar_to_solar(year, 1, 1) != chinese
    assert solar_to_lunar(chinese) != LunarDate(year, 1, 1)


@pytest.mark.parametrize(
    ("year", "solar"),
    [(2024, date(2024, 4, 18)), (2025, date(2025, 4, 7)), (2026, date(2026, 4, 26))],
)
def test_gio_to_hung_vuong(year, solar):
    assert lunar_to_solar(year, 3, 10) == solar
    assert solar_to_lunar(solar) == LunarDate(year, 3, 10)


def test_mid_autumn_2025():
    assert lunar_to_solar(2025, 8, 15) == date(2025, 10, 6)


def test_leap_month_2023():
    assert leap_month(2023) == 2
    assert lunar_to_solar(2023, 2, 1) == date(2023, 2, 20)
    assert lunar_to_solar(2023, 2, 1, leap=True) == date(2023, 3, 22)
    assert solar_to_lunar(date(2023, 3, 22)) == LunarDate(2023, 2, 1, leap=True)
    assert solar_to_lunar(date(2023, 3, 21)) == LunarDate(2023, 2, 30)
    assert lunar_to_solar(2023, 3, 1) == date(2023, 4, 20)
    assert lunar_month_length(2023, 2) == 30
    assert lunar_month_length(2023, 2, leap=True) == 29


def test_leap_month_2025():
    assert leap_month(2025) == 6
    start = lunar_to_solar(2025, 6, 1, leap=True)
    assert start == lunar_to_solar(2025, 6, 1) + timedelta(days=lunar_month_length(2025, 6))
    assert solar_to_lunar(start).leap is True


@pytest.mark.parametrize(
    ("year", "leap"),
    [
        (2012, 4),
        (2014, 9),
        (2017, 6),
        (2020, 4),
        (2021, None),
        (2024, None),
        (2026, None),
        (2028, 5),
        (2033, 11),  # leap 11: falls in December 2033, after the winter solstice month
    ],
)
def test_known_leap_months(year, leap):
    assert leap_month(year) == leap


def test_leap_eleventh_month_2033_belongs_to_lunar_2033():
    first = lunar_to_solar(2033, 11, 1, leap=True)
    assert first.year == 2033
    assert solar_to_lunar(first) == LunarDate(2033, 11, 1, leap=True)
    assert lunar_to_solar(2034, 1, 1) > first


def test_year_length_is_12_or_13_months():
    for year in range(1990, 2060):
        length = (lunar_to_solar(year + 1, 1, 1) - lunar_to_solar(year, 1, 1)).days
        if leap_month(year) is None:
            assert 353 <= length <= 355, year
        else:
            assert 383 <= length <= 385, year


def test_day_30_of_a_29_day_month():
    assert lunar_month_length(2025, 12) == 29
    assert lunar_to_solar(2025, 12, 29) == date(2026, 2, 16)
    with pytest.raises(InvalidLunarDate, match=r"^Tháng 12 âm lịch năm 2025 chỉ có 29 ngày$"):
        lunar_to_solar(2025, 12, 30)


def test_day_30_of_a_29_day_leap_month():
    assert lunar_month_length(2025, 6, leap=True) == 29
    with pytest.raises(InvalidLunarDate, match=r"^Tháng 6 nhuận âm lịch năm 2025 chỉ có 29 ngày$"):
        lunar_to_solar(2025, 6, 30, leap=True)


def test_leap_month_that_does_not_exist():
    with pytest.raises(InvalidLunarDate, match=r"^Năm 2026 âm lịch không có tháng 5 nhuận$"):
        lunar_to_solar(2026, 5, 1, leap=True)
    with pytest.raises(InvalidLunarDate, match="không có tháng 3 nhuận"):
        lunar_to_solar(2023, 3, 1, leap=True)  # 2023 has leap 2, not leap 3
    with pytest.raises(InvalidLunarDate):
        lunar_month_length(2026, 5, leap=True)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month):
    with pytest.raises(InvalidLunarDate, match="Tháng âm lịch phải từ 1 đến 12"):
        lunar_to_solar(2025, month, 1)


@pytest.mark.parametrize("day", [0, 31, -5])
def test_day_out_of_range(day):
    with pytest.raises(InvalidLunarDate, match="Ngày âm lịch phải từ 1 đến 30"):
        lunar_to_solar(2025, 1, day)


def test_invalid_lunar_date_is_a_value_error():
    with pytest.raises(ValueError):
        lunar_to_solar(2025, 12, 30)


def test_years_outside_supported_range():
    with pytest.raises(InvalidLunarDate, match="ngoài phạm vi"):
        lunar_to_solar(MIN_YEAR - 1, 1, 1)
    with pytest.raises(InvalidLunarDate, match="ngoài phạm vi"):
        leap_month(MAX_YEAR + 1)
    with pytest.raises(ValueError, match="ngoài phạm vi"):
        solar_to_lunar(date(1700, 6, 1))
    # 20/01/1800 is still in lunar year 1799
    with pytest.raises(ValueError, match="năm âm lịch 1799"):
        solar_to_lunar(date(1800, 1, 20))


def test_str():
    assert str(LunarDate(2023, 2, 1, leap=True)) == "01/02 nhuận/2023 (âm lịch)"


solar_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(solar_dates)
def test_round_trip(d):
    lunar = solar_to_lunar(d)
    assert 1 <= lunar.day <= lunar_month_length(lunar.year, lunar.month, lunar.leap)
    assert lunar_to_solar(lunar.year, lunar.month, lunar.day, lunar.leap) == d


@settings(max_examples=300, deadline=None)
@given(solar_dates)
def test_consecutive_days(d):
    today, tomorrow = solar_to_lunar(d), solar_to_lunar(d + timedelta(days=1))
    if tomorrow.day != 1:
        assert tomorrow == LunarDate(today.year, today.month, today.day + 1, today.leap)
        return
    # a new month starts: today was the last day of its month
    assert today.day == lunar_month_length(today.year, today.month, today.leap)
    assert today.day in (29, 30)
    if tomorrow.leap:
        assert (tomorrow.year, tomorrow.month, today.leap) == (today.year, today.month, False)
        assert leap_month(today.year) == today.month
    elif today.month == 12:
        assert (tomorrow.year, tomorrow.month) == (today.year + 1, 1)
    else:
        assert (tomorrow.year, tomorrow.month) == (today.year, today.month + 1)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_every_month_of_a_year_exists(year, month):
    length = lunar_month_length(year, month)
    first = lunar_to_solar(year, month, 1)
    last = lunar_to_solar(year, month, length)
    assert (last - first).days == length - 1
    assert solar_to_lunar(last + timedelta(days=1)).day == 1
