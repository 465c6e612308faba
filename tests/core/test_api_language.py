"""The API's refusals in one language at a time: Vietnamese by default, English when the
client asks (``Accept-Language: en`` or the language cookie) — never a Vietnamese
sentence with pydantic's English inside ("Giá trị không hợp lệ (Field required)")."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from xaso.core.apischema import explain

pytestmark = pytest.mark.django_db


def _post(client, url, body, **headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def _messages(response) -> dict:
    return {e["field"]: e["message"] for e in response.json()["detail"]}


def test_a_library_error_never_leaks_its_english():
    """A ValueError raised inside a validator by a library (here: fromisoformat) read
    "Invalid isoformat string: …." inside the answer."""
    error = {
        "type": "value_error",
        "msg": "Value error, Invalid isoformat string: '2026-13-01'",
        "ctx": {"error": "Invalid isoformat string: '2026-13-01'"},
    }
    assert explain(error) == "Giá trị không hợp lệ."
    with translation.override("en"):
        assert explain(error) == "Invalid value."


def test_our_validators_speak_the_requests_language(officer, login):
    client = login(officer)
    body = {"start": "2026-02-13T16:00:00", "days": 3.5}
    vietnamese = _post(client, "/api/v1/deadline", body)
    assert vietnamese.status_code == 422
    assert _messages(vietnamese) == {"days": "Phải là một số nguyên."}
    asked = _post(client, "/api/v1/deadline", body, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert _messages(asked) == {"days": "Must be a whole number."}
    assert "Accept-Language" in asked["Vary"] and asked["Content-Language"] == "en"


def test_a_missing_field_is_named_in_one_language(officer, login):
    client = login(officer)
    vietnamese = _post(client, "/api/v1/deadline", {"days": 3})
    assert _messages(vietnamese) == {"start": "Thiếu trường bắt buộc."}
    client.cookies["django_language"] = "en"
    english = _post(client, "/api/v1/deadline", {"days": 3})
    assert _messages(english) == {"start": "This field is required."}
    assert "Field required" not in english.content.decode()


def test_the_lunar_calendar_refuses_in_english_when_asked(officer, login):
    client = login(officer)
    params = {"year": 2025, "month": 12, "day": 30}
    vietnamese = client.get("/api/v1/lunar", params)
    assert _messages(vietnamese) == {"day": "Tháng 12 âm lịch năm 2025 chỉ có 29 ngày"}
    asked = client.get("/api/v1/lunar", params, HTTP_ACCEPT_LANGUAGE="en")
    assert _messages(asked) == {"day": "Lunar month 12 of 2025 has only 29 days"}
    leap = client.get(
        "/api/v1/lunar",
        {"year": 2026, "month": 1, "day": 1, "leap": "true"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert _messages(leap) == {"leap": "Lunar year 2026 has no leap month 1"}


def test_refusals_of_the_caller_follow_the_language_too(officer, login):
    client = login(officer)
    assert client.get("/api/v1/org-units/KHONG-CO").json() == {"detail": "Không tìm thấy."}
    asked = client.get("/api/v1/org-units/KHONG-CO", HTTP_ACCEPT_LANGUAGE="en")
    assert asked.json() == {"detail": "Not found."}


def test_pages_still_ignore_the_browsers_language(client):
    """Only the API follows Accept-Language; pages stay Vietnamese until switched."""
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "vi"
