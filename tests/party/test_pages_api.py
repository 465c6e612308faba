"""The member search ignores case, tone marks and đ/d (the stored key: the same on
SQLite and PostgreSQL); bad input answers 4xx naming the field or a message beside it,
never a 500; the badge list; the API in the OpenAPI document."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.party.models import Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(new_member):
    return {
        "huong": new_member(full_name="Đặng Thị Hường", gender="female"),
        "duc": new_member(code="03763-CB02", full_name="Lò Văn Đức"),
        "dung": new_member(full_name="Quàng Văn Dũng"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang thi huong", {"Đặng Thị Hường"}),
        ("ĐẶNG THỊ HƯỜNG", {"Đặng Thị Hường"}),
        ("huong", {"Đặng Thị Hường"}),
        ("duc", {"Lò Văn Đức"}),
        ("đuc", {"Lò Văn Đức"}),
        ("van d", {"Lò Văn Đức", "Quàng Văn Dũng"}),
        ("nobody", set()),
    ],
)
def test_the_search_ignores_tone_marks_and_d(people, party_office, login, query, expected):
    client = login(party_office)
    names = {m["full_name"] for m in client.get("/api/v1/party/members", {"q": query}).json()}
    assert names == expected
    page = client.get("/dang/dang-vien/", {"q": query}).content.decode()
    for person in ("Đặng Thị Hường", "Lò Văn Đức", "Quàng Văn Dũng"):
        assert (person in page) == (person in expected)


def test_the_search_filters_by_cell_and_card(people, party_office, login):
    client = login(party_office)
    by_cell = client.get("/api/v1/party/members", {"cell": "03763-CB02"}).json()
    assert [m["full_name"] for m in by_cell] == ["Lò Văn Đức"]
    card = people["dung"].card_number
    assert [m["full_name"] for m in client.get("/api/v1/party/members", {"q": card}).json()] == [
        "Quàng Văn Dũng"
    ]
    page = client.get("/dang/dang-vien/", {"chi_bo": "03763-CB02"}).content.decode()
    assert "Lò Văn Đức" in page and "Quàng Văn Dũng" not in page


def test_the_cells_page_and_api_count_members(people, party_office, login):
    client = login(party_office)
    cells = {c["code"]: c for c in client.get("/api/v1/party/cells?org_unit=03763-DU").json()}
    assert len(cells) == 32
    assert (cells["03763-CB01"]["members"], cells["03763-CB02"]["members"]) == (2, 1)
    assert cells["03763-CB01"]["village"] == "03763-B01"
    page = client.get("/dang/").content.decode()
    assert "Chi bộ bản Pá Uổi" in page
    detail = client.get("/dang/chi-bo/03763-CB01/").content.decode()
    assert "Đặng Thị Hường" in detail and "Lò Văn Đức" not in detail
    summary = client.get("/api/v1/party/summary?org_unit=03763-CB01").json()
    assert (summary["cells"], summary["members"], summary["women"]) == (1, 2, 1)


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/party/members?status=dead", "status"),
        ("/api/v1/party/members/0", "member_id"),
        ("/api/v1/party/members/99999999999", "member_id"),
        ("/api/v1/party/members?q=" + "x" * 151, "q"),
    ],
)
def test_bad_queries_answer_422_naming_the_field(party_office, login, url, field):
    response = login(party_office).get(url)
    assert response.status_code == 422
    assert field in {d["field"] for d in response.json()["detail"]}


def test_unknown_units_and_members_answer_404(party_office, login):
    client = login(party_office)
    assert client.get("/api/v1/party/summary?org_unit=NOPE").status_code == 404
    assert client.get("/api/v1/party/members/12345").status_code == 404
    assert client.get("/dang/dang-vien/12345/").status_code == 404
    assert client.get("/dang/chi-bo/NOPE/").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "official", "direction": "internal", "on": "2025-09-01"}, "to_unit"),
        (
            {"kind": "official", "direction": "internal", "on": "2025-09-01", "to_cell": "X"},
            "to_cell",
        ),
        ({"kind": "official", "direction": "out", "on": "2025-09-01"}, "other_organisation"),
        ({"kind": "official", "direction": "out", "on": "2025-02-30"}, "on"),
        ({"kind": "forever", "direction": "out", "on": "2025-09-01"}, "kind"),
        ({"kind": "official", "direction": "out", "on": "2025-09-01", "extra": 1}, "extra"),
    ],
)
def test_a_refused_api_transfer_names_the_field(people, party_office, login, body, field):
    member = people["duc"]
    response = login(party_office).post(
        f"/api/v1/party/members/{member.pk}/transfer", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    fields = {d["field"] for d in response.json()["detail"]}
    assert field in fields or (field == "to_unit" and "to_cell" in fields)
    assert not Transfer.objects.exists()


def test_the_transfer_form_moves_a_member_and_refuses_with_messages(people, party_office, login):
    client = login(party_office)
    member = people["duc"]
    url = f"/dang/dang-vien/{member.pk}/chuyen-sinh-hoat/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="other_organisation"' in page.content.decode()
    refused = client.post(url, {"kind": "official", "direction": "internal", "on": "01/09/2025"})
    assert refused.status_code == 200
    assert "Chọn chi bộ đến." in refused.content.decode()
    bad_date = client.post(url, {"kind": "official", "direction": "out", "on": "31/02/2025"})
    assert bad_date.status_code == 200 and "govuk-error-summary" in bad_date.content.decode()
    done = client.post(
        url,
        {"kind": "official", "direction": "internal", "on": "01/09/2025", "to_unit": "03763-CB01"},
    )
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.org_unit.code == "03763-CB01"
    file = client.get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert "01/09/2025" in file


def test_api_transfer_between_cells(people, party_office, login):
    member = people["duc"]
    response = login(party_office).post(
        f"/api/v1/party/members/{member.pk}/transfer",
        {"kind": "official", "direction": "internal", "on": "2025-09-01", "to_cell": "03763-cb03"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["cell"] == "03763-CB03"


def test_badges_list_members_reaching_their_party_age_at_each_award_date(
    new_member, party_office, login
):
    new_member(
        full_name="Ba Mươi", admitted_on=dt.date(1996, 3, 1), official_on=dt.date(1997, 3, 1)
    )
    new_member(
        full_name="Bốn Mươi", admitted_on=dt.date(1986, 2, 3), official_on=dt.date(1987, 2, 3)
    )
    new_member(
        full_name="Năm Mươi", admitted_on=dt.date(1976, 11, 8), official_on=dt.date(1977, 11, 8)
    )
    new_member(full_name="Ba Mốt", admitted_on=dt.date(1995, 3, 1), official_on=dt.date(1996, 3, 1))
    from xaso.core.models import OrgUnit
    from xaso.party import selectors

    awards = selectors.badges(party_office, OrgUnit.objects.get(code="03763"), 2026)
    listed = {a.day: [(m.full_name, age) for m, age in a.members] for a in awards}
    assert list(listed) == [
        dt.date(2026, 2, 3),
        dt.date(2026, 5, 19),
        dt.date(2026, 9, 2),
        dt.date(2026, 11, 7),
    ]
    assert listed[dt.date(2026, 2, 3)] == [("Bốn Mươi", 40)]
    assert listed[dt.date(2026, 5, 19)] == [("Ba Mươi", 30)]
    assert listed[dt.date(2026, 11, 7)] == []  # 50 years on 08/11: the next February
    next_year = selectors.badges(party_office, OrgUnit.objects.get(code="03763"), 2027)
    assert [(m.full_name, age) for m, age in next_year[0].members] == [("Năm Mươi", 50)]
    page = login(party_office).get("/dang/huy-hieu/?nam=2026").content.decode()
    assert "Bốn Mươi" in page and "chưa xác nhận" in page
    assert login(party_office).get("/dang/huy-hieu/?nam=abc").status_code == 200
    rules_page = login(party_office).get("/dang/quy-dinh/").content.decode()
    # Award days read day/month, a share as a fraction: not the data's "02-03" or "2, 3".
    assert "03/02, 19/05, 02/09, 07/11" in rules_page and "02-03" not in rules_page
    assert "2/3 số đảng viên chính thức của chi bộ" in rules_page


def test_the_api_is_in_the_openapi_document(admin, login):
    paths = login(admin).get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/party/summary",
        "/api/v1/party/cells",
        "/api/v1/party/members",
        "/api/v1/party/members/{member_id}",
        "/api/v1/party/members/{member_id}/transfer",
    ):
        assert path in paths
