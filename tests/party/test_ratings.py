"""Annual ratings (xếp loại chất lượng hằng năm): the 100-point scale of Quy định
366-QĐ/TW from 2025 and levels without a score before, one rating per subject and year,
corrections with a reason and their history, the share of xuất sắc (a refusal where
confirmed, a warning to confirm where not), the discipline hook, who may read and write,
XD1a–d fed live, the pages in Vietnamese and English."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.models import AuditEntry
from xaso.party import inspections, rating_selectors, ratings
from xaso.party.models import Rating, RatingChange
from xaso.targets import registry

CELL = "03763-CB01"
URL = f"/api/v1/party/ratings/cells/{CELL}/"


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_a_score_gives_its_level_under_366(score):
    level = rating_selectors.level_for_score(score, 2025)
    if score >= 90:
        assert level == "excellent"
    elif score >= 70:
        assert level == "good"
    elif score >= 50:
        assert level == "done"
    else:
        assert level == "failed"
    assert rating_selectors.level_for_score(score, 2024) is None  # no scale before 366


@pytest.mark.parametrize(
    ("score", "level"),
    [
        ("89.99", "good"),
        ("90", "excellent"),
        ("69.99", "done"),
        ("70", "good"),
        ("49.99", "failed"),
        ("50", "done"),
    ],
)
def test_the_boundaries_are_exact(score, level):
    assert rating_selectors.level_for_score(Decimal(score), 2025) == level
    assert ratings.check_score_level(2025, Decimal(score), level, "x") == {}


def _post(client, year, body, cell=CELL):
    return client.post(
        f"/api/v1/party/ratings/cells/{cell}/{year}",
        data=json.dumps(body),
        content_type="application/json",
    )


@pytest.fixture
def roll(new_member):
    return [
        new_member(full_name="Lò Văn Một"),
        new_member(full_name="Cà Văn Hai"),
        new_member(full_name="Quàng Thị Ba", gender="female"),
        new_member(
            full_name="Lường Văn Bốn", status="probationary", admitted_on=dt.date(2025, 3, 1)
        ),
    ]


pytestmark = pytest.mark.django_db


def test_the_level_must_agree_with_the_score_from_2025(roll, party_office, login):
    client = login(party_office)
    m = roll[0]
    wrong = _post(
        client, 2025, {"members": [{"member_id": m.pk, "score": 85, "level": "excellent"}]}
    )
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["detail"]] == ["members[0].level"]
    assert (
        "Tốt" in wrong.json()["detail"][0]["message"]
        or "tốt" in wrong.json()["detail"][0]["message"]
    )
    missing = _post(client, 2025, {"members": [{"member_id": m.pk, "level": "good"}]})
    assert [e["field"] for e in missing.json()["detail"]] == ["members[0].score"]
    out = _post(client, 2025, {"members": [{"member_id": m.pk, "score": 85.5, "level": "good"}]})
    assert out.status_code == 200, out.content
    assert Decimal(str(out.json()[0]["score"])) == Decimal("85.5")
    # Before 2025 the level stood without a score.
    old = _post(client, 2024, {"members": [{"member_id": m.pk, "level": "done"}]})
    assert old.status_code == 200 and old.json()[0]["score"] is None
    assert not Rating.objects.filter(is_demo=True).exists()
    assert AuditEntry.objects.filter(action="party_rating_enter").count() == 2


def test_bad_scores_are_refused_naming_the_field(roll, party_office, login):
    client = login(party_office)
    for score in (100.5, -1, 85.123, "85", True):
        r = _post(
            client, 2025, {"members": [{"member_id": roll[0].pk, "score": score, "level": "good"}]}
        )
        assert r.status_code == 422, score
        assert r.json()["detail"][0]["field"] == "members.0.score"
    future = _post(
        client, 2199, {"members": [{"member_id": roll[0].pk, "score": 80, "level": "good"}]}
    )
    assert future.status_code == 422 and future.json()["detail"][0]["field"] == "year"


def test_one_rating_per_subject_and_year_and_corrections_keep_the_history(
    roll, party_office, login
):
    client = login(party_office)
    body = {
        "cell_rating": {"score": 80, "level": "good"},
        "members": [{"member_id": roll[1].pk, "score": 75, "level": "good"}],
    }
    assert _post(client, 2025, body).status_code == 200
    again = _post(
        client, 2025, {"members": [{"member_id": roll[1].pk, "score": 60, "level": "done"}]}
    )
    assert again.status_code == 422
    assert again.json()["detail"][0]["field"] == "members[0].level"
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(org_unit=roll[1].org_unit, member=roll[1], year=2025, level="done")
    rating = Rating.objects.get(member=roll[1], year=2025)
    url = f"/api/v1/party/ratings/entries/{rating.pk}/correct"
    no_reason = client.post(
        url, {"score": 60, "level": "done", "reason": ""}, content_type="application/json"
    )
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "reason"
    fixed = client.post(
        url,
        {"score": 60, "level": "done", "reason": "Nhập nhầm điểm"},
        content_type="application/json",
    )
    assert fixed.status_code == 200 and fixed.json()["level"] == "done"
    change = RatingChange.objects.get()
    assert (change.old_level, change.old_score, change.new_level) == ("good", Decimal("75"), "done")
    history = client.get(f"/api/v1/party/ratings/entries/{rating.pk}").json()
    assert history["changes"][0]["reason"] == "Nhập nhầm điểm"
    entry = AuditEntry.objects.get(action="party_rating_correct")
    assert entry.changes["level"] == ["good", "done"]
    assert "Lò" not in entry.object_repr and "Cà" not in entry.object_repr  # never a name


def test_a_member_outside_the_cell_that_year_is_not_rated(roll, new_member, party_office, login):
    client = login(party_office)
    elsewhere = new_member(code="03763-CB02", full_name="Vì Văn Khác")
    late = roll[3]  # probationary, admitted in March 2025: rated in 2025, not in 2024
    r = _post(
        client, 2025, {"members": [{"member_id": elsewhere.pk, "score": 80, "level": "good"}]}
    )
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "members[0].member_id"
    r = _post(client, 2024, {"members": [{"member_id": late.pk, "level": "good"}]})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "members[0].member_id"
    assert (
        _post(
            client, 2025, {"members": [{"member_id": late.pk, "score": 71, "level": "good"}]}
        ).status_code
        == 200
    )
    listed = client.get(f"{URL}2024").json()["members"]
    assert late.pk not in {m["member_id"] for m in listed}
    assert {m.pk for m in roll[:3]} <= {m["member_id"] for m in listed}


def test_the_share_of_excellent_warns_under_366_and_refuses_under_the_old_guide(
    roll, party_office, login
):
    client = login(party_office)
    body = {"members": [{"member_id": roll[0].pk, "score": 95, "level": "excellent"}]}
    warned = _post(client, 2025, body)
    assert warned.status_code == 409
    assert warned.json()["confirm_with"] == "confirm_warnings"
    assert "chưa xác nhận" in warned.json()["detail"][0]["message"]
    assert not Rating.objects.exists()
    assert _post(client, 2025, {**body, "confirm_warnings": True}).status_code == 200
    refused = _post(client, 2024, {"members": [{"member_id": roll[0].pk, "level": "excellent"}]})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "members"
    # Five tốt for one xuất sắc is within 20%.
    ok = _post(
        client,
        2024,
        {
            "members": [{"member_id": roll[0].pk, "level": "excellent"}]
            + [{"member_id": m.pk, "level": "good"} for m in roll[1:3]]
        },
    )
    assert ok.status_code == 422  # one xuất sắc for two tốt is still 50%


def test_a_disciplined_member_and_their_cell_cannot_be_rated_excellent(roll, party_office, login):
    client = login(party_office)
    body = {
        "members": [{"member_id": roll[0].pk, "score": 95, "level": "excellent"}],
        "confirm_warnings": True,
    }
    cell_body = {"cell_rating": {"score": 92, "level": "excellent"}, "confirm_warnings": True}
    inspections.discipline_record(
        actor=party_office,
        form="reprimand",
        number="03-QĐ/ĐU",
        decided_on=dt.date(2025, 3, 3),
        authority="committee",
        violation="Vi phạm quy định về sinh hoạt đảng",
        basis="Điều lệ Đảng, Điều 35",
        effective_on=dt.date(2025, 3, 3),
        member=roll[0],
    )
    r = _post(client, 2025, body)
    assert r.status_code == 422 and "kỷ luật" in r.json()["detail"][0]["message"]
    r = _post(client, 2025, cell_body)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "cell_rating.level"
    # A discipline of another year bars nothing in this one.
    assert (
        _post(client, 2024, {**cell_body, "cell_rating": {"level": "excellent"}}).status_code == 200
    )


def test_who_reads_and_who_writes(roll, party_office, party_leader, officer, other_leader, login):
    body = {"members": [{"member_id": roll[0].pk, "score": 80, "level": "good"}]}
    assert _post(login(party_office), 2025, body).status_code == 200
    leader = login(party_leader)
    assert leader.get(f"{URL}2025").status_code == 200
    assert leader.get("/api/v1/party/ratings?year=2025").status_code == 200
    assert (
        _post(
            leader, 2025, {"members": [{"member_id": roll[1].pk, "score": 80, "level": "good"}]}
        ).status_code
        == 403
    )
    rating = Rating.objects.get()
    for path in (
        f"{URL}2025",
        "/api/v1/party/ratings?year=2025",
        f"/api/v1/party/ratings/entries/{rating.pk}",
    ):
        assert login(officer).get(path).status_code == 403
    stranger = login(other_leader)
    assert stranger.get("/api/v1/party/ratings?year=2025").json()["cells"] == []  # their own
    assert stranger.get(f"{URL}2025").status_code == 404
    assert stranger.get(f"/api/v1/party/ratings/entries/{rating.pk}").status_code == 404
    assert stranger.get("/api/v1/party/ratings?year=2025&org_unit=03763").status_code == 404
    page = leader.get(f"/dang/xep-loai/{CELL}/2025/").content.decode()
    assert "Lò Văn Một" in page and "Lưu xếp loại" not in page
    assert leader.post(f"/dang/xep-loai/{CELL}/2025/", {}).status_code == 403
    assert login(officer).get("/dang/xep-loai/").status_code == 403


def test_xd1a_to_d_follow_the_ratings_live(roll, cells, party_office, login, longhe):
    sources = {
        k: registry.get(f"party.{k}")
        for k in (
            "org_rating_good",
            "member_rating_good",
            "org_rating_excellent",
            "member_rating_excellent",
        )
    }
    assert all(s.supply(longhe, 2025) is None for s in sources.values())  # unknown, not 0
    client = login(party_office)
    body = {
        "cell_rating": {"score": 91, "level": "excellent"},
        "members": [
            {"member_id": roll[0].pk, "score": 95, "level": "excellent"},
            {"member_id": roll[1].pk, "score": 80, "level": "good"},
            {"member_id": roll[2].pk, "score": 60, "level": "done"},
            {"member_id": roll[3].pk, "score": 40, "level": "failed"},
        ],
        "confirm_warnings": True,
    }
    assert _post(client, 2025, body).status_code == 200
    two = _post(client, 2025, {"cell_rating": {"score": 65, "level": "done"}}, cell="03763-CB02")
    assert two.status_code == 200

    def ratio(key):
        o = sources[key].supply(longhe, 2025)
        return (o.numerator, o.denominator, o.demo)

    assert ratio("org_rating_good") == (1, 2, False)
    assert ratio("org_rating_excellent") == (1, 2, False)
    assert ratio("member_rating_good") == (2, 4, False)
    assert ratio("member_rating_excellent") == (1, 4, False)
    assert sources["member_rating_good"].supply(longhe, 2024) is None


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_pages_render(roll, party_office, login, language):
    client = login(party_office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/dang/xep-loai/?nam=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert "366-QĐ/TW" in text
    assert ("chưa xác nhận" in text) == (language == "vi")
    entry = client.get(f"/dang/xep-loai/{CELL}/2025/")
    assert entry.status_code == 200 and "Lò Văn Một" in entry.content.decode()
    posted = client.post(
        f"/dang/xep-loai/{CELL}/2025/",
        {f"m{roll[0].pk}.score": "85,5", f"m{roll[0].pk}.level": "excellent"},
    )
    assert posted.status_code == 400  # 85,5 is tốt
    posted = client.post(
        f"/dang/xep-loai/{CELL}/2025/",
        {f"m{roll[0].pk}.score": "85,5", f"m{roll[0].pk}.level": "good"},
    )
    assert posted.status_code == 302
    rating = Rating.objects.get()
    assert rating.score == Decimal("85.5")
    correct = client.get(f"/dang/xep-loai/sua/{rating.pk}/")
    assert correct.status_code == 200
    done = client.post(
        f"/dang/xep-loai/sua/{rating.pk}/", {"score": "60", "level": "done", "reason": "Sai"}
    )
    assert done.status_code == 302 and RatingChange.objects.count() == 1
