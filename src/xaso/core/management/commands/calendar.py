"""``xaso calendar --year 2026``: the year's days off with their reason and the notice
that fixed them — or "dự kiến" where no notice has yet. Works on a fresh checkout, before
any database exists, from the shipped notices (``core.notices``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from xaso.core import notices, selectors, workcal
from xaso.core.lunar import InvalidLunarDate, lunar_to_solar
from xaso.core.vietnamese import format_date

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _database_ready() -> bool:
    """Whether the database exists and holds the calendar's tables — without creating an
    empty SQLite file on a fresh checkout."""
    name = settings.DATABASES["default"]["NAME"]
    if connection.vendor == "sqlite" and not Path(str(name)).exists():
        return False
    try:
        return "core_holidayrule" in connection.introspection.table_names()
    except DatabaseError:
        return False


def calendar_or_error(code: str | None) -> workcal.WorkCalendar:
    """The calendar of unit ``code`` (or the nationwide one) from the database; before
    ``make demo`` has created it, the nationwide calendar from the shipped notices."""
    from xaso.core.models import OrgUnit

    if not _database_ready():
        if code:
            raise CommandError(
                "--org-unit: chưa có cơ sở dữ liệu (chạy make demo); lịch chung dùng được "
                "khi bỏ --org-unit."
            )
        return notices.shipped_calendar()
    unit = None
    if code:
        unit = OrgUnit.objects.filter(code=code.strip().upper()).first()
        if unit is None:
            raise CommandError(f"--org-unit: không có đơn vị mã {code!r}.")
    return selectors.calendar_for(unit)


def undecided(calendar: workcal.WorkCalendar, year: int) -> list[str]:
    """The holidays whose days no notice has fixed for ``year`` (shown "dự kiến")."""
    covered = calendar.covered.get(year, set())
    return [workcal.HOLIDAY_GROUPS[g] for g in sorted(workcal.DECIDED_YEARLY - covered)]


class Command(BaseCommand):
    help = "Liệt kê ngày nghỉ trong năm (ngoài thứ Bảy, Chủ nhật) và lý do."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int)
        parser.add_argument(
            "--lunar", metavar="DD/MM/YYYY", help="Đổi một ngày âm lịch sang dương lịch"
        )
        parser.add_argument("--leap", action="store_true", help="Tháng nhuận (với --lunar)")
        parser.add_argument(
            "--org-unit", "--office", dest="office", help="Mã đơn vị (mặc định: lịch chung)"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, year, office, json: bool, lunar, leap, **options):
        if lunar:
            self._convert_lunar(lunar, leap, json)
            return
        if year is None:
            raise CommandError("--year: hãy cho biết năm, ví dụ --year 2026.")
        if not 1900 <= year <= 2199:
            raise CommandError("--year: năm phải từ 1900 đến 2199.")
        calendar = calendar_or_error(office)
        days = calendar.days_off(year)
        working = calendar.working_weekend_days(year)
        pending = undecided(calendar, year)
        if json:
            self.stdout.write(
                _json_dumps(
                    {
                        "year": year,
                        "days_off": [
                            {
                                "date": d.date.isoformat(),
                                "reason": d.reason,
                                "legal_basis": d.legal_basis,
                                "kind": d.kind,
                                "provisional": d.provisional,
                            }
                            for d in days
                        ],
                        "notices": sorted(
                            {n.legal_basis for n in calendar.notices if n.year == year}
                        ),
                        "undecided": pending,
                        "working_weekend_days": [
                            {
                                "date": o.date.isoformat(),
                                "reason": o.reason,
                                "legal_basis": o.legal_basis,
                            }
                            for o in working
                        ],
                    }
                )
            )
            return
        self.stdout.write(f"Ngày nghỉ năm {year} (ngoài thứ Bảy, Chủ nhật):")
        for d in days:
            mark = " (dự kiến)" if d.provisional else ""
            self.stdout.write(
                f"  {WEEKDAYS[d.date.weekday()]:<9} {format_date(d.date)}  "
                f"{d.reason}{mark} — {d.legal_basis}"
            )
        for o in working:
            self.stdout.write(f"  Làm bù    {format_date(o.date)}  {o.reason} — {o.legal_basis}")
        if pending:
            self.stdout.write(
                f"Dự kiến: chưa có thông báo của Chính phủ về {', '.join(pending)} năm {year}; "
                "ngày nghỉ tính theo Bộ luật Lao động, có thể thay đổi."
            )

    def _convert_lunar(self, raw: str, leap: bool, json: bool) -> None:
        try:
            day, month, year = (int(part) for part in raw.strip().split("/"))
        except ValueError as exc:
            raise CommandError(f"--lunar: {raw!r} không hợp lệ; dùng dạng 15/08/2026.") from exc
        try:
            solar = lunar_to_solar(year, month, day, leap)
        except InvalidLunarDate as exc:
            raise CommandError(f"--lunar: {exc}") from exc
        if json:
            self.stdout.write(
                _json_dumps(
                    {
                        "lunar": {"year": year, "month": month, "day": day, "leap": leap},
                        "solar": solar.isoformat(),
                    }
                )
            )
            return
        nhuan = " nhuận" if leap else ""
        self.stdout.write(
            f"Ngày {day:02d}/{month:02d}{nhuan}/{year} âm lịch là "
            f"{WEEKDAYS[solar.weekday()]} {format_date(solar)}."
        )


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
