"""Fixtures of the portal tests: the catalogue, the service center, a desk officer and a
specialist (re-declared from tests/onestop/conftest.py), and dossiers in a few states."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.onestop.conftest import pdf_upload

APPLICANT = {
    "name": "Lò Văn Thử",
    "id_number": "014095001234",
    "birth_date": dt.date(1995, 3, 2),
    "address": "Số 7 đường Lò Rèn, tổ Hạnh Phúc",
    "phone": "0912345678",
    "email": "lo.van.thu@example.vn",
}


@pytest.fixture
def applicant(longhe):
    from xaso.core.models import OrgUnit
    from xaso.onestop.services import Applicant

    return Applicant(
        name=APPLICANT["name"],
        id_number=APPLICANT["id_number"],
        address=APPLICANT["address"],
        birth_date=APPLICANT["birth_date"],
        village=OrgUnit.objects.get(code="03763-B01"),
        phone=APPLICANT["phone"],
        email=APPLICANT["email"],
    )


@pytest.fixture
def desk_dossier(officer, center, procedures, applicant):
    """Make a dossier received at the desk: ``desk_dossier(code, at=...)``."""
    from xaso.onestop import services

    def make(procedure_code="1.004873", at=None):
        return services.dossier_intake(
            actor=officer,
            org_unit=center,
            procedure=procedures[procedure_code],
            channel="direct",
            applicant=applicant,
            uploads=[services.Upload("Tờ khai", pdf_upload("to-khai-lo-van-thu.pdf"))],
            at=at or timezone.now(),
        )

    return make


@pytest.fixture
def returned_dossier(desk_dossier, officer, specialist):
    """A dossier whose result was handed over at the desk."""
    from xaso.onestop import services

    dossier = desk_dossier("1.004873")
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="complete",
        result=services.Upload("Giấy xác nhận", pdf_upload("ket-qua.pdf")),
    )
    return services.dossier_transition(
        actor=officer, dossier=dossier, action="return_result", return_method="desk"
    )


def token_of(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "the form carries no idempotency token"
    return match.group(1)


@pytest.fixture
def submission(client, procedures):
    """GET the online form of ``code`` and return a POST payload that passes, files
    included; tests change what they need."""

    def build(code="1.001193", **changes):
        page = client.get(f"/nop-truc-tuyen/{code}/")
        assert page.status_code == 200
        data = {
            "token": token_of(page.content.decode()),
            "applicant_name": APPLICANT["name"],
            "applicant_id_number": APPLICANT["id_number"],
            "applicant_birth_date": APPLICANT["birth_date"].strftime("%d/%m/%Y"),
            "applicant_address": APPLICANT["address"],
            "applicant_village": "03763-B01",
            "applicant_phone": APPLICANT["phone"],
            "applicant_email": APPLICANT["email"],
            "on_behalf_of": "",
            "consent": "on",
        }
        for index in range(len(procedures[code].required_documents)):
            data[f"document_{index}"] = pdf_upload(f"giay-to-{index}.pdf")
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    return build


def public_url(dossier, key: str | None = None) -> str:
    """The public page of ``dossier`` as its slip gives it: code and look-up key."""
    return f"/tra-cuu/{dossier.code}/?khoa={dossier.lookup_key if key is None else key}"
