"""``OrgUnit.commune()`` and ``province()``: the one answer to "which commune (province) is
this unit in", in at most one query each, remembered on the instance."""

from __future__ import annotations

import pytest

from xaso.core import services
from xaso.core.models import OrgUnit

pytestmark = pytest.mark.django_db


def fresh(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def test_a_commune_is_its_own_commune_without_a_query(longhe, django_assert_num_queries):
    commune = fresh("03763")
    with django_assert_num_queries(0):
        assert commune.commune() is commune
    with django_assert_num_queries(1):
        assert commune.province().code == "14"


def test_a_village_finds_its_commune_in_one_query_then_remembers(longhe, django_assert_num_queries):
    village = fresh("03763-B01")
    with django_assert_num_queries(1):
        assert village.commune().code == "03763"
    with django_assert_num_queries(0):
        assert village.commune().code == "03763"
    with django_assert_num_queries(1):
        assert village.province().code == "14"
    with django_assert_num_queries(0):
        assert village.province().code == "14"


def test_the_service_center_two_levels_down_is_in_the_commune(longhe, django_assert_num_queries):
    center = fresh("03763-TTPVHCC")
    assert center.parent.code == "03763-UBND"  # under the People's Committee, not the commune
    with django_assert_num_queries(1):
        assert center.commune().code == "03763"
    assert center.province().code == "14"


def test_a_unit_outside_any_commune(longhe, django_assert_num_queries):
    services.org_unit_create(
        actor=None,
        parent=fresh("14"),
        code="14-SNV",
        name="Sở Nội vụ tỉnh Sơn La",
        kind=OrgUnit.Kind.COMMITTEE,
    )
    office = fresh("14-SNV")
    with django_assert_num_queries(1):
        assert office.commune() is None
    with django_assert_num_queries(0):
        assert office.commune() is None  # "none" is remembered too
    assert office.province().code == "14"
    province = fresh("14")
    with django_assert_num_queries(0):
        assert province.province() is province
    assert province.commune() is None


def test_another_communes_village_finds_its_own_commune(other_commune, django_assert_num_queries):
    village = fresh("09999-B01")
    with django_assert_num_queries(1):
        assert village.commune().code == "09999"
