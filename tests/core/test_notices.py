"""The days off the Government actually announced (issue 10): every shipped notice with its
number, date and days; the statutory rule only where no notice fixed a holiday, marked
provisional; deadlines counted over them to the office's closing time — with and
without a database."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from xaso.core import notices, selectors
from xaso.core.models import CalendarOverride, HolidayNotice
from xaso.core.workcal import TZ

SHIPPED = notices.shipped()


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


@pytest.mark.parametrize(
    "entry", SHIPPED, ids=[f"{e['year']}-{'+'.join(e['covers'])}" for e in SHIPPED]
)
def test_each_shipped_notice_gives_its_days_with_its_basis(entry):
    calendar = notices.shipped_calendar()
    off = {d.date: d for d in calendar.days_off(entry["year"])}
    reference = entry.get("number") or "chưa rõ số"
    for day in entry["days_off"]:
        found = off[dt.date.fromisoformat(day["date"])]
        assert reference in found.legal_basis and not found.provisional
    working = {o.date: o for o in calendar.working_weekend_days(entry["year"])}
    for day in entry["working_days"]:
        assert reference in working[dt.date.fromisoformat(day["date"])].legal_basis
    if not entry["confirmed"]:
        assert all(
            "chưa xác nhận" in off[dt.date.fromisoformat(d["date"])].legal_basis
            for d in entry["days_off"]
        )


def test_the_announced_days_replace_the_default_rule():
    calendar = notices.shipped_calendar()
    # Tết 2025: 27–31/01 off; the rule's default (28/01–01/02, with Monday 03/02 off for
    # the Saturday) is not used.
    off_2025 = {d.date for d in calendar.days_off(2025)}
    assert {dt.date(2025, 1, d) for d in range(27, 32)} <= off_2025
    assert dt.date(2025, 2, 3) not in off_2025
    # 30/4–1/5 2025: Friday 02/05 off, Saturday 26/04 worked.
    assert dt.date(2025, 5, 2) in off_2025 and calendar.is_working_day(dt.date(2025, 4, 26))
    # Tết 2020 (Labor Code 2012) 23–29/01; Tết 2026 16–20/02.
    assert {dt.date(2020, 1, d) for d in (23, 24, 27, 28, 29)} <= {
        d.date for d in calendar.days_off(2020)
    }
    assert {dt.date(2026, 2, d) for d in range(16, 21)} <= {d.date for d in calendar.days_off(2026)}
    # 2/9 2026: Monday 31/08 off, Saturday 22/08 worked; Tết Dương lịch 2026: 02/01 off,
    # Saturday 10/01 worked.
    assert not calendar.is_working_day(dt.date(2026, 8, 31))
    assert calendar.is_working_day(dt.date(2026, 8, 22))
    assert not calendar.is_working_day(dt.date(2026, 1, 2))
    assert calendar.is_working_day(dt.date(2026, 1, 10))


def test_a_year_without_a_notice_is_provisional():
    calendar = notices.shipped_calendar()
    tet_2030 = [d for d in calendar.days_off(2030) if "Tết Âm lịch" in d.reason]
    assert tet_2030 and all(d.provisional for d in tet_2030)
    assert not any(d.provisional for d in calendar.days_off(2025))
    # A deadline over an undecided Tết says so; one over an announced Tết does not.
    assert calendar.provisional_between(dt.date(2030, 1, 25), dt.date(2030, 2, 20))
    assert not calendar.provisional_between(dt.date(2026, 2, 10), dt.date(2026, 2, 25))


def test_the_issues_two_deadlines_end_at_closing():
    calendar = notices.shipped_calendar()
    # 3 working days, received Thursday 23/04/2026 16:00 after the 15:00 cut-off: counts
    # as Friday 24/04; Monday 27/04 makes up for Giỗ Tổ (Sunday 26/04); 28, 29, then
    # 30/04 and 01/05 off, so the third day is Monday 04/05.
    assert calendar.add_working_days(at(2026, 4, 23, 16, 0), 3, cutoff=dt.time(15, 0)) == at(
        2026, 5, 4, 17, 0
    )
    # 2 working days from Tuesday 29/04/2025 10:00: 30/04, 01/05, 02/05 off.
    assert calendar.add_working_days(at(2025, 4, 29, 10, 0), 2) == at(2025, 5, 6, 17, 0)


@pytest.mark.django_db
def test_the_database_holds_every_shipped_notice_and_the_same_calendar(longhe):
    assert HolidayNotice.objects.count() == len(SHIPPED)
    days = sum(len(e["days_off"]) + len(e["working_days"]) for e in SHIPPED)
    assert CalendarOverride.objects.filter(notice__isnull=False).count() == days
    calendar = selectors.calendar_for(longhe)
    assert calendar.add_working_days(at(2026, 4, 23, 16, 0), 3, cutoff=dt.time(15, 0)) == at(
        2026, 5, 4, 17, 0
    )
    assert calendar.add_working_days(at(2025, 4, 29, 10, 0), 2) == at(2025, 5, 6, 17, 0)
    shipped = notices.shipped_calendar()
    for year in range(2020, 2028):
        assert [d.date for d in calendar.days_off(year)] == [
            d.date for d in shipped.days_off(year)
        ], year


def _fresh(tmp_path, *args):
    env = {"XASO_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "xaso.cli", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_commands_work_on_a_fresh_checkout_before_any_database(tmp_path):
    listed = _fresh(tmp_path, "calendar", "--year", "2025", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    off = {d["date"]: d for d in data["days_off"]}
    for day in ("2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"):
        assert "6150/TB-BLĐTBXH" in off[day]["legal_basis"]
    assert "6150/TB-BLĐTBXH" in off["2025-05-02"]["legal_basis"]
    assert [d["date"] for d in data["working_weekend_days"]] == ["2025-04-26"]
    due = _fresh(
        tmp_path, "deadline", "--from", "2026-04-23 16:00", "--days", "3", "--cutoff", "15:00"
    )
    assert due.stdout.strip() == "Hạn: 17:00 ngày 04/05/2026", due.stderr
    due = _fresh(tmp_path, "deadline", "--from", "2025-04-29 10:00", "--days", "2")
    assert due.stdout.strip() == "Hạn: 17:00 ngày 06/05/2025"
    later = _fresh(tmp_path, "deadline", "--from", "2030-01-28 09:00", "--days", "5")
    assert "Dự kiến" in later.stdout
    assert not (tmp_path / "var" / "xaso.sqlite3").exists()  # nothing created


@pytest.mark.django_db
def test_a_commune_administrator_cannot_enter_a_nationwide_notice(admin, login):
    response = login(admin).post(
        "/lich/thong-bao/",
        {
            "toan_quoc": "1",
            "don_vi": "03763",
            "year": 2031,
            "covers": ["tet"],
            "number": "1/TB",
            "issuer": "X",
            "days_off": "22/01/2031; x",
        },
    )
    # Not a superuser: the notice is the commune's own, never nationwide.
    notice = HolidayNotice.objects.get(number="1/TB")
    assert response.status_code == 302 and notice.org_unit is not None
