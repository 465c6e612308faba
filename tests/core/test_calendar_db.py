"""The calendar as officials and other modules use it: rules and overrides from the
database, per-office hours, the year page, the deadline API and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from xaso.core import selectors, services
from xaso.core.models import CalendarOverride, HolidayRule, OrgUnit

pytestmark = pytest.mark.django_db


def test_the_statutory_holidays_are_rows_citing_the_labor_code(db):
    rules = HolidayRule.objects.all()
    assert {r.name for r in rules} >= {"Tết Dương lịch", "Tết Âm lịch", "Quốc khánh"}
    assert all(
        r.legal_basis in ("Bộ luật Lao động 2019, Điều 112", "Bộ luật Lao động 2012, Điều 115")
        for r in rules
    )
    # 2/9: one day until 2020 (Labor Code 2012), two from 2021 (Labor Code 2019).
    national = {(r.first_year, r.last_year): r.days for r in rules.filter(group="national_day")}
    assert national == {(2013, 2020): 1, (2021, None): 2}


def test_a_new_holiday_voted_into_law_is_data(db):
    services.holiday_rule_create(
        actor=None,
        name="Ngày thử nghiệm",
        calendar="solar",
        month=11,
        day=24,
        legal_basis="Luật giả định (kiểm thử)",
        first_year=2027,
    )
    assert dt.date(2027, 11, 24) in {d.date for d in selectors.calendar_for().days_off(2027)}
    assert dt.date(2026, 11, 24) not in {d.date for d in selectors.calendar_for().days_off(2026)}


def test_yearly_overrides_change_deadlines(admin, longhe):
    # Friday 13/02/2026 received after the 15:00 cut-off, 3 working days.
    start = dt.datetime(2026, 2, 13, 16, 0)
    due = selectors.calendar_for(longhe).add_working_days(start, 3, cutoff=dt.time(15))
    assert (due.date(), due.hour, due.minute) == (dt.date(2026, 2, 26), 17, 0)
    services.calendar_override_create(
        actor=admin,
        org_unit=longhe,
        date=dt.date(2026, 2, 23),
        day_off=True,
        reason="Nghỉ Tết (điều chỉnh)",
        legal_basis="Thông báo của Thủ tướng (kiểm thử)",
    )
    due = selectors.calendar_for(longhe).add_working_days(start, 3, cutoff=dt.time(15))
    assert due.date() == dt.date(2026, 2, 27)
    # Another commune's calendar is untouched.
    other = OrgUnit.objects.get(code="14")
    assert selectors.calendar_for(other).add_working_days(start, 3, cutoff=dt.time(15)).day == 26


def test_only_the_operator_changes_the_nationwide_calendar(admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.calendar_override_create(
            actor=admin,
            org_unit=None,
            date=dt.date(2026, 5, 4),
            day_off=True,
            reason="x",
            legal_basis="y",
        )
    assert not CalendarOverride.objects.filter(notice__isnull=True).exists()


def test_a_saturday_opening_is_per_office(admin, longhe):
    center = OrgUnit.objects.get(code="03763-TTPVHCC")
    services.office_schedule_set(actor=admin, org_unit=center, saturday_morning=True)
    saturday_morning = dt.datetime(2026, 3, 7, 9, 0)
    assert selectors.calendar_for(center).is_open(saturday_morning)
    assert not selectors.calendar_for(longhe).is_open(saturday_morning)
    # A village inherits the nearest parent's hours.
    assert not selectors.calendar_for(OrgUnit.objects.get(code="03763-B01")).is_open(
        saturday_morning
    )


def test_the_calendar_page_shows_the_year_and_computes_a_deadline(leader, login):
    client = login(leader)
    page = client.get("/lich/", {"year": 2026}).content.decode()
    assert "Nghỉ Tết Nguyên đán" in page and "17/02/2026" in page and "9441/TB-BNV" in page
    page = client.get(
        "/lich/", {"year": 2026, "start": "13/02/2026 16:00", "days": 3, "cutoff": "15:00"}
    ).content.decode()
    assert "17:00 ngày 26/02/2026" in page
    bad = client.get("/lich/", {"year": 2026, "start": "13/02/2026 16:00", "days": -1})
    assert "Số ngày làm việc: Số ngày không được âm." in bad.content.decode()
    assert client.get("/lich/", {"year": "hai"}).status_code == 400


def test_an_administrator_enters_an_override_on_the_page(admin, login, longhe):
    client = login(admin)
    response = client.post(
        "/lich/dieu-chinh/",
        {
            "don_vi": "03763",
            "date": "10/01/2026",
            "reason": "Làm bù cho ngày 02/01",
            "legal_basis": "Thông báo (kiểm thử)",
        },
    )  # day_off unchecked: a make-up Saturday
    assert response.status_code == 302
    override = CalendarOverride.objects.get(notice__isnull=True)
    assert override.org_unit == longhe and override.day_off is False
    assert selectors.calendar_for(longhe).is_working_day(dt.date(2026, 1, 10))
    bad = client.post(
        "/lich/dieu-chinh/",
        {"don_vi": "03763", "date": "32/01/2026", "reason": "", "legal_basis": ""},
    )
    assert bad.status_code == 400 and "Ngày:" in bad.content.decode()


def test_it_shows_no_other_communes_days_off_on_the_calendar_page(leader, login, other_commune):
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 9),
        day_off=True,
        reason="Lễ hội riêng của xã khác",
        legal_basis="Quyết định (kiểm thử)",
        org_unit=other_commune,
    )
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 10),
        day_off=True,
        reason="Nghỉ toàn quốc (kiểm thử)",
        legal_basis="Thông báo (kiểm thử)",
    )
    page = login(leader).get("/lich/", {"year": 2026}).content.decode()
    assert "Nghỉ toàn quốc (kiểm thử)" in page
    assert "Lễ hội riêng của xã khác" not in page


def test_a_leader_cannot_enter_overrides(leader, login):
    response = login(leader).post(
        "/lich/dieu-chinh/",
        {"don_vi": "03763", "date": "10/01/2026", "reason": "x", "legal_basis": "y"},
    )
    assert response.status_code == 403
    assert not CalendarOverride.objects.filter(notice__isnull=True).exists()


def test_the_deadline_api_answers_and_names_bad_fields(leader, login):
    client = login(leader)
    ok = client.post(
        "/api/v1/deadline",
        data=json.dumps({"start": "2026-02-13T16:00:00+07:00", "days": 3, "cutoff": "15:00"}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["due"].startswith("2026-02-26T17:00")
    bad = client.post(
        "/api/v1/deadline",
        data=json.dumps({"start": "2026-02-13T16:00:00+07:00", "days": -2}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "days"
    year = client.get("/api/v1/calendar/2026").json()
    tet = next(d for d in year if d["date"] == "2026-02-17")
    assert tet["kind"] == "override" and "9441/TB-BNV" in tet["legal_basis"]
    assert tet["provisional"] is False


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_cli_lists_a_years_days_off(db):
    text = _run("calendar", "--year", "2026")
    assert "17/02/2026  Nghỉ Tết Nguyên đán" in text and "27/04/2026  Nghỉ bù" in text
    data = json.loads(_run("calendar", "--year", "2026", "--json"))
    assert len(data["days_off"]) == 13  # 1–2/1, 16–20/2, 27/4, 30/4, 1/5, 31/8–2/9
    assert data["days_off"][0] == {
        "date": "2026-01-01",
        "reason": "Tết Dương lịch",
        "legal_basis": "Văn bản 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ)",
        "kind": "override",
        "provisional": False,
    }
    assert data["undecided"] == []


def test_the_cli_computes_a_deadline(db):
    assert (
        _run("deadline", "--from", "2026-02-13 16:00", "--days", "3", "--cutoff", "15:00").strip()
        == "Hạn: 17:00 ngày 26/02/2026"
    )
    data = json.loads(
        _run("deadline", "--from", "2026-02-13 16:00", "--days", "3", "--cutoff", "15:00", "--json")
    )
    assert data["due"] == "2026-02-26T17:00:00+07:00"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-02-13 16:00", "--days", "-1"], "--days"),
        (["--from", "13-02-2026", "--days", "1"], "--from"),
        (["--from", "2026-02-13 16:00", "--days", "1", "--cutoff", "25:00"], "--cutoff"),
        (["--from", "2026-02-13 16:00", "--days", "1", "--org-unit", "KHONGCO"], "--org-unit"),
    ],
)
def test_the_cli_refuses_bad_input_naming_the_option(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run("deadline", *args)


def test_the_cli_and_api_convert_lunar_dates_and_refuse_ones_that_do_not_exist(leader, login):
    assert "16/02/2026" in _run("calendar", "--lunar", "29/12/2025")
    with pytest.raises(CommandError, match="chỉ có 29 ngày"):
        _run("calendar", "--lunar", "30/12/2025")
    with pytest.raises(CommandError, match="không có tháng 5 nhuận"):
        _run("calendar", "--lunar", "01/05/2026", "--leap")
    client = login(leader)
    ok = client.get("/api/v1/lunar", {"year": 2026, "month": 1, "day": 1})
    assert ok.json()["solar"] == "2026-02-17"
    bad = client.get("/api/v1/lunar", {"year": 2025, "month": 12, "day": 30})
    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        {"field": "day", "message": "Tháng 12 âm lịch năm 2025 chỉ có 29 ngày"}
    ]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"calendar": "lunar", "month": 13, "day": 1}, "month"),
        ({"calendar": "lunar", "month": 1, "day": 31}, "day"),
        ({"calendar": "solar", "month": 2, "day": 30}, "day"),
    ],
)
def test_a_holiday_rule_that_cannot_exist_is_refused(db, fields, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        services.holiday_rule_create(actor=None, name="Sai", legal_basis="x", **fields)
    assert field in err.value.message_dict
    assert not HolidayRule.objects.filter(name="Sai").exists()


def test_the_calendar_page_shows_lunar_days_and_converts_lunar_dates(leader, login):
    client = login(leader)
    page = client.get("/lich/", {"year": 2026, "lunar": "10/03/2026"}).content.decode()
    assert "26/04/2026" in page and 'class="lunar"' in page
    # 17/02/2026 is lunar 1/1: the cell shows the month too.
    assert '17<small class="lunar" title="Âm lịch">1/1</small>' in page
    bad = client.get("/lich/", {"year": 2026, "lunar": "30/12/2025"}).content.decode()
    assert "Ngày âm lịch: Tháng 12 âm lịch năm 2025 chỉ có 29 ngày" in bad


def test_the_unit_search_answers_htmx_with_rows_only(admin, login):
    client = login(admin)
    fragment = client.get("/don-vi/", {"q": "pa uoi"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "Pá Uổi" in body and "<html" not in body and "Nà Nôm" not in body
    assert "HX-Request" in fragment["Vary"]
    assert "<html" in client.get("/don-vi/", {"q": "pa uoi"}).content.decode()


def test_the_deadline_api_refuses_a_cutoff_with_a_time_zone(leader, login):
    """Issue 9.8: ``"cutoff": "00:00:00Z"`` answered 500."""
    response = login(leader).post(
        "/api/v1/deadline",
        data=json.dumps({"start": "2026-02-13T16:00:00+07:00", "days": 3, "cutoff": "00:00:00Z"}),
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "cutoff"
    naive = login(leader).post(
        "/api/v1/deadline",
        data=json.dumps({"start": "2026-02-13T16:00:00", "days": 3, "org_unit": "03763"}),
        content_type="application/json",
    )
    assert naive.status_code == 200 and naive.json()["start"].endswith("+07:00")


def test_patching_a_unit_with_null_clears_the_text(admin, login):
    """Issue 9.8: ``"note": null`` answered 500."""
    response = login(admin).patch(
        "/api/v1/org-units/03763-B11",
        data=json.dumps({"note": None, "name": None}),
        content_type="application/json",
    )
    assert response.status_code == 200
    too_long = login(admin).patch(
        "/api/v1/org-units/03763-B11",
        data=json.dumps({"name": "x" * 201}),
        content_type="application/json",
    )
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["field"] == "name"


def test_the_delete_button_shows_only_on_overrides_the_viewer_may_delete(
    longhe, center, make_user, login
):
    """An administrator of the service center manages its calendar, not the commune's:
    the commune's own override is listed on the center's calendar without "Xóa"."""
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 9),
        day_off=True,
        reason="Nghỉ của xã (kiểm thử)",
        legal_basis="Quyết định (kiểm thử)",
        org_unit=longhe,
    )
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 10),
        day_off=True,
        reason="Nghỉ của trung tâm (kiểm thử)",
        legal_basis="Quyết định (kiểm thử)",
        org_unit=center,
    )
    user = make_user("quantri_tt", "administrator", center)
    page = login(user).get("/lich/", {"year": 2026, "don_vi": center.code}).content.decode()
    rows = page.split("Điều chỉnh lịch năm", 1)[1].split("</table>", 1)[0]
    commune_row = rows.split("Nghỉ của xã (kiểm thử)", 1)[1].split("</tr>", 1)[0]
    center_row = rows.split("Nghỉ của trung tâm (kiểm thử)", 1)[1].split("</tr>", 1)[0]
    assert "Xóa" not in commune_row
    assert "Xóa" in center_row
