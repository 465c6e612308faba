"""Long Hẹ's demo petitions (xaso.petitions.demo): the report's "81 đơn thư kiến nghị,
phản ánh" of the 2020–2025 term, all 81 answered, and its 6 dialogues in 5 bản (Phần
thứ hai, I, 6.4) — received by the communes that existed on the day, on working days,
through the real services, marked demo."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from xaso.core.models import AuditEntry, OrgUnit
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ
from xaso.petitions import demo, selectors
from xaso.petitions.models import Dialogue, Kind, Petition, Status
from xaso.seed.demo import REPORT_DATE

pytestmark = pytest.mark.django_db

MERGER = dt.date(2025, 7, 1)


@pytest.fixture
def petitions(demo_accounts):
    assert demo.create_demo_petitions(report_date=REPORT_DATE) == 81
    return Petition.objects.select_related("org_unit").order_by("received_at")


def test_81_kien_nghi_phan_anh_over_the_term_all_answered(petitions, admin):
    assert petitions.count() == 81
    assert set(petitions.values_list("kind", flat=True)) == {Kind.RECOMMENDATION, Kind.FEEDBACK}
    assert not petitions.filter(is_demo=False).exists()
    assert set(petitions.values_list("status", flat=True)) == {Status.CLOSED}
    stats = selectors.statistics(admin)
    assert (stats["total"], stats["answered"]) == (81, 81)
    assert stats["by_kind"]["complaint"] == stats["by_kind"]["denunciation"] == 0
    # Spread over the whole term, 2020 to the report date.
    years = Counter(p.received_at.astimezone(LOCAL_TZ).year for p in petitions)
    assert set(years) == {2020, 2021, 2022, 2023, 2024, 2025}
    last = max(p.received_at for p in petitions).astimezone(LOCAL_TZ).date()
    assert last <= REPORT_DATE
    # Answered by the report date, every one within the legal 10 working days.
    for p in petitions:
        closed = p.closed_at.astimezone(LOCAL_TZ).date()
        assert closed <= REPORT_DATE, p.code
        accepted = p.events.get(action="accept").at
        calendar = calendar_for(p.org_unit)
        assert calendar.working_days_between(p.received_at, accepted) <= 10, p.code
    assert all(p.petitioner_name.startswith("Công dân demo ") for p in petitions)


def test_received_by_the_commune_that_existed_that_day_on_working_days(petitions):
    longhe = OrgUnit.objects.get(code="03763")
    before = {"LONGHE-CU", "ETONG-CU"}
    units = Counter()
    for p in petitions:
        day = p.received_at.astimezone(LOCAL_TZ).date()
        calendar = calendar_for(p.org_unit)
        assert calendar.is_working_day(day), (p.code, day)
        assert p.org_unit.is_active_on(day), (p.code, day)
        if day < MERGER:
            assert p.org_unit.code in before and p.org_unit.successor == longhe, p.code
            assert p.village is None  # which old commune a bản was in is not known
        else:
            assert p.org_unit == longhe, p.code
        units[p.org_unit.code] += 1
        # Every step in office hours of a working day of the unit's calendar.
        for event in p.events.all():
            assert calendar.is_open(event.at), (p.code, event.action, event.at)
    assert set(units) == {*before, "03763"}
    assert units["03763"] >= 2 and min(units.values()) >= 2  # the merged commune counts double
    assert not Petition.objects.filter(org_unit__code="03763", received_at__date__lt=MERGER)


def test_through_the_services_with_the_demo_accounts(petitions):
    for p in petitions[:10]:
        actions = list(p.events.values_list("action", "actor__username"))
        assert actions == [
            ("receive", "tiepdan"),
            ("accept", "tiepdan"),
            ("verify", "tiepdan"),
            ("conclude", "lanhdao"),
            ("notify", "tiepdan"),
            ("close", "tiepdan"),
        ], p.code
    assert AuditEntry.objects.filter(action="petition_receive").count() == 81
    assert AuditEntry.objects.filter(action="petition_conclude").count() == 81


def test_6_dialogues_in_5_villages_after_the_merger(petitions):
    dialogues = Dialogue.objects.all()
    assert dialogues.count() == 6 and not dialogues.filter(is_demo=False).exists()
    assert len({d.village_id for d in dialogues}) == 5
    calendar = calendar_for(OrgUnit.objects.get(code="03763"))
    for d in dialogues:
        assert MERGER <= d.date <= REPORT_DATE and calendar.is_working_day(d.date)
        assert d.village.is_active_on(d.date)
    assert AuditEntry.objects.filter(action="dialogue_record").count() == 6


def test_idempotent_and_the_period_statistics_reproduce_the_figures(petitions, leader):
    audit = AuditEntry.objects.count()
    assert demo.create_demo_petitions(report_date=REPORT_DATE) == 0
    assert AuditEntry.objects.count() == audit
    stats = selectors.period_statistics(leader, dt.date(2020, 1, 1), REPORT_DATE)
    assert stats["received"] == 81
    assert (stats["resolved_on_time"], stats["resolved_late"]) == (81, 0)
    assert stats["dialogues"] == 6
    assert stats["pending"] == 0
