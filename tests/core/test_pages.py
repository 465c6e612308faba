"""The shell of the UI and account administration, used the way an official uses them."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from xaso.core.models import AuditEntry, RoleAssignment, User

pytestmark = pytest.mark.django_db


def test_it_logs_in_and_out_through_the_form(client, leader):
    page = client.get("/dang-nhap/")
    assert page.status_code == 200 and "Tên đăng nhập" in page.content.decode()
    response = client.post("/dang-nhap/", {"username": leader.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/").content.decode()
    assert "Xin chào, Người lanhdao_lh" in home and "Lãnh đạo" in home
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/").status_code == 302


def test_it_refuses_a_wrong_password_in_vietnamese(client, leader):
    response = client.post("/dang-nhap/", {"username": leader.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_each_role_sees_its_own_home(login, admin, leader, officer):
    admin_home = login(admin).get("/").content.decode()
    assert all(label in admin_home for label in ("Tài khoản", "Nhật ký", "Lịch làm việc"))
    leader_home = login(leader).get("/").content.decode()
    assert "Nhật ký" in leader_home and 'href="/tai-khoan/"' not in leader_home
    officer_home = login(officer).get("/").content.decode()
    assert 'href="/nhat-ky/"' not in officer_home and "Lịch làm việc" in officer_home


def test_it_sends_secure_headers(client, longhe):
    response = client.get("/dang-nhap/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


def test_it_requires_csrf_on_forms(leader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": leader.username, "password": PASSWORD})
    assert response.status_code == 403


def test_an_administrator_creates_an_account_and_grants_a_role(admin, login, longhe):
    client = login(admin)
    response = client.post(
        "/tai-khoan/them/",
        {
            "username": "hoang_van_a",
            "full_name": "Hoàng Văn A",
            "org_unit": longhe.pk,
            "password": "mat-khau-rat-dai-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="hoang_van_a")
    response = client.post(
        "/tai-khoan/hoang_van_a/",
        {
            "action": "grant",
            "role": "specialist",
            "org_unit": longhe.pk,
            "field": "justice_civil_status",
        },
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=user, role="specialist").exists()
    actions = set(
        AuditEntry.objects.filter(object_type="core.user", object_id=str(user.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"create", "role_grant"} <= actions
    # Search for the account ignoring tone marks.
    assert "hoang_van_a" in client.get("/tai-khoan/", {"q": "hoang van"}).content.decode()


def test_it_names_the_field_on_a_weak_password_and_saves_nothing(admin, login, longhe):
    response = login(admin).post(
        "/tai-khoan/them/",
        {
            "username": "yeu",
            "full_name": "Mật Khẩu Yếu",
            "org_unit": longhe.pk,
            "password": "12345678",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Mật khẩu ban đầu:" in body
    assert not User.objects.filter(username="yeu").exists()


def test_it_refuses_a_role_field_for_a_non_specialist(admin, login, officer, longhe):
    response = login(admin).post(
        f"/tai-khoan/{officer.username}/",
        {"action": "grant", "role": "leader", "org_unit": longhe.pk, "field": "land"},
    )
    assert response.status_code == 400
    assert "Lĩnh vực" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=officer, role="leader").exists()


def test_an_official_changes_their_own_password(leader, login):
    client = login(leader)
    bad = client.post(
        "/doi-mat-khau/", {"old_password": "sai", "new_password1": "x", "new_password2": "x"}
    )
    assert bad.status_code == 200
    ok = client.post(
        "/doi-mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "mat-khau-moi-2026-dai",
            "new_password2": "mat-khau-moi-2026-dai",
        },
    )
    assert ok.status_code == 302
    leader.refresh_from_db()
    assert leader.check_password("mat-khau-moi-2026-dai")


def test_an_administrator_cannot_lock_themselves_out(admin, login):
    response = login(admin).post(
        f"/tai-khoan/{admin.username}/",
        {"action": "update", "full_name": admin.full_name, "org_unit": admin.org_unit_id},
    )
    # is_active unchecked → refused with the field named
    assert response.status_code == 400
    assert "Không thể tự khóa" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_the_language_switch_sets_english(client, longhe):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/dang-nhap/"})
    assert response.status_code == 302
    page = client.get("/dang-nhap/").content.decode()
    assert '<html lang="en" ' in page


def test_dates_in_forms_are_dd_mm_yyyy(admin, login):
    page = login(admin).get("/don-vi/03763/sua/").content.decode()
    assert 'value="01/07/2025"' in page


def test_the_bare_endpoint_answers_without_a_session(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies


def test_the_openapi_document_lists_the_core_endpoints(client, leader, login):
    schema = login(leader).get("/api/openapi.json").json()
    for path in (
        "/api/v1/me",
        "/api/v1/org-units",
        "/api/v1/calendar/{year}",
        "/api/v1/deadline",
        "/api/v1/audit",
    ):
        assert path in schema["paths"]
    docs = login(leader).get("/api/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()


def test_the_home_page_says_what_needs_each_role(login, admin, leader, officer):
    admin_home = login(admin).get("/").content.decode()
    assert "13 đơn vị chưa có tên" not in admin_home  # 13 bản + 4 schools + 2 stations
    assert "19 đơn vị chưa có tên" in admin_home
    assert "tài khoản chưa được giao vai trò" in admin_home
    leader_home = login(leader).get("/").content.decode()
    assert "Thay đổi gần đây" in leader_home and "chưa có tên" not in leader_home
    officer_home = login(officer).get("/").content.decode()
    assert "là ngày" in officer_home and "Thay đổi gần đây" not in officer_home


def test_vietnamese_is_the_default_whatever_the_browser_asks(client, longhe):
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi" ' in page and "Tên đăng nhập" in page
    # Each language is offered in its own name; the current one is marked, not a link.
    assert 'lang="en">English</button>' in page
    assert 'aria-current="true" lang="vi">Tiếng Việt</span>' in page  # in NFC
