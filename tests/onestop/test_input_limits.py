"""Issue 9.8–9.9: what people type is checked by the services to the same limits on both
databases — a name longer than its column, a phone "abc-xyz", an e-mail that is not one,
a birth date in the future (said as such, not as an ID mismatch), absurd page counts —
4xx naming the field, nothing saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from tests.onestop.conftest import pdf_upload
from xaso.onestop import services
from xaso.onestop.models import Dossier

pytestmark = pytest.mark.django_db


def _intake(officer, center, procedures, applicant, **kw):
    return services.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["2.000815"],
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Bản chính", pdf_upload())],
        **kw,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Lò " * 60_000}, "applicant_name"),
        ({"address": "x" * 301}, "applicant_address"),
        ({"phone": "abc-xyz"}, "applicant_phone"),
        ({"phone": "0" * 25}, "applicant_phone"),
        ({"email": "khong-phai-thu"}, "applicant_email"),
        ({"on_behalf_of": "y" * 151}, "on_behalf_of"),
        ({"birth_date": dt.date(2999, 1, 1)}, "applicant_birth_date"),
    ],
)
def test_the_desk_service_names_the_field_and_saves_nothing(
    officer, center, procedures, applicant, changes, field
):
    with pytest.raises(ValidationError) as refused:
        _intake(officer, center, procedures, dataclasses.replace(applicant, **changes))
    assert field in refused.value.message_dict
    assert not Dossier.objects.exists()


def test_a_future_birth_date_is_not_reported_as_an_id_mismatch(
    officer, center, procedures, applicant
):
    with pytest.raises(ValidationError) as refused:
        _intake(
            officer,
            center,
            procedures,
            dataclasses.replace(applicant, birth_date=dt.date(2999, 1, 1)),
        )
    assert refused.value.message_dict == {"applicant_birth_date": ["Ngày không thể sau hôm nay."]}


def test_page_and_copy_counts_are_bounded(officer, center, procedures, applicant):
    with pytest.raises(ValidationError) as refused:
        _intake(officer, center, procedures, applicant, pages=10**12, copies=0)
    assert {"pages", "copies"} <= set(refused.value.message_dict)


def test_the_api_answers_422_naming_the_field(officer, procedures, login):
    response = login(officer).post(
        "/api/v1/dossiers",
        data=json.dumps(
            {
                "org_unit": "03763-TTPVHCC",
                "procedure": "1.001193",
                "channel": "direct",
                "applicant": {
                    "name": "Cầm Văn Bình",
                    "id_number": "014090001111",
                    "birth_date": "1990-05-01",
                    "address": "Bản Ta Khom",
                    "phone": "abc-xyz",
                },
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["applicant.phone"]
    assert not Dossier.objects.exists()


def test_the_applicants_bản_must_be_in_the_centers_commune(
    officer, center, procedures, applicant, other_commune
):
    from xaso.core.models import OrgUnit

    elsewhere = OrgUnit.objects.get(code="09999-B01")
    with pytest.raises(ValidationError) as refused:
        _intake(officer, center, procedures, dataclasses.replace(applicant, village=elsewhere))
    assert "applicant_village" in refused.value.message_dict
    assert not Dossier.objects.exists()
