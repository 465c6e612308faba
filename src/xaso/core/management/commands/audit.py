"""``xaso audit verify``: walk every chain of the audit log and recompute every hash.

Prints each chain with its number of entries and the hash of its last entry — keep those
lines somewhere the database's owner cannot write (docs/operations.md) — and every
problem found. Exits with status 1 when any chain is broken.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from xaso.core import audit


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký hệ thống (phát hiện mục bị sửa, xóa, chèn)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")

    def handle(self, *args, action, **options):
        reports = audit.verify()
        broken = [r for r in reports if r.problems]
        if options["json"]:
            self.stdout.write(_dumps(reports))
        else:
            for report in reports:
                name = report.key or "(ngoài xã)"
                state = "HỎNG" if report.problems else "nguyên vẹn"
                self.stdout.write(
                    f"{name}: {report.entries} mục, {state}, mục cuối {report.head_hash}"
                )
                for problem in report.problems:
                    self.stdout.write(f"  - {problem}")
        if broken:
            raise CommandError(
                f"Nhật ký bị can thiệp ở {len(broken)} chuỗi: "
                + ", ".join(r.key or "(ngoài xã)" for r in broken)
            )


def _dumps(reports) -> str:
    return json.dumps(
        [
            {
                "chain": r.key,
                "entries": r.entries,
                "head_hash": r.head_hash,
                "problems": r.problems,
            }
            for r in reports
        ],
        ensure_ascii=False,
        indent=2,
    )
