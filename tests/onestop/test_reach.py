"""What a user may learn through the desk's list, statistics and registers: no ID number
mapped to a name by a role that may not see it; an installation operator without a unit
chooses the unit instead of meeting a server error (issue 9.3, 9.5)."""

from __future__ import annotations

import json

import pytest

from tests.onestop.conftest import pdf_upload
from xaso.core.models import User
from xaso.onestop import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(officer, center, procedures, applicant):
    return services.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["1.001193"],
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Tờ khai", pdf_upload())],
    )


def test_a_role_that_may_not_see_id_numbers_cannot_search_by_one(
    dossier, officer, longhe, make_user, login
):
    statistician = make_user("thongke_lh", "statistics", longhe)
    for user, found in ((statistician, False), (officer, True)):
        client = login(user)
        page = client.get("/mot-cua/", {"q": dossier.applicant_id_number}).content.decode()
        assert (dossier.code in page) is found
        api = client.get("/api/v1/dossiers", {"q": dossier.applicant_id_number}).json()
        assert bool(api) is found
    # The name, which the list shows to both, still finds it.
    names = login(statistician).get("/api/v1/dossiers", {"q": "lo van thu"}).json()
    assert [d["code"] for d in names] == [dossier.code]


def test_an_operator_without_a_unit_chooses_one(dossier, client):
    root = User.objects.create_superuser("caidat", password="mat-khau-cai-dat-2026", full_name="X")
    client.force_login(root)
    choose = client.get("/mot-cua/thong-ke/")
    assert choose.status_code == 200 and "Hãy chọn đơn vị cần thống kê." in choose.content.decode()
    chosen = client.get("/mot-cua/thong-ke/", {"don_vi": "03763"})
    assert chosen.status_code == 200 and "Xã Long Hẹ" in chosen.content.decode()
    assert client.get("/mot-cua/so-theo-doi.pdf").status_code == 400
    pdf = client.get("/mot-cua/so-theo-doi.pdf", {"don_vi": "03763"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    api = client.get("/api/v1/onestop/statistics", {"start": "2026-01-01", "end": "2026-12-31"})
    assert api.status_code == 422 and json.loads(api.content)["detail"][0]["field"] == "org_unit"
    ok = client.get(
        "/api/v1/onestop/statistics",
        {"start": "2026-01-01", "end": "2026-12-31", "org_unit": "03763"},
    )
    assert ok.status_code == 200 and ok.json()["total"]["received"] >= 1


def test_statistics_of_another_commune_are_not_found(outsider, login, dossier):
    client = login(outsider)
    assert client.get("/mot-cua/thong-ke/", {"don_vi": "03763"}).status_code == 404
    api = client.get(
        "/api/v1/onestop/statistics",
        {"start": "2026-01-01", "end": "2026-12-31", "org_unit": "03763"},
    )
    assert api.status_code == 404
