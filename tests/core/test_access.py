"""The permission matrix: role × permission, and scoping to the org-unit subtree.

An officer of one commune can neither read nor change another commune's records, by
page or by API."""

from __future__ import annotations

import json

import pytest

from xaso.core import access
from xaso.core.models import OrgUnit, Role

pytestmark = pytest.mark.django_db

EXPECTED = {
    Role.ADMINISTRATOR: {
        access.VIEW_ORG,
        access.MANAGE_ORG,
        access.MANAGE_USERS,
        access.VIEW_AUDIT,
        access.VIEW_CALENDAR,
        access.MANAGE_CALENDAR,
    },
    Role.LEADER: {access.VIEW_ORG, access.VIEW_AUDIT, access.VIEW_CALENDAR},
    Role.ONESTOP_OFFICER: {access.VIEW_ORG, access.VIEW_CALENDAR},
    Role.SPECIALIST: {access.VIEW_ORG, access.VIEW_CALENDAR},
    Role.PARTY_OFFICE: {access.VIEW_ORG, access.VIEW_CALENDAR},
    Role.STATISTICS: {access.VIEW_ORG, access.VIEW_CALENDAR},
    Role.RECEPTION: {access.VIEW_ORG, access.VIEW_CALENDAR},
}
CORE_PERMISSIONS = sorted({p for perms in EXPECTED.values() for p in perms})


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", CORE_PERMISSIONS)
def test_it_grants_each_role_exactly_its_permissions_inside_its_commune(
    role, permission, longhe, other_commune, make_user
):
    user = make_user(f"u_{role}", role, longhe)
    village = OrgUnit.objects.get(code="03763-B05")
    foreign_village = OrgUnit.objects.get(code="09999-B01")
    expected = permission in EXPECTED[role]
    assert access.allowed(user, permission, longhe) is expected
    assert access.allowed(user, permission, village) is expected
    # Never outside the subtree, whatever the role.
    assert access.allowed(user, permission, other_commune) is False
    assert access.allowed(user, permission, foreign_village) is False


def test_it_scopes_a_role_held_on_a_village_to_that_village(longhe, make_user):
    village = OrgUnit.objects.get(code="03763-B01")
    user = make_user("truongban", Role.STATISTICS, village)
    assert access.allowed(user, access.VIEW_ORG, village)
    assert not access.allowed(user, access.VIEW_ORG, longhe)
    assert not access.allowed(user, access.VIEW_ORG, OrgUnit.objects.get(code="03763-B02"))
    codes = set(access.scope_units(user, access.VIEW_ORG).values_list("code", flat=True))
    assert codes == {"03763-B01"}


def test_it_refuses_inactive_and_anonymous_users(admin):
    from django.contrib.auth.models import AnonymousUser

    assert access.allowed(admin, access.MANAGE_USERS, admin.org_unit)
    admin.is_active = False
    assert not access.allowed(admin, access.MANAGE_USERS, admin.org_unit)
    assert not access.allowed(AnonymousUser(), access.VIEW_ORG)


def test_it_does_not_confuse_a_code_prefix_with_a_subtree(longhe, make_user):
    from xaso.core import services

    province = OrgUnit.objects.get(code="14")
    lookalike = services.org_unit_create(
        actor=None, parent=province, code="037630", name="Trùng tiền tố", kind=OrgUnit.Kind.COMMUNE
    )
    user = make_user("lh_only", Role.ADMINISTRATOR, longhe)
    assert not access.allowed(user, access.VIEW_ORG, lookalike)


# --- by page -----------------------------------------------------------------------------


def test_it_hides_another_communes_unit_pages(outsider, login):
    client = login(outsider)
    assert client.get("/don-vi/03763/").status_code == 404
    assert client.get("/don-vi/03763-B01/").status_code == 404
    assert client.get("/don-vi/03763-B01/sua/").status_code == 404
    listing = client.get("/don-vi/").content.decode()
    assert "09999" in listing and "03763" not in listing


def test_a_unit_by_code_is_the_users_own_or_a_404(outsider, admin, longhe):
    """``unit_or_404``: what every page and API reading ``don_vi`` / ``org_unit`` uses —
    an unknown code and another commune's unit answer alike, so neither tells."""
    from django.http import Http404

    assert access.unit_or_404(admin, access.VIEW_ORG, "03763-B01").code == "03763-B01"
    assert access.unit_or_404(admin, access.VIEW_ORG, "") == access.home_unit(admin)
    for code in ("03763", "NO-SUCH-UNIT"):
        with pytest.raises(Http404):
            access.unit_or_404(outsider, access.VIEW_ORG, code)


def test_it_refuses_changes_to_another_communes_unit_by_page(outsider, login):
    client = login(outsider)
    response = client.post("/don-vi/03763-B11/sua/", {"name": "Bản bị đổi", "kind": "village"})
    assert response.status_code == 404
    assert OrgUnit.objects.get(code="03763-B11").name == ""


def test_it_refuses_another_communes_accounts(outsider, admin, login):
    client = login(outsider)
    assert client.get(f"/tai-khoan/{admin.username}/").status_code == 404
    response = client.post(
        f"/tai-khoan/{admin.username}/", {"action": "password", "password": "mat-khau-moi-9x"}
    )
    assert response.status_code == 404
    admin.refresh_from_db()
    from tests.conftest import PASSWORD

    assert admin.check_password(PASSWORD)
    assert admin.username not in client.get("/tai-khoan/").content.decode()


def test_it_forbids_pages_a_role_does_not_have(officer, login):
    client = login(officer)
    assert client.get("/tai-khoan/").status_code == 403
    assert client.get("/nhat-ky/").status_code == 403
    assert client.get("/don-vi/03763-TTPVHCC/sua/").status_code == 403


# --- by API ------------------------------------------------------------------------------


def test_it_hides_another_communes_units_in_the_api(outsider, login):
    client = login(outsider)
    assert client.get("/api/v1/org-units/03763").status_code == 404
    codes = {u["code"] for u in client.get("/api/v1/org-units").json()}
    assert "09999" in codes and not any(c.startswith("03763") for c in codes)


def test_it_refuses_api_changes_to_another_communes_unit(outsider, login):
    client = login(outsider)
    response = client.patch(
        "/api/v1/org-units/03763-B12",
        data=json.dumps({"name": "Đổi"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert OrgUnit.objects.get(code="03763-B12").name == ""


def test_it_lets_the_communes_administrator_change_its_unit_by_api(admin, login):
    client = login(admin)
    response = client.patch(
        "/api/v1/org-units/03763-B12",
        data=json.dumps({"name": "Nà Lốc"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["display_name"] == "Bản Nà Lốc"


def test_it_forbids_api_changes_without_the_permission(leader, login):
    client = login(leader)
    response = client.patch(
        "/api/v1/org-units/03763-B12",
        data=json.dumps({"name": "Đổi"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "quyền" in response.json()["detail"]


def test_it_requires_login_for_the_api(client, longhe):
    assert client.get("/api/v1/org-units").status_code == 401


def test_it_requires_csrf_for_api_writes(admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.patch(
        "/api/v1/org-units/03763-B12",
        data=json.dumps({"name": "X"}),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert OrgUnit.objects.get(code="03763-B12").name == ""


def test_it_lets_no_one_manage_an_account_that_holds_more_than_they_do(
    admin, leader, other_commune, make_user, login
):
    from django.core.exceptions import PermissionDenied

    from xaso.core import services
    from xaso.core.models import User

    root = User.objects.create_superuser("caidat", password="mat-khau-cai-dat-2026", full_name="X")
    root.org_unit = admin.org_unit
    root.save()
    both = make_user("hai_xa", "leader", admin.org_unit)
    services.role_grant(actor=None, user=both, role="leader", org_unit=other_commune)
    client = login(admin)
    for account in (root, both):
        assert client.get(f"/tai-khoan/{account.username}/").status_code == 404
        reset = client.post(
            f"/tai-khoan/{account.username}/",
            {"action": "password", "password": "mat-khau-moi-2026-x"},
        )
        assert reset.status_code == 404
        with pytest.raises(PermissionDenied):
            services.user_set_password(actor=admin, user=account, password="mat-khau-moi-2026-x")
        with pytest.raises(PermissionDenied):
            services.role_grant(
                actor=admin, user=account, role="statistics", org_unit=admin.org_unit
            )
    assert root.check_password("mat-khau-cai-dat-2026")
    listed = client.get("/tai-khoan/").content.decode()
    assert "caidat" not in listed and "hai_xa" not in listed and leader.username in listed
    # A local account stays the administrator's to manage.
    services.user_set_password(actor=admin, user=leader, password="mat-khau-moi-2026-y")
