"""The yearly holiday notices (thông báo lịch nghỉ lễ, Tết) as data.

The Labor Code says how many days; each year the Prime Minister decides which — the
notice replaces the statutory rule of the holidays it covers for that year
(``workcal.Notice``). xaso ships every notice it could find (``data/
holiday_notices.json``: number, date, issuer, the days, and whether the text itself was
seen — ``confirmed``), loads it into the database by migration, and uses it directly
when there is no database yet (``shipped_calendar``: ``xaso calendar`` and ``xaso
deadline`` on a fresh checkout). An administrator enters later notices on the calendar
page (``core.services.holiday_notice_enter``).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from xaso.core import workcal

SHIPPED = Path(__file__).parent / "data" / "holiday_notices.json"


@cache
def shipped() -> tuple[dict, ...]:
    return tuple(json.loads(SHIPPED.read_text(encoding="utf-8"))["notices"])


def legal_basis(*, number: str | None, issued_on, issuer: str, confirmed: bool) -> str:
    """ "Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ)"; "(chưa xác nhận)" when the
    text itself was not seen."""
    if isinstance(issued_on, str):
        issued_on = dt.date.fromisoformat(issued_on)
    text = f"Văn bản {number}" if number else "Văn bản (chưa rõ số)"
    if issued_on:
        text += f" ngày {issued_on:%d/%m/%Y}"
    if issuer:
        text += f" ({issuer})"
    if not confirmed:
        text += " — chưa xác nhận"
    return text[:300]


def _basis(entry: dict) -> str:
    return legal_basis(
        number=entry.get("number"),
        issued_on=entry.get("issued_on"),
        issuer=entry.get("issuer", ""),
        confirmed=entry.get("confirmed", False),
    )


def shipped_calendar(schedule: workcal.Schedule | None = None) -> workcal.WorkCalendar:
    """The nationwide calendar from the shipped data alone (no database needed)."""
    notices, overrides = [], []
    for entry in shipped():
        basis = _basis(entry)
        notices.append(
            workcal.Notice(
                year=entry["year"],
                covers=frozenset(entry["covers"]),
                legal_basis=basis,
                confirmed=entry.get("confirmed", False),
            )
        )
        for key, day_off in (("days_off", True), ("working_days", False)):
            for day in entry.get(key, []):
                overrides.append(
                    workcal.Override(
                        dt.date.fromisoformat(day["date"]), day_off, day["reason"], basis
                    )
                )
    return workcal.WorkCalendar(
        rules=workcal.LABOR_CODE_RULES,
        notices=notices,
        overrides=overrides,
        schedule=schedule or workcal.Schedule(),
    )


def load_shipped(notice_model, override_model) -> int:
    """Create the shipped notices missing from the database (safe to run again; used by a
    migration with its historical models). A day already entered nationwide by hand is
    attached to its notice, not duplicated. Returns how many notices were created."""
    created = 0
    for entry in shipped():
        exists = notice_model.objects.filter(
            year=entry["year"], number=entry.get("number") or "", org_unit__isnull=True
        ).filter(covers=entry["covers"])
        if exists.exists():
            continue
        notice = notice_model.objects.create(
            year=entry["year"],
            covers=list(entry["covers"]),
            number=entry.get("number") or "",
            issued_on=entry.get("issued_on"),
            issuer=entry.get("issuer", ""),
            title=entry.get("title", "")[:300],
            confirmed=entry.get("confirmed", False),
            source=entry.get("source", "")[:300],
            note=entry.get("note", ""),
        )
        basis = _basis(entry)
        for key, day_off in (("days_off", True), ("working_days", False)):
            for day in entry.get(key, []):
                date = dt.date.fromisoformat(day["date"])
                row = override_model.objects.filter(date=date, org_unit__isnull=True).first()
                if row is None:
                    override_model.objects.create(
                        date=date,
                        day_off=day_off,
                        reason=day["reason"][:200],
                        legal_basis=basis,
                        notice=notice,
                    )
                else:
                    row.notice = notice
                    row.save(update_fields=["notice"])
        created += 1
    return created
