import datetime as dt

import pytest

from xaso.core.workcal import TZ

MONDAY = dt.datetime(2026, 3, 2, 8, 0, tzinfo=TZ)


@pytest.fixture
def reception(longhe, make_user):
    return make_user("tiepdan_lh", "reception", longhe)


@pytest.fixture
def reception2(longhe, make_user):
    return make_user("tiepdan2_lh", "reception", longhe)


@pytest.fixture
def chairman(longhe, make_user):
    return make_user("chutich_lh", "leader", longhe)


@pytest.fixture
def statistician(longhe, make_user):
    return make_user("thongke_lh", "statistics", longhe)


@pytest.fixture
def village(longhe):
    from xaso.core.models import OrgUnit

    return OrgUnit.objects.get(code="03763-B01")


@pytest.fixture
def receive(longhe, reception, chairman, village):
    from xaso.petitions import services

    def do(kind="complaint", summary="Tranh chấp đất nương", id_number="014095001234", **kw):
        kw.setdefault("actor", reception)
        kw.setdefault("decider", chairman)
        kw.setdefault("received_at", MONDAY)
        kw.setdefault("channel", "reception")
        kw.setdefault("org_unit", longhe)
        kw.setdefault("village", village)
        return services.petition_receive(
            kind=kind,
            summary=summary,
            petitioner=services.Petitioner(
                name="Lò Văn Tố",
                id_number=id_number,
                address="Bản Pá Uổi",
                phone="0912345678",
            ),
            **kw,
        )

    return do


def pdf_upload(name="don.pdf", size=200):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")
