"""Inspection, supervision and discipline (issue 12): recorded through the pages and the
API as the Party office does it, refused with the field named when the dates, subject
or authority are wrong, read only by those who see member files; khai trừ removes the
member through the status history; the demo reproduces the report's "25 cuộc với 22
đảng viên" (Phần thứ hai, I.7.3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from xaso.core.models import AuditEntry, OrgUnit
from xaso.party import inspection_selectors, inspections
from xaso.party.models import Discipline, Inspection, Member, StatusChange

pytestmark = pytest.mark.django_db

API = "/api/v1/party/inspections"


def _days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def duc(new_member):
    return new_member(full_name="Lò Văn Đức")


@pytest.fixture
def huong(new_member):
    return new_member(code="03763-CB02", full_name="Đặng Thị Hường", gender="female")


def _record(client, **body):
    data = {
        "body": "commission",
        "activity": "inspection",
        "kind": "programme",
        "content": "Kiểm tra việc thực hiện nhiệm vụ đảng viên",
        "started_on": _days_ago(20).isoformat(),
        **body,
    }
    return client.post(API, data, content_type="application/json")


def test_it_records_and_concludes_an_inspection_through_the_api(duc, huong, party_office, login):
    client = login(party_office)
    made = _record(client, subject_members=[duc.pk, huong.pk], ended_on=_days_ago(10).isoformat())
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["subject_members"] == 2
    assert {m["full_name"] for m in body["members"]} == {"Lò Văn Đức", "Đặng Thị Hường"}
    concluded = client.post(
        f"{API}/{body['id']}/conclusion",
        {
            "conclusion": "Thực hiện tốt.",
            "concluded_on": _days_ago(5).isoformat(),
            "follow_up": "Bổ sung sổ ghi chép",
            "follow_up_due": _days_ago(-20).isoformat(),
        },
        content_type="application/json",
    )
    assert concluded.status_code == 200, concluded.content
    assert concluded.json()["follow_up_due"] == _days_ago(-20).isoformat()
    # The audit log names the record and the members by number, never by name.
    entry = AuditEntry.objects.get(action="party_inspection_record")
    assert "Đức" not in str(entry.changes) and duc.pk in entry.changes["subject_members"][1]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"subject_members": []}, "subject"),
        ({"started_on": "2999-01-01"}, "started_on"),
        ({"ended_on": "2001-01-01"}, "ended_on"),
        ({"started_on": "2025-02-30"}, "started_on"),
        ({"content": "   "}, "content"),
        ({"activity": "supervision", "kind": "signs"}, "kind"),
        ({"subject_cell": "09999-B01"}, "subject_cell"),
        ({"subject_members": [999999]}, "subject_members"),
        ({"kind": "audit"}, "kind"),
    ],
)
def test_it_refuses_bad_inspections_naming_the_field(body, field, duc, party_office, login):
    body.setdefault("subject_members", [duc.pk])
    response = _record(login(party_office), **body)
    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert not Inspection.objects.exists()


def test_a_member_of_another_commune_cannot_be_a_subject(duc, party_office, other_commune):
    stranger = Member(pk=10**6, org_unit=OrgUnit.objects.get(code="09999-B01"), full_name="x")
    with pytest.raises(Exception, match="subject_members"):
        inspections.inspection_record(
            actor=party_office,
            party_unit=OrgUnit.objects.get(code="03763-DU"),
            body="commission",
            activity="inspection",
            kind="programme",
            content="x",
            started_on=_days_ago(3),
            subject_members=[stranger],
        )


def test_the_summary_counts_inspections_and_distinct_members(
    duc, huong, cells, party_office, login
):
    unit = OrgUnit.objects.get(code="03763-DU")
    common = {"actor": party_office, "party_unit": unit, "body": "commission", "content": "x"}
    inspections.inspection_record(
        **common,
        activity="inspection",
        kind="programme",
        started_on=_days_ago(30),
        subject_members=[duc, huong],
    )
    inspections.inspection_record(
        **common,
        activity="supervision",
        kind="thematic",
        started_on=_days_ago(20),
        subject_members=[duc],
    )
    inspections.inspection_record(
        **common,
        activity="inspection",
        kind="signs",
        started_on=_days_ago(10),
        subject_cell=cells["03763-CB03"],
    )
    client = login(party_office)
    query = {"org_unit": "03763", "from": _days_ago(40).isoformat(), "to": _days_ago(0).isoformat()}
    assert {k: v for k, v in client.get(f"{API}/summary", query).json().items()} | {} == {
        "org_unit": "03763",
        "period_start": _days_ago(40).isoformat(),
        "period_end": _days_ago(0).isoformat(),
        "inspections": 3,
        "members": 2,
        "demo": False,
    }
    later = client.get(f"{API}/summary", {**query, "from": _days_ago(25).isoformat()}).json()
    assert (later["inspections"], later["members"]) == (2, 1)
    bad = client.get(f"{API}/summary", {**query, "to": _days_ago(50).isoformat()})
    assert bad.status_code == 422 and "to" in bad.json()["detail"][0]["field"]
    page = client.get(
        "/dang/kiem-tra/",
        {"tu": _days_ago(40).strftime("%d/%m/%Y"), "den": _days_ago(0).strftime("%d/%m/%Y")},
    ).content.decode()
    assert "3 cuộc kiểm tra, giám sát với 2 đảng viên" in page


def test_the_pages_record_an_inspection_its_conclusion_and_follow_up(duc, party_office, login):
    client = login(party_office)
    assert "Ghi cuộc kiểm tra, giám sát" in client.get("/dang/kiem-tra/").content.decode()
    form = client.get("/dang/kiem-tra/moi/").content.decode()
    assert "Lò Văn Đức" in form and "chưa xác nhận" in form
    bad = client.post(
        "/dang/kiem-tra/moi/",
        {
            "body": "commission",
            "activity": "inspection",
            "kind": "programme",
            "content": "x",
            "started_on": _days_ago(3).strftime("%d/%m/%Y"),
        },
    )
    assert (
        bad.status_code == 200 and "Chọn chi bộ hoặc ít nhất một đảng viên" in bad.content.decode()
    )
    ok = client.post(
        "/dang/kiem-tra/moi/",
        {
            "body": "commission",
            "activity": "supervision",
            "kind": "thematic",
            "content": "Giám sát chuyên đề",
            "started_on": _days_ago(3).strftime("%d/%m/%Y"),
            "subject_members": [str(duc.pk)],
        },
    )
    assert ok.status_code == 302
    inspection = Inspection.objects.get()
    late = client.post(
        f"/dang/kiem-tra/{inspection.pk}/ket-luan/",
        {"conclusion": "Tốt", "concluded_on": _days_ago(5).strftime("%d/%m/%Y")},
    )
    assert late.status_code == 400 and "không được trước" in late.content.decode()
    done = client.post(
        f"/dang/kiem-tra/{inspection.pk}/ket-luan/",
        {
            "conclusion": "Tốt",
            "concluded_on": _days_ago(1).strftime("%d/%m/%Y"),
            "follow_up": "Sửa hồ sơ",
            "follow_up_due": _days_ago(-10).strftime("%d/%m/%Y"),
        },
    )
    assert done.status_code == 302
    page = client.get(f"/dang/kiem-tra/{inspection.pk}/").content.decode()
    assert "Sửa hồ sơ" in page and "chưa hoàn thành" in page
    client.post(
        f"/dang/kiem-tra/{inspection.pk}/khac-phuc/",
        {"done_on": _days_ago(0).strftime("%d/%m/%Y")},
    )
    inspection.refresh_from_db()
    assert inspection.follow_up_done_on == _days_ago(0)


def test_expulsion_removes_the_member_through_the_history(duc, party_office, login):
    client = login(party_office)
    body = {
        "member_id": duc.pk,
        "form": "expulsion",
        "number": "05-QĐ/ĐU",
        "decided_on": _days_ago(3).isoformat(),
        "authority": "cell",
        "violation": "Vi phạm tư cách đảng viên",
        "basis": "Điều lệ Đảng",
        "effective_on": _days_ago(2).isoformat(),
    }
    # A cell may not expel (rules: discipline_authority_member_expulsion).
    refused = client.post("/api/v1/party/disciplines", body, content_type="application/json")
    assert refused.status_code == 422 and "authority" in refused.content.decode()
    assert "Đảng ủy" in refused.json()["detail"][0]["message"]
    made = client.post(
        "/api/v1/party/disciplines",
        {**body, "authority": "committee"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    duc.refresh_from_db()
    assert duc.status == "removed"
    last = StatusChange.objects.filter(member=duc).latest("on")
    assert (last.status, last.on) == ("removed", _days_ago(2))
    assert "05-QĐ/ĐU" in last.note
    assert inspection_selectors.disciplined_in_year(duc, _days_ago(2).year)
    assert not inspection_selectors.disciplined_in_year(duc, 2001)
    listed = client.get("/api/v1/party/disciplines?org_unit=03763").json()
    assert [d["form"] for d in listed] == ["expulsion"]


def test_discipline_rules_for_probationary_members_and_cells(new_member, cells, party_office):
    newcomer = new_member(full_name="Cà Văn Sơn", status="probationary", admitted_on=_days_ago(100))
    common = {
        "actor": party_office,
        "number": "1",
        "decided_on": _days_ago(3),
        "effective_on": _days_ago(3),
        "violation": "x",
        "basis": "y",
    }
    with pytest.raises(Exception, match="form"):
        inspections.discipline_record(
            **common, member=newcomer, form="dismissal", authority="committee"
        )
    with pytest.raises(Exception, match="form"):
        inspections.discipline_record(
            **common, cell=cells["03763-CB01"], form="expulsion", authority="higher"
        )
    with pytest.raises(Exception, match="subject"):
        inspections.discipline_record(**common, form="warning", authority="committee")
    made = inspections.discipline_record(
        **common, cell=cells["03763-CB01"], form="warning", authority="committee"
    )
    assert inspection_selectors.disciplined_in_year(cells["03763-CB01"], _days_ago(3).year)
    assert made.org_unit == cells["03763-CB01"].org_unit
    page_form = inspections.allowed_authorities("cell", "dissolution", _days_ago(0))
    assert page_form == ["higher"]


def test_the_discipline_page_records_and_cites_the_rules(duc, party_office, login):
    client = login(party_office)
    page = client.get("/dang/ky-luat/moi/").content.decode()
    assert "Cấp được quyết định khai trừ đảng viên" in page and "chưa xác nhận" in page
    response = client.post(
        "/dang/ky-luat/moi/",
        {
            "member": str(duc.pk),
            "form": "reprimand",
            "authority": "cell",
            "number": "02-QĐ/CB",
            "decided_on": _days_ago(1).strftime("%d/%m/%Y"),
            "effective_on": _days_ago(1).strftime("%d/%m/%Y"),
            "violation": "Không sinh hoạt chi bộ",
            "basis": "Điều lệ Đảng, Điều 8",
        },
    )
    assert response.status_code == 302
    assert Discipline.objects.get().form == "reprimand"
    assert "02-QĐ/CB" in client.get("/dang/kiem-tra/").content.decode()


@pytest.mark.parametrize("who", ["party_leader", "leader"])
def test_leaders_read_but_do_not_write(who, request, duc, login):
    client = login(request.getfixturevalue(who))
    assert client.get("/dang/kiem-tra/").status_code == 200
    assert "Ghi cuộc kiểm tra" not in client.get("/dang/kiem-tra/").content.decode()
    assert client.get("/dang/kiem-tra/moi/").status_code == 403
    assert _record(client, subject_members=[duc.pk]).status_code == 403


def test_others_get_403_and_another_commune_404(
    duc, party_office, make_user, longhe, other_leader, login
):
    inspection = inspections.inspection_record(
        actor=party_office,
        party_unit=OrgUnit.objects.get(code="03763-DU"),
        body="commission",
        activity="inspection",
        kind="programme",
        content="x",
        started_on=_days_ago(2),
        subject_members=[duc],
    )
    officer = login(make_user("motcua_lh", "onestop_officer", longhe))
    for url in ["/dang/kiem-tra/", f"/dang/kiem-tra/{inspection.pk}/"]:
        assert officer.get(url).status_code == 403
    for url in [
        API,
        f"{API}/{inspection.pk}",
        "/api/v1/party/disciplines",
        f"{API}/summary?from=2020-01-01&to=2025-12-31",
    ]:
        response = officer.get(url)
        assert response.status_code == 403 and "Đức" not in response.content.decode()
    other = login(other_leader)
    assert other.get(f"/dang/kiem-tra/{inspection.pk}/").status_code == 404
    assert other.get(f"{API}/{inspection.pk}").status_code == 404
    assert (
        other.get(f"{API}/summary?org_unit=03763&from=2020-01-01&to=2025-12-31").status_code == 404
    )


def test_the_demo_reproduces_25_inspections_with_22_members(demo_party, party_office, login):
    from xaso.party import inspection_demo
    from xaso.party.demo import TERM_START
    from xaso.seed.demo import REPORT_DATE

    assert inspection_demo.create_demo_inspections(report_date=REPORT_DATE) == 25
    assert inspection_demo.create_demo_inspections(report_date=REPORT_DATE) == 0  # idempotent
    body = (
        login(party_office)
        .get(
            f"{API}/summary",
            {"org_unit": "03763", "from": TERM_START.isoformat(), "to": REPORT_DATE.isoformat()},
        )
        .json()
    )
    assert (body["inspections"], body["members"], body["demo"]) == (25, 22, True)
    assert not Inspection.objects.filter(is_demo=False).exists()
    assert not Inspection.objects.filter(concluded_on__isnull=True).exists()
    assert not Discipline.objects.exists()  # the report names no discipline decision


def test_programmes_are_recorded_with_their_items(party_office, party_leader, cells, login):
    client = login(party_office)
    page = client.post(
        "/dang/kiem-tra/chuong-trinh/moi/",
        {
            "scope": "year",
            "body": "commission",
            "title": "Chương trình kiểm tra, giám sát năm 2026",
            "number": "01-CTr/UBKT",
            "adopted_on": "05/01/2026",
            "period_start": "01/01/2026",
            "period_end": "31/12/2026",
            "items": "Kiểm tra chi bộ bản Pá Uổi\n\nGiám sát việc thu nộp đảng phí\n",
        },
    )
    assert page.status_code == 302
    listed = client.get("/api/v1/party/inspection-programmes").json()
    assert [i["content"] for i in listed[0]["items"]] == [
        "Kiểm tra chi bộ bản Pá Uổi",
        "Giám sát việc thu nộp đảng phí",
    ]
    # A yearly programme lies within one year; the API names the field.
    refused = client.post(
        "/api/v1/party/inspection-programmes",
        {
            "scope": "year",
            "body": "committee",
            "title": "x",
            "adopted_on": "2026-01-05",
            "period_start": "2026-01-01",
            "period_end": "2027-03-31",
        },
        content_type="application/json",
    )
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "period_end"
    # The form offers the items when an inspection is recorded.
    assert "Giám sát việc thu nộp đảng phí" in client.get("/dang/kiem-tra/moi/").content.decode()
    leader = login(party_leader)
    assert (
        "Chương trình kiểm tra, giám sát năm 2026" in leader.get("/dang/kiem-tra/").content.decode()
    )
    assert leader.get("/dang/kiem-tra/chuong-trinh/moi/").status_code == 403
