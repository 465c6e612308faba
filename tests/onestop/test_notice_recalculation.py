"""Entering a yearly notice moves the open deadlines it touches (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.core import selectors
from xaso.core.workcal import TZ


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


@pytest.mark.django_db
def test_entering_a_notice_recalculates_the_open_deadlines_it_touches(
    longhe, officer, center, procedures, applicant, make_user, login
):
    """A notice for 2030's Tết, entered on the calendar page, moves the open dossiers
    whose clock crosses the changed days — and the page says which."""
    from tests.onestop.conftest import pdf_upload
    from xaso.core.models import AuditEntry, User
    from xaso.onestop import services as onestop

    dossier = onestop.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["1.004873"],  # 3 working days
        channel="direct",
        applicant=applicant,
        uploads=[onestop.Upload("Tờ khai", pdf_upload())],
        at=at(2030, 1, 30, 9, 0),  # Wednesday; the default Tết 2030 starts Saturday 02/02
    )
    before = dossier.due_at
    assert selectors.calendar_for(center).provisional_between(dossier.clock_started_at, before)
    root = User.objects.create_superuser("caidat", password="mat-khau-cai-dat-2026", full_name="X")
    client = login(root)
    response = client.post(
        "/lich/thong-bao/",
        {
            "toan_quoc": "1",
            "don_vi": "03763",
            "year": 2030,
            "covers": ["tet"],
            "number": "999/TB-BNV",
            "issued_on": "01/10/2029",
            "issuer": "Bộ Nội vụ (kiểm thử)",
            "confirmed": "on",
            # Seven weekdays where the law's default gave five (with two compensatory
            # days): the dossier received Wednesday 30/01 moves from 11/02 to 13/02.
            "days_off": "\n".join(
                f"{d}; Nghỉ Tết"
                for d in (
                    "31/01/2030",
                    "01/02/2030",
                    "04/02/2030",
                    "05/02/2030",
                    "06/02/2030",
                    "07/02/2030",
                    "08/02/2030",
                )
            ),
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200 and dossier.code in page
    dossier.refresh_from_db()
    assert before == at(2030, 2, 11, 17, 0) and dossier.due_at == at(2030, 2, 13, 17, 0)
    assert dossier.events.filter(action="recalculate").exists()
    assert AuditEntry.objects.filter(action="holiday_notice_enter").count() == 1
    calendar = selectors.calendar_for(center)
    assert not calendar.provisional_between(at(2030, 1, 25, 9, 0), at(2030, 2, 20, 9, 0))
    assert "999/TB-BNV" in client.get("/lich/", {"year": 2030}).content.decode()
    # The same holiday of the same year cannot be announced twice.
    again = client.post(
        "/lich/thong-bao/",
        {
            "toan_quoc": "1",
            "year": 2030,
            "covers": ["tet"],
            "number": "1000/TB-BNV",
            "issuer": "X",
            "days_off": "07/02/2030; x",
        },
    )
    assert again.status_code == 400 and "đã có thông báo" in again.content.decode()


@pytest.mark.django_db
def test_a_due_date_over_an_undecided_holiday_says_provisional(
    longhe, officer, center, procedures, applicant, login
):
    from tests.onestop.conftest import pdf_upload
    from xaso.onestop import services as onestop

    later = onestop.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["1.004873"],
        channel="direct",
        applicant=applicant,
        uploads=[onestop.Upload("Tờ khai", pdf_upload())],
        at=at(2030, 1, 30, 9, 0),  # Tết 2030: no notice yet
    )
    known = onestop.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedures["1.004873"],
        channel="direct",
        applicant=applicant,
        uploads=[onestop.Upload("Tờ khai", pdf_upload())],
        at=at(2026, 2, 11, 9, 0),  # Tết 2026: announced (9441/TB-BNV)
    )
    client = login(officer)
    assert "dự kiến" in client.get(f"/mot-cua/ho-so/{later.code}/").content.decode()
    assert "dự kiến" not in client.get(f"/mot-cua/ho-so/{known.code}/").content.decode()
