"""Cell meetings (sinh hoạt chi bộ): the monthly regular meeting and the thematic one,
attendance from the cell's roll on the day, one regular meeting a month, cells late for
the last complete month, XD1e fed live, the demo's ratings and meetings, the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from xaso.core.models import AuditEntry
from xaso.party import rating_selectors, services
from xaso.party.models import Meeting, MeetingAttendance
from xaso.targets import registry

pytestmark = pytest.mark.django_db

CELL = "03763-CB01"


@pytest.fixture
def roll(new_member):
    return [new_member(full_name="Lò Văn Một"), new_member(full_name="Cà Văn Hai")]


def _record(client, day, roll, kind="regular", cell=CELL, **extra):
    body = {
        "cell": cell,
        "kind": kind,
        "held_on": day.isoformat(),
        "content": "Đánh giá nhiệm vụ tháng",
        "attendance": [
            {"member_id": m.pk, "status": s}
            for m, s in zip(roll, ["present", "excused", "absent"], strict=False)
        ],
        **extra,
    }
    return client.post("/api/v1/party/meetings", body, content_type="application/json")


def _last_month():
    return rating_selectors.last_complete_month()


def test_a_meeting_with_its_attendance(roll, party_office, login):
    client = login(party_office)
    day = _last_month().replace(day=5)
    r = _record(client, day, roll)
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["present"], body["excused"], body["absent"]) == (1, 1, 0)
    assert {a["member_id"] for a in body["attendance"]} == {m.pk for m in roll}
    assert MeetingAttendance.objects.count() == 2
    entry = AuditEntry.objects.get(action="party_meeting_record")
    assert entry.changes["có mặt"] == [None, 1] and "Lò" not in entry.object_repr
    # One regular meeting a month; a thematic meeting the same month is fine.
    again = _record(client, day.replace(day=20), roll)
    assert again.status_code == 422 and again.json()["detail"][0]["field"] == "held_on"
    assert _record(client, day.replace(day=20), roll, kind="thematic").status_code == 200


def test_validation_names_the_field(roll, new_member, party_office, login):
    client = login(party_office)
    today = timezone.localdate()
    future = _record(client, today + dt.timedelta(days=1), roll)
    assert future.status_code == 422 and future.json()["detail"][0]["field"] == "held_on"
    stranger = new_member(code="03763-CB02", full_name="Vì Văn Khác")
    r = _record(client, today, [*roll, stranger])
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "attendance"
    r = _record(client, today, roll[:1])  # one member left out
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "attendance"
    # Before a member joined, they are not on the roll that day.
    joined = services.member_transfer  # noqa: F841 (the roll follows transfers, below)
    r = _record(client, dt.date(2004, 6, 1), roll)  # admitted in 2005
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "attendance"
    assert _record(client, dt.date(2004, 6, 1), []).status_code == 200
    blank = _record(client, today, roll, content="   ")
    assert blank.status_code == 422 and blank.json()["detail"][0]["field"] == "content"
    assert not Meeting.objects.filter(held_on=today).exists()


def test_the_roll_follows_a_transfer(roll, cells, party_office):
    moved = roll[0]
    day = timezone.localdate() - dt.timedelta(days=10)
    services.member_transfer(
        actor=party_office,
        member=moved,
        kind="official",
        direction="internal",
        on=day,
        to_unit=cells["03763-CB02"].org_unit,
    )
    before = rating_selectors.roll_on(cells[CELL].org_unit, day - dt.timedelta(days=1))
    after = rating_selectors.roll_on(cells[CELL].org_unit, day)
    assert moved in before and moved not in after
    assert moved in rating_selectors.roll_on(cells["03763-CB02"].org_unit, day)


def test_late_cells_and_access(roll, party_office, party_leader, officer, other_leader, login):
    office = login(party_office)
    late = {c["cell"] for c in office.get("/api/v1/party/meetings/late-cells").json()}
    assert CELL in late and len(late) == 32
    assert _record(office, _last_month().replace(day=3), roll).status_code == 200
    late = {c["cell"] for c in office.get("/api/v1/party/meetings/late-cells").json()}
    assert CELL not in late and len(late) == 31
    meeting = Meeting.objects.get()
    leader = login(party_leader)
    assert leader.get(f"/api/v1/party/meetings/{meeting.pk}").status_code == 200
    assert _record(leader, timezone.localdate(), roll, kind="thematic").status_code == 403
    assert leader.get(f"/dang/sinh-hoat/{CELL}/ghi/").status_code == 403
    assert login(officer).get("/api/v1/party/meetings").status_code == 403
    assert login(officer).get("/dang/sinh-hoat/").status_code == 403
    assert login(other_leader).get(f"/api/v1/party/meetings/{meeting.pk}").status_code == 404
    assert login(other_leader).get(f"/dang/sinh-hoat/buoi/{meeting.pk}/").status_code == 404


def test_xd1e_follows_the_meetings_live(roll, cells, party_office, login, longhe):
    source = registry.get("party.cells_meeting_regularly")
    year = timezone.localdate().year - 1
    assert source.supply(longhe, year) is None  # nothing recorded: unknown, not 0
    client = login(party_office)
    for month in range(1, 12):
        assert _record(client, dt.date(year, month, 4), roll).status_code == 200
    observed = source.supply(longhe, year)
    assert (observed.numerator, observed.denominator, observed.demo) == (0, 32, False)
    assert _record(client, dt.date(year, 12, 4), roll).status_code == 200
    assert source.supply(longhe, year).numerator == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_pages_render(roll, party_office, login, language):
    client = login(party_office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert client.get("/dang/sinh-hoat/").status_code == 200
    form = client.get(f"/dang/sinh-hoat/{CELL}/ghi/")
    assert form.status_code == 200 and "Lò Văn Một" in form.content.decode()
    day = timezone.localdate()
    data = {
        "kind": "regular",
        "held_on": day.strftime("%d/%m/%Y"),
        "content": "Nội dung",
        "resolution": "",
        **{f"member_{m.pk}": "present" for m in roll},
    }
    done = client.post(f"/dang/sinh-hoat/{CELL}/ghi/", data)
    assert done.status_code == 302, done.content.decode()[:2000]
    meeting = Meeting.objects.get()
    assert client.get(f"/dang/sinh-hoat/buoi/{meeting.pk}/").status_code == 200
    listing = client.get(f"/dang/sinh-hoat/{CELL}/").content.decode()
    assert day.strftime("%d/%m/%Y") in listing
    again = client.post(f"/dang/sinh-hoat/{CELL}/ghi/", data)
    assert again.status_code == 400


def test_the_demo_ratings_and_meetings(demo_party, login, party_office, longhe):
    from xaso.party.models import Rating
    from xaso.party.rating_demo import create_demo_ratings_and_meetings

    today = timezone.localdate()
    rated, held = create_demo_ratings_and_meetings(today=today)
    assert rated > 1100 and held > 32 * 12
    assert create_demo_ratings_and_meetings(today=today) == (0, 0)  # idempotent
    assert not Rating.objects.filter(is_demo=False).exists()
    assert Rating.objects.filter(year=2025, member__isnull=True).count() == 32
    assert not Rating.objects.filter(year=2025, score__isnull=True).exists()
    for r in Rating.objects.filter(year=2025)[:200]:
        assert rating_selectors.level_for_score(r.score, 2025) == r.level
    for key in ("org_rating_good", "member_rating_excellent", "cells_meeting_regularly"):
        observed = registry.get(f"party.{key}").supply(longhe, 2025)
        assert observed.demo and 0 < observed.numerator <= observed.denominator
    page = login(party_office).get("/dang/xep-loai/?nam=2025").content.decode()
    assert "dữ liệu mẫu" in page
