"""Tests for the working-day calendar and deadline arithmetic."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xaso.core.workcal import (
    COMPENSATORY_LEGAL_BASIS,
    LABOR_CODE_2019_RULES,
    TZ,
    DayOff,
    HolidayRule,
    Override,
    Remaining,
    Schedule,
    WorkCalendar,
)

LAW = "Bộ luật Lao động 2019, Điều 112"
CAL = WorkCalendar()
CUTOFF = time(15, 0)
MON = date(2026, 3, 2)  # an ordinary Monday, no holiday that week


def at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hh, mm, tzinfo=TZ)


def local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)


# ------------------------------------------------------------------ holiday rules


def test_labor_code_rules_are_data_with_legal_basis():
    by_name = {r.name: r for r in LABOR_CODE_2019_RULES}
    assert set(by_name) == {
        "Tết Dương lịch",
        "Tết Âm lịch",
        "Giỗ Tổ Hùng Vương",
        "Ngày Chiến thắng",
        "Ngày Quốc tế lao động",
        "Quốc khánh",
    }
    assert all(r.legal_basis == LAW for r in LABOR_CODE_2019_RULES)
    assert sum(r.days for r in LABOR_CODE_2019_RULES) == 11  # Điều 112: 11 days a year
    tet = by_name["Tết Âm lịch"]
    assert (tet.calendar, tet.month, tet.day, tet.days, tet.offset) == ("lunar", 1, 1, 5, -1)
    qk = by_name["Quốc khánh"]
    assert (qk.calendar, qk.month, qk.day, qk.days, qk.offset) == ("solar", 9, 2, 2, -1)


def test_rule_dates():
    tet = next(r for r in LABOR_CODE_2019_RULES if r.name == "Tết Âm lịch")
    assert tet.dates(2026) == [date(2026, 2, d) for d in range(16, 21)]
    assert tet.dates(2025) == [date(2025, 1, 28) + timedelta(days=i) for i in range(5)]


def test_rule_year_limits():
    rule = HolidayRule("Ngày Toàn dân đoàn kết", "solar", 11, 24, first_year=2026, last_year=2027)
    assert rule.dates(2025) == []
    assert rule.dates(2026) == [date(2026, 11, 24)]
    assert rule.dates(2028) == []


def test_lunar_rule_on_day_30_falls_back_to_last_day():
    rule = HolidayRule("Cuối năm", "lunar", 12, 30)
    assert rule.dates(2025) == [date(2026, 2, 16)]  # tháng Chạp 2025 has 29 days


def test_solar_29_february_skipped_in_common_years():
    rule = HolidayRule("Nhuận", "solar", 2, 29)
    assert rule.dates(2028) == [date(2028, 2, 29)]
    assert rule.dates(2026) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"calendar": "julian", "month": 1, "day": 1},
        {"calendar": "solar", "month": 13, "day": 1},
        {"calendar": "solar", "month": 2, "day": 30},
        {"calendar": "lunar", "month": 1, "day": 31},
        {"calendar": "solar", "month": 1, "day": 1, "days": 0},
        {"calendar": "solar", "month": 1, "day": 1, "first_year": 2027, "last_year": 2026},
    ],
)
def test_invalid_rules(kwargs):
    with pytest.raises(ValueError):
        HolidayRule("x", **kwargs)


def test_new_holiday_is_just_data():
    rule = HolidayRule("Ngày Toàn dân đoàn kết", "solar", 11, 24, first_year=2026)
    cal = WorkCalendar(rules=(*LABOR_CODE_2019_RULES, rule))
    assert not cal.is_working_day(date(2026, 11, 24))
    assert cal.is_working_day(date(2025, 11, 24))
    assert CAL.is_working_day(date(2026, 11, 24))


# ------------------------------------------------------------------ days off


def test_days_off_2026():
    offs = CAL.days_off(2026)
    assert [(d.date, d.kind) for d in offs] == [
        (date(2026, 1, 1), "holiday"),
        (date(2026, 2, 16), "holiday"),
        (date(2026, 2, 17), "holiday"),
        (date(2026, 2, 18), "holiday"),
        (date(2026, 2, 19), "holiday"),
        (date(2026, 2, 20), "holiday"),
        (date(2026, 4, 27), "compensatory"),  # Giỗ Tổ 26/04/2026 is a Sunday
        (date(2026, 4, 30), "holiday"),
        (date(2026, 5, 1), "holiday"),
        (date(2026, 9, 1), "holiday"),
        (date(2026, 9, 2), "holiday"),
    ]
    reasons = {d.date: d for d in offs}
    assert reasons[date(2026, 1, 1)].reason == "Tết Dương lịch"
    assert reasons[date(2026, 2, 17)].reason == "Tết Âm lịch"
    assert reasons[date(2026, 9, 2)].reason == "Quốc khánh"
    gio_to = reasons[date(2026, 4, 27)]
    assert gio_to.reason == "Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04/2026)"
    assert gio_to.legal_basis == COMPENSATORY_LEGAL_BASIS
    assert reasons[date(2026, 4, 30)].legal_basis == LAW
    assert all(d.date.weekday() < 5 for d in offs)
    assert CAL.working_weekend_days(2026) == []


def test_compensatory_days_2022():
    offs = {d.date: d for d in CAL.days_off(2022)}
    # 01/01/2022 Saturday → Monday 03/01
    assert offs[date(2022, 1, 3)].kind == "compensatory"
    # 30/04 Saturday and 01/05 Sunday → Monday 02/05 and Tuesday 03/05
    assert offs[date(2022, 5, 2)].kind == "compensatory"
    assert "Ngày Chiến thắng" in offs[date(2022, 5, 2)].reason
    assert offs[date(2022, 5, 3)].kind == "compensatory"
    assert "Ngày Quốc tế lao động" in offs[date(2022, 5, 3)].reason
    assert date(2022, 5, 4) not in offs
    assert CAL.is_working_day(date(2022, 5, 4))


def test_compensatory_days_do_not_double_count_tet():
    # Default Tết 2024: Fri 09/02 – Tue 13/02; Sat 10 and Sun 11 give Wed 14 and Thu 15.
    offs = {d.date: d.kind for d in CAL.days_off(2024)}
    for day in (9, 12, 13):
        assert offs[date(2024, 2, day)] == "holiday"
    assert offs[date(2024, 2, 14)] == "compensatory"
    assert offs[date(2024, 2, 15)] == "compensatory"
    assert date(2024, 2, 16) not in offs
    assert CAL.is_working_day(date(2024, 2, 16))


def test_compensatory_day_across_new_year():
    rule = HolidayRule("Cuối năm", "solar", 12, 31)  # 31/12/2028 is a Sunday
    cal = WorkCalendar(rules=(rule, *LABOR_CODE_2019_RULES))
    # Monday 01/01/2029 is already off (Tết Dương lịch), so the day off moves to Tuesday.
    offs = {d.date: d.kind for d in cal.days_off(2029)}
    assert offs[date(2029, 1, 1)] == "holiday"
    assert offs[date(2029, 1, 2)] == "compensatory"


def test_days_off_are_cached(monkeypatch):
    calls = []
    original = HolidayRule.dates

    def counting(self, year):
        calls.append(year)
        return original(self, year)

    monkeypatch.setattr(HolidayRule, "dates", counting)
    cal = WorkCalendar()
    cal.is_working_day(date(2026, 3, 2))
    first = len(calls)
    assert first > 0
    cal.days_off(2026)
    cal.add_working_days(at(date(2026, 3, 2), 9), 20)
    assert len(calls) == first


# ------------------------------------------------------------------ overrides

TET_2026_NOTICE = (
    Override(date(2026, 2, 23), True, "Nghỉ Tết Âm lịch theo Thông báo của Thủ tướng"),
    Override(date(2026, 2, 28), False, "Làm bù cho ngày 23/02/2026"),
)


def test_override_day_off_and_make_up_saturday():
    cal = WorkCalendar(overrides=TET_2026_NOTICE)
    assert not cal.is_working_day(date(2026, 2, 23))
    assert cal.is_working_day(date(2026, 2, 28))
    assert CAL.is_working_day(date(2026, 2, 23))
    assert not CAL.is_working_day(date(2026, 2, 28))
    offs = {d.date: d for d in cal.days_off(2026)}
    assert offs[date(2026, 2, 23)] == DayOff(
        date(2026, 2, 23), "Nghỉ Tết Âm lịch theo Thông báo của Thủ tướng", "", "override"
    )
    assert cal.working_weekend_days(2026) == [TET_2026_NOTICE[1]]
    assert date(2026, 2, 28) not in offs


def test_overrides_change_deadlines():
    cal = WorkCalendar(overrides=TET_2026_NOTICE)
    received = at(date(2026, 2, 13), 16)  # Friday, after the cut-off
    # counts as received Tuesday 24/02 (Monday 23/02 is off): 25, 26, 27, then Saturday
    # 28 (make-up) — each at closing time (Civil Code 2015 Art. 147–148)
    assert cal.add_working_days(received, 3, cutoff=CUTOFF) == at(date(2026, 2, 27), 17)
    assert cal.add_working_days(received, 4, cutoff=CUTOFF) == at(date(2026, 2, 28), 17)
    assert CAL.add_working_days(received, 4, cutoff=CUTOFF) == at(date(2026, 2, 27), 17)
    assert cal.working_days_between(date(2026, 2, 20), date(2026, 3, 1)) == 5
    assert CAL.working_days_between(date(2026, 2, 20), date(2026, 3, 1)) == 5


def test_override_makes_holiday_and_compensatory_day_working():
    cal = WorkCalendar(
        overrides=(
            Override(date(2026, 9, 1), False, "Quốc khánh nghỉ 02/9 và 03/9"),
            Override(date(2026, 9, 3), True, "Quốc khánh nghỉ 02/9 và 03/9"),
            Override(date(2026, 4, 27), False, "Đi làm"),
        )
    )
    assert cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2026, 9, 3))
    assert cal.is_working_day(date(2026, 4, 27))
    dates = [d.date for d in cal.days_off(2026)]
    assert date(2026, 9, 1) not in dates
    assert date(2026, 4, 27) not in dates
    assert date(2026, 9, 3) in dates


def test_override_wins_over_holiday_reason():
    ov = Override(date(2026, 2, 17), True, "Mùng 1 Tết", "Thông báo 123/TB-VPCP")
    offs = {d.date: d for d in WorkCalendar(overrides=(ov,)).days_off(2026)}
    assert offs[date(2026, 2, 17)].kind == "override"
    assert offs[date(2026, 2, 17)].legal_basis == "Thông báo 123/TB-VPCP"


def test_conflicting_overrides_rejected():
    with pytest.raises(ValueError, match="trái ngược"):
        WorkCalendar(
            overrides=(Override(MON, True, "nghỉ"), Override(MON, False, "làm")),
        )
    # the same decision twice is harmless
    cal = WorkCalendar(overrides=(Override(MON, True, "nghỉ"), Override(MON, True, "nghỉ")))
    assert not cal.is_working_day(MON)


# ------------------------------------------------------------------ working days


def test_weekends_are_not_working_days():
    assert CAL.is_working_day(MON)
    assert CAL.is_working_day(MON + timedelta(days=4))
    assert not CAL.is_working_day(MON + timedelta(days=5))
    assert not CAL.is_working_day(MON + timedelta(days=6))
    assert CAL.is_working_day(at(MON, 23, 59))


def test_is_working_day_uses_local_date():
    # 17:30 UTC on Friday is 00:30 on Saturday in Vietnam
    assert not CAL.is_working_day(datetime(2026, 3, 6, 17, 30, tzinfo=UTC))
    assert CAL.is_working_day(datetime(2026, 3, 6, 16, 30, tzinfo=UTC))


def test_next_and_previous_working_day_across_tet():
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert CAL.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert CAL.next_working_day(MON) == MON + timedelta(days=1)
    assert CAL.previous_working_day(MON) == MON - timedelta(days=3)


def test_working_days_between():
    assert CAL.working_days_between(MON, MON) == 0
    assert CAL.working_days_between(MON, MON + timedelta(days=7)) == 5
    assert CAL.working_days_between(MON + timedelta(days=7), MON) == -5
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert CAL.working_days_between(at(MON, 16), at(MON + timedelta(days=1), 8)) == 1
    # whole year 2026: 261 weekdays − 11 weekday days off
    assert CAL.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 250


# ------------------------------------------------------------------ add_working_days


def test_spec_example_after_cutoff_before_tet():
    # Friday 13/02/2026 16:00, after the 15:00 cut-off; Tết 16–20/02/2026.
    due = CAL.add_working_days(datetime(2026, 2, 13, 16, 0), 3, cutoff=CUTOFF)
    assert due == at(date(2026, 2, 26), 17)
    assert due.tzinfo is not None
    assert CAL.effective_start(datetime(2026, 2, 13, 16), cutoff=CUTOFF) == at(
        date(2026, 2, 23), 7, 30
    )


def test_three_days_end_at_closing_time_of_the_third_day():
    # Civil Code 2015 Art. 147: the period starts the day after; Art. 148: it ends when
    # the office closes on its last day.
    assert CAL.add_working_days(at(MON, 9), 3) == at(MON + timedelta(days=3), 17)


def test_same_day_before_cutoff():
    assert CAL.add_working_days(at(MON, 14), 0, cutoff=CUTOFF) == at(MON, 17)


def test_same_day_after_cutoff_moves_to_next_day():
    assert CAL.add_working_days(at(MON, 15, 30), 0, cutoff=CUTOFF) == at(
        MON + timedelta(days=1), 17
    )


def test_cutoff_is_inclusive():
    assert CAL.add_working_days(at(MON, 15, 0), 0, cutoff=CUTOFF) == at(MON, 17)


def test_no_cutoff_counts_until_closing():
    assert CAL.add_working_days(at(MON, 16, 30), 0) == at(MON, 17)
    assert CAL.add_working_days(at(MON, 17, 0), 0) == at(MON + timedelta(days=1), 17)
    assert CAL.add_working_days(at(MON, 16, 30), 1) == at(MON + timedelta(days=1), 17)
    assert CAL.add_working_days(at(MON, 17, 0), 1) == at(MON + timedelta(days=2), 17)


def test_before_opening_counts_as_that_day():
    assert CAL.add_working_days(at(MON, 6), 2) == at(MON + timedelta(days=2), 17)


def test_a_receipt_in_the_lunch_break_is_due_at_closing():
    assert CAL.add_working_days(at(MON, 12), 1) == at(MON + timedelta(days=1), 17)


def test_saturday_reception_starts_next_working_day():
    cal = WorkCalendar(schedule=Schedule(saturday_morning=True))
    saturday = at(MON + timedelta(days=5), 9)
    assert cal.is_open(saturday)
    next_monday = MON + timedelta(days=7)
    assert cal.add_working_days(saturday, 0, cutoff=CUTOFF) == at(next_monday, 17)
    assert cal.add_working_days(saturday, 2) == at(next_monday + timedelta(days=2), 17)


def test_utc_input_is_converted():
    # 02:00 UTC = 09:00 in Vietnam
    due = CAL.add_working_days(datetime(2026, 3, 2, 2, 0, tzinfo=UTC), 1)
    assert due == at(MON + timedelta(days=1), 17)
    assert due.utcoffset() == timedelta(hours=7)


def test_negative_days_rejected():
    with pytest.raises(ValueError, match=r"^Số ngày làm việc không được âm$"):
        CAL.add_working_days(at(MON, 9), -1)


# ------------------------------------------------------------------ office hours


def test_is_open():
    assert CAL.is_open(at(MON, 7, 30))
    assert CAL.is_open(at(MON, 11, 29))
    assert not CAL.is_open(at(MON, 11, 30))
    assert not CAL.is_open(at(MON, 12, 0))
    assert CAL.is_open(at(MON, 13, 30))
    assert not CAL.is_open(at(MON, 17, 0))
    assert not CAL.is_open(at(MON, 7, 0))
    assert not CAL.is_open(at(MON + timedelta(days=5), 9))  # Saturday, closed by default
    assert not CAL.is_open(at(date(2026, 2, 17), 9))  # Tết


def test_saturday_morning_opening():
    cal = WorkCalendar(
        schedule=Schedule(saturday_morning=True),
        overrides=(Override(date(2026, 3, 14), True, "Nghỉ"),),
    )
    saturday = MON + timedelta(days=5)
    assert cal.is_open(at(saturday, 8))
    assert not cal.is_open(at(saturday, 14))
    assert not cal.is_open(at(saturday + timedelta(days=1), 8))  # Sunday
    assert not cal.is_open(at(date(2026, 3, 14), 8))  # Saturday made a day off
    assert not cal.is_working_day(saturday)


def test_saturday_holiday_is_closed():
    cal = WorkCalendar(schedule=Schedule(saturday_morning=True))
    assert not cal.is_open(at(date(2022, 4, 30), 8))  # 30/4/2022 was a Saturday
    assert cal.is_open(at(date(2022, 5, 7), 8))


def test_make_up_saturday_is_open_all_day():
    cal = WorkCalendar(overrides=TET_2026_NOTICE)
    assert cal.is_open(at(date(2026, 2, 28), 14))


def test_invalid_schedule():
    with pytest.raises(ValueError):
        Schedule(morning=(time(11), time(8)))
    with pytest.raises(ValueError):
        Schedule(afternoon=(time(11), time(17)))


# ------------------------------------------------------------------ add_working_hours


def test_schedule_length():
    assert Schedule().hours_per_day == 7.5


def test_a_full_day_of_hours():
    hours = Schedule().hours_per_day
    assert CAL.add_working_hours(at(MON, 7, 30), hours) == at(MON, 17)
    assert CAL.add_working_hours(at(MON, 7, 30), 8) == at(MON + timedelta(days=1), 8)


def test_hours_skip_lunch_and_weekend():
    assert CAL.add_working_hours(at(MON, 10, 30), 2) == at(MON, 14, 30)
    assert CAL.add_working_hours(at(MON, 10, 30), 1) == at(MON, 11, 30)
    friday = MON + timedelta(days=4)
    assert CAL.add_working_hours(at(friday, 16), 2) == at(MON + timedelta(days=7), 8, 30)


def test_hours_start_at_next_opening():
    assert CAL.add_working_hours(at(MON, 12), 1) == at(MON, 14, 30)
    assert CAL.add_working_hours(at(MON, 18), 1) == at(MON + timedelta(days=1), 8, 30)
    assert CAL.add_working_hours(at(MON, 18), 0) == at(MON + timedelta(days=1), 7, 30)
    assert CAL.add_working_hours(at(MON, 17), 0) == at(MON, 17)


def test_hours_over_tet():
    assert CAL.add_working_hours(at(date(2026, 2, 13), 16), 2) == at(date(2026, 2, 23), 8, 30)


def test_negative_or_invalid_hours_rejected():
    with pytest.raises(ValueError, match="không được âm"):
        CAL.add_working_hours(at(MON, 9), -0.5)
    with pytest.raises(ValueError):
        CAL.add_working_hours(at(MON, 9), float("nan"))
    with pytest.raises(ValueError):
        CAL.add_working_hours(at(MON, 9), "ba")


# ------------------------------------------------------------------ remaining


def test_remaining_before_due():
    due = at(MON + timedelta(days=3), 17)
    assert CAL.remaining(due, at(MON, 9)) == Remaining(3, 0, False)
    assert CAL.remaining(due, due) == Remaining(0, 0, False)


def test_remaining_overdue():
    due = at(MON, 17)
    assert CAL.remaining(due, at(MON, 17, 1)) == Remaining(0, 1, True)
    assert CAL.remaining(due, at(MON + timedelta(days=2), 9)) == Remaining(0, 2, True)
    # overdue over a weekend counts working days only
    friday = MON + timedelta(days=4)
    assert CAL.remaining(at(friday, 17), at(MON + timedelta(days=7), 8)) == Remaining(0, 1, True)
    assert CAL.remaining(at(friday, 17), at(MON + timedelta(days=8), 8)) == Remaining(0, 2, True)


def test_remaining_with_plain_date_due_means_end_of_day():
    assert CAL.remaining(MON, at(MON, 16)) == Remaining(0, 0, False)
    assert CAL.remaining(MON, at(MON + timedelta(days=1), 8)).overdue


# ------------------------------------------------------------------ properties

CALENDARS = [
    CAL,
    WorkCalendar(overrides=TET_2026_NOTICE, schedule=Schedule(saturday_morning=True)),
    WorkCalendar(
        schedule=Schedule(morning=(time(8), time(12)), afternoon=(time(13), time(17))),
        overrides=(
            Override(date(2025, 4, 29), True, "Nghỉ nối 30/4"),
            Override(date(2025, 4, 26), False, "Làm bù"),
        ),
    ),
]

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31, 23, 59))
calendars = st.sampled_from(CALENDARS)
cutoffs = st.sampled_from([None, CUTOFF])
day_counts = st.integers(min_value=0, max_value=60)


@settings(max_examples=200, deadline=None)
@given(calendars, moments, day_counts, cutoffs)
def test_add_working_days_properties(cal, moment, n, cutoff):
    result = cal.add_working_days(moment, n, cutoff=cutoff)
    assert result >= local(moment)
    assert result.tzinfo is not None
    assert cal.is_working_day(result)
    start = cal.effective_start(moment, cutoff=cutoff)
    assert cal.is_working_day(start)
    assert local(moment) <= start
    assert cal.working_days_between(start, result) == n
    # Always a closing time on a working day, and never before the legal minimum: the
    # n-th working day after the day the request counts as received.
    assert result.time() == cal.schedule.closing
    assert result.date() >= start.date()
    assert cal.working_days_between(cal.receipt_day(moment, cutoff=cutoff), result) == n


@settings(max_examples=200, deadline=None)
@given(calendars, moments, day_counts, cutoffs)
def test_add_working_days_monotonic_in_days(cal, moment, n, cutoff):
    assert cal.add_working_days(moment, n, cutoff=cutoff) < cal.add_working_days(
        moment, n + 1, cutoff=cutoff
    )


@settings(max_examples=200, deadline=None)
@given(
    calendars,
    moments,
    st.integers(min_value=0, max_value=10 * 24 * 60),
    day_counts,
    cutoffs,
)
def test_add_working_days_monotonic_in_moment(cal, moment, minutes_later, n, cutoff):
    later = moment + timedelta(minutes=minutes_later)
    assert cal.add_working_days(moment, n, cutoff=cutoff) <= cal.add_working_days(
        later, n, cutoff=cutoff
    )


@st.composite
def open_moments(draw, cal):
    day = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
    assume(cal.is_working_day(day))
    start, end = draw(st.sampled_from(cal.schedule.periods))
    span = int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60)
    minute = draw(st.integers(min_value=0, max_value=span - 1))
    return datetime.combine(day, start, tzinfo=TZ) + timedelta(minutes=minute)


@settings(max_examples=200, deadline=None)
@given(st.data(), calendars, st.integers(0, 40), st.integers(0, 40))
def test_add_working_hours_is_additive(data, cal, a, b):
    m = data.draw(open_moments(cal))
    assert cal.is_open(m)
    once = cal.add_working_hours(m, a + b)
    twice = cal.add_working_hours(cal.add_working_hours(m, a), b)
    assert once == twice
    assert once >= m


@settings(max_examples=200, deadline=None)
@given(calendars, moments, st.integers(1, 30))
def test_add_working_hours_ends_inside_office_hours(cal, moment, hours):
    result = cal.add_working_hours(moment, hours)
    assert result > local(moment)
    assert cal.is_working_day(result)
    t = result.time()
    assert any(start < t <= end for start, end in cal.schedule.periods)


@settings(max_examples=200, deadline=None)
@given(calendars, moments, moments)
def test_remaining_is_consistent(cal, due, now):
    r = cal.remaining(due, now)
    assert not (r.days_left > 0 and r.overdue)
    assert r.days_left >= 0
    assert r.days_late >= 0
    assert r.overdue == (local(now) > local(due))
    assert r.overdue == (r.days_late >= 1)


@settings(max_examples=200, deadline=None)
@given(
    calendars,
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-400, max_value=400),
)
def test_working_days_between_matches_day_by_day_count(cal, start, span):
    end = start + timedelta(days=span)
    lo, hi = min(start, end), max(start, end)
    brute = sum(cal.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    expected = brute if end >= start else -brute
    assert cal.working_days_between(start, end) == expected
    assert cal.working_days_between(end, start) == -expected
