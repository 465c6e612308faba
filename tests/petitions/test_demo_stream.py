"""The live stream of demo petitions (xaso.petitions.demo_stream): after the report date
Long Hẹ keeps receiving kiến nghị and phản ánh up to the day the demo is started, so the
petitions list opens on open ones and one past its legal limit — the report's 81 stay
exact for the term."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.core import demo as core_demo
from xaso.core.models import AuditEntry, OrgUnit
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ
from xaso.petitions import demo, demo_stream, selectors
from xaso.petitions.models import Kind, Petition, PetitionEvent
from xaso.seed.demo import REPORT_DATE

pytestmark = pytest.mark.django_db

FIRST, LATER = dt.date(2025, 11, 19), dt.date(2026, 3, 10)


@pytest.fixture
def build(demo_accounts):
    def do(today):
        demo.create_demo_petitions(report_date=REPORT_DATE)
        return demo_stream.create_stream(today=today, report_date=REPORT_DATE)

    return do


def assert_alive(today: dt.date, leader) -> None:
    now = dt.datetime.combine(today, dt.time(9, 0), LOCAL_TZ)
    assert selectors.visible_petitions(leader).filter(status__in=selectors.OPEN_STATUSES)
    assert selectors.late(leader, now).exists()
    # The report's term still counts its own 81.
    term = selectors.period_statistics(leader, dt.date(2020, 1, 1), REPORT_DATE)
    assert term["received"] == 81 and term["pending"] == 0


@pytest.mark.parametrize("today", [FIRST, LATER])
def test_the_list_opens_on_open_and_late_petitions(build, leader, today):
    received, steps = build(today)
    assert received > 0 and steps > 0
    assert_alive(today, leader)
    longhe = OrgUnit.objects.get(code="03763")
    calendar = calendar_for(longhe)
    after = core_demo.day_start(REPORT_DATE + dt.timedelta(days=1))
    petitions = Petition.objects.filter(received_at__gte=after)
    assert petitions.count() == received
    assert set(petitions.values_list("org_unit__code", flat=True)) == {"03763"}
    assert set(petitions.values_list("kind", flat=True)) <= {Kind.RECOMMENDATION, Kind.FEEDBACK}
    assert not petitions.filter(is_demo=False).exists()
    start = core_demo.day_start(today)
    assert not PetitionEvent.objects.filter(at__gte=start).exists()
    for event in PetitionEvent.objects.filter(petition__in=petitions):
        assert calendar.is_open(event.at), (event.petition_id, event.action, event.at)
    assert AuditEntry.objects.filter(action="petition_receive").count() == 81 + received


def test_a_second_run_the_same_day_adds_nothing_and_a_later_day_tops_up(build, leader):
    build(FIRST)
    counts = (Petition.objects.count(), PetitionEvent.objects.count())
    assert demo_stream.create_stream(today=FIRST, report_date=REPORT_DATE) == (0, 0)
    assert (Petition.objects.count(), PetitionEvent.objects.count()) == counts
    now = dt.datetime.combine(FIRST, dt.time(9, 0), LOCAL_TZ)
    late_then = set(selectors.late(leader, now).values_list("pk", flat=True))
    received, steps = demo_stream.create_stream(today=LATER, report_date=REPORT_DATE)
    assert received > 0 and steps > 0
    names = list(Petition.objects.values_list("petitioner_name", flat=True))
    assert len(names) == len(set(names))
    # The ones late on the first day were accepted since.
    assert late_then and not Petition.objects.filter(pk__in=late_then, status="received")
    assert_alive(LATER, leader)
    assert demo_stream.create_stream(today=LATER, report_date=REPORT_DATE) == (0, 0)
