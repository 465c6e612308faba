"""The Long Hẹ structure from the report, mergers kept as history, tone-insensitive
search that gives the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from xaso.core import selectors
from xaso.core.models import OrgUnit
from xaso.seed import loader

pytestmark = pytest.mark.django_db

NAMED_IN_REPORT = {
    "Pá Uổi",
    "Cản Tỷ",
    "Nà Nôm",
    "Ta Khom",
    "Nà Hem",
    "Huổi Lanh",
    "Huổi Lương",
    "Nà Vạng",
    "Nà Tòng",
    "Xam Phổng",
}


def test_it_loads_the_commune_with_its_23_villages_and_agencies(longhe):
    villages = OrgUnit.objects.filter(parent=longhe, kind=OrgUnit.Kind.VILLAGE)
    assert villages.count() == 23
    assert {v.name for v in villages if v.name} == NAMED_IN_REPORT
    # Never invented: the 13 others stay unnamed, and say so.
    unnamed = [v for v in villages if not v.name]
    assert len(unnamed) == 13
    assert all("chưa có tên" in v.display_name for v in unnamed)
    assert OrgUnit.objects.filter(parent=longhe, kind=OrgUnit.Kind.SCHOOL).count() == 4
    assert OrgUnit.objects.filter(parent=longhe, kind=OrgUnit.Kind.HEALTH_STATION).count() == 2
    for kind in ("party", "council", "committee"):
        assert OrgUnit.objects.filter(parent=longhe, kind=kind).count() == 1
    assert longhe.gov_code == "03763" and longhe.parent.gov_code == "14"
    assert all(u.source for u in OrgUnit.objects.all())


def test_it_represents_the_merger_without_overwriting(longhe):
    old = OrgUnit.objects.filter(successor=longhe).order_by("code")
    assert [u.name for u in old] == ["É Tòng (cũ)", "Long Hẹ (cũ)"]
    assert all(u.valid_to == dt.date(2025, 6, 30) for u in old)
    assert longhe.valid_from == dt.date(2025, 7, 1)
    assert not old[0].is_active_on(dt.date(2025, 7, 1))
    assert old[0].is_active_on(dt.date(2025, 6, 30))


def test_a_merger_closes_the_old_units_and_passes_their_history_on(longhe, admin, make_user):
    from xaso.core import access, services
    from xaso.core.models import AuditEntry

    province = longhe.parent
    first = services.org_unit_create(
        actor=None, parent=province, code="09001", name="Mường A", kind=OrgUnit.Kind.COMMUNE
    )
    second = services.org_unit_create(
        actor=None, parent=province, code="09002", name="Mường B", kind=OrgUnit.Kind.COMMUNE
    )
    merged = services.org_unit_create(
        actor=None, parent=province, code="09003", name="Mường Mới", kind=OrgUnit.Kind.COMMUNE
    )
    services.org_unit_merge(
        actor=None, merged=[first, second], successor=merged, on=dt.date(2026, 7, 1)
    )
    for unit in (first, second):
        unit.refresh_from_db()
        assert unit.valid_to == dt.date(2026, 6, 30) and unit.successor == merged
    merged.refresh_from_db()
    assert merged.valid_from == dt.date(2026, 7, 1)
    assert AuditEntry.objects.filter(object_id__in=[first.pk, second.pk], action="update").count()
    leader = make_user("lanhdao_moi", "leader", merged)
    assert access.allowed(leader, access.VIEW_ORG, first)  # the history came with it
    assert not access.allowed(leader, access.VIEW_ORG, longhe)


def test_it_loads_nothing_twice_and_keeps_the_communes_edits(longhe, admin):
    from xaso.core import services

    unit = OrgUnit.objects.get(code="03763-B20")
    services.org_unit_update(actor=admin, unit=unit, name="Bản Có Tên")
    count = OrgUnit.objects.count()
    assert loader.load_org_units() == 0
    assert OrgUnit.objects.count() == count
    assert OrgUnit.objects.get(code="03763-B20").name == "Bản Có Tên"


def test_it_keeps_paths_so_a_subtree_is_one_prefix(longhe):
    village = OrgUnit.objects.get(code="03763-B01")
    assert village.path == "/14/03763/03763-B01/"
    assert longhe.contains(village) and not village.contains(longhe)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("pa uoi", {"03763-B01"}),
        ("PÁ UỔI", {"03763-B01"}),
        ("huoi", {"03763-B06", "03763-B07"}),
        ("huổi lương", {"03763-B07"}),
        ("dang uy", {"03763-DU"}),
        ("Đảng ủy", {"03763-DU"}),
        ("xam phong", {"03763-B10"}),
        ("hoà", set()),
    ],
)
def test_it_searches_ignoring_tone_marks_and_d(query, expected, admin):
    found = set(selectors.org_units_search(user=admin, query=query).values_list("code", flat=True))
    assert found == expected


def test_it_folds_old_and_new_tone_placement_in_names(admin):
    from xaso.core import services

    unit = OrgUnit.objects.get(code="03763-B21")
    services.org_unit_update(actor=admin, unit=unit, name="Hoà Thuý")  # old placement
    for query in ("Hòa Thúy", "hoa thuy", "HOÀ"):
        codes = selectors.org_units_search(user=admin, query=query).values_list("code", flat=True)
        assert "03763-B21" in codes


def test_the_org_unit_page_lists_and_filters(admin, login):
    client = login(admin)
    page = client.get("/don-vi/", {"q": "na nom"}).content.decode()
    assert "Nà Nôm" in page and "Pá Uổi" not in page
    detail = client.get("/don-vi/ETONG-CU/").content.decode()
    assert "Sáp nhập vào" in detail and "30/06/2025" in detail


def test_an_administrator_adds_and_edits_a_unit_with_clear_errors(admin, login):
    client = login(admin)
    bad = client.post(
        "/don-vi/03763/them/",
        {"code": "03763-B24", "name": "Bản Mới", "kind": "village", "valid_from": "31/02/2026"},
    )
    assert bad.status_code == 200
    assert "Hoạt động từ" in bad.content.decode() or "hoạt động từ" in bad.content.decode()
    assert not OrgUnit.objects.filter(code="03763-B24").exists()
    ok = client.post(
        "/don-vi/03763/them/",
        {"code": "03763-b24", "name": "Bản Mới", "kind": "village", "valid_from": "01/01/2026"},
    )
    assert ok.status_code == 302
    unit = OrgUnit.objects.get(code="03763-B24")
    assert unit.valid_from == dt.date(2026, 1, 1) and unit.path.endswith("/03763/03763-B24/")


def test_administrative_codes_are_unique_valid_and_the_installations_to_set(
    longhe, admin, other_commune, login
):
    from django.core.exceptions import ValidationError

    from xaso.core import services
    from xaso.core.models import User

    client = login(admin)
    # A commune administrator cannot take another commune's code prefix (API and page).
    patched = client.patch(
        "/api/v1/org-units/03763-TTPVHCC",
        data=json.dumps({"gov_code": "09999"}),
        content_type="application/json",
    )
    assert patched.status_code in (400, 422) and "gov_code" in patched.content.decode()
    assert OrgUnit.objects.get(code="03763-TTPVHCC").gov_code == ""
    with pytest.raises(ValidationError) as refused:
        services.org_unit_update(actor=admin, unit=longhe, gov_code="03764")
    assert "gov_code" in refused.value.message_dict
    # The installation administrator can, but never a code already taken or malformed.
    root = User.objects.create_superuser("caidat", password="mat-khau-cai-dat-2026", full_name="X")
    for taken in ("03763", "09999", "14"):
        with pytest.raises(ValidationError) as clash:
            services.org_unit_update(
                actor=root, unit=OrgUnit.objects.get(code="03763-TTPVHCC"), gov_code=taken
            )
        assert "gov_code" in clash.value.message_dict
    with pytest.raises(ValidationError):
        services.org_unit_update(actor=root, unit=other_commune, gov_code="1234")  # 5 digits
    services.org_unit_update(actor=root, unit=other_commune, gov_code="09998")
    assert OrgUnit.objects.get(code="09999").gov_code == "09998"


def test_a_related_unit_is_a_link_only_for_those_who_may_open_it(officer, admin, login):
    """The centre's officer sees the commune it belongs to by name; a link would answer
    404 (found by the browser crawl of tests/e2e/test_accessibility.py)."""
    officer_page = login(officer).get("/don-vi/03763-TTPVHCC/")
    assert officer_page.status_code == 200
    html = officer_page.content.decode()
    assert 'href="/don-vi/03763-UBND/"' not in html
    assert login(officer).get("/don-vi/03763-UBND/").status_code == 404
    parent = officer_page.context["unit"].parent
    assert parent.display_name in html

    admin_html = login(admin).get("/don-vi/03763-TTPVHCC/").content.decode()
    assert 'href="/don-vi/03763-UBND/"' in admin_html
