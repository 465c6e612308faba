"""The benchmark dataset (xaso.seed.scale). No timing here: speed is measured by
``make bench``, never asserted in tests."""

from __future__ import annotations

import pytest

from xaso.core.models import AuditEntry, OrgUnit, Role, RoleAssignment, User
from xaso.seed import demo
from xaso.seed.scale import build_scale_dataset

pytestmark = pytest.mark.django_db

BENCH_USERS = {"username__startswith": "bench-"}


def active_communes():
    return OrgUnit.objects.filter(
        parent__code="14", kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True
    )


def test_commune_scale_is_long_he_with_demo_accounts():
    result = build_scale_dataset("commune")
    assert list(active_communes().values_list("code", flat=True)) == ["03763"]
    assert result["totals"]["communes"] == 1
    assert result["totals"]["villages"] == 23
    assert set(User.objects.values_list("username", flat=True)) == {
        a[0] for a in demo.DEMO_ACCOUNTS
    }
    assert not AuditEntry.objects.filter(action="bench_dataset").exists()


def test_province_scale_has_75_communes_of_23_villages():
    result = build_scale_dataset("province")
    communes = active_communes()
    assert communes.count() == 75
    assert communes.filter(code__startswith="BENCH-C").count() == 74
    assert result["totals"]["communes"] == 75
    assert result["totals"]["villages"] == 75 * 23
    for commune in communes:
        villages = OrgUnit.objects.filter(parent=commune, kind=OrgUnit.Kind.VILLAGE)
        assert villages.count() == 23, commune.code

    # Bulk-created units carry what OrgUnit.save would have computed.
    village = OrgUnit.objects.get(code="BENCH-C007-B12")
    assert village.path == "/14/BENCH-C007/BENCH-C007-B12/"
    assert village.parent.code == "BENCH-C007"
    assert village.display_name == "Bản demo 007-12"
    assert OrgUnit.objects.get(code="BENCH-C001").display_name == "Xã demo 001"
    center = OrgUnit.objects.get(code="BENCH-C074-TTPVHCC")
    assert center.kind == OrgUnit.Kind.SERVICE_CENTER
    assert center.path == "/14/BENCH-C074/BENCH-C074-TTPVHCC/"
    for unit in OrgUnit.objects.filter(code__startswith="BENCH-"):
        stored = (unit.code, unit.path, unit.name_key)
        unit.save()  # recompute code, path and name_key the ordinary way
        assert (unit.code, unit.path, unit.name_key) == stored


def test_province_scale_accounts_are_demo_with_roles():
    build_scale_dataset("province")
    bench_users = User.objects.filter(**BENCH_USERS)
    assert bench_users.count() == 74 * 2
    assert not bench_users.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()
    assert all("(demo)" in u.full_name for u in bench_users)
    leader = User.objects.get(username="bench-c003-lanhdao")
    assert leader.check_password(demo.DEMO_PASSWORD)
    assert leader.name_key == "lanh dao xa demo 003 (demo)"
    assert list(leader.role_assignments.values_list("role", "org_unit__code")) == [
        (Role.LEADER, "BENCH-C003")
    ]
    officer = User.objects.get(username="bench-c003-motcua")
    assert officer.org_unit.code == "BENCH-C003-TTPVHCC"
    assert list(officer.role_assignments.values_list("role", flat=True)) == [Role.ONESTOP_OFFICER]


def test_province_scale_writes_one_audit_entry_and_is_idempotent():
    first = build_scale_dataset("province")
    entries = AuditEntry.objects.filter(action="bench_dataset")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor is None
    assert entry.object_type == "bench"
    assert entry.object_repr == "scale=province"
    assert entry.changes["communes"] == 74
    assert entry.changes["villages"] == 74 * 23

    counts = (
        OrgUnit.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    )
    second = build_scale_dataset("province")
    assert (
        OrgUnit.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    assert not any(second["created"].values())
    assert second["totals"] == first["totals"]


def test_province_scale_completes_a_commune_scale_database():
    build_scale_dataset("commune")
    build_scale_dataset("province")
    assert active_communes().count() == 75


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError, match="unknown scale"):
        build_scale_dataset("country")
