"""``xaso deadline --from "2026-02-13 16:00" --days 3 --cutoff 15:00``: the due moment —
the office's closing time of its last working day (Civil Code 2015 Art. 147–148) — and
whether it crosses a provisional day off. Works before any database exists."""

from __future__ import annotations

import datetime as dt
import json as jsonlib

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xaso.core.management.commands.calendar import calendar_or_error
from xaso.core.vietnamese import format_date, format_due

FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d"]


def parse_moment(raw: str) -> dt.datetime:
    for fmt in FORMATS:
        try:
            naive = dt.datetime.strptime(raw.strip(), fmt)
        except ValueError:
            continue
        return timezone.make_aware(naive)
    raise CommandError(f'--from: thời điểm {raw!r} không hợp lệ; dùng dạng "2026-02-13 16:00".')


class Command(BaseCommand):
    help = "Tính hạn: cộng N ngày làm việc vào một thời điểm theo lịch làm việc."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True)
        parser.add_argument("--days", type=int, required=True)
        parser.add_argument("--cutoff", help="Giờ chốt trong ngày, ví dụ 15:00")
        parser.add_argument("--org-unit", "--office", dest="office", help="Mã đơn vị")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, start, days, cutoff, office, json: bool, **options):
        moment = parse_moment(start)
        if days < 0:
            raise CommandError("--days: số ngày làm việc không được âm.")
        cutoff_time = None
        if cutoff:
            try:
                cutoff_time = dt.time.fromisoformat(cutoff)
            except ValueError as exc:
                raise CommandError(
                    f"--cutoff: giờ {cutoff!r} không hợp lệ; dùng dạng 15:00."
                ) from exc
        calendar = calendar_or_error(office)
        due = timezone.localtime(calendar.add_working_days(moment, days, cutoff=cutoff_time))
        provisional = calendar.provisional_between(moment, due)
        if json:
            self.stdout.write(
                jsonlib.dumps(
                    {
                        "from": moment.isoformat(),
                        "days": days,
                        "cutoff": cutoff_time.strftime("%H:%M") if cutoff_time else None,
                        "org_unit": office,
                        "due": due.isoformat(),
                        "provisional_days": [d.date.isoformat() for d in provisional],
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(f"Hạn: {format_due(due)}")
        if provisional:
            self.stdout.write(
                "Dự kiến: hạn đi qua ngày nghỉ chưa có thông báo chính thức ("
                + ", ".join(format_date(d.date) for d in provisional)
                + "); có thể thay đổi."
            )
