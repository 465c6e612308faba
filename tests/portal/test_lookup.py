"""The public look-up: what anyone holding a dossier code sees — and what they never see."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.portal.conftest import APPLICANT, public_url
from xaso.core.selectors import calendar_for
from xaso.onestop import services
from xaso.onestop.models import Dossier, Status
from xaso.portal.selectors import public_dossier

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


PERSONAL = [
    APPLICANT["name"],
    APPLICANT["id_number"],
    APPLICANT["phone"],
    APPLICANT["address"],
    APPLICANT["email"],
    APPLICANT["birth_date"].strftime("%d/%m/%Y"),
    "Pá Uổi",  # the applicant's village
    "to-khai-lo-van-thu.pdf",  # an uploaded document's name
    "/media/",  # any link to a stored file
]


def assert_no_personal_data(html: str) -> None:
    leaked = [value for value in PERSONAL if value in html]
    assert not leaked, f"personal data on a public page: {leaked}"


def test_the_look_up_shows_status_and_due_date_and_no_personal_data(client, desk_dossier):
    dossier = desk_dossier("1.004873")  # 3 working days
    response = client.get(public_url(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert dossier.code in html
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in html
    assert "Được tiếp nhận" in html
    assert timezone.localtime(dossier.due_at).strftime("%d/%m/%Y") in html
    left = calendar_for(dossier.org_unit).remaining(dossier.due_at, timezone.now()).days_left
    assert f"còn {left} ngày làm việc" in html if left else "đến hạn trong hôm nay" in html
    assert_no_personal_data(html)


def test_days_left_and_days_late_count_working_days(desk_dossier):
    # Received Monday 09/03/2026 09:00, 3 working days: due Thursday 12/03 09:00.
    dossier = desk_dossier("1.004873", at=at(2026, 3, 9, 9, 0))
    key = dossier.lookup_key
    before = public_dossier(dossier.code, key, now=at(2026, 3, 10, 9, 0))
    assert (before.days_left, before.days_late) == (2, None)
    after = public_dossier(dossier.code, key, now=at(2026, 3, 16, 9, 0))  # Fri 13, Mon 16
    assert (after.days_left, after.days_late) == (None, 2)


def test_public_pages_are_not_cached_or_indexed(client, desk_dossier):
    dossier = desk_dossier()
    for url in ("/tra-cuu/", public_url(dossier), "/tra-cuu/03763-000000-9999/"):
        response = client.get(url)
        assert response["Cache-Control"] == "no-store", url
        assert response["X-Robots-Tag"] == "noindex", url


def test_the_look_up_reads_little(client, desk_dossier, django_assert_max_num_queries):
    dossier = desk_dossier()
    # The dossier by its unique code, then the office's calendar (rules, hours, notices,
    # overrides).
    with django_assert_max_num_queries(6):
        assert client.get(public_url(dossier)).status_code == 200


def test_an_overdue_dossier_says_by_how_many_days(client, desk_dossier):
    dossier = desk_dossier("1.004873", at=timezone.now() - dt.timedelta(days=30))
    html = client.get(public_url(dossier)).content.decode()
    assert "quá hạn" in html and "ngày làm việc" in html


def test_the_form_redirects_to_the_dossier_forgiving_case_and_spaces(client, desk_dossier):
    dossier = desk_dossier()
    key = dossier.lookup_key
    typed = f" {key[:3].lower()} {key[3:].lower()}"
    response = client.get("/tra-cuu/", {"ma": f"  {dossier.code.lower()} ", "khoa": typed})
    assert response.status_code == 302
    assert response["Location"] == public_url(dossier)
    empty = client.get("/tra-cuu/", {"ma": "", "khoa": ""})
    html = empty.content.decode()
    assert empty.status_code == 200 and "Hãy nhập mã hồ sơ." in html
    assert "Hãy nhập khóa tra cứu" in html


def test_an_unknown_code_is_a_vietnamese_404_with_a_hint(client, longhe):
    response = client.get("/tra-cuu/03763-260101-0042/", {"khoa": "ABC234"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy hồ sơ" in html and "03763-260101-0042" in html
    assert "Giấy tiếp nhận" in html  # where to find the code
    assert 'name="ma"' in html  # and a form to try again
    assert client.get("/tra-cuu/<script>/").status_code == 404


def test_a_supplement_request_shows_what_is_missing(client, desk_dossier, officer):
    dossier = desk_dossier()
    services.dossier_transition(
        actor=officer,
        dossier=dossier,
        action="request_supplement",
        note="Bản sao giấy khai sinh của con",
    )
    html = client.get(public_url(dossier)).content.decode()
    assert "Yêu cầu bổ sung giấy tờ" in html
    assert "Bản sao giấy khai sinh của con" in html
    assert "ngày làm việc" not in html  # the clock waits while the citizen supplements
    assert_no_personal_data(html)


def test_a_returned_dossier_shows_how_it_was_returned(client, returned_dossier):
    html = client.get(public_url(returned_dossier)).content.decode()
    assert "Đã trả kết quả" in html and "Tại bộ phận một cửa" in html
    assert "Mức độ hài lòng" in html
    assert_no_personal_data(html)
    assert "ket-qua.pdf" not in html


def test_an_online_dossier_waiting_for_the_desk_has_no_due_date_yet(
    client, center, procedures, applicant
):
    dossier = services.dossier_intake(
        actor=None,
        org_unit=center,
        procedure=procedures["1.001193"],
        channel="online",
        applicant=applicant,
    )
    assert dossier.status == Status.NEW
    html = client.get(public_url(dossier)).content.decode()
    assert "Mới đăng ký" in html and "Chưa tiếp nhận" in html
    assert_no_personal_data(html)
    assert Dossier.objects.count() == 1


def test_the_code_alone_opens_nothing_and_a_wrong_key_looks_like_no_dossier(client, desk_dossier):
    """Issue 9.7: every demo dossier was found by walking the codes, each revealing the
    procedure and its dates."""
    dossier = desk_dossier()
    bare = client.get(f"/tra-cuu/{dossier.code}/")
    assert bare.status_code == 200 and dossier.procedure.name not in bare.content.decode()
    assert 'name="khoa"' in bare.content.decode()  # asked for the key
    wrong = client.get(f"/tra-cuu/{dossier.code}/", {"khoa": "WRONG2"})
    unknown = client.get("/tra-cuu/03763-260101-0042/", {"khoa": "WRONG2"})
    assert wrong.status_code == unknown.status_code == 404
    assert dossier.procedure.name not in wrong.content.decode()
    id_digits = client.get(f"/tra-cuu/{dossier.code}/", {"khoa": APPLICANT["id_number"][-4:]})
    assert id_digits.status_code == 200 and dossier.procedure.name in id_digits.content.decode()
    api = client.get(f"/api/v1/public/dossiers/{dossier.code}")
    assert api.status_code == 404
    keyed = client.get(f"/api/v1/public/dossiers/{dossier.code}", {"key": dossier.lookup_key})
    assert keyed.status_code == 200 and keyed.json()["code"] == dossier.code


def test_a_client_walking_codes_is_held_off(client, desk_dossier):
    from xaso.core import throttle

    dossier = desk_dossier()
    for n in range(throttle.LOOKUP_LIMIT):
        assert client.get(f"/tra-cuu/03763-260101-{n:04d}/", {"khoa": "ABC234"}).status_code == 404
    held = client.get(public_url(dossier))  # even the right key waits now
    assert held.status_code == 429 and "Tạm dừng tra cứu" in held.content.decode()
    assert int(held["Retry-After"]) > 0
    other = client.get(public_url(dossier), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
