"""The pages that write a member's file, a cell's committee and a transfer in, as the
Party office uses them: each form validated (a message beside the field, nothing saved),
shown only to the Party office (leaders read; others 403; another commune 404), every
write audited with its extras in words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from xaso.core.models import AuditEntry
from xaso.party.models import Committee, Member, StatusChange, Transfer

pytestmark = pytest.mark.django_db

FILE = {
    "full_name": "Cầm Thị Xuân",
    "birth_date": "12/04/1990",
    "gender": "female",
    "ethnicity": "Thái",
    "admitted_on": "03/02/2015",
    "official_on": "03/02/2016",
    "card_number": "T9900001",
    "positions": "Trưởng bản",
    "general_education": "upper_secondary",
    "professional": "intermediate",
    "theory": "elementary",
}


@pytest.fixture
def office(party_office, login):
    return login(party_office)


def test_the_party_office_records_a_member_from_the_cell_page(office):
    cell_page = office.get("/dang/chi-bo/03763-CB01/").content.decode()
    assert "/dang/chi-bo/03763-CB01/dang-vien-moi/" in cell_page
    form = office.get("/dang/chi-bo/03763-CB01/dang-vien-moi/")
    assert form.status_code == 200 and "Họ và tên" in form.content.decode()
    response = office.post("/dang/chi-bo/03763-CB01/dang-vien-moi/", {**FILE, "status": "official"})
    member = Member.objects.get(full_name="Cầm Thị Xuân")
    assert response.status_code == 302 and response["Location"] == f"/dang/dang-vien/{member.pk}/"
    assert (member.org_unit.code, member.status, member.theory) == (
        "03763-CB01",
        "official",
        "elementary",
    )
    assert StatusChange.objects.filter(member=member).count() == 1
    entry = AuditEntry.objects.filter(action="party_member_create").latest("pk")
    assert "Cầm Thị Xuân" not in str(entry.changes)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"birth_date": "31/02/1990"}, "birth_date", "ngày hợp lệ"),
        ({"full_name": "x" * 151}, "full_name", "150"),
        ({"gender": "other"}, "gender", "Hãy chọn"),
        ({"birth_date": "12/04/2000"}, "birth_date", "chưa đủ"),
        ({"official_on": ""}, "official_on", "ngày chính thức"),
    ],
)
def test_a_wrong_file_is_refused_beside_its_field(office, change, field, message):
    response = office.post(
        "/dang/chi-bo/03763-CB01/dang-vien-moi/", {**FILE, "status": "official", **change}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not Member.objects.exists()


def test_the_file_is_corrected_but_status_and_cell_stay(office, new_member):
    member = new_member(full_name="Lò Văn Đức")
    page = office.get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert f"/dang/dang-vien/{member.pk}/sua/" in page
    data = {
        **FILE,
        "full_name": "Lò Văn Đức",
        "birth_date": "01/05/1980",
        "gender": "male",
        "admitted_on": "02/03/2005",
        "official_on": "02/03/2006",
        "card_number": member.card_number,
        "positions": "Bí thư chi bộ",
        # A crafted status or cell is ignored: the form has no such fields.
        "status": "removed",
        "org_unit": "03763-CB02",
    }
    response = office.post(f"/dang/dang-vien/{member.pk}/sua/", data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.positions, member.status, member.org_unit.code) == (
        "Bí thư chi bộ",
        "official",
        "03763-CB01",
    )
    entry = AuditEntry.objects.filter(action="party_member_update").latest("pk")
    assert "Bí thư chi bộ" not in str(entry.changes)  # masked: administrators read the log


def test_a_status_change_is_dated_and_kept_in_the_history(office, new_member):
    member = new_member(full_name="Lò Văn Đức")
    form = office.get(f"/dang/dang-vien/{member.pk}/bien-dong/").content.decode()
    assert "Từ trần" in form and "Ra khỏi Đảng" in form and "Dự bị" not in form
    future = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    refused = office.post(
        f"/dang/dang-vien/{member.pk}/bien-dong/", {"status": "deceased", "on": future}
    )
    assert "không được sau hôm nay" in " ".join(refused.context["form"].errors["on"])
    assert refused.status_code == 200
    member.refresh_from_db()
    assert member.status == "official"
    response = office.post(
        f"/dang/dang-vien/{member.pk}/bien-dong/",
        {"status": "deceased", "on": "10/01/2025", "note": "Từ trần do bệnh"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "deceased"
    assert list(StatusChange.objects.filter(member=member).values_list("status", flat=True)) == [
        "official",
        "deceased",
    ]
    page = office.get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert "Từ trần do bệnh" in page and "10/01/2025" in page
    # Nothing more to record for a deceased member: no button, the page refuses.
    assert f"/dang/dang-vien/{member.pk}/bien-dong/" not in page
    assert office.get(f"/dang/dang-vien/{member.pk}/bien-dong/").status_code == 403


def test_a_chi_uy_only_where_the_cell_has_nine_official_members(office, new_member):
    people = [new_member(full_name=f"Đảng viên {n}") for n in range(8)]
    form = office.get("/dang/chi-bo/03763-CB01/cap-uy/").content.decode()
    assert "Căn cứ" in form and "Điều lệ" in form
    data = {
        "elected": "1",
        "term_start": "01/09/2025",
        "secretary": str(people[0].pk),
        "deputy": str(people[1].pk),
        "members": [str(people[2].pk)],
    }
    refused = office.post("/dang/chi-bo/03763-CB01/cap-uy/", data)
    assert refused.status_code == 200
    assert "8 đảng viên chính thức" in " ".join(refused.context["form"].errors["elected"])
    assert not Committee.objects.exists()
    people.append(new_member(full_name="Đảng viên 9"))
    response = office.post("/dang/chi-bo/03763-CB01/cap-uy/", data)
    assert response.status_code == 302
    committee = Committee.objects.get()
    assert committee.elected and committee.seats.count() == 3
    page = office.get("/dang/chi-bo/03763-CB01/").content.decode()
    assert "Chi bộ có chi ủy." in page and "Đảng viên 0" in page
    entry = AuditEntry.objects.filter(action="party_committee_set").latest("pk")
    assert "Đảng viên 0" not in str(entry.changes)


def test_a_member_transferred_in_joins_the_roll(office):
    data = {
        **FILE,
        "kind": "official",
        "status": "official",
        "other_organisation": "Đảng bộ xã Chiềng Khoi",
        "on": "05/01/2026",
        "letter_number": "12-GGT/ĐU",
    }
    response = office.post("/dang/chi-bo/03763-CB02/chuyen-den/", {**data, "until": "01/02/2026"})
    assert "không có ngày kết thúc" in " ".join(response.context["form"].errors["until"])
    assert not Member.objects.exists()
    response = office.post("/dang/chi-bo/03763-CB02/chuyen-den/", data)
    assert response.status_code == 302
    member = Member.objects.get()
    transfer = Transfer.objects.get(member=member)
    assert (member.org_unit.code, member.temporary, transfer.direction) == (
        "03763-CB02",
        False,
        "in",
    )
    summary = office.get("/api/v1/party/summary?org_unit=03763-CB02").json()
    assert summary["members"] == 1
    entry = AuditEntry.objects.filter(action="party_member_transfer").latest("pk")
    assert "Chính thức — Từ nơi khác đến" in str(entry.changes)
    assert "'in'" not in str(entry.changes)


def test_writing_pages_are_the_party_office_s(
    new_member, party_leader, leader, officer, login, other_commune, make_user
):
    member = new_member(full_name="Lò Văn Đức")
    urls = [
        "/dang/chi-bo/03763-CB01/dang-vien-moi/",
        "/dang/chi-bo/03763-CB01/cap-uy/",
        "/dang/chi-bo/03763-CB01/chuyen-den/",
        f"/dang/dang-vien/{member.pk}/sua/",
        f"/dang/dang-vien/{member.pk}/bien-dong/",
    ]
    reader = login(party_leader)
    page = reader.get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert "/sua/" not in page and "/bien-dong/" not in page
    assert "dang-vien-moi" not in reader.get("/dang/chi-bo/03763-CB01/").content.decode()
    for who in (party_leader, leader, officer):
        client = login(who)
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, FILE).status_code == 403, url
    stranger = login(make_user("vpdang_khac", "party_office", other_commune))
    for url in urls:
        assert stranger.get(url).status_code == 404, url
    member.refresh_from_db()
    assert member.status == "official" and Member.objects.count() == 1


# --- the API ---------------------------------------------------------------------------------


def _json(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def test_the_api_writes_as_the_pages_do(office, new_member):
    body = {
        **FILE,
        "birth_date": "1990-04-12",
        "admitted_on": "2015-02-03",
        "official_on": "2016-02-03",
    }
    created = _json(
        office, "post", "/api/v1/party/cells/03763-CB01/members", {**body, "status": "official"}
    )
    assert created.status_code == 200, created.content
    pk = created.json()["id"]
    fixed = _json(office, "patch", f"/api/v1/party/members/{pk}", {"positions": "Phó bí thư"})
    assert fixed.status_code == 200 and fixed.json()["positions"] == "Phó bí thư"
    bad = _json(office, "patch", f"/api/v1/party/members/{pk}", {"birth_date": "2012-01-01"})
    assert bad.status_code == 422 and "birth_date" in bad.content.decode()
    status = _json(
        office,
        "post",
        f"/api/v1/party/members/{pk}/status",
        {"status": "removed", "on": "2025-03-01"},
    )
    assert status.status_code == 200 and status.json()["status"] == "removed"
    again = _json(
        office,
        "post",
        f"/api/v1/party/members/{pk}/status",
        {"status": "deceased", "on": "2025-03-02"},
    )
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "status"
    people = [new_member(full_name=f"Đảng viên {n}") for n in range(2)]
    committee = _json(
        office,
        "post",
        "/api/v1/party/cells/03763-CB01/committee",
        {
            "elected": False,
            "term_start": "2025-09-01",
            "seats": [
                {"member": people[0].pk, "position": "secretary"},
                {"member": people[1].pk, "position": "deputy"},
            ],
        },
    )
    assert committee.status_code == 200, committee.content
    assert committee.json()["seats"][0]["position"] == "secretary"
    moved = _json(
        office,
        "post",
        "/api/v1/party/cells/03763-CB02/transfer-in",
        {
            **body,
            "card_number": "",
            "status": "official",
            "kind": "temporary",
            "other_organisation": "Chi bộ Trường THPT Mường La",
            "on": "2026-01-05",
            "until": "2026-06-30",
        },
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["temporary"] is True


def test_the_api_refuses_readers_and_strangers(
    new_member, party_leader, officer, login, other_commune, make_user
):
    member = new_member(full_name="Lò Văn Đức")
    for who, expected in ((party_leader, 403), (officer, 403)):
        client = login(who)
        response = _json(client, "patch", f"/api/v1/party/members/{member.pk}", {"positions": "x"})
        assert response.status_code == expected
    stranger = login(make_user("vpdang_khac", "party_office", other_commune))
    response = _json(stranger, "patch", f"/api/v1/party/members/{member.pk}", {"positions": "x"})
    assert response.status_code == 404
    assert (
        _json(
            stranger,
            "post",
            "/api/v1/party/cells/03763-CB01/committee",
            {"elected": False, "term_start": "2025-09-01", "seats": []},
        ).status_code
        == 404
    )
    member.refresh_from_db()
    assert member.positions == ""


def test_an_admission_starts_in_any_cell_not_only_the_first(office):
    """The start form once searched the cells popping the chosen code on each try: any
    cell but the first in the list answered a 500."""
    from xaso.party.models import Admission

    response = office.post(
        "/dang/ket-nap/moi/",
        {
            "cell": "03763-CB02",
            "full_name": "Cà Thị Mai",
            "birth_date": "05/04/2000",
            "gender": "female",
            "ethnicity": "Thái",
            "general_education": "upper_secondary",
            "mass_organisation": "Đoàn Thanh niên bản",
            "introduced_on": "05/01/2026",
        },
    )
    assert response.status_code == 302
    assert Admission.objects.get().org_unit.code == "03763-CB02"
