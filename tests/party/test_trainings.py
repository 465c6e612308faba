"""Trainings (issue 12: "cử đi học Đại học 04 đồng chí; Trung cấp lý luận 05 đồng chí, Sơ
cấp lý luận 12 đồng chí", Phần thứ hai, I.7.2.1): recorded through the pages and the API
as the Party office does it, refused with the field named, read only by those who see
member files; a completed theory course raises the member's level, never lowers it; the
period summary counts by kind; the demo reproduces the report's 4 / 5 / 12."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from xaso.core.models import AuditEntry
from xaso.party import trainings
from xaso.party.models import Training

pytestmark = pytest.mark.django_db

API = "/api/v1/party/trainings"


def _days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def duc(new_member):
    return new_member(full_name="Lò Văn Đức", theory="none")


def _record(client, member, **body):
    data = {
        "member_id": member.pk,
        "kind": "elementary_theory",
        "sent_on": _days_ago(100).isoformat(),
        **body,
    }
    return client.post(API, data, content_type="application/json")


def test_it_records_a_training_and_its_result_raising_the_theory_level(duc, party_office, login):
    client = login(party_office)
    made = _record(client, duc, kind="intermediate_theory", decision_number="12-QĐ/ĐU")
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["kind"], body["result"], body["finished_on"]) == (
        "intermediate_theory",
        "studying",
        None,
    )
    duc.refresh_from_db()
    assert duc.theory == "none"  # still studying: nothing raised yet
    finished = client.post(
        f"{API}/{body['id']}/finish",
        {"result": "completed", "finished_on": _days_ago(5).isoformat()},
        content_type="application/json",
    )
    assert finished.status_code == 200, finished.content
    duc.refresh_from_db()
    assert duc.theory == "intermediate"
    # Through the member update service: its own audit entry, values masked.
    assert AuditEntry.objects.filter(action="party_member_update").exists()
    entry = AuditEntry.objects.get(action="party_training_finish")
    assert "Đức" not in str(entry.changes)
    again = client.post(
        f"{API}/{body['id']}/finish",
        {"result": "not_completed", "finished_on": _days_ago(4).isoformat()},
        content_type="application/json",
    )
    assert again.status_code == 422 and "result" in again.content.decode()


def test_the_theory_level_is_never_lowered(new_member, party_office):
    senior = new_member(full_name="Quàng Văn Hùng", theory="advanced")
    trainings.training_record(
        actor=party_office,
        member=senior,
        kind="elementary_theory",
        sent_on=_days_ago(200),
        result="completed",
        finished_on=_days_ago(100),
    )
    senior.refresh_from_db()
    assert senior.theory == "advanced"
    assert not AuditEntry.objects.filter(action="party_member_update").exists()
    assert trainings.raised_theory("elementary", "advanced_theory") == "advanced"
    assert trainings.raised_theory("intermediate", "elementary_theory") == "intermediate"
    assert trainings.raised_theory("none", "university") == "none"


def test_a_university_course_completed_leaves_the_theory_level(duc, party_office):
    trainings.training_record(
        actor=party_office,
        member=duc,
        kind="university",
        sent_on=_days_ago(2000),
        result="completed",
        finished_on=_days_ago(500),
    )
    duc.refresh_from_db()
    assert duc.theory == "none"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"sent_on": "2999-01-01"}, "sent_on"),
        ({"sent_on": "2025-02-30"}, "sent_on"),
        ({"sent_on": "2001-01-01"}, "sent_on"),  # before the member joined (2005)
        ({"kind": "doctorate"}, "kind"),
        ({"decision_number": "x" * 41}, "decision_number"),
        ({"institution": "x" * 201}, "institution"),
        ({"result": "completed"}, "finished_on"),
        ({"finished_on": "2010-01-01", "result": "completed"}, "finished_on"),
        ({"finished_on": _days_ago(-5).isoformat(), "result": "completed"}, "finished_on"),
        ({"finished_on": _days_ago(5).isoformat()}, "finished_on"),  # studying, finished?
        ({"member_id": 999999}, "member_id"),
    ],
)
def test_it_refuses_bad_trainings_naming_the_field(body, field, duc, party_office, login):
    response = _record(login(party_office), duc, **body)
    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert not Training.objects.exists()


def test_a_member_no_longer_active_cannot_be_sent(new_member, party_office, login):
    gone = new_member(full_name="Lường Văn Mạnh")
    gone.status = "deceased"
    gone.save(update_fields=["status"])
    response = _record(login(party_office), gone)
    assert response.status_code == 422 and "member_id" in response.content.decode()


def test_the_summary_counts_by_kind_for_a_period(duc, new_member, party_office, login):
    huong = new_member(code="03763-CB02", full_name="Đặng Thị Hường", gender="female")
    for member, kind, ago in [
        (duc, "university", 300),
        (huong, "elementary_theory", 200),
        (duc, "elementary_theory", 50),
        (huong, "intermediate_theory", 20),
    ]:
        trainings.training_record(
            actor=party_office, member=member, kind=kind, sent_on=_days_ago(ago)
        )
    client = login(party_office)
    query = {
        "org_unit": "03763",
        "from": _days_ago(250).isoformat(),
        "to": _days_ago(10).isoformat(),
    }
    assert client.get(f"{API}/summary", query).json() == {
        "org_unit": "03763",
        "period_start": _days_ago(250).isoformat(),
        "period_end": _days_ago(10).isoformat(),
        "university": 0,
        "advanced_theory": 0,
        "intermediate_theory": 1,
        "elementary_theory": 2,
        "total": 3,
        "demo": False,
    }
    bad = client.get(f"{API}/summary", {**query, "to": _days_ago(300).isoformat()})
    assert bad.status_code == 422 and "to" in bad.json()["detail"][0]["field"]
    listed = client.get(API, {"org_unit": "03763", "kind": "elementary_theory"}).json()
    assert [t["full_name"] for t in listed] == ["Lò Văn Đức", "Đặng Thị Hường"]
    by_year = client.get(API, {"year": _days_ago(300).year}).json()
    assert _days_ago(300).isoformat() in [t["sent_on"] for t in by_year]


def test_the_pages_record_a_training_and_its_result(duc, party_office, login):
    client = login(party_office)
    member_page = client.get(f"/dang/dang-vien/{duc.pk}/").content.decode()
    assert f"/dang/dao-tao/?dang_vien={duc.pk}" in member_page
    listing = client.get("/dang/dao-tao/").content.decode()
    assert "Ghi cử đi đào tạo, bồi dưỡng" in listing and "Đào tạo, bồi dưỡng" in listing
    refused = client.post(
        "/dang/dao-tao/moi/",
        {
            "member": duc.pk,
            "kind": "elementary_theory",
            "sent_on": "31/02/2024",
            "result": "studying",
        },
    )
    assert refused.status_code == 200 and not Training.objects.exists()
    made = client.post(
        "/dang/dao-tao/moi/",
        {
            "member": duc.pk,
            "kind": "elementary_theory",
            "sent_on": _days_ago(90).strftime("%d/%m/%Y"),
            "decision_number": "07-QĐ/ĐU",
            "institution": "Trung tâm Chính trị",
            "result": "studying",
        },
    )
    assert made.status_code == 302
    training = Training.objects.get()
    mine = client.get(f"/dang/dao-tao/?dang_vien={duc.pk}").content.decode()
    assert "07-QĐ/ĐU" in mine and f"/dang/dao-tao/{training.pk}/ket-qua/" in mine
    early = client.post(
        f"/dang/dao-tao/{training.pk}/ket-qua/",
        {"result": "completed", "finished_on": _days_ago(200).strftime("%d/%m/%Y")},
    )
    assert early.status_code == 400 and "không được trước ngày cử đi học" in early.content.decode()
    done = client.post(
        f"/dang/dao-tao/{training.pk}/ket-qua/",
        {"result": "completed", "finished_on": _days_ago(1).strftime("%d/%m/%Y")},
    )
    assert done.status_code == 302
    duc.refresh_from_db()
    assert duc.theory == "elementary"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("vi", ["Cử đi đào tạo, bồi dưỡng", "Sơ cấp lý luận chính trị", "Phần thứ hai, I.7.2.1"]),
        ("en", ["Training and further study", "Elementary political theory", "Phần thứ hai"]),
    ],
)
def test_the_list_page_in_both_languages_cites_the_report_for_the_term(
    language, words, duc, party_office, login
):
    trainings.training_record(
        actor=party_office, member=duc, kind="elementary_theory", sent_on=dt.date(2021, 3, 1)
    )
    client = login(party_office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/dang/dao-tao/", {"tu": "01/01/2020", "den": "30/09/2025"}).content.decode()
    for word in words:
        assert word in page
    assert 'id="bao-cao"' in page
    other = client.get("/dang/dao-tao/", {"tu": "01/01/2021", "den": "31/12/2021"}).content
    assert b'id="bao-cao"' not in other


@pytest.mark.parametrize("who", ["party_leader", "leader"])
def test_leaders_read_but_do_not_write(who, request, duc, party_office, login):
    made = trainings.training_record(
        actor=party_office, member=duc, kind="university", sent_on=_days_ago(30)
    )
    client = login(request.getfixturevalue(who))
    page = client.get("/dang/dao-tao/")
    assert page.status_code == 200 and "Ghi cử đi đào tạo" not in page.content.decode()
    assert "Ghi kết quả" not in page.content.decode()
    assert client.get(f"{API}/{made.pk}").status_code == 200
    assert client.get("/dang/dao-tao/moi/").status_code == 403
    assert client.get(f"/dang/dao-tao/{made.pk}/ket-qua/").status_code == 403
    assert _record(client, duc).status_code == 403
    finish = {"result": "completed", "finished_on": _days_ago(1).isoformat()}
    assert (
        client.post(f"{API}/{made.pk}/finish", finish, content_type="application/json").status_code
        == 403
    )


def test_others_get_403_and_another_commune_404(
    duc, party_office, make_user, longhe, other_leader, login
):
    made = trainings.training_record(
        actor=party_office, member=duc, kind="university", sent_on=_days_ago(30)
    )
    officer = login(make_user("motcua_lh", "onestop_officer", longhe))
    assert officer.get("/dang/dao-tao/").status_code == 403
    for url in [API, f"{API}/{made.pk}", f"{API}/summary?from=2020-01-01&to=2025-12-31"]:
        response = officer.get(url)
        assert response.status_code == 403 and "Đức" not in response.content.decode()
    other = login(other_leader)
    assert other.get(f"{API}/{made.pk}").status_code == 404
    assert other.get(f"/dang/dao-tao/?dang_vien={duc.pk}").status_code == 404
    assert (
        other.get(f"{API}/summary?org_unit=03763&from=2020-01-01&to=2025-12-31").status_code == 404
    )


def test_the_demo_reproduces_4_5_12_over_the_term(demo_party, party_office, login):
    from xaso.party import training_demo
    from xaso.party.demo import TERM_START
    from xaso.party.models import Member
    from xaso.seed.demo import REPORT_DATE

    levels = dict(Member.objects.values_list("pk", "theory"))
    assert training_demo.create_demo_trainings(report_date=REPORT_DATE) == 21
    assert training_demo.create_demo_trainings(report_date=REPORT_DATE) == 0  # idempotent
    body = (
        login(party_office)
        .get(
            f"{API}/summary",
            {"org_unit": "03763", "from": TERM_START.isoformat(), "to": REPORT_DATE.isoformat()},
        )
        .json()
    )
    assert (
        body["university"],
        body["intermediate_theory"],
        body["elementary_theory"],
        body["advanced_theory"],
        body["demo"],
    ) == (4, 5, 12, 0, True)
    demo_rows = Training.objects.filter(is_demo=True)
    assert demo_rows.values("member").distinct().count() == 21
    assert demo_rows.filter(result="completed").exists()
    # The demo leaves the members' files as they were, and each completed theory course
    # went to a member who holds its level.
    assert dict(Member.objects.values_list("pk", "theory")) == levels
    for t in demo_rows.filter(result="completed").exclude(kind="university"):
        assert t.member.theory == trainings.THEORY_OF[t.kind]
    for t in demo_rows.filter(kind="university"):
        has_degree = t.member.professional in ("university", "postgraduate")
        assert has_degree == (t.result == "completed")
    assert AuditEntry.objects.filter(action="party_training_demo").count() == 1


def test_the_list_page_takes_odd_filters_without_error(duc, party_office, login):
    client = login(party_office)
    assert client.get("/dang/dao-tao/", {"dang_vien": "9" * 15}).status_code == 404
    assert client.get("/dang/dao-tao/", {"dang_vien": "²"}).status_code == 200
    page = client.get("/dang/dao-tao/", {"nam": "²", "loai": "x", "tu": "31/02/2020"})
    assert page.status_code == 200
