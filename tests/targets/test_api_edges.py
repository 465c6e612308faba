"""The targets API at its edges (found by schemathesis), and the service's own bounds:
the validation rules are data an administrator may switch off, so what the columns hold
cannot depend on them."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from xaso.targets import services
from xaso.targets.models import DataValue, Measure, ValidationRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_rules(resolution):
    ValidationRule.objects.update(active=False)
    return resolution


def _enter(client, payload):
    return client.post(
        "/api/v1/target-values", data=json.dumps(payload), content_type="application/json"
    )


def _fields(response) -> list:
    return [e["field"] for e in response.json()["detail"]]


def test_a_year_beyond_the_column_is_refused_with_the_rules_off(no_rules, statistician, login):
    """year 40000 (with "period in term" switched off) reached the database: PostgreSQL
    refused it (500, the column is a small integer); SQLite stored it."""
    payload = {"org_unit": "03763", "year": 40000, "values": [{"measure": "KT6", "value": 1}]}
    response = _enter(login(statistician), payload)
    assert response.status_code == 422 and _fields(response) == ["year"]
    with pytest.raises(ValidationError) as refused:
        services.values_enter(
            actor=statistician,
            org_unit=no_rules.org_unit,
            year=40000,
            entries=[services.Entry(measure=Measure.objects.get(code="KT6"), value=1)],
        )
    assert list(refused.value.message_dict) == ["year"]
    assert not DataValue.objects.exists()


def test_a_ratio_too_large_for_its_column_is_refused(no_rules, statistician, login):
    """numerator 10^15 over denominator 0.0001 (with "numerator ≤ denominator" switched
    off) made a percentage of 10^21: a server error on both databases."""
    response = _enter(
        login(statistician),
        {
            "org_unit": "03763",
            "year": 2026,
            "values": [{"measure": "XH2", "numerator": "999999999999999", "denominator": "0.0001"}],
        },
    )
    assert response.status_code == 422 and _fields(response) == ["XH2.value"]
    assert not DataValue.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quarter": 5}, "quarter"),
        ({"year": "2026"}, "year"),
        ({"submit": "yes"}, "submit"),
        ({"values": []}, "values"),
        ({"values": [{"measure": "KT6", "value": "NaN"}]}, "values.0.value"),
        ({"values": [{"measure": "KT6", "value": 0.00001}]}, "values.0.value"),
        ({"values": [{"measure": "KT6", "value": True}]}, "values.0.value"),
    ],
)
def test_a_bad_value_is_refused_at_the_edge(resolution, statistician, login, change, field):
    payload = {"org_unit": "03763", "year": 2026, "values": [{"measure": "KT6", "value": 1}]}
    payload.update(change)
    response = _enter(login(statistician), payload)
    assert response.status_code == 422 and _fields(response) == [field]
    assert not DataValue.objects.exists()


def test_a_float_is_read_as_the_decimal_it_stands_for(resolution, statistician, login):
    response = _enter(
        login(statistician),
        {"org_unit": "03763", "year": 2026, "values": [{"measure": "KT6", "value": 0.1 + 0.2}]},
    )
    assert response.status_code == 200
    assert str(DataValue.objects.get().value) == "0.3000"


def test_ids_to_approve_are_database_ids(resolution, leader, login):
    """An id past 2^63 - 1 reached PostgreSQL's bigint (500)."""
    client = login(leader)
    for ids in ([2**63], ["1"], []):
        response = client.post(
            "/api/v1/target-values/approve",
            data=json.dumps({"ids": ids}),
            content_type="application/json",
        )
        assert response.status_code == 422 and _fields(response)[0].startswith("ids"), ids


def test_listing_a_year_beyond_the_column_is_refused(resolution, statistician, login):
    response = login(statistician).get(
        "/api/v1/target-values", {"org_unit": "03763", "year": 40000, "quarter": 9}
    )
    assert response.status_code == 422 and set(_fields(response)) == {"year", "quarter"}


def test_a_measure_given_twice_is_refused_not_a_server_error(resolution, statistician, login):
    """Two values for KT6 in one request: the second row hit the unique constraint of
    (measure, unit, year, quarter) — a server error on both databases."""
    response = _enter(
        login(statistician),
        {
            "org_unit": "03763",
            "year": 2026,
            "values": [{"measure": "KT6", "value": 50}, {"measure": "KT6", "value": 60}],
        },
    )
    assert response.status_code == 422 and _fields(response) == ["KT6.measure"]
    assert not DataValue.objects.exists()
