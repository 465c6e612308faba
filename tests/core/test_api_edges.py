"""The core API at its edges (found by schemathesis): org units, the calendar, deadlines,
the lunar calendar, the audit log — and the OpenAPI document that describes them."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def _send(client, method, url, body):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def _fields(response) -> list:
    return [e["field"] for e in response.json()["detail"]]


def test_a_date_is_not_read_from_a_number(admin, login):
    """PATCH /org-units/{code} {"valid_from": 86400} set the unit's start to 02/01/1970
    (pydantic reads a number as seconds since 1970)."""
    client = login(admin)
    before = client.get("/api/v1/org-units/03763-B11").json()["valid_from"]
    response = _send(client, "patch", "/api/v1/org-units/03763-B11", {"valid_from": 86400})
    assert response.status_code == 422 and _fields(response) == ["valid_from"]
    assert client.get("/api/v1/org-units/03763-B11").json()["valid_from"] == before


def test_a_unit_closing_before_it_opens_is_refused_in_vietnamese(admin, login):
    """The database constraint answered in English under "__all__"."""
    response = _send(
        login(admin),
        "patch",
        "/api/v1/org-units/03763-B11",
        {"valid_from": "2026-01-01", "valid_to": "2025-12-31"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "valid_to", "message": "Ngày ngừng hoạt động không được trước ngày bắt đầu."}
    ]


def test_an_unknown_field_is_refused(admin, login):
    """{"code": ...} or a misspelt field was dropped silently and answered 200."""
    response = _send(login(admin), "patch", "/api/v1/org-units/03763-B11", {"nmae": "Bản Mới"})
    assert response.status_code == 422 and _fields(response) == ["nmae"]


@pytest.mark.parametrize(
    "start", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "1900-01-01T00:00:00"]
)
def test_a_deadline_outside_the_calendar_is_refused(officer, login, start):
    """Year 1 and 9999 overflowed the calendar (500); 1900 answered with Vietnam's local
    mean time, +07:06:40, which no ISO 8601 zone can write (the document said date-time)."""
    response = _send(login(officer), "post", "/api/v1/deadline", {"start": start, "days": 3})
    assert response.status_code == 422 and _fields(response) == ["start"]


def test_a_deadline_answers_its_cutoff_as_a_time(officer, login):
    response = _send(
        login(officer),
        "post",
        "/api/v1/deadline",
        {"start": "2026-02-13T16:00:00+07:00", "days": 3, "cutoff": "15:00"},
    )
    assert response.status_code == 200 and response.json()["cutoff"] == "15:00:00"


def test_days_are_a_number_not_text(officer, login):
    response = _send(
        login(officer), "post", "/api/v1/deadline", {"start": "2026-02-13T16:00:00", "days": "3"}
    )
    assert response.status_code == 422 and _fields(response) == ["days"]


def test_a_missing_leap_month_is_named_as_such(officer, login):
    """Every lunar date that does not exist was blamed on the day."""
    response = login(officer).get(
        "/api/v1/lunar", {"year": 2026, "month": 1, "day": 1, "leap": "true"}
    )
    assert response.status_code == 422 and _fields(response) == ["leap"]


def test_a_lunar_year_outside_the_tables_is_refused_at_the_edge(officer, login):
    response = login(officer).get("/api/v1/lunar", {"year": 99999, "month": 1, "day": 1})
    assert response.status_code == 422 and _fields(response) == ["year"]


def test_the_audit_log_takes_iso_dates_and_a_bounded_limit(leader, login):
    client = login(leader)
    assert client.get("/api/v1/audit", {"since": "2026-01-01"}).status_code == 200
    for params, field in (({"until": "2026-02-30"}, "until"), ({"limit": 0}, "limit")):
        response = client.get("/api/v1/audit", params)
        assert response.status_code == 422 and _fields(response) == [field], params


def test_an_unknown_kind_of_unit_is_refused(officer, login):
    response = login(officer).get("/api/v1/org-units", {"kind": "planet"})
    assert response.status_code == 422 and _fields(response) == ["kind"]


@pytest.mark.parametrize("nest", ["[{}]", '{{"a": {}}}'])
def test_a_deeply_nested_body_is_refused_not_a_server_error(client, nest):
    """5,000 nested arrays (10 KB) made the input guard's JSON decoder raise RecursionError:
    a server error on every API path, before any login."""
    body = "1"
    for _ in range(5000):
        body = nest.format(body)
    response = client.post("/api/v1/dossiers", data=body, content_type="application/json")
    assert response.status_code == 400 and _fields(response) == ["body"]
    shallow = client.post(
        "/api/v1/dossiers", data="[" * 20 + "]" * 20, content_type="application/json"
    )
    assert shallow.status_code == 401  # a shallow one goes on to the API


def test_a_multipart_body_without_boundary_is_refused_as_documented(client):
    """Django answered an HTML page; the API's 400 is JSON naming the field."""
    response = client.generic(
        "POST", "/api/v1/dossiers", data=b"x=1", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert _fields(response) == ["body"]
