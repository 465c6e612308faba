"""The demo Đảng bộ reproduces the report exactly (Phần thứ nhất, 2; Phần thứ hai,
I.7.2.1): 32 chi bộ, 9 of them in agencies and units, 554 members — 543 official, 11
probationary — and 79 admitted over the 2020–2025 term (122 introduced, 120 trained);
every record marked demo. The tests share one build of the demo (``party_demo``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from xaso.party import demo, indicators, selectors
from xaso.party.models import Admission, Cell, Committee, Member, StatusChange
from xaso.seed.demo import REPORT_DATE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def party_demo(module_transaction, django_db_blocker):
    """The Party demo as ``xaso demo`` loads it — members, then admissions — built once for
    the module (several seconds on each database) and rolled back at its end."""
    from xaso.party.admission_demo import create_demo_admissions
    from xaso.seed import demo as seed_demo
    from xaso.seed import loader

    with django_db_blocker.unblock():
        seed_demo.create_demo_accounts()
        loader.load_party_cells()
        members = demo.create_demo_members(report_date=REPORT_DATE)
        admissions = create_demo_admissions(today=timezone.localdate(), report_date=REPORT_DATE)
    return {"members": members, "admissions": admissions}


def test_it_reproduces_the_report_figures(party_demo, login, party_office):
    assert Cell.objects.count() == 32
    assert Cell.objects.filter(kind="agency").count() == 9
    assert Cell.objects.filter(kind="village", village__kind="village").count() == 23
    assert Member.objects.count() == 554
    assert Member.objects.filter(status="official").count() == 543
    assert Member.objects.filter(status="probationary").count() == 11
    in_term = Member.objects.filter(admitted_on__gte=demo.TERM_START, admitted_on__lte=REPORT_DATE)
    assert in_term.count() == 79
    assert not Member.objects.filter(is_demo=False).exists()
    assert not StatusChange.objects.filter(is_demo=False).exists()
    assert not Committee.objects.filter(is_demo=False).exists()
    assert all("(demo " in name for name in Member.objects.values_list("full_name", flat=True))
    # Every cell holds at least three official members (Charter Art. 21).
    for cell in Cell.objects.all():
        assert Member.objects.filter(org_unit=cell.org_unit, status="official").count() >= 3

    body = login(party_office).get("/api/v1/party/summary?org_unit=03763").json()
    assert {
        k: body[k] for k in ("cells", "agency_cells", "members", "official", "probationary")
    } == {
        "cells": 32,
        "agency_cells": 9,
        "members": 554,
        "official": 543,
        "probationary": 11,
    }
    assert body["demo"] is True
    # The resolution's XD3a (80% of bản cells with a chi ủy by 2030) is not met yet.
    assert body["village_cells_with_committee"] / body["village_cells"] < 0.8


def test_it_adds_nothing_the_second_time_and_is_deterministic(party_demo):
    names = list(Member.objects.order_by("pk").values_list("full_name", "admitted_on"))
    assert demo.create_demo_members(report_date=REPORT_DATE) == 0
    assert Member.objects.count() == 554
    assert names[0][0].endswith("(demo 001)")
    assert all(a <= REPORT_DATE for _n, a in names)


def test_the_probationary_members_are_within_their_twelve_months(party_demo):
    for m in Member.objects.filter(status="probationary"):
        assert REPORT_DATE - dt.timedelta(days=366) < m.admitted_on <= REPORT_DATE
        assert m.official_on is None and m.card_number == ""


def test_xd3a_follows_the_committees_live(party_demo, party_office):
    from django.utils import timezone

    from xaso.core.models import OrgUnit
    from xaso.party import services
    from xaso.targets import registry

    commune = OrgUnit.objects.get(code="03763")
    year = timezone.localdate().year
    before = registry.get("party.village_cells_with_committee").supply(commune, year)
    assert before.denominator == 23 and before.demo
    assert registry.get("party.village_cells_with_committee").supply(commune, 2024) is None
    # A bản cell without a chi ủy that reaches nine official members elects one.
    cell = next(
        c
        for c in Cell.objects.filter(kind="village")
        if not c.committees.get(ended_on__isnull=True).elected
    )
    officials = list(Member.objects.filter(org_unit=cell.org_unit, status="official"))
    for i in range(9 - len(officials)):
        officials.append(
            services.member_create(
                actor=party_office,
                cell=cell.org_unit,
                status="official",
                full_name=f"Thêm {i}",
                birth_date=dt.date(1990, 1, 1),
                gender="male",
                ethnicity="Thái",
                admitted_on=dt.date(2015, 1, 1),
                official_on=dt.date(2016, 1, 1),
                general_education="upper_secondary",
            )
        )
    services.committee_set(
        actor=party_office,
        cell=cell,
        elected=True,
        term_start=timezone.localdate(),
        seats=[(officials[0], "secretary"), (officials[1], "deputy"), (officials[2], "member")],
    )
    after = registry.get("party.village_cells_with_committee").supply(commune, year)
    assert after.numerator == before.numerator + 1


def test_the_demo_admissions_keep_the_reports_figures(party_demo, party_office, longhe):
    from xaso.party.admission_demo import create_demo_admissions
    from xaso.seed.demo import REPORT_DATE

    assert party_demo["admissions"] >= 122
    counts = selectors.admission_counts(longhe, dt.date(2020, 1, 1), REPORT_DATE)
    assert counts == {"introduced": 122, "trained": 120, "admitted": 79}
    figures = selectors.summary(party_office, longhe)
    assert (figures["members"], figures["official"], figures["probationary"]) == (554, 543, 11)
    assert Admission.objects.filter(is_demo=False).count() == 0
    assert selectors.overdue_admissions(party_office).exists()
    assert selectors.overdue_admissions_count(party_office) >= 2
    open_stages = set(
        Admission.objects.exclude(status__in=("official", "stopped")).values_list(
            "status", flat=True
        )
    )
    assert {"sympathiser", "trained", "decided", "probation"} <= open_stages
    assert create_demo_admissions(today=timezone.localdate(), report_date=REPORT_DATE) == 0
    year = timezone.localdate().year
    assert indicators.admissions_decided(longhe, year).value >= 1


def test_xd2_many_years_agrees_with_one_year(party_demo, longhe):
    years = list(range(2020, timezone.localdate().year + 2))
    many = indicators.admissions_decided_years(longhe, years)
    assert many == {
        y: o for y in years if (o := indicators.admissions_decided(longhe, y)) is not None
    }
    assert sum(many[y].value for y in range(2020, 2026)) >= 79
