"""Admissions (kết nạp): every step of the workflow with its rule and its clock, who may
act, and XD2 fed live from the decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from xaso.party import admissions, indicators, selectors
from xaso.party.models import AdmissionEvent, Member, Stage, Status

pytestmark = pytest.mark.django_db

CELL = "03763-CB01"


def _days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def helpers(new_member):
    return [new_member(full_name=f"Lò Văn Giúp {i}") for i in range(3)]


@pytest.fixture
def start(cells, party_office):
    def make(introduced=400, **kw):
        data = {
            "full_name": "Cà Thị Mai",
            "birth_date": dt.date(2000, 4, 5),
            "gender": "female",
            "ethnicity": "Thái",
            "general_education": "upper_secondary",
            "mass_organisation": "Đoàn Thanh niên bản",
            "introduced_on": _days_ago(introduced),
        }
        data.update(kw)
        return admissions.start(actor=party_office, cell=cells[CELL].org_unit, **data)

    return make


def step(actor, adm, action, **inputs):
    return admissions.take_step(actor=actor, admission=adm, action=action, **inputs)


def to_checked(actor, adm, helpers, *, base=380):
    adm = step(actor, adm, "train", certificate_number="12/GCN", certificate_on=_days_ago(base))
    adm = step(
        actor,
        adm,
        "assign_helpers",
        helper_1=helpers[0].pk,
        helper_2=helpers[1].pk,
        helpers_on=_days_ago(base - 10),
    )
    return step(actor, adm, "check_history", checked_on=_days_ago(base - 20))


def to_decided(actor, adm, helpers, *, meeting=300, decision=280):
    adm = to_checked(actor, adm, helpers, base=meeting + 60)
    adm = step(actor, adm, "cell_vote", meeting_on=_days_ago(meeting), votes_for=3, votes_total=3)
    adm = step(
        actor,
        adm,
        "resolve",
        resolution_number="07-NQ/ĐU",
        resolution_on=_days_ago(max(meeting - 5, decision)),
    )
    return step(actor, adm, "decide", decision_number="15-QĐ/ĐU", decision_on=_days_ago(decision))


def test_every_step_to_official_with_records_and_clocks(start, helpers, party_office):
    adm = start(introduced=800)
    assert adm.status == Stage.SYMPATHISER and adm.due_on is None
    adm = to_checked(party_office, adm, helpers, base=760)
    # Trained: the cell must meet while the certificate is valid (5 years, unconfirmed).
    assert adm.due_on == dt.date(adm.certificate_on.year + 5, *adm.certificate_on.timetuple()[1:3])
    adm = step(
        party_office, adm, "cell_vote", meeting_on=_days_ago(700), votes_for=2, votes_total=3
    )
    cal_due = admissions.working_days_after(adm.org_unit, adm.meeting_on, 60)
    assert adm.status == Stage.CELL_VOTED and adm.due_on == cal_due
    adm = step(
        party_office, adm, "resolve", resolution_number="07-NQ/ĐU", resolution_on=_days_ago(690)
    )
    assert adm.due_on == cal_due  # the decision's clock runs from the cell's resolution
    adm = step(party_office, adm, "decide", decision_number="15-QĐ/ĐU", decision_on=_days_ago(680))
    assert adm.due_on == admissions.working_days_after(adm.org_unit, adm.decision_on, 30)
    adm = step(party_office, adm, "ceremony", ceremony_on=_days_ago(670))
    member = adm.member
    assert member.status == Status.PROBATIONARY and member.admitted_on == adm.decision_on
    end = adm.ceremony_on.replace(year=adm.ceremony_on.year + 1)
    assert adm.probation_end == end  # 12 months from the ceremony
    assert adm.due_on == admissions.working_days_after(adm.org_unit, end, 30)
    assert admissions.is_overdue(adm)
    assert list(selectors.overdue_admissions(party_office)) == [adm]
    adm = step(
        party_office,
        adm,
        "recognise",
        review_on=end + dt.timedelta(days=3),
        review_votes_for=3,
        review_votes_total=3,
    )
    member.refresh_from_db()
    assert adm.status == Stage.OFFICIAL and adm.due_on is None
    assert member.status == Status.OFFICIAL and member.official_on == end
    actions = list(AdmissionEvent.objects.filter(admission=adm).values_list("action", flat=True))
    assert actions == [
        "start",
        "train",
        "assign_helpers",
        "check_history",
        "cell_vote",
        "resolve",
        "decide",
        "ceremony",
        "recognise",
    ]
    assert not selectors.overdue_admissions(party_office).exists()


def test_helpers_must_be_official_members_of_the_cell(start, helpers, new_member, party_office):
    adm = step(
        party_office, start(), "train", certificate_number="1", certificate_on=_days_ago(390)
    )
    elsewhere = new_member(code="03763-CB02", full_name="Quàng Văn Khác")
    probationary = new_member(
        full_name="Lò Văn Dự", status="probationary", admitted_on=_days_ago(30)
    )
    for bad, field in (
        (elsewhere, "helper_2"),
        (probationary, "helper_2"),
        (helpers[0], "helper_2"),
    ):
        with pytest.raises(ValidationError) as exc:
            step(
                party_office,
                adm,
                "assign_helpers",
                helper_1=helpers[0].pk,
                helper_2=bad.pk,
                helpers_on=_days_ago(380),
            )
        assert field in exc.value.error_dict
    adm.refresh_from_db()
    assert adm.status == Stage.TRAINED


def test_the_cell_vote_needs_two_thirds(start, helpers, party_office):
    adm = to_checked(party_office, start(), helpers)
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "cell_vote", meeting_on=_days_ago(300), votes_for=5, votes_total=9)
    assert "votes_for" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "cell_vote", meeting_on=_days_ago(300), votes_for=10, votes_total=9)
    assert "votes_for" in exc.value.error_dict
    adm = step(
        party_office, adm, "cell_vote", meeting_on=_days_ago(300), votes_for=6, votes_total=9
    )
    assert adm.status == Stage.CELL_VOTED


def test_dates_keep_the_order_of_the_steps(start, helpers, party_office):
    adm = to_checked(party_office, start(), helpers)
    adm = step(
        party_office, adm, "cell_vote", meeting_on=_days_ago(300), votes_for=3, votes_total=3
    )
    adm = step(party_office, adm, "resolve", resolution_number="7", resolution_on=_days_ago(290))
    with pytest.raises(ValidationError) as exc:  # a decision cannot precede the resolution
        step(party_office, adm, "decide", decision_number="15", decision_on=_days_ago(295))
    assert "decision_on" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "decide", decision_number="15", decision_on=_days_ago(-3))
    assert "decision_on" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "decide", decision_number="15", decision_on="31/02/2026")
    assert "decision_on" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "decide", decision_on=_days_ago(280))
    assert "decision_number" in exc.value.error_dict


def test_the_ceremony_within_the_window_after_the_decision(start, helpers, party_office):
    adm = to_decided(party_office, start(), helpers, decision=200)
    window = admissions.working_days_after(adm.org_unit, adm.decision_on, 30)
    assert admissions.is_overdue(adm)
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "ceremony", ceremony_on=window + dt.timedelta(days=1))
    assert "ceremony_on" in exc.value.error_dict
    assert not Member.objects.filter(full_name="Cà Thị Mai").exists()
    adm = step(party_office, adm, "ceremony", ceremony_on=window)
    assert adm.status == Stage.PROBATION


def test_the_review_only_after_twelve_months(start, helpers, party_office):
    adm = to_decided(party_office, start(), helpers, meeting=120, decision=100)
    adm = step(party_office, adm, "ceremony", ceremony_on=_days_ago(95))
    assert not admissions.is_overdue(adm)
    with pytest.raises(ValidationError) as exc:
        step(
            party_office,
            adm,
            "recognise",
            review_on=_days_ago(1),
            review_votes_for=3,
            review_votes_total=3,
        )
    assert "review_on" in exc.value.error_dict
    adm = step(party_office, adm, "not_recognise", review_on=_days_ago(1), reason="Vi phạm tư cách")
    adm.member.refresh_from_db()
    assert adm.status == Stage.NOT_RECOGNISED and adm.member.status == Status.REMOVED


def test_stop_needs_a_reason_and_not_after_the_ceremony(start, party_office):
    adm = start()
    with pytest.raises(ValidationError) as exc:
        step(party_office, adm, "stop", closed_on=_days_ago(1))
    assert "reason" in exc.value.error_dict
    adm = step(party_office, adm, "stop", closed_on=_days_ago(1), reason="Chuyển nơi ở")
    assert adm.status == Stage.STOPPED


def test_only_the_party_office_acts(start, party_leader, other_leader, make_user, longhe):
    adm = start()
    for user in (party_leader, other_leader, make_user("chuyenvien", "specialist", longhe)):
        with pytest.raises(PermissionDenied):
            step(user, adm, "train", certificate_number="1", certificate_on=_days_ago(300))
    assert selectors.admission_steps(party_leader, adm) == []
    assert selectors.admission_or_404(party_leader, adm.pk) == adm
    assert not selectors.visible_admissions(other_leader).exists()


def test_xd2_counts_decisions_live(start, helpers, party_office, longhe):
    year = timezone.localdate().year
    assert indicators.admissions_decided(longhe, year) is None  # nothing recorded yet
    adm = start(introduced=100)
    assert indicators.admissions_decided(longhe, year).value == 0
    adm = to_decided(party_office, adm, helpers, meeting=2, decision=0)
    assert indicators.admissions_decided(longhe, year).value == 1
    assert indicators.admissions_decided(longhe, year + 1) is None


def test_pages_move_an_admission_and_xd2_follows(start, helpers, party_office, login, longhe):
    adm = to_checked(party_office, start(introduced=100), helpers, base=60)
    client = login(party_office)
    page = client.get("/dang/ket-nap/").content.decode()
    assert "Cà Thị Mai" in page
    detail = client.get(f"/dang/ket-nap/{adm.pk}/").content.decode()
    assert "Ghi kết quả chi bộ họp xét" in detail and "Dừng xem xét kết nạp" in detail
    # The timeline names each step taken, the first one too (not a step of the table).
    assert "Giới thiệu quần chúng cảm tình Đảng" in detail and "giấy chứng nhận số 12/GCN" in detail
    bad = client.post(
        f"/dang/ket-nap/{adm.pk}/cell_vote/",
        {"cell_vote-meeting_on": "", "cell_vote-votes_for": "1", "cell_vote-votes_total": "3"},
    )
    assert bad.status_code == 400 and "cell_vote-meeting_on_error" in bad.content.decode()
    today = timezone.localdate()
    ok = client.post(
        f"/dang/ket-nap/{adm.pk}/cell_vote/",
        {
            "cell_vote-meeting_on": (today - dt.timedelta(days=2)).strftime("%d/%m/%Y"),
            "cell_vote-votes_for": "3",
            "cell_vote-votes_total": "3",
        },
    )
    assert ok.status_code == 302
    api = client.post(
        f"/api/v1/party/admissions/{adm.pk}/resolve",
        {"resolution_number": "07-NQ/ĐU", "resolution_on": today.isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 200, api.content
    refused = client.post(
        f"/api/v1/party/admissions/{adm.pk}/decide",
        {"decision_on": today.isoformat()},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "decision_number" in refused.content.decode()
    before = indicators.admissions_decided(longhe, today.year).value
    client.post(
        f"/api/v1/party/admissions/{adm.pk}/decide",
        {"decision_number": "15-QĐ/ĐU", "decision_on": today.isoformat()},
        content_type="application/json",
    )
    assert indicators.admissions_decided(longhe, today.year).value == before + 1
    data = client.get(f"/api/v1/party/admissions/{adm.pk}").json()
    assert data["status"] == "decided" and data["steps"] == ["ceremony", "stop"]
    assert client.get("/api/v1/party/admissions").json()[0]["id"] == adm.pk


def test_pages_and_api_refuse_others(start, party_leader, other_leader, login, make_user, longhe):
    adm = start()
    leader = login(party_leader)
    assert leader.get(f"/dang/ket-nap/{adm.pk}/").status_code == 200
    assert '<form method="post"' not in leader.get(f"/dang/ket-nap/{adm.pk}/").content.decode()
    assert leader.post(f"/dang/ket-nap/{adm.pk}/stop/", {}).status_code == 403
    assert (
        leader.post(
            f"/api/v1/party/admissions/{adm.pk}/stop",
            {"closed_on": "2026-01-01", "reason": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    other = login(other_leader)
    assert other.get(f"/dang/ket-nap/{adm.pk}/").status_code in (403, 404)
    assert other.get(f"/api/v1/party/admissions/{adm.pk}").status_code in (403, 404)
    clerk = login(make_user("chuyenvien2", "specialist", longhe))
    assert clerk.get("/dang/ket-nap/").status_code == 403
    assert clerk.get("/api/v1/party/admissions").status_code == 403


def test_the_admission_api_is_documented(admin, login):
    paths = login(admin).get("/api/openapi.json").json()["paths"]
    assert "/api/v1/party/admissions" in paths
    assert "/api/v1/party/admissions/{admission_id}/{step}" in paths
