"""Every request's text is checked at the edge, the same on both databases: NUL, other
control characters and lone surrogates answer 400 naming the field (never a 500 from
PostgreSQL, never silently stored by SQLite), and an oversized body 413 unread."""

from __future__ import annotations

import json

import pytest

from xaso.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/public/dossiers/%00",
        "/kien-nghi/theo-doi/?ma=%00",
        "/nop-truc-tuyen/%00/",
        "/tra-cuu/?ma=abc%01",
    ],
)
def test_it_refuses_control_characters_in_addresses_and_parameters(client, longhe, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_it_names_the_json_field_that_holds_a_nul_or_a_lone_surrogate(admin, login):
    client = login(admin)
    for bad in ("Bản\u0000A", "\ud800"):
        response = client.patch(
            "/api/v1/org-units/03763-B11",
            data=json.dumps({"name": bad, "note": "ok"}, ensure_ascii=True),
            content_type="application/json",
        )
        assert response.status_code == 400
        assert response.json()["detail"][0]["field"] == "name"


def test_it_names_a_list_item_as_the_schema_errors_do(admin, login):
    """The guard said values[0].value where a schema error says values.0.value."""
    body = {"org_unit": "03763", "year": 2026, "values": [{"measure": "KT6\u0000"}]}
    response = login(admin).post(
        "/api/v1/target-values", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "values.0.measure"


def test_it_refuses_a_form_field_with_a_nul_and_saves_nothing(client, longhe):
    response = client.post("/kien-nghi/", {"summary": "Đèn\x00hỏng", "name": "A"})
    assert response.status_code == 400 and "summary" in response.content.decode()
    assert not Petition.objects.exists()


def test_it_refuses_an_oversized_body_before_reading_it(client, longhe, settings):
    settings.XASO_MAX_REQUEST_BYTES = 1024
    response = client.post("/api/v1/dossiers", data="x" * 2048, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"][0]["field"] == "body"


def test_ordinary_vietnamese_text_with_line_breaks_passes(admin, login):
    response = login(admin).patch(
        "/api/v1/org-units/03763-B11",
        data=json.dumps({"note": "Dòng một\nDòng hai\tcó tab"}),
        content_type="application/json",
    )
    assert response.status_code == 200
