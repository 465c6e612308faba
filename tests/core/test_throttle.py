"""Failed logins are held off per account and per client: a locked login is refused with
a Vietnamese message before its password is checked, refused attempts are counted
instead of filling the audit log, and an administrator can unlock an account."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from xaso.core import throttle
from xaso.core.models import AuditEntry, Throttle

pytestmark = pytest.mark.django_db


def _login(client, username, password, ip="10.0.0.1"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_an_account_is_locked_after_five_wrong_passwords_even_with_the_right_one(client, leader):
    for _ in range(throttle.ACCOUNT_LIMIT):
        assert _login(client, leader.username, "sai-mat-khau").status_code == 200
    locked = _login(client, leader.username, PASSWORD)
    assert locked.status_code == 200  # the form again, not a redirect into the system
    assert "Đăng nhập sai quá nhiều lần: tạm khóa đến" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    for _ in range(20):  # refused attempts are counted, not audited one by one
        _login(client, leader.username, "sai-mat-khau")
    assert AuditEntry.objects.filter(action="login_failed").count() == throttle.ACCOUNT_LIMIT
    assert AuditEntry.objects.filter(action="login_locked").count() == 1
    row = Throttle.objects.get(key=f"account:{leader.username}")
    assert row.refused == 21


def test_a_client_flooding_many_names_is_locked(client, leader):
    for n in range(throttle.CLIENT_LIMIT):
        _login(client, f"doan-{n}", "sai", ip="10.9.9.9")
    refused = _login(client, leader.username, PASSWORD, ip="10.9.9.9")
    assert "tạm khóa" in refused.content.decode()
    # The same official from another address is not held back by that client's lock.
    ok = _login(client, leader.username, PASSWORD, ip="10.0.0.2")
    assert ok.status_code == 302


def test_a_right_password_clears_the_accounts_count(client, leader):
    for _ in range(throttle.ACCOUNT_LIMIT - 1):
        _login(client, leader.username, "sai")
    assert _login(client, leader.username, PASSWORD).status_code == 302
    assert not Throttle.objects.filter(key=f"account:{leader.username}").exists()


def test_the_administrator_unlocks_an_account(client, admin, leader, login):
    for _ in range(throttle.ACCOUNT_LIMIT):
        _login(client, leader.username, "sai")
    page = login(admin).get(f"/tai-khoan/{leader.username}/").content.decode()
    assert "Mở khóa đăng nhập" in page
    response = login(admin).post(f"/tai-khoan/{leader.username}/", {"action": "unlock"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="login_unlock").count() == 1
    assert _login(client, leader.username, PASSWORD, ip="10.0.0.3").status_code == 302
