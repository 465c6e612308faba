"""Issue 9.9: petitions refuse an ID number with letters, a phone that is not one, text
longer than its column and a reception session dated in the future — naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from xaso.petitions import services
from xaso.petitions.models import Petition, ReceptionSession

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"id_number": "01409500ABCD"}, "petitioner_id_number"),
        ({"summary": "x" * 301}, "summary"),
        ({"phone": "abc-xyz"}, "petitioner_phone"),
    ],
)
def test_receiving_names_the_bad_field(longhe, reception, kw, field):
    petitioner = services.Petitioner(
        name="Lò Văn Tố",
        id_number=kw.pop("id_number", ""),
        phone=kw.pop("phone", ""),
    )
    with pytest.raises(ValidationError) as refused:
        services.petition_receive(
            actor=reception,
            org_unit=longhe,
            kind="complaint",
            channel="reception",
            summary=kw.pop("summary", "Tranh chấp đất"),
            petitioner=petitioner,
        )
    assert field in refused.value.message_dict
    assert not Petition.objects.exists()


def test_the_reception_page_shows_the_error_beside_its_field(login, reception):
    response = login(reception).post(
        "/don-thu/tiep-nhan/",
        {
            "kind": "complaint",
            "channel": "reception",
            "summary": "Tranh chấp đất",
            "name": "Lò Văn Tố",
            "id_number": "01409500ABCD",
            "phone": "abc-xyz",
        },
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "12 chữ số" in html and "Số điện thoại không hợp lệ" in html
    assert not Petition.objects.exists()


def test_a_reception_session_cannot_be_in_the_future(longhe, reception):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.session_record(
            actor=reception, org_unit=longhe, date=tomorrow, host=reception, host_is_chairman=False
        )
    assert "date" in refused.value.message_dict
    assert not ReceptionSession.objects.exists()
