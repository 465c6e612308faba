"""The legal clocks of petitions, as data, over a pure working-day calendar."""

import datetime as dt

import pytest

from xaso.core.workcal import TZ, WorkCalendar
from xaso.petitions import clocks
from xaso.petitions.clocks import (
    ACCEPT,
    COMPLAINT,
    DENUNCIATION,
    FEEDBACK,
    FORWARD,
    RECOMMENDATION,
    RESOLVE,
    ExtensionNotAllowed,
    due_for,
)

CAL = WorkCalendar()
START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=TZ)  # a Monday, no holiday near


def due(kind, step, *, remote=False, complex=False, extensions=0, especially=False):
    return due_for(
        kind,
        step,
        START,
        calendar=CAL,
        remote=remote,
        complex=complex,
        extensions=extensions,
        especially_complex=especially,
    )


def day(d):
    """Closing time of that day: a limit ends when the office closes on its last day
    (Civil Code 2015 Art. 147–148)."""
    return dt.datetime(2026, *d, 17, 0, tzinfo=TZ)


def test_every_rule_cites_an_article_and_a_unit():
    for rule in clocks.RULES:
        assert rule.unit in (clocks.WORKING_DAYS, clocks.DAYS)
        assert "Điều" in rule.legal_basis or "Nghị định" in rule.legal_basis
    assert {r.kind for r in clocks.RULES} == set(clocks.KINDS)


def test_complaint_accept_10_days():
    assert due(COMPLAINT, ACCEPT) == day((3, 12))


def test_complaint_resolve_30_or_45_if_complex():
    assert due(COMPLAINT, RESOLVE) == day((4, 1))
    assert due(COMPLAINT, RESOLVE, complex=True) == day((4, 16))


def test_complaint_resolve_remote_area_45_and_60():
    assert due(COMPLAINT, RESOLVE, remote=True) == day((4, 16))
    # 60 days lands on 1/5 (Labour Day); the limit ends the next working day, Mon 4/5.
    assert due(COMPLAINT, RESOLVE, remote=True, complex=True) == day((5, 4))


def test_complaint_resolve_cannot_be_extended():
    with pytest.raises(ExtensionNotAllowed):
        due(COMPLAINT, RESOLVE, complex=True, extensions=1)


def test_denunciation_accept_7_working_days_extendable_to_10():
    assert due(DENUNCIATION, ACCEPT) == day((3, 11))
    assert due(DENUNCIATION, ACCEPT, complex=True, extensions=1) == day((3, 16))
    with pytest.raises(ExtensionNotAllowed):
        due(DENUNCIATION, ACCEPT, extensions=1)  # not complex: no extension
    with pytest.raises(ExtensionNotAllowed):
        due(DENUNCIATION, ACCEPT, complex=True, extensions=2)


def test_denunciation_forward_5_working_days():
    assert due(DENUNCIATION, FORWARD) == day((3, 9))


def test_denunciation_resolve_30_days_extended_once_or_twice():
    assert due(DENUNCIATION, RESOLVE) == day((4, 1))
    # The remote-area rule is for complaints only.
    assert due(DENUNCIATION, RESOLVE, remote=True) == day((4, 1))
    # complex: once by 30 days — 60 days lands on 1/5, so Mon 4/5
    assert due(DENUNCIATION, RESOLVE, complex=True, extensions=1) == day((5, 4))
    with pytest.raises(ExtensionNotAllowed):
        due(DENUNCIATION, RESOLVE, complex=True, extensions=2)
    # especially complex: twice — 90 days is Sun 31/5, so Mon 1/6
    assert due(DENUNCIATION, RESOLVE, especially=True, extensions=2) == day((6, 1))
    with pytest.raises(ExtensionNotAllowed):
        due(DENUNCIATION, RESOLVE, especially=True, extensions=3)
    with pytest.raises(ExtensionNotAllowed):
        due(DENUNCIATION, RESOLVE, extensions=1)  # simple: none


@pytest.mark.parametrize("kind", [RECOMMENDATION, FEEDBACK])
def test_recommendation_and_feedback(kind):
    assert due(kind, ACCEPT) == day((3, 16))  # 10 working days (Law 42/2013 Art. 28)
    assert due(kind, FORWARD) == day((3, 9))  # 5 working days (Decree 20/2008)
    assert due(kind, RESOLVE) is None  # REFERENCE gives no limit


def test_working_day_clock_skips_holidays():
    # Received Mon 27/4/2026, the day off for the Hùng Kings' day (a Sunday): the clock
    # starts Tue 28/4 at opening; 30/4 and 1/5 are off → 7th working day is Mon 11/5.
    start = dt.datetime(2026, 4, 27, 8, 0, tzinfo=TZ)
    got = due_for(
        DENUNCIATION, ACCEPT, start, calendar=CAL, remote=False, complex=False, extensions=0
    )
    assert got == CAL.add_working_days(start, 7)
    assert got.date() == dt.date(2026, 5, 11)
