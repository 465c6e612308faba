"""Who sees member files (docs/architecture.md, "Party"): the Party office and leaders
— their role over the Đảng ủy or over the commune — and nobody else; another commune's
leader sees none of it and learns nothing (404). Every showing of a file is audited,
and the audit log, which administrators read, never holds a member's name."""

from __future__ import annotations

import pytest

from xaso.core.models import AuditEntry, OrgUnit

pytestmark = pytest.mark.django_db

PAGES = ["/dang/", "/dang/dang-vien/", "/dang/huy-hieu/", "/dang/chi-bo/03763-CB01/"]


@pytest.fixture
def member(new_member):
    return new_member(full_name="Lò Văn Đức")


@pytest.fixture
def statistician(longhe, make_user):
    return make_user("thongke_lh", "statistics", longhe)


@pytest.fixture
def receptionist(longhe, make_user):
    return make_user("tiepdan_lh", "reception", longhe)


@pytest.mark.parametrize("who", ["party_office", "party_leader", "leader"])
def test_it_shows_the_party_office_and_leaders_everything(who, request, member, login):
    client = login(request.getfixturevalue(who))
    for url in [*PAGES, f"/dang/dang-vien/{member.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Lò Văn Đức" in client.get("/dang/dang-vien/").content.decode()
    assert "Công tác Đảng" in client.get("/").content.decode()
    api = client.get("/api/v1/party/members?org_unit=03763")
    assert [m["full_name"] for m in api.json()] == ["Lò Văn Đức"]
    assert client.get("/api/v1/party/summary?org_unit=03763").json()["members"] == 1


@pytest.mark.parametrize("who", ["admin", "officer", "specialist", "statistician", "receptionist"])
def test_it_shows_other_roles_of_the_commune_nothing(who, request, member, login):
    client = login(request.getfixturevalue(who))
    for url in [
        *PAGES,
        f"/dang/dang-vien/{member.pk}/",
        f"/dang/dang-vien/{member.pk}/chuyen-sinh-hoat/",
    ]:
        assert client.get(url).status_code == 403, url
    for url in [
        "/api/v1/party/summary?org_unit=03763",
        "/api/v1/party/cells",
        "/api/v1/party/members?q=duc",
        f"/api/v1/party/members/{member.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Đức" not in response.content.decode()
    assert "Công tác Đảng" not in client.get("/").content.decode()
    assert not AuditEntry.objects.filter(action="party_member_view").exists()


def test_a_leader_of_another_commune_sees_none_of_it(member, other_leader, login):
    client = login(other_leader)
    assert client.get(f"/dang/dang-vien/{member.pk}/").status_code == 404
    assert client.get("/dang/chi-bo/03763-CB01/").status_code == 404
    assert client.get("/dang/?don_vi=03763").status_code == 404
    assert client.get("/dang/?don_vi=03763-DU").status_code == 404
    own = client.get("/dang/dang-vien/")
    assert own.status_code == 200 and "Lò Văn Đức" not in own.content.decode()
    assert client.get("/api/v1/party/summary?org_unit=03763").status_code == 404
    assert client.get(f"/api/v1/party/members/{member.pk}").status_code == 404
    assert client.get("/api/v1/party/members").json() == []
    summary = client.get("/api/v1/party/summary").json()
    assert (summary["cells"], summary["members"]) == (0, 0)
    assert not AuditEntry.objects.filter(action="party_member_view").exists()


def test_the_party_office_manages_leaders_only_read(member, party_office, leader, login):
    assert login(leader).get(f"/dang/dang-vien/{member.pk}/chuyen-sinh-hoat/").status_code == 403
    page = login(leader).get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert "chuyen-sinh-hoat" not in page
    page = login(party_office).get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert f"/dang/dang-vien/{member.pk}/chuyen-sinh-hoat/" in page


def test_every_showing_of_a_file_is_audited(member, party_office, leader, login):
    login(party_office).get(f"/dang/dang-vien/{member.pk}/")
    login(party_office).get(f"/dang/dang-vien/{member.pk}/")
    login(leader).get(f"/api/v1/party/members/{member.pk}")
    views = AuditEntry.objects.filter(action="party_member_view", object_id=str(member.pk))
    assert [(e.actor.username, e.changes["purpose"]) for e in views.order_by("seq")] == [
        ("vanphongdang_lh", "page"),
        ("vanphongdang_lh", "page"),
        ("lanhdao_lh", "api"),
    ]
    # Lists are not file views: they show no file fields and write nothing.
    login(party_office).get("/dang/dang-vien/")
    login(party_office).get("/api/v1/party/members")
    assert views.count() == 3


def test_the_audit_log_never_holds_a_members_file(member, party_office, admin, login):
    from xaso.party import services

    services.member_update(actor=party_office, member=member, ethnicity="Kinh")
    login(party_office).get(f"/dang/dang-vien/{member.pk}/")
    entries = AuditEntry.objects.filter(object_type="party.member")
    assert entries.count() == 3  # create, update, view
    for entry in entries:
        text = f"{entry.object_repr} {entry.changes}"
        for secret in ("Lò Văn Đức", "1980-05-01", "T0000001", "Kinh", "Thái"):
            assert secret not in text
    log = login(admin).get("/nhat-ky/").content.decode()
    assert "Lò Văn Đức" not in log


def test_the_list_masks_the_card_number_the_file_shows_it(member, party_office, login):
    client = login(party_office)
    listed = client.get("/api/v1/party/members").json()[0]
    assert listed["card_number"] == "••••" and "birth_date" not in listed
    assert "T0000001" not in client.get("/dang/dang-vien/").content.decode()
    file = client.get(f"/api/v1/party/members/{member.pk}").json()
    assert file["card_number"] == "T0000001" and file["birth_date"] == "1980-05-01"


def test_the_cells_are_org_units_under_the_dang_uy(cells):
    party = OrgUnit.objects.get(code="03763-DU")
    assert {c.org_unit.parent_id for c in cells.values()} == {party.pk}
    assert str(cells["03763-CB01"]) == "Chi bộ bản Pá Uổi"
    assert cells["03763-CB01"].village.code == "03763-B01"
    assert str(cells["03763-CB11"]) == "Chi bộ bản chưa có tên (03763-B11)"
    assert str(cells["03763-CBCQ01"]).startswith("Chi bộ cơ quan, đơn vị chưa có tên")


def test_the_audit_log_reads_a_new_cell_in_words(cells):
    from xaso.core.audit_display import audit_rows

    entry = AuditEntry.objects.get(action="party_cell_create", object_repr="Chi bộ bản Pá Uổi")
    (row,) = audit_rows([entry])
    changes = {c.label: c.after for c in row.changes}
    assert row.record_type == "Chi bộ"
    assert changes["Loại chi bộ"] == "Chi bộ bản" and changes["Bản"] == "Bản Pá Uổi"
    assert "ID" not in changes and "Org unit id" not in changes


def test_the_audit_log_reads_a_committee_without_record_numbers(member, party_office, cells):
    import datetime as dt

    from xaso.core.audit_display import audit_rows
    from xaso.party import services

    services.committee_set(
        actor=party_office,
        cell=cells["03763-CB01"],
        elected=False,
        term_start=dt.date(2025, 7, 1),
        seats=[(member, "secretary")],
    )
    (row,) = audit_rows(AuditEntry.objects.filter(action="party_committee_set"))
    changes = {c.label: c.after for c in row.changes}
    assert changes["Chi bộ"] == "Chi bộ bản Pá Uổi" and changes["Nhiệm kỳ từ"] == "01/07/2025"
    assert "ID" not in changes and "Cell" not in changes
