import datetime as dt

import pytest


@pytest.fixture
def applicant(longhe):
    from xaso.core.models import OrgUnit
    from xaso.onestop.services import Applicant

    return Applicant(
        name="Lò Văn Thử",
        id_number="014095001234",
        address="Bản Pá Uổi",
        birth_date=dt.date(1995, 3, 2),
        village=OrgUnit.objects.get(code="03763-B01"),
        phone="0912345678",
    )


def pdf_upload(name="giay-chung-sinh.pdf", size=200):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")
