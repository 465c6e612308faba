"""The audit log: every service write leaves who/when/what/before-after/from where, and
nothing — model, queryset, raw SQL, page or API — can edit or delete an entry."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from xaso.core import services
from xaso.core.models import AuditEntry, OrgUnit

pytestmark = pytest.mark.django_db


def test_it_records_who_what_and_before_after_on_an_update(admin):
    unit = OrgUnit.objects.get(code="03763-B11")
    services.org_unit_update(actor=admin, unit=unit, name="Bản Mới")
    entry = AuditEntry.objects.filter(object_type="core.orgunit", object_id=str(unit.pk)).first()
    assert entry.action == "update"
    assert entry.actor == admin and entry.actor_name == admin.full_name
    assert entry.changes == {"name": ["", "Bản Mới"]}
    assert entry.org_unit == unit


def test_it_records_where_a_page_write_came_from(admin, login):
    client = login(admin)
    response = client.post(
        "/don-vi/03763-B13/sua/",
        {"name": "Bản Hua", "kind": "village"},
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT="Firefox thử",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update").first()
    assert (entry.source, entry.ip, entry.user_agent) == ("web", "10.1.2.3", "Firefox thử")


def test_it_never_logs_password_hashes(admin, make_user):
    user = make_user("nguoi_moi", "statistics", admin.org_unit)
    services.user_set_password(actor=admin, user=user, password="mot-mat-khau-dai-2026")
    entries = AuditEntry.objects.filter(object_type="core.user", object_id=str(user.pk))
    assert entries.filter(action="password_change").exists()
    for entry in entries:
        assert user.password not in str(entry.changes)
        assert "pbkdf2" not in str(entry.changes) and "md5$" not in str(entry.changes)


def test_it_logs_nothing_when_the_write_fails(admin):
    from django.core.exceptions import ValidationError

    before = AuditEntry.objects.count()
    unit = OrgUnit.objects.get(code="03763-B14")
    with pytest.raises(ValidationError):
        services.org_unit_update(
            actor=admin,
            unit=unit,
            valid_from=None,
            valid_to=__import__("datetime").date(2000, 1, 1),
            kind="not-a-kind",
        )
    assert AuditEntry.objects.count() == before
    assert OrgUnit.objects.get(code="03763-B14").kind == "village"


def test_it_refuses_to_edit_or_delete_an_entry_through_the_model(admin):
    entry = AuditEntry.objects.first()
    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action != "forged"


def test_it_refuses_raw_sql_updates_and_deletes(longhe):
    entry = AuditEntry.objects.first()
    for sql in (
        f"UPDATE core_auditentry SET action = 'forged' WHERE id = {entry.pk}",
        f"DELETE FROM core_auditentry WHERE id = {entry.pk}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_it_offers_no_page_or_api_that_writes_the_log(admin, login):
    client = login(admin)
    entry = AuditEntry.objects.first()
    assert client.post("/nhat-ky/", {"action": "x"}).status_code == 405 or (
        AuditEntry.objects.get(pk=entry.pk).action == entry.action
    )
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/audit")
        assert response.status_code == 405
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_it_lets_leaders_filter_the_log_of_their_commune_only(leader, outsider, login):
    services.org_unit_update(actor=outsider, unit=outsider.org_unit, note="ghi chú khác")
    client = login(leader)
    page = client.get("/nhat-ky/", {"action": "update"}).content.decode()
    assert "Chiềng Khác" not in page
    data = client.get("/api/v1/audit", {"object_type": "core.orgunit"}).json()
    units = {e["org_unit"] for e in data}
    assert "03763-B01" in units and "ETONG-CU" in units  # its own and its merged history
    assert not any(u.startswith("09999") for u in units)


def test_it_refuses_the_log_to_an_officer(officer, login):
    assert login(officer).get("/api/v1/audit").status_code == 403


def test_it_names_the_field_when_a_filter_date_is_bad(leader, login):
    response = login(leader).get("/nhat-ky/", {"since": "31/02/2026"})
    assert response.status_code == 400
    assert "Từ ngày" in response.content.decode()
    api = login(leader).get("/api/v1/audit", {"since": "hôm qua"})
    assert api.status_code == 422 and api.json()["detail"][0]["field"] == "since"


def test_it_logs_logins_failures_and_logouts_without_passwords(client, leader):
    from tests.conftest import PASSWORD

    client.post("/dang-nhap/", {"username": leader.username, "password": "doan-sai"})
    client.post(
        "/dang-nhap/", {"username": leader.username, "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    client.post("/dang-xuat/")
    entries = AuditEntry.objects.filter(action__in=["login", "login_failed", "logout"])
    assert [e.action for e in entries.order_by("id")] == ["login_failed", "login", "logout"]
    failed = entries.get(action="login_failed")
    assert failed.actor is None and failed.object_repr == leader.username
    assert failed.org_unit == leader.org_unit
    assert entries.get(action="login").ip == "10.9.8.7"
    assert not any("doan-sai" in str(e.changes) for e in entries)
