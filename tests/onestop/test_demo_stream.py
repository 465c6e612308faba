"""The live stream of demo dossiers (xaso.onestop.demo_stream): whatever day the demo is
started, the desk opens on dossiers due today, due soon, late, waiting for the citizen and
new online ones — after the report's 99, which stay exact for the report's period."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.core import demo as core_demo
from xaso.core.models import AuditEntry, OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ
from xaso.onestop import demo_stream, indicators, selectors
from xaso.onestop.demo import create_demo_dossiers
from xaso.onestop.models import CLOCK_STATUSES, OPEN_STATUSES, Dossier, DossierEvent, Status
from xaso.seed.demo import REPORT_DATE

pytestmark = pytest.mark.django_db

# Two days the demo might be started on: a Wednesday seven weeks after the report date,
# a Tuesday after Tết 2026.
FIRST, LATER = dt.date(2025, 11, 19), dt.date(2026, 3, 10)


@pytest.fixture
def build(procedures, demo_accounts):
    def do(today):
        create_demo_dossiers(report_date=REPORT_DATE, today=today)
        return demo_stream.create_stream(today=today, report_date=REPORT_DATE)

    return do


def stream() -> list[Dossier]:
    after = core_demo.day_start(REPORT_DATE + dt.timedelta(days=1))
    return list(Dossier.objects.filter(submitted_at__gte=after).select_related("procedure"))


def assert_alive(today: dt.date) -> None:
    """The desk at 09:00 on ``today``: every queue a newcomer looks at has something."""
    desk = User.objects.get(username="motcua")
    now = dt.datetime.combine(today, dt.time(9, 0), LOCAL_TZ)
    tomorrow = core_demo.day_start(today + dt.timedelta(days=1))
    calendar = calendar_for(OrgUnit.objects.get(code="03763-TTPVHCC"))
    horizon = calendar.add_working_days(now, 1)
    today_queue = selectors.queue(desk, "today", now=now)
    assert today_queue.filter(status__in=CLOCK_STATUSES, due_at__gte=now, due_at__lt=tomorrow)
    soon = selectors.queue(desk, "due_soon", now=now)
    assert soon.filter(due_at__gte=tomorrow, due_at__lte=horizon)  # due the next working day
    assert selectors.queue(desk, "overdue", now=now).exists()
    assert selectors.queue(desk, "citizen", now=now).filter(status=Status.SUPPLEMENT)
    assert selectors.queue(desk, "new_online", now=now).exists()
    assert selectors.queue(desk, "all_open", now=now).count() >= 5


@pytest.mark.parametrize("today", [FIRST, LATER])
def test_the_desk_opens_on_full_queues_and_the_report_s_period_stays_exact(build, today):
    received, steps = build(today)
    assert received > 0 and steps > received
    assert_alive(today)
    longhe = OrgUnit.objects.get(code="03763")
    own = indicators.statistics(longhe, dt.date(2025, 7, 1), REPORT_DATE).total
    assert (own.received, own.online, own.direct) == (99, 15, 84)
    dossiers = stream()
    assert len(dossiers) == received <= demo_stream.HISTORY_BUDGET + 60
    assert all(d.is_demo and d.applicant_name.startswith("Công dân demo ") for d in dossiers)
    assert all(
        d.received_at is None or d.received_at.astimezone(LOCAL_TZ).date() > REPORT_DATE
        for d in dossiers
    )
    assert len({d.applicant_name for d in dossiers}) == len(dossiers)
    assert_simulated_before(today)


def assert_simulated_before(today: dt.date) -> None:
    """Nothing is simulated from ``today`` on; every official's step is in office hours of
    a working day; everything went through the services with the demo accounts."""
    calendar = calendar_for(OrgUnit.objects.get(code="03763-TTPVHCC"))
    start = core_demo.day_start(today)
    events = DossierEvent.objects.select_related("dossier")
    assert not events.filter(at__gte=start).exists()
    assert not Dossier.objects.filter(submitted_at__gte=start).exists()
    for event in events:
        if event.action == "intake" and event.dossier.channel == Dossier.Channel.ONLINE:
            continue  # the portal takes dossiers at any hour
        assert calendar.is_open(event.at), (event.dossier.code, event.action, event.at)
    assert AuditEntry.objects.filter(action="dossier_intake").count() == Dossier.objects.count()
    assert set(events.exclude(actor=None).values_list("actor__username", flat=True)) == {
        "motcua",
        "tuphap",
    }


def test_a_second_run_the_same_day_adds_nothing_and_a_later_day_tops_up(build):
    build(FIRST)
    before = (Dossier.objects.count(), DossierEvent.objects.count(), AuditEntry.objects.count())
    assert demo_stream.create_stream(today=FIRST, report_date=REPORT_DATE) == (0, 0)
    after = (Dossier.objects.count(), DossierEvent.objects.count(), AuditEntry.objects.count())
    assert after == before
    late_then = set(
        selectors.queue(
            User.objects.get(username="motcua"),
            "overdue",
            now=dt.datetime.combine(FIRST, dt.time(9, 0), LOCAL_TZ),
        ).values_list("pk", flat=True)
    )
    received, steps = demo_stream.create_stream(today=LATER, report_date=REPORT_DATE)
    assert received > 0 and steps > received
    keys = list(Dossier.objects.exclude(idempotency_key=None).values_list("idempotency_key"))
    assert len(keys) == len(set(keys)) == len(stream())
    # The dossiers late on the first day were resolved since, through the services.
    moved = Dossier.objects.filter(pk__in=late_then)
    assert moved.exists() and not moved.filter(status__in=OPEN_STATUSES).exists()
    assert_alive(LATER)
    assert demo_stream.create_stream(today=LATER, report_date=REPORT_DATE) == (0, 0)


def test_the_plan_depends_on_the_day_only_and_stays_small(procedures):
    calendar = calendar_for(OrgUnit.objects.get(code="03763-TTPVHCC"))

    def picture(today):
        return [
            (p.key, p.procedure.code, p.submitted_at, p.outcome, kept)
            for p, kept in demo_stream.plans(
                today=today, report_date=REPORT_DATE, calendar=calendar
            )
        ]

    assert picture(FIRST) == picture(FIRST)
    # Years on, the stream is still a few hundred dossiers, all of the last weeks kept.
    years_on = demo_stream.plans(
        today=dt.date(2030, 6, 4), report_date=REPORT_DATE, calendar=calendar
    )
    kept = [p for p, keep in years_on if keep]
    assert len(kept) <= demo_stream.HISTORY_BUDGET * 1.5 + 5 * demo_stream.DENSE_DAYS
    recent = [p for p, keep in years_on if p.day >= dt.date(2030, 5, 1)]
    assert recent and all(keep for p, keep in years_on if p.day >= dt.date(2030, 5, 22))
    # A share only shrinks as days pass: a later run never adds to an older day.
    shares = [demo_stream.share(n) for n in range(0, 2000, 50)]
    assert shares == sorted(shares, reverse=True)
