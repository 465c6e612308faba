"""Codes (``core.codes``): the head of a code and its counter come from the same unit, so
two units that print the same head can never hand out the same number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from xaso.core import codes
from xaso.core.models import OrgUnit
from xaso.onestop.models import DossierCounter
from xaso.petitions.models import PetitionCounter

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 9)


def _take(counter, unit, **kw) -> str:
    with transaction.atomic():
        return codes.next_daily_code(counter, org_unit=unit, day=DAY, **kw)


def test_a_daily_code_is_head_kind_day_and_four_digits():
    assert codes.daily_code("03763", DAY, 1) == "03763-260309-0001"
    assert codes.daily_code("03763", DAY, 12, kind="DT") == "03763-DT-260309-0012"


def test_a_center_without_its_own_code_is_headed_by_its_commune(longhe, center):
    assert center.gov_code == ""
    assert codes.code_unit(center) == longhe and codes.identifier(center) == "03763"
    assert codes.code_unit(longhe) == longhe


def test_two_units_with_the_same_head_share_one_counter(longhe, center):
    village = OrgUnit.objects.get(code="03763-B01")
    taken = [_take(DossierCounter, center), _take(DossierCounter, longhe)]
    taken.append(_take(DossierCounter, village))
    assert taken == ["03763-260309-0001", "03763-260309-0002", "03763-260309-0003"]
    # One row, the head unit's: not one per unit that received.
    assert list(DossierCounter.objects.values_list("org_unit__code", "day", "last")) == [
        ("03763", DAY, 3)
    ]


def test_a_unit_with_its_own_code_keeps_its_own_counter(longhe, center):
    center.gov_code = "H14.03763.01"
    center.save()
    assert _take(DossierCounter, center) == "H14.03763.01-260309-0001"
    assert _take(DossierCounter, longhe) == "03763-260309-0001"


def test_each_record_kind_counts_on_its_own_and_marks_its_kind(longhe, center):
    assert _take(PetitionCounter, center, kind="DT") == "03763-DT-260309-0001"
    assert _take(DossierCounter, center) == "03763-260309-0001"
    assert _take(PetitionCounter, longhe, kind="DT") == "03763-DT-260309-0002"
