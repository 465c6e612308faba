"""The one-stop API at its edges: what schemathesis (and a careless client) sent, and what
each now answers — a 4xx naming the field, never a server error, never a silent guess."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from tests.onestop.conftest import pdf_upload
from xaso.onestop import services
from xaso.onestop.models import Dossier, Status

pytestmark = pytest.mark.django_db


def _body(**changes) -> dict:
    body = {
        "org_unit": "03763-TTPVHCC",
        "procedure": "1.001193",
        "channel": "direct",
        "applicant": {
            "name": "Cầm Văn Bình",
            "id_number": "014090001111",
            "birth_date": "1990-05-01",
            "address": "Bản Ta Khom",
        },
    }
    applicant = changes.pop("applicant", {})
    body.update(changes)
    body["applicant"].update(applicant)
    return body


def _post(client, url, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **extra)


def _fields(response) -> list:
    return [e["field"] for e in response.json()["detail"]]


def test_it_refuses_the_period_past_the_calendar_instead_of_a_server_error(officer, login):
    """GET /onestop/statistics?end=9999-12-31 counted up to the day after the end: an
    OverflowError (500) on both databases."""
    response = login(officer).get(
        "/api/v1/onestop/statistics", {"start": "2026-01-01", "end": "9999-12-31"}
    )
    assert response.status_code == 422 and _fields(response) == ["end"]


def test_a_date_is_iso_and_real(officer, login):
    client = login(officer)
    for end in ("2026-02-30", "31/12/2026", "1767225600"):
        response = client.get("/api/v1/onestop/statistics", {"start": "2026-01-01", "end": end})
        assert response.status_code == 422 and _fields(response) == ["end"], end


def test_permission_is_checked_before_the_catalogue(admin, procedures, login):
    """The administrator (who does not receive dossiers) was told whether a procedure
    code exists (422) before being refused."""
    response = _post(login(admin), "/api/v1/dossiers", _body(procedure="no-such"))
    assert response.status_code == 403


def test_an_unknown_field_is_refused_not_ignored(officer, procedures, login):
    """A misspelt field ("birthdate") was dropped silently and the dossier saved without it."""
    response = _post(
        login(officer),
        "/api/v1/dossiers",
        _body(applicant={"birthdate": "1990-05-01"}),
    )
    assert response.status_code == 422 and _fields(response) == ["applicant.birthdate"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pages": "12"}, "pages"),  # a number as text
        ({"copies": True}, "copies"),  # a boolean as a number
        ({"copies": 1.5}, "copies"),
        ({"applicant": {"birth_date": 0}}, "applicant.birth_date"),  # a timestamp
        ({"channel": "fax"}, "channel"),
    ],
)
def test_a_value_of_the_wrong_type_is_not_coerced(officer, procedures, login, change, field):
    response = _post(login(officer), "/api/v1/dossiers", _body(**change))
    assert response.status_code == 422 and field in _fields(response)
    assert not Dossier.objects.exists()


def test_an_id_number_is_twelve_ascii_digits(officer, procedures, login):
    """'\\d' also matches Arabic-Indic and other digits: such an ID number was stored."""
    arabic = "٠١٤٠٩٠٠٠١١١١"  # 014090001111 in Arabic-Indic digits
    response = _post(login(officer), "/api/v1/dossiers", _body(applicant={"id_number": arabic}))
    assert response.status_code == 422 and _fields(response) == ["applicant.id_number"]
    assert not Dossier.objects.exists()


def test_the_service_refuses_other_digits_too(officer, center, procedures, applicant):
    with pytest.raises(ValidationError) as refused:
        services.dossier_intake(
            actor=officer,
            org_unit=center,
            procedure=procedures["1.001193"],
            channel="direct",
            applicant=dataclasses.replace(applicant, id_number="٠١٤٠٩٥٠٠١٢٣٤", phone="٠٩١٢٣٤٥٦٧٨"),
        )
    assert {"applicant_id_number", "applicant_phone"} <= set(refused.value.message_dict)


def test_the_api_names_the_applicants_fields_as_sent(officer, procedures, login):
    """The service's refusals named the desk form's fields (applicant_id_number); the API
    names the body's (applicant.id_number), whichever check refuses."""
    response = _post(
        login(officer),
        "/api/v1/dossiers",
        _body(applicant={"id_number": "014080001111", "birth_date": "1990-05-01"}),
    )
    assert response.status_code == 422 and _fields(response) == ["applicant.id_number"]


def test_an_unknown_queue_is_refused(officer, login):
    response = login(officer).get("/api/v1/dossiers", {"queue": "everything"})
    assert response.status_code == 422 and _fields(response) == ["queue"]


def test_a_body_that_is_not_json_names_the_body(officer, login):
    response = _post(login(officer), "/api/v1/dossiers", "{not json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": [{"field": "body", "message": "Dữ liệu gửi lên không phải JSON hợp lệ."}]
    }


def test_a_write_without_csrf_is_refused_in_vietnamese(officer, procedures):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = _post(client, "/api/v1/dossiers", _body())
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert "Thiếu mã CSRF" in response.json()["detail"]


def test_a_fee_beyond_the_column_is_refused_not_a_server_error(
    officer, specialist, center, procedures, applicant, login
):
    """POST /dossiers/{code}/transitions {"action": "request_payment", "amount": 10**20}
    reached the database: a server error on both (the page passes any digits too)."""
    dossier = services.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["1.001193"],
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Tờ khai", pdf_upload())],
    )
    services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    client = login(specialist)
    url = f"/api/v1/dossiers/{dossier.code}/transitions"
    for amount in (10**20, 10**13):
        response = _post(client, url, {"action": "request_payment", "amount": amount})
        assert response.status_code == 422 and _fields(response) == ["amount"], amount
    with pytest.raises(ValidationError) as refused:
        services.dossier_transition(
            actor=specialist, dossier=dossier, action="request_payment", amount=10**20
        )
    assert "amount" in refused.value.message_dict
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and dossier.fee_amount == 0
    ok = _post(client, url, {"action": "request_payment", "amount": 50_000})
    assert ok.status_code == 200 and ok.json()["fee_amount"] == 50_000


def test_the_idempotency_key_header_is_printable_ascii(officer, procedures, login):
    response = _post(login(officer), "/api/v1/dossiers", _body(), HTTP_IDEMPOTENCY_KEY="khoá-é")
    assert response.status_code == 422 and _fields(response) == ["Idempotency-Key"]


def test_the_public_lookup_key_is_bounded(client):
    response = client.get("/api/v1/public/dossiers/03763-260101-0001", {"key": "K" * 41})
    assert response.status_code == 422 and _fields(response) == ["key"]


def test_statistics_are_documented_and_answered_as_documented(officer, login):
    body = login(officer).get(
        "/api/v1/onestop/statistics", {"start": "2026-01-01", "end": dt.date.today().isoformat()}
    )
    assert body.status_code == 200
    assert set(body.json()) == {"start", "end", "org_unit", "total", "by_field", "indicators_766"}


def test_schema_refusals_are_vietnamese_sentences_naming_the_field(officer, procedures, login):
    """Not pydantic's English nor its regular expressions ("String should match pattern
    '^[^\\x00-…]*$'", "Extra inputs are not permitted")."""
    response = login(officer).post(
        "/api/v1/dossiers",
        data=json.dumps(
            {
                "org_unit": "03763-TTPVHCC",
                "procedure": "1.001193",
                "channel": "fax",
                "applicant": {"name": " ", "id_number": "12", "address": "Bản", "x": 1},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["detail"]}
    assert messages == {
        "channel": "Phải là một trong: 'direct', 'post' hoặc 'online'.",
        "applicant.name": "Không được để trống.",
        "applicant.id_number": "Số định danh cá nhân phải gồm đúng 12 chữ số.",
        "applicant.x": "Không nhận trường này.",
    }
