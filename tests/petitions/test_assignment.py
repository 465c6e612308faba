"""Issue 9.10: a denunciation received at the reception page had no deciding leader and
nothing could name one, so it could never be concluded. Naming the handler and the
decider is a step of its own, audited, on the page and in the API."""

from __future__ import annotations

import re

import pytest

from xaso.core.models import AuditEntry
from xaso.petitions.models import Petition, Status

pytestmark = pytest.mark.django_db


def _receive_at_the_desk(client) -> Petition:
    response = client.post(
        "/don-thu/tiep-nhan/",
        {
            "kind": "denunciation",
            "channel": "reception",
            "summary": "Tố cáo sai phạm trong hỗ trợ nhà ở",
            "name": "Lò Văn Tố",
            "id_number": "014095001234",
        },
    )
    assert response.status_code == 302
    return Petition.objects.get()


def test_a_leader_names_the_decider_who_then_concludes(login, reception, chairman, leader):
    petition = _receive_at_the_desk(login(reception))
    assert petition.assigned_to == reception and petition.decider is None
    leader_page = login(chairman).get(f"/don-thu/don/{petition.code}/").content.decode()
    assert "Phân công" in leader_page and "Lò Văn Tố" not in leader_page
    refused = login(reception).post(  # reception staff do not name deciders
        f"/don-thu/don/{petition.code}/assign/",
        {"assigned_to": reception.username, "decider": chairman.username},
    )
    assert refused.status_code == 403
    response = login(chairman).post(
        f"/don-thu/don/{petition.code}/assign/",
        {"assigned_to": reception.username, "decider": chairman.username},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.decider == chairman
    assert AuditEntry.objects.filter(action="petition_assign", object_id=petition.pk).exists()
    client = login(reception)
    client.post(f"/don-thu/don/{petition.code}/accept/")
    leader_client = login(chairman)
    concluded = leader_client.post(
        f"/don-thu/don/{petition.code}/conclude/", {"answer": "Tố cáo đúng một phần."}
    )
    assert concluded.status_code == 302
    petition.refresh_from_db()
    assert petition.status == Status.CONCLUDED
    # Now the decider alone may change the people: another leader may not.
    again = login(leader).post(
        f"/don-thu/don/{petition.code}/assign/",
        {"assigned_to": reception.username, "decider": leader.username},
    )
    petition.refresh_from_db()
    assert again.status_code == 403 and petition.decider == chairman


def test_the_api_assigns_and_names_a_wrong_person(login, reception, chairman, officer):
    petition = _receive_at_the_desk(login(reception))
    client = login(chairman)
    wrong = client.post(
        f"/api/v1/petitions/{petition.code}/assign",
        data={"assigned_to": officer.username, "decider": chairman.username},
        content_type="application/json",
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "assigned_to"
    ok = client.post(
        f"/api/v1/petitions/{petition.code}/assign",
        data={"assigned_to": reception.username, "decider": chairman.username},
        content_type="application/json",
    )
    assert ok.status_code == 200
    petition.refresh_from_db()
    assert petition.decider == chairman


def test_the_history_reads_in_words_not_codes(login, reception, chairman):
    petition = _receive_at_the_desk(login(reception))
    login(chairman).post(
        f"/don-thu/don/{petition.code}/assign/",
        {"assigned_to": reception.username, "decider": chairman.username},
    )
    page = login(chairman).get(f"/don-thu/don/{petition.code}/").content.decode()
    history = page.split("Quá trình", 1)[1].split("</ol>", 1)[0]
    # Each step's label, as a sentence starts.
    assert "Tiếp nhận" in history and "Phân công cán bộ xử lý" in history
    for code in ("receive", "assign"):
        assert not re.search(rf"\b{code}\b", history), code
