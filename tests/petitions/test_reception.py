"""Reception sessions, dialogues with follow-up actions; denunciations never public."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.core.models import AuditEntry
from xaso.petitions import selectors, services


def test_chairman_weekly_sessions(longhe, reception, chairman):
    monday = dt.date(2026, 3, 2)
    services.session_record(
        actor=reception,
        org_unit=longhe,
        date=monday + dt.timedelta(days=2),
        host=chairman,
        host_is_chairman=True,
        attendees="3 công dân bản Pá Uổi",
        matters="Đường nội bản",
    )
    services.session_record(
        actor=reception,
        org_unit=longhe,
        date=monday + dt.timedelta(days=8),
        host=reception,
        host_is_chairman=False,
    )
    missing = services.weeks_without_chairman(longhe, monday, monday + dt.timedelta(days=13))
    assert missing == [monday + dt.timedelta(days=7)]
    assert AuditEntry.objects.filter(action="reception_session_record").count() == 2


def test_dialogue_with_actions(longhe, reception, chairman, village, officer):
    d = services.dialogue_record(
        actor=reception,
        org_unit=longhe,
        village=village,
        date=dt.date(2026, 3, 5),
        topic="Nước sinh hoạt",
        actions=[("Sửa đường ống", chairman, dt.date(2026, 4, 1))],
    )
    action = d.actions.get()
    services.dialogue_action_done(actor=reception, action=action)
    action.refresh_from_db()
    assert action.done_at is not None
    with pytest.raises(ValidationError):
        services.dialogue_record(
            actor=reception, org_unit=longhe, village=longhe, date=dt.date(2026, 3, 5), topic="x"
        )
    with pytest.raises(PermissionDenied):
        services.dialogue_record(
            actor=officer, org_unit=longhe, village=village, date=dt.date(2026, 3, 5), topic="x"
        )


def test_denunciations_are_never_tracked_publicly(receive):
    p = receive(kind="denunciation", public=True)
    assert selectors.public_status(p.code) is None


def test_reception_page(login, leader, demo_accounts):
    from xaso.petitions import demo
    from xaso.seed.demo import REPORT_DATE

    demo.create_demo_petitions(report_date=REPORT_DATE)
    page = login(leader).get("/don-thu/tiep-cong-dan/")
    assert page.status_code == 200
    assert "Đối thoại tại bản" in page.content.decode()
    listing = login(leader).get("/don-thu/?ds=all")
    assert listing.status_code == 200 and "Công dân demo" not in listing.content.decode()
