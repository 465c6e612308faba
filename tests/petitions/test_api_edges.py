"""The petitions API at its edges (found by schemathesis)."""

from __future__ import annotations

import json

import pytest

from xaso.petitions import services
from xaso.petitions.models import Status

pytestmark = pytest.mark.django_db


def _act(client, code, action, body):
    return client.post(
        f"/api/v1/petitions/{code}/{action}",
        data=json.dumps(body),
        content_type="application/json",
    )


def _fields(response) -> list:
    return [e["field"] for e in response.json()["detail"]]


def test_a_recipient_longer_than_its_column_is_refused_not_a_server_error(
    receive, reception, login
):
    """POST /petitions/{code}/forward with forwarded_to of 201 characters: PostgreSQL
    refused to store it (500); SQLite stored it."""
    petition = receive(kind="recommendation")
    response = _act(
        login(reception),
        petition.code,
        "forward",
        {"reason": "Không thuộc thẩm quyền", "forwarded_to": "S" * 201},
    )
    assert response.status_code == 422 and _fields(response) == ["forwarded_to"]
    petition.refresh_from_db()
    assert petition.status == Status.RECEIVED and petition.forwarded_to == ""


def test_the_service_bounds_the_recipient_too(receive, reception):
    from django.core.exceptions import ValidationError

    petition = receive(kind="recommendation")
    with pytest.raises(ValidationError) as refused:
        services.petition_transition(
            actor=reception,
            petition=petition,
            action="forward",
            reason="Không thuộc thẩm quyền",
            forwarded_to="x" * 201,
        )
    assert list(refused.value.message_dict) == ["forwarded_to"]


def test_an_unknown_step_or_field_is_refused(receive, reception, login):
    petition = receive(kind="recommendation")
    client = login(reception)
    unknown = _act(client, petition.code, "approve", {})
    assert unknown.status_code == 422 and _fields(unknown) == ["action"]
    misspelt = _act(client, petition.code, "refuse", {"reasons": "Trùng đơn"})
    assert misspelt.status_code == 422 and _fields(misspelt) == ["reasons"]
